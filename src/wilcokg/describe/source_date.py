"""The date the dataset description gives for its last change.

`SOURCE_DATE_EPOCH` when it is set (the reproducible-builds convention); else, for inputs kept in git,
the time of the last commit that touched them, the same in every clone of that commit; else the
newest modification time of the input files. Rebuilding the same inputs gives the same date, and a
change to them moves it forward. The server derives `Last-Modified` from it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path


def _commit_time(paths: list[Path]) -> int | None:
    folder = next((p if p.is_dir() else p.parent for p in paths), None)
    if folder is None:
        return None
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *(str(p.resolve()) for p in paths)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    return int(stamp) if done.returncode == 0 and stamp.isdigit() else None


def source_date(inputs: Iterable[Path]) -> datetime:
    """UTC, in whole seconds, as HTTP dates have them."""
    paths = list(inputs)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        seconds = int(epoch)
    elif (committed := _commit_time(paths)) is not None:
        seconds = committed
    else:
        files = [path for root in paths for path in ([root] if root.is_file() else root.rglob("*")) if path.is_file()]
        seconds = max((int(path.stat().st_mtime) for path in files), default=0)
    return datetime.fromtimestamp(seconds, UTC)
