"""Platform adapters: console, Slack, Discord; each turns platform input into an Invocation."""
