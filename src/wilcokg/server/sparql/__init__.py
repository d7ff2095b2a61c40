"""The SPARQL 1.1 Protocol endpoint: request inspection, result formats, the service description."""
