"""What an interrupted publish had already done, so that a rerun resumes instead of starting over.

One JSON file holds an entry per store URL: the dataset version being published and the graphs
already replaced. An entry for another version is stale and ignored; a finished publish removes its
entry (and the file, once empty), so the next run replaces every graph again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class PublishState:
    path: Path
    store: str
    version: str
    replaced: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path, store: str, version: str) -> PublishState:
        entry = _read(path).get(store, {})
        replaced = set(entry.get("replaced", [])) if entry.get("version") == version else set()
        return cls(path, store, version, replaced)

    def mark_replaced(self, iri: str) -> None:
        self.replaced.add(iri)
        self._write({"version": self.version, "replaced": sorted(self.replaced)})

    def forget(self, iris: list[str]) -> None:
        if iris:
            self.replaced.difference_update(iris)
            self._write({"version": self.version, "replaced": sorted(self.replaced)})

    def finish(self) -> None:
        self.replaced.clear()
        self._write(None)

    def _write(self, entry: dict[str, object] | None) -> None:
        document = _read(self.path)
        if entry is None:
            document.pop(self.store, None)
        else:
            document[self.store] = entry
        if not document:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staging = self.path.with_name(f".{self.path.name}-{os.getpid()}")
        staging.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # Replaced whole, so that a crash never leaves half a state file behind.
        os.replace(staging, self.path)


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # A missing or unreadable state only costs a full publish.
        return {}
    return document if isinstance(document, dict) else {}
