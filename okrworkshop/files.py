"""Writing an exported document to a file a person chose: a safe default name, a check of the
path before anything is written, and an atomic write. Each problem comes back as a sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Workshop
from .store import atomic_write_text

FILE_SUFFIX = ".okr.md"
PREREAD_SUFFIX = ".pre-read.md"


def default_file_name(ws: Workshop, suffix: str = FILE_SUFFIX) -> str:
    """A file name that is safe on any system, from team and cycle: marketplace-search-2027-q1
    followed by ``suffix`` (``.okr.md`` for the OKR, ``.pre-read.md`` for the pre-read)."""
    slug = re.sub(r"\W+", "-", f"{ws.team} {ws.cycle.label}".casefold()).strip("-_")
    return f"{slug[:80].strip('-_') or 'okr'}{suffix}"


def resolve_path(answer: str, cwd: Path) -> Path:
    """What was typed as an absolute path: ``~`` is the home folder, relative is under ``cwd``."""
    path = Path(answer.strip()).expanduser()
    return path if path.is_absolute() else cwd / path


def target_problem(path: Path, name: str) -> tuple[str | None, bool]:
    """Why ``path`` cannot take the file (or None), and whether a file is there already.

    Runs in a thread: it asks the file system. ``name`` is the file name to suggest.
    """
    try:
        if path.is_dir():
            return f"{path} is a folder. Add a file name, e.g. {path / name}", False
        if not path.parent.is_dir():
            return (
                f"The folder {path.parent} does not exist; create it first or pick another.",
                False,
            )
        return None, path.exists()
    except OSError as exc:
        return f"Cannot save to {path}: {exc.strerror or exc}.", False


def write_file(path: Path, text: str) -> str | None:
    """Write the document atomically; the reason it failed, in words, or None. In a thread."""
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        return f"Could not save to {path}: {exc.strerror or exc}."
    return None
