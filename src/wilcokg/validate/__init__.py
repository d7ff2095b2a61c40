"""SHACL validation of the knowledge graph against `shapes/wilco.ttl`, sharded so that it runs in parallel.

`gate` validates a dataset, `sharding` cuts it into pieces that validate apart (its header says why
that is sound), `shacl` runs the engine on a piece and reads its results, `rdf_bridge` hands
pyoxigraph's terms to rdflib, which pySHACL reads, and `report` says what was found and where.
"""

from wilcokg.validate.gate import check, validate_dataset, validate_whole_graph
from wilcokg.validate.rdf_files import read_rdf
from wilcokg.validate.sharding import unit

__all__ = ["check", "read_rdf", "unit", "validate_dataset", "validate_whole_graph"]
