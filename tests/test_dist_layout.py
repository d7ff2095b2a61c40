"""The layout of dist/ has one owner: its names are spelled nowhere else, and reading it needs no build."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import wilcokg
from wilcokg import dist_layout
from wilcokg.dist_layout import (
    CANDIDATES,
    CHECKSUMS,
    DUMPS,
    ONTOLOGY_PAGE,
    SEARCH_INDEX,
    TRIG,
    VOID,
    Written,
    graph_names,
    gzip_twin,
    listed_checksums,
    sha256sums,
    unpacked,
)

PACKAGE = Path(wilcokg.__file__).parent
NAMES = (*DUMPS, VOID, SEARCH_INDEX, ONTOLOGY_PAGE, CANDIDATES, CHECKSUMS)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _spelled_names(path: Path, root: Path = PACKAGE) -> list[str]:
    """Each string in the module's code (docstrings aside) that is, or points into dist/ at, a file of dist/."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if any(text in (name, gzip_twin(name)) or f"dist/{name}" in text for name in NAMES):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text!r}")
    return found


def test_no_module_but_the_layout_spells_a_file_name_of_dist() -> None:
    spelled = [
        hit for path in sorted(PACKAGE.rglob("*.py")) if path.name != "dist_layout.py" for hit in _spelled_names(path)
    ]
    assert spelled == []


def test_the_name_check_finds_a_spelled_name(tmp_path: Path) -> None:
    module = tmp_path / "stray.py"
    module.write_text('"""Reads wilco.trig."""\nTRIG = "wilco.trig"\nHELP = "see dist/void.ttl"\n', encoding="utf-8")
    assert _spelled_names(module, tmp_path) == ["stray.py:2: 'wilco.trig'", "stray.py:3: 'see dist/void.ttl'"]


def test_a_gzip_twin_unpacks_to_its_dump() -> None:
    assert gzip_twin(TRIG) == "wilco.trig.gz"
    assert unpacked(gzip_twin(TRIG)) == TRIG
    assert unpacked(VOID) == VOID


def test_checksums_read_back_as_written(tmp_path: Path) -> None:
    files = {TRIG: Written(3, "ab" * 32), CANDIDATES: Written(1, "cd" * 32)}
    (tmp_path / CHECKSUMS).write_bytes(sha256sums(files))
    assert listed_checksums(tmp_path) == [(CANDIDATES, "cd" * 32), (TRIG, "ab" * 32)]


def test_graph_names_are_the_named_graphs_of_the_trig(tmp_path: Path) -> None:
    (tmp_path / TRIG).write_text(
        "<http://e/b> { <http://e/s> <http://e/p> 1 . }\n"
        "<http://e/a> { <http://e/s> <http://e/p> 2 . }\n"
        "<http://e/s> <http://e/p> 3 .\n",
        encoding="utf-8",
    )
    assert graph_names(tmp_path) == ("http://e/a", "http://e/b")


@pytest.mark.parametrize(
    ("module", "not_loaded"),
    [
        ("wilcokg.dist_layout", ("wilcokg.build", "wilcokg.publish", "wilcokg.server", "wilcokg.remote")),
        ("wilcokg.remote.command", ("wilcokg.server", "wilcokg.build", "wilcokg.publish")),
        ("wilcokg.server.app", ("wilcokg.remote", "wilcokg.build", "wilcokg.publish")),
    ],
)
def test_readers_of_dist_load_no_writer_of_it(module: str, not_loaded: tuple[str, ...]) -> None:
    """The server and the remote store read dist/ through its layout, not through each other or the build."""
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # A module or anything in it: `wilcokg.build` is the pipeline, not `wilcokg.build_cache`, which the
    # modules the build shares with the server (the search index, the corpus reader) keep their parts in.
    assert [name for name in loaded if name in not_loaded or name.startswith(tuple(f"{m}." for m in not_loaded))] == []
    assert dist_layout.__name__ in loaded
