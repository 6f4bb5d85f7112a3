"""Opening the full-screen apps: the only place the core imports the UI, and only when asked.

The other commands never import Textual, so they start fast and the core stays headless.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Stage
from ..prefs import default_prefs_path
from ..store import Store

if TYPE_CHECKING:
    from ..drafts_file import DraftsFileStore
    from ..org_view import OrgView

FULL_SCREEN_GC = (10_000, 10, 10)
"""The cycle collector's thresholds for a full-screen app. Textual allocates many small
objects while it styles and draws a screen; at Python's default (a collection every 700) the
collector took about a third of the CPU time to the first frame of the drafts step. The app
holds few cycles worth freeing sooner, so a collection every 10,000 allocations costs a little
memory and nothing the room can see."""


def tune_collector() -> None:
    """Before a full-screen app runs: what the imports built lives as long as the process, so
    the collector stops rescanning it (``gc.freeze``, which costs nothing: no collection
    first), and it runs less often."""
    gc.freeze()
    gc.set_threshold(*FULL_SCREEN_GC)


def facilitator(db_path: Path, workshop_id: str | None, step: Stage | None = None) -> None:
    """The shared screen on one workshop, or on the welcome list when none is given.

    A corrupt or newer database is refused (by name) before the screen starts.
    """
    store = Store.open(db_path)  # the app creates the database on first use
    from screens.closing import Ending

    ending = Ending()  # from here, a hang-up or SIGTERM saves what waits and ends the process
    from screens.app_base import AppOptions
    from screens.facilitator.app import make_app

    options = AppOptions(prefs_path=default_prefs_path(), ending=ending)
    app = make_app(store, workshop_id, step=step, options=options)
    tune_collector()
    app.run()


def participant(store: Store | DraftsFileStore, workshop_id: str, person: str | None) -> None:
    """A participant's own screen, on the database or on their drafts file."""
    from screens.closing import Ending

    ending = Ending()  # from here, a hang-up or SIGTERM saves what waits and ends the process
    from screens.app_base import AppOptions
    from screens.participant.app import make_participant_app

    options = AppOptions(prefs_path=default_prefs_path(), ending=ending)
    app = make_participant_app(store, workshop_id, person, options)
    tune_collector()
    app.run()


def org_screen(view: OrgView | None, read: Callable[[], OrgView]) -> None:
    """The org overview on the full screen (``okrworkshop org --open``); it writes nothing."""
    from screens.facilitator.org.app import OrgApp

    app = OrgApp(view, read)
    tune_collector()
    app.run()
