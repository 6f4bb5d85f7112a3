"""A save that fails (full disk, read-only file) never ends the app nor loses what was typed.

The store here is real, wrapped so that its saves fail while ``failing`` is set; both what a
full disk raised before the core named it (``OSError`` ENOSPC) and the core's own sentence
(``StoreError``) are tried.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from okrworkshop import actions, participation
from okrworkshop.model import Check, Review, Stage, Workshop
from okrworkshop.store import Store
from screens.app_base import AppOptions, WorkshopApp
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.dialogs.new_workshop import NewWorkshopScreen
from screens.facilitator.app import OkrApp, make_app
from screens.facilitator.drafts import DraftsScreen
from screens.facilitator.focus import FocusScreen
from screens.facilitator.refine import RefineScreen
from screens.facilitator.setup import SetupScreen
from screens.participant.app import make_participant_app
from screens.participant.drafting import DraftingScreen
from screens.participant.voting import VotingScreen
from screens.widgets.fields import FieldArea, SafeInput
from ui.failing_store import FailingStore, disk_full, disk_full_sentence
from ui.helpers import record_notes

if TYPE_CHECKING:  # the fixture's type only: conftest modules are not imported by hand
    from ui.conftest import FrozenClock

FAILURES = {"raw OSError": disk_full, "StoreError sentence": disk_full_sentence}
RETRY = 0.2  # seconds between retries of kept edits, short for the tests


A = TypeVar("A", bound=WorkshopApp)

SEEN: WeakKeyDictionary[WorkshopApp, list[str]] = WeakKeyDictionary()
"""What each app built here has told people, kept after its toasts time out."""


def recorded(app: A) -> A:
    SEEN[app] = record_notes(app)
    return app


def notes(app: WorkshopApp) -> str:
    """Every notification raised so far (even one whose toast has gone), as one text."""
    return "\n".join(SEEN[app])


def told_disk_full(app: WorkshopApp, failing: FailingStore) -> bool:
    told = notes(app)
    return (
        "The disk is full: could not save" in told
        and str(failing.path) in told
        and "Nothing you typed is lost" in told
    )


async def until(condition: Callable[[], bool], pilot, seconds: float = 10.0) -> None:
    """Let the app run until ``condition`` holds (a real condition, with a deadline)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        await pilot.pause(0.05)


@pytest.fixture
def failing(store: Store) -> FailingStore:
    return FailingStore(store)


def facilitator_app(
    failing: FailingStore,
    workshop_id: str,
    step: Stage,
    tmp_path: Path,
    clock: Callable[[], float] = time.monotonic,
) -> OkrApp:
    return recorded(
        make_app(
            failing,  # type: ignore[arg-type]
            workshop_id,
            step=step,
            options=AppOptions(
                prefs_path=tmp_path / "prefs.json",
                clock=clock,
                retry_seconds=RETRY,
                cursor_blink=False,
            ),
        )
    )


@pytest.mark.parametrize("make_error", FAILURES.values(), ids=FAILURES.keys())
async def test_a_draft_that_cannot_be_saved_stays_in_the_box_until_enter_saves_it(
    failing: FailingStore,
    workshop: Workshop,
    tmp_path: Path,
    make_error: Callable[[object], BaseException],
) -> None:
    app = facilitator_app(failing, workshop.id, Stage.DRAFTS, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        box = app.screen.query_one("#draft-input", Input)
        failing.failing = make_error(failing.path)
        await pilot.press(*"Buyers find things fast", "enter")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert box.value == "Buyers find things fast"
        assert failing.real.get(workshop.id).objectives == []
        assert told_disk_full(app, failing)
        message = str(app.screen.query_one("#draft-message", Static).render())
        assert "The disk is full" in message

        failing.failing = None
        box.focus()
        await pilot.press("enter")  # the same Enter, once the disk has room
        await app.settle()
        await pilot.pause()
        assert [o.text for o in failing.real.get(workshop.id).objectives] == [
            "Buyers find things fast"
        ]
        assert box.value == ""
        assert "Saving works again" in notes(app)


async def test_a_context_edit_is_kept_retried_and_saved_once_the_disk_has_room(
    failing: FailingStore, workshop: Workshop, tmp_path: Path
) -> None:
    app = facilitator_app(failing, workshop.id, Stage.CONTEXT, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#context-mission", FieldArea)
        area.focus()
        failing.failing = disk_full(failing.path)
        await pilot.press(*"Help shops sell")
        await pilot.press("tab")  # leaving the field saves it at once: this save fails
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert failing.real.get(workshop.id).context.mission == ""
        assert app.writes.unsaved() == ["Help shops sell"]
        assert told_disk_full(app, failing)
        assert f"saved again every {RETRY:g} seconds" in notes(app)
        # The file is re-read after every try; the kept words stay on screen regardless.
        app.writes.reload(workshop.id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert area.text == "Help shops sell"

        tries = failing.failed
        await until(lambda: failing.failed > tries, pilot)  # it is retried on its own
        failing.failing = None
        await until(
            lambda: failing.real.get(workshop.id).context.mission == "Help shops sell", pilot
        )
        await until(lambda: not app.writes.unsaved() and not app.writes.busy, pilot)
        assert area.text == "Help shops sell"
        assert "Saving works again" in notes(app)


async def test_a_vote_that_cannot_be_saved_is_said_and_counts_once_saved(
    failing: FailingStore, workshop: Workshop, tmp_path: Path
) -> None:
    failing.real.update(workshop.id, lambda ws: actions.add_draft(ws, "Fast search", author="Ben"))
    app = facilitator_app(failing, workshop.id, Stage.FOCUS, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.settle()
        assert isinstance(app.screen, FocusScreen)
        failing.failing = disk_full_sentence(failing.path)
        await pilot.press("space")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert failing.real.get(workshop.id).objectives[0].votes == {}
        assert "The disk is full" in str(app.screen.query_one("#vote-message", Static).render())
        assert told_disk_full(app, failing)

        failing.failing = None
        await pilot.press("space")
        await app.settle()
        assert failing.real.get(workshop.id).objectives[0].votes == {"Ben": 1}


async def test_a_review_note_that_cannot_be_saved_comes_back_in_its_dialog(
    failing: FailingStore, workshop: Workshop, tmp_path: Path
) -> None:
    def prepare(ws: Workshop) -> str:
        draft = actions.add_draft(ws, "New sellers succeed in their first week", author="Ben")
        actions.choose_focus(ws, draft.id)
        return actions.add_key_result(ws, "Launch the new onboarding", author="Dana").id

    kr_id = failing.real.update(workshop.id, prepare)
    app = facilitator_app(failing, workshop.id, Stage.REFINE, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)
        await pilot.press("end", "a")  # accept Outcome as it is, with a note
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        failing.failing = disk_full(failing.path)
        await pilot.press(*"Launch first, measure next cycle", "enter")
        await until(lambda: failing.failed == 1, pilot)
        await until(lambda: isinstance(app.screen, TextPrompt), pilot)
        await pilot.pause()
        prompt = app.screen
        assert prompt.query_one("#answer", Input).value == "Launch first, measure next cycle"
        assert "The disk is full" in str(prompt.query_one("#prompt-error", Static).render())
        assert told_disk_full(app, failing)
        smart = failing.real.get(workshop.id).key_result(kr_id).smart[Check.OUTCOME]
        assert smart.status is Review.OPEN

        failing.failing = None
        await pilot.press("enter")  # the same Enter saves it
        await until(lambda: isinstance(app.screen, RefineScreen), pilot)
        await app.settle()
        smart = failing.real.get(workshop.id).key_result(kr_id).smart[Check.OUTCOME]
        assert smart.status is Review.ACCEPTED
        assert smart.note == "Launch first, measure next cycle"


@pytest.mark.parametrize("make_error", FAILURES.values(), ids=FAILURES.keys())
async def test_a_participants_draft_and_vote_survive_a_full_disk(
    failing: FailingStore,
    workshop: Workshop,
    tmp_path: Path,
    make_error: Callable[[object], BaseException],
) -> None:
    app = make_participant_app(
        failing,  # type: ignore[arg-type]
        workshop.id,
        "Ben",
        options=AppOptions(
            prefs_path=tmp_path / "prefs.json", retry_seconds=RETRY, cursor_blink=False
        ),
    )
    recorded(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # past the briefing
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)
        box = app.screen.query_one("#new-draft", Input)
        failing.failing = make_error(failing.path)
        await pilot.press(*"Sellers list in minutes", "enter")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert box.value == "Sellers list in minutes"
        assert told_disk_full(app, failing)
        assert failing.real.get(workshop.id).objectives == []

        failing.failing = None
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert [o.text for o in failing.real.get(workshop.id).objectives] == [
            "Sellers list in minutes"
        ]
        assert box.value == ""

        # The room votes; a dot given while the disk is full is not counted, and is said so.
        failing.real.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        app.writes.reload(workshop.id)
        await app.settle()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)
        failing.failing = make_error(failing.path)
        SEEN[app].clear()
        await pilot.press("space")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert told_disk_full(app, failing)
        assert failing.real.get(workshop.id).objectives[0].votes == {}
        failing.failing = None
        await pilot.press("space")
        await app.settle()
        assert failing.real.get(workshop.id).objectives[0].votes == {"Ben": 1}


async def test_quitting_with_an_unsaved_edit_asks_and_lists_it(
    failing: FailingStore, workshop: Workshop, tmp_path: Path
) -> None:
    app = facilitator_app(failing, workshop.id, Stage.CONTEXT, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#context-vision", FieldArea).focus()
        failing.failing = disk_full(failing.path)
        await pilot.press(*"Every buyer finds it")
        await pilot.press("ctrl+q")
        await until(lambda: isinstance(app.screen, ConfirmScreen), pilot)
        question = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Quit without saving?" in question
        assert "The disk is full" in question
        assert "Every buyer finds it" in question
        await pilot.press("n")  # stay: the edit is still kept and retried
        await pilot.pause()
        assert app.is_running
        assert app.writes.unsaved() == ["Every buyer finds it"]

        failing.failing = None
        await pilot.press("ctrl+q")  # saves it, then quits without asking
        await until(lambda: not app.is_running, pilot)
    assert failing.real.get(workshop.id).context.vision == "Every buyer finds it"
    assert app.return_code == 0


async def test_a_participant_closed_under_a_full_disk_ends_quietly(
    failing: FailingStore, workshop: Workshop, tmp_path: Path
) -> None:
    """Closed under the person (a browser tab shut) with words in the box and the disk full:
    nobody can be asked, the save is tried through the queue and fails, the app still ends."""
    from textual.messages import ExitApp

    app = make_participant_app(
        failing,  # type: ignore[arg-type]
        workshop.id,
        "Ben",
        options=AppOptions(prefs_path=tmp_path / "prefs.json", cursor_blink=False),
    )
    recorded(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#new-draft", Input).insert_text_at_cursor("Half a thought")
        await pilot.pause()
        failing.failing = disk_full(failing.path)
        app.post_message(ExitApp())
        await pilot.pause()
    assert failing.failed == 1
    assert failing.real.get(workshop.id).objectives == []


def test_the_participant_screens_never_write_to_the_store_themselves() -> None:
    """Every write of the participant's screens goes through the app's write queue."""
    folder = Path(participation.__file__).parents[1] / "screens" / "participant"
    sources = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.py")}
    assert "drafting.py" in sources
    assert [name for name, text in sources.items() if ".store.update(" in text] == []


async def test_time_on_a_step_that_cannot_be_saved_is_not_announced(
    failing: FailingStore, workshop: Workshop, tmp_path: Path, clock: FrozenClock
) -> None:
    """Bookkeeping nobody typed (the minutes spent on a step) fails quietly: the saves people
    asked for already say what is wrong."""
    app = facilitator_app(failing, workshop.id, Stage.DRAFTS, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        failing.failing = disk_full(failing.path)
        clock.advance(90)
        app.screen.record_time()  # as every minute, and when the step is left
        await app.settle()
        await pilot.pause()
        assert failing.failed == 1
        assert "Not saved" not in [n.title for n in app._notifications]
        assert app.is_running


async def test_words_given_back_go_before_what_was_typed_since() -> None:
    """An add box empties on Enter so the next draft can start at once; if that save fails
    after the person began typing again, both are kept."""

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield SafeInput(id="box")

    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(SafeInput)
        box.give_back("First draft")
        assert box.value == "First draft"
        box.value = "Sec"
        box.give_back("First draft")
        await pilot.pause()
        assert box.value == "First draft Sec"
        assert box.cursor_position == len(box.value)


async def test_a_new_workshop_that_cannot_be_saved_opens_its_form_again(
    failing: FailingStore, tmp_path: Path
) -> None:
    app = make_app(
        failing,  # type: ignore[arg-type]
        options=AppOptions(prefs_path=tmp_path / "prefs.json", cursor_blink=False),
    )
    recorded(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        failing.failing = disk_full(failing.path)
        await pilot.press("n", *"Growth", "tab", *"2027 Q2", "tab", *"2027-04-01", "ctrl+s")
        await until(lambda: failing.failed == 1, pilot)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, NewWorkshopScreen)
        assert app.screen.query_one("#team", Input).value == "Growth"
        assert app.screen.query_one("#start", Input).value == "2027-04-01"
        assert "The disk is full" in str(app.screen.query_one("#new-error", Static).render())
        assert told_disk_full(app, failing)
        assert failing.real.workshops() == []

        failing.failing = None
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        (ws,) = failing.real.workshops()
        assert (ws.team, ws.cycle.label, str(ws.cycle.start)) == ("Growth", "2027 Q2", "2027-04-01")
        assert isinstance(app.screen, SetupScreen)
