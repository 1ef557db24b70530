"""tracker: read Vietnamese directives, extract their tasks, track every unit's work."""

__version__ = "0.1.0"
