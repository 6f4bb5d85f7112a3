"""The real app with field autosave switched off: the control run of tui_bench's typing latency.

Run by ``bench/tui_bench.py`` as ``python bench/tui_nosave.py DB WORKSHOP_ID STEP``. The app is
built exactly as ``okrworkshop open --step STEP`` builds it; the only difference is that
``edit_later`` (which records a field's newest value for the debounced save) does nothing, so the
difference in key-to-frame latency against the real app is what saving as you type costs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from okrworkshop.model import Stage
from okrworkshop.prefs import default_prefs_path
from okrworkshop.store import Store
from screens.app_base import AppOptions
from screens.facilitator.app import make_app


def main() -> None:
    db, workshop_id, step = sys.argv[1:4]
    app = make_app(
        Store.open(db),
        workshop_id,
        step=Stage(step),
        options=AppOptions(prefs_path=default_prefs_path()),
    )

    def no_save(key: str, change: Callable[..., Any]) -> None:
        """Typing still changes the field on screen; nothing is queued for the store."""

    app.edit_later = no_save  # type: ignore[method-assign]
    app.run()


if __name__ == "__main__":
    main()
