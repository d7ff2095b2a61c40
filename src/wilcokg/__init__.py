"""wilcokg: WILCO social-innovation chapters as a validated, linked open-data knowledge graph."""

__version__ = "0.1.0"
