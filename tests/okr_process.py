"""The command line as a real process, shared by the CLI tests that drive it end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def okr(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """`python -m okrworkshop --db DB ARGS`; with ``ok`` it must succeed, else it must fail in
    one sentence on stderr, printing nothing on stdout and no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0, result.stdout
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # one sentence
    return result
