"""Talking to external SPARQL 1.1 stores: uploading the dump into one (`wilcokg publish`), and checking
our Wikidata links against Wikidata's endpoint (`wilcokg links`)."""
