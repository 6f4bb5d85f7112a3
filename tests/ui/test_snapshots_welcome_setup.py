"""Screenshots of the first screen and the setup step, compared with approved SVGs."""

from __future__ import annotations

from hostile import HOSTILE
from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.model import Stage


async def fixed_db_path(pilot) -> None:
    """The database lives in a new temporary folder each run: show one fixed path instead."""
    pilot.app.screen.query_one("#db-path", Static).update(
        "Workshops are saved in /home/ana/.local/share/okrworkshop/workshops.json"
    )


class TestWelcome:
    def test_first_run(self, snap_compare, store, app_for):
        """An empty database: what the app is for, new workshop, open the example."""
        app = app_for(store)
        assert snap_compare(app, run_before=fixed_db_path, terminal_size=(120, 40))

    def test_first_run_small_terminal(self, snap_compare, store, app_for):
        """The same at 80x24: nothing cut off that matters."""
        app = app_for(store)
        assert snap_compare(app, run_before=fixed_db_path, terminal_size=(80, 24))

    def test_new_workshop_form(self, snap_compare, store, app_for):
        """The form after pressing n."""

        async def open_form(pilot) -> None:
            await fixed_db_path(pilot)
            await pilot.press("n")

        assert snap_compare(app_for(store), run_before=open_form, terminal_size=(120, 40))


class TestSetup:
    def test_example(self, snap_compare, example_store, app_for):
        """The finished example's setup: team, cycle, people and their draft counts."""
        app = app_for(example_store, "example", Stage.SETUP)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_example_small_terminal(self, snap_compare, example_store, app_for):
        """The setup step at 80x24."""
        app = app_for(example_store, "example", Stage.SETUP)
        assert snap_compare(app, terminal_size=(80, 24))

    def test_hostile_names(self, snap_compare, store, workshop, app_for):
        """Participant names that look like markup or carry escapes show literally."""
        for key in ("rich-markup", "click-action", "todo-brackets", "rtl", "emoji"):
            store.update(workshop.id, lambda ws, k=key: actions.add_participant(ws, HOSTILE[k]))
        app = app_for(store, workshop.id, Stage.SETUP)
        assert snap_compare(app, terminal_size=(120, 40))
