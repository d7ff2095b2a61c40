"""Read-only SPARQL 1.1 Protocol server over the built WILCO knowledge graph."""
