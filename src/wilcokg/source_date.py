"""The date the dataset description gives for its last change.

`SOURCE_DATE_EPOCH` when it is set (the reproducible-builds convention, e.g. the time of the last
commit), else the newest modification time of the input files: rebuilding the same files gives the
same date, and changing any of them moves it forward. The server derives `Last-Modified` from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path


def source_date(inputs: Iterable[Path]) -> datetime:
    """UTC, in whole seconds, as HTTP dates have them."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        seconds = int(epoch)
    else:
        files = [path for root in inputs for path in ([root] if root.is_file() else root.rglob("*")) if path.is_file()]
        seconds = max((int(path.stat().st_mtime) for path in files), default=0)
    return datetime.fromtimestamp(seconds, UTC)
