"""Linked data: `/id/…` resolves to `/page/…` (HTML) or `/data/…` (RDF), with evidence and roles."""
