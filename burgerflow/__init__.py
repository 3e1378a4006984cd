"""burgerflow: a citizen's life event as a durable, auditable case for Dutch public services."""

__version__ = "0.1.0"
