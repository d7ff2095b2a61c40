"""Exploring the book: full-text search, the chapter reader, the map, the JSON-LD context."""
