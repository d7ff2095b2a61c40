"""The dataset's modification date: the same for the same inputs in every clone, later after a change."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wilcokg.describe.source_date import source_date


def _git(folder: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when is not None:
        env |= {"GIT_COMMITTER_DATE": f"{when} +0000", "GIT_AUTHOR_DATE": f"{when} +0000"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_inputs_in_git_take_the_time_of_their_last_commit_not_of_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("a", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", when=1_400_000_000)
    os.utime(reports / "a.txt", (1_700_000_000, 1_700_000_000))
    assert source_date([reports]) == datetime.fromtimestamp(1_400_000_000, UTC)


def test_without_git_the_newest_file_counts_and_the_epoch_variable_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    os.utime(tmp_path / "a.txt", (1_500_000_000, 1_500_000_000))
    os.utime(tmp_path / "b.txt", (1_600_000_000, 1_600_000_000))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert source_date([tmp_path]) == datetime.fromtimestamp(1_600_000_000, UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1300000000")
    assert source_date([tmp_path]) == datetime.fromtimestamp(1_300_000_000, UTC)
