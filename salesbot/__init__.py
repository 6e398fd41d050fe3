"""salesbot: live AI sales-call demos and the review of what was said."""

__version__ = "0.1.0"
