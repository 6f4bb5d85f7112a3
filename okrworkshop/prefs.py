"""Per-user preferences of the terminal app (for now, the theme), kept apart from workshops.

The theme a facilitator picked for the projector is a property of their machine, not of the
workshop, so it lives in the per-user config folder, never in the shared database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_path

from . import jsonio
from .store import atomic_write_text

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


@dataclass
class Prefs:
    theme: str = DARK_THEME


def default_prefs_path() -> Path:
    """``$OKRWORKSHOP_CONFIG`` if set, else ``prefs.json`` in the per-user config folder."""
    override = os.environ.get("OKRWORKSHOP_CONFIG")
    if override:
        return Path(override)
    return user_config_path("okrworkshop", appauthor=False) / "prefs.json"


def load_prefs(path: Path) -> Prefs:
    """The saved preferences; anything missing or unreadable falls back to the defaults."""
    try:
        data = jsonio.load(path, max_bytes=64 * 1024)
    except (OSError, ValueError):  # jsonio.UnreadableFile is a ValueError
        return Prefs()
    theme = data.get("theme") if isinstance(data, dict) else None
    return Prefs(theme=theme if theme in (DARK_THEME, LIGHT_THEME) else DARK_THEME)


def save_prefs(path: Path, prefs: Prefs) -> None:
    """Write the preferences; a read-only home only costs the memory of the theme."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(asdict(prefs)) + "\n")
    except OSError:
        pass
