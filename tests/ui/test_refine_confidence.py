"""Step 7, SMART refinement: the room's confidence votes ("fist of five") on the shared screen,
hidden until revealed, the spread shown, and a prompt to talk before finalizing (issue 14)."""

from __future__ import annotations

from hostile import HOSTILE
from textual.widgets import Static

from okrworkshop import actions, tracking
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.facilitator.refine import KrPicker
from screens.widgets.confidence import ConfidencePanel
from ui.helpers import burst

KR1 = "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31"
KR2 = "Reduce searches that return zero results from 9% to 3% by 2027-03-31"


def build(store: Store, workshop: Workshop) -> None:
    """A focus and two key results; the room is Ben, Chen, Dana and Ana (the facilitator)."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
        actions.choose_focus(ws, draft.id)
        actions.add_key_result(ws, KR1, author="Chen")
        actions.add_key_result(ws, KR2, author="Ben")

    store.update(workshop.id, prepare)


def panel_text(app) -> str:
    return str(app.screen.query_one(ConfidencePanel).visual)


def votes(store: Store, workshop: Workshop, kr_id: str = "kr1") -> dict[str, int]:
    return dict(store.get(workshop.id).key_result(kr_id).confidence_votes)


async def settle(app, pilot) -> None:
    await app.settle()
    await pilot.pause()


async def test_each_hand_is_recorded_hidden_then_revealed_with_its_spread(
    store, workshop, app_for
) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "hidden until v" in panel_text(app)
        assert "▶Ben ·" in panel_text(app)
        await pilot.press("4")
        await settle(app, pilot)
        assert votes(store, workshop) == {"Ben": 4}
        text = panel_text(app)
        assert "Ben ✓" in text and "Ben 4" not in text  # hidden: who voted, not how
        assert "▶Chen ·" in text  # on to the next person
        assert "1 of 4 voted" in text
        for fingers in "254":
            await pilot.press(fingers)
            await settle(app, pilot)
        assert votes(store, workshop) == {"Ben": 4, "Chen": 2, "Dana": 5, "Ana": 4}
        text = panel_text(app)
        assert "4 of 4 voted" in text
        assert "Average" not in text and "Chen 2" not in text
        # Revealed: every hand, the average, the spread, and the prompt to talk.
        await pilot.press("v")
        await settle(app, pilot)
        assert store.get(workshop.id).settings.confidence_revealed
        text = panel_text(app)
        for hand in ("Ben 4", "Chen 2", "Dana 5", "Ana 4"):
            assert hand in text
        assert "Average 3.8 of 5 · 2 to 5 (spread 3)" in text
        assert "⚑ Talk about KR1: the votes run from 2 to 5" in text
        assert "Ask Chen what worries them first." in text
        assert app.screen.query_one(ConfidencePanel).has_class("-talk")
        # The prompt stays in view beside what blocks finalizing, and on the list of KRs.
        progress = str(app.screen.query_one("#refine-progress", Static).visual)
        assert "Talk first (confidence):" in progress
        assert "Talk about KR1" in progress
        picker = app.screen.query_one(KrPicker)
        assert "⚑" in str(picker.get_option_at_index(0).prompt)
        assert "⚑" not in str(picker.get_option_at_index(1).prompt)
        # v hides them again.
        await pilot.press("v")
        await settle(app, pilot)
        assert "Chen 2" not in panel_text(app)
        assert "⚑" not in str(picker.get_option_at_index(0).prompt)


async def test_f2_picks_the_voter_and_0_takes_a_vote_back(store, workshop, app_for) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2", "f2")  # Dana
        assert "▶Dana ·" in panel_text(app)
        await pilot.press("3")
        await settle(app, pilot)
        assert votes(store, workshop) == {"Dana": 3}
        await pilot.press("f3")  # back to Dana
        await pilot.press("0")
        await settle(app, pilot)
        assert votes(store, workshop) == {}
        await pilot.press("n", "5")  # the next key result: ▶ is back on Ben, its first voter
        await settle(app, pilot)
        assert votes(store, workshop, "kr2") == {"Ben": 5}
        assert votes(store, workshop, "kr1") == {}


async def test_a_vote_from_another_screen_shows_as_voted(store, workshop, app_for) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        store.update(workshop.id, lambda ws: tracking.vote_confidence(ws, "kr1", 1, person="Chen"))
        app.writes.reload(workshop.id)
        await settle(app, pilot)
        text = panel_text(app)
        assert "Chen ✓" in text and "1 of 4 voted" in text
        assert "Chen 1" not in text


async def test_hostile_names_show_literally_in_the_votes(store, workshop, app_for) -> None:
    name = HOSTILE["rich-markup"][:40]

    def prepare(ws: Workshop) -> None:
        actions.add_participant(ws, name)
        draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
        actions.choose_focus(ws, draft.id)
        actions.add_key_result(ws, KR1, author="Chen")
        tracking.vote_confidence(ws, "kr1", 1, person=name)
        tracking.vote_confidence(ws, "kr1", 5, person="Ben")
        tracking.reveal_confidence(ws)

    store.update(workshop.id, prepare)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = panel_text(app)
        assert f"{name.strip()} 1" in text
        assert f"Ask {name.strip()} what worries them first." in text


async def test_the_next_voter_is_the_first_who_has_not_voted(store, workshop, app_for) -> None:
    """Opening the step (or moving to a key result) puts ▶ on the first person whose hand is
    not in yet, so the facilitator carries on where the room stopped."""
    build(store, workshop)

    def two_hands(ws: Workshop) -> None:
        tracking.vote_confidence(ws, "kr1", 4, person="Ben")
        tracking.vote_confidence(ws, "kr1", 3, person="Chen")
        tracking.vote_confidence(ws, "kr2", 3, person="Ben")

    store.update(workshop.id, two_hands)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "▶Dana ·" in panel_text(app)
        await pilot.press("n")
        await settle(app, pilot)
        assert "▶Chen ·" in panel_text(app)


async def test_digits_typed_in_one_burst_go_to_one_person_each(store, workshop, app_for) -> None:
    """Each digit goes to the person highlighted when it is handled: the highlight moves on as
    soon as a hand is given, not when its save is done."""
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await burst(pilot, "4425")
        await settle(app, pilot)
        await app.workers.wait_for_complete()
    assert votes(store, workshop) == {"Ben": 4, "Chen": 4, "Dana": 2, "Ana": 5}
