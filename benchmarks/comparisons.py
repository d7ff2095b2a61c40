"""Our SHACL gate against pyshacl and our OWL-RL inference against owlrl, on the same asserted data.

Each comparison runs in a child process (this file, run as a script) with a time limit, because the
pure-Python baselines can take minutes where the project's engines take a second. A section whose
module (`wilcokg.validate`, `wilcokg.infer`) does not import yet reports "not yet available".

    python benchmarks/comparisons.py infer|validate REPORTS REFERENCE ONTOLOGY
"""

from __future__ import annotations

import functools
import importlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pyoxigraph import Quad, RdfFormat, serialize
from rdflib import Graph

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Comparison:
    """Seconds of ours and of the baseline on one data set, or why there is nothing to compare."""

    section: str
    triples: int
    ours_seconds: float | None = None
    baseline_seconds: float | None = None
    detail: str = ""

    @property
    def available(self) -> bool:
        return self.ours_seconds is not None

    @property
    def speedup(self) -> float | None:
        if self.ours_seconds and self.baseline_seconds:
            return self.baseline_seconds / self.ours_seconds
        return None


def module_available(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def compare(section: str, reports: Path, reference: Path, ontology: Path, triples: int, timeout: float) -> Comparison:
    module = {"infer": "wilcokg.infer", "validate": "wilcokg.validate"}[section]
    if not module_available(module):
        return Comparison(section, triples, detail=f"not yet available ({module} does not import)")
    command = [sys.executable, __file__, section, str(reports), str(reference), str(ontology)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Comparison(section, triples, detail=f"gave up after {timeout:.0f} s")
    if done.returncode != 0:
        return Comparison(section, triples, detail=f"failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Comparison(section, triples, result["ours"], result.get("baseline"), result.get("detail", ""))


# ---- the child process ----


def _timed(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def _rdflib_graph(quads: Sequence[Quad]) -> Graph:
    """The union of the asserted graphs as one rdflib Graph, which is what owlrl and pyshacl take."""
    graph = Graph()
    graph.parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def _infer(quads: Sequence[Quad]) -> dict[str, object]:
    import owlrl

    from wilcokg.infer import infer

    entailed, ours = _timed(infer, quads)
    graph = _rdflib_graph(quads)
    _, baseline = _timed(owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand, graph)
    return {"ours": ours, "baseline": baseline, "detail": f"{len(entailed)} informative entailments"}


def _validate(quads: Sequence[Quad], shapes_file: Path) -> dict[str, object]:
    import pyshacl
    from rdflib.namespace import RDF, SH

    from wilcokg.validate import check

    report, ours = _timed(check, quads, shapes_file)
    shapes = Graph().parse(shapes_file)
    graph = _rdflib_graph(quads)
    (conforms, results, _), baseline = _timed(
        functools.partial(pyshacl.validate, shacl_graph=shapes, advanced=True), graph
    )
    # Focus node and constraint component of every result: the same set from both, or the speed-up is moot.
    theirs = {
        (str(results.value(result, SH.focusNode)), str(results.value(result, SH.sourceConstraintComponent)))
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    mine = {(violation.focus, violation.component) for violation in report.violations}
    same = "same results" if (mine == theirs and report.conforms == conforms) else "DIFFERENT results"
    detail = (
        f"conforms: ours {report.conforms}, pyshacl {conforms}; results: ours {len(report.violations)}, "
        f"pyshacl {len(set(results.subjects(RDF.type, SH.ValidationResult)))}; {same}"
    )
    return {"ours": ours, "baseline": baseline, "detail": detail}


def main() -> None:
    from wilcokg.build import BuildReport, Inputs, assemble

    section, reports, reference, ontology = sys.argv[1], *map(Path, sys.argv[2:5])
    # A synthetic corpus brings its own copy of the shapes (see corpus.write_corpus).
    shapes = reports.parent / "shapes.ttl"
    dataset = assemble(Inputs(reports, reference, ontology, shapes), BuildReport())
    result = _infer(dataset.quads) if section == "infer" else _validate(dataset.quads, shapes)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
