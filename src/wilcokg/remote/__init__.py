"""Talking to external SPARQL 1.1 stores: publishing the dump into one."""
