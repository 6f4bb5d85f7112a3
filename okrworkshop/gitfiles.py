"""Team files kept in git: recognising a file git left mid-merge, and saying what to do.

When two clones change the same team file and one pulls the other's commit, git writes both
versions into the file between conflict markers. Such a file is not JSON any more; every reader
(the app, the commands, the org view) names it as a conflict rather than as a corrupt file, and
leaves it exactly as it is.
"""

from __future__ import annotations

from pathlib import Path


def has_conflict_markers(raw: bytes) -> bool:
    """A file git left mid-merge: lines starting ``<<<<<<<``, ``=======`` and ``>>>>>>>``."""
    opens = raw.startswith(b"<<<<<<< ") or b"\n<<<<<<< " in raw
    return opens and b"\n=======" in raw and b"\n>>>>>>> " in raw


def conflict_advice(path: Path) -> str:
    """What to do about a conflicted team file, in one sentence (nothing is lost meanwhile)."""
    name = path.name
    return (
        f"holds git conflict markers: two versions of it were merged by git. Nothing was lost "
        f"and nothing was changed. Combine both with 'okrworkshop org-merge {name}', or keep "
        f"one side with 'git checkout --ours {name}' (or --theirs), then 'git add {name}' and "
        f"commit"
    )
