"""Quality measurement against labelled data: ``python -m bot eval KIND --gold FILE``."""
