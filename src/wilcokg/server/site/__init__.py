"""The site around the endpoint: home page, chapters, instances, downloads, ontology, curation, crawlers."""
