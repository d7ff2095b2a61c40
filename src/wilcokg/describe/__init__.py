"""The dataset's description: the provenance inside the dumps, and VoID with the DCAT-AP catalogue
(`void.ttl`) beside them, with what the dataset covers (places, period, keywords) and when it last
changed; and the ontology's own documentation page."""
