"""A Slack and Discord bot that briefs people on a running news story."""

__version__ = "0.1.0"
