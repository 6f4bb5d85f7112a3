"""A participant's screen as a person meets it in the room and in a browser: where Tab goes,
letters typed on a list, the room's stage said before they act, plain keys for every action,
the note past the ask, words kept when the window closes, and a phone's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.messages import ExitApp
from textual.widgets import Input, OptionList, Static

from okrworkshop import actions, participation
from okrworkshop.model import Stage, Workshop
from okrworkshop.smart import lint_objective
from okrworkshop.store import Store
from screens.participant.briefing import BriefingScreen
from screens.participant.drafting import DraftingScreen
from screens.participant.parts import CHECKIN, CONFIDENCE, DRAFTING, VOTING
from screens.participant.voting import VotingScreen
from ui.participant_helpers import participant_app, prompts, to_work, type_text, words


def _add(store: Store, wid: str, author: str, text: str) -> str:
    return store.update(wid, lambda ws: participation.add_draft(ws, text, person=author)).id


def _focus_chosen(store: Store, wid: str) -> None:
    chosen = _add(store, wid, "Chen", "Buyers trust what they find")
    store.update(wid, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
    store.update(wid, lambda ws: actions.choose_focus(ws, chosen))


async def test_tab_from_the_draft_box_goes_to_the_idea_box(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert app.focused is not None and app.focused.id == "new-draft"
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "new-idea"
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "new-draft"


async def test_letters_typed_on_a_list_go_into_its_box_and_change_nothing(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """Someone tabbed onto their list and kept typing: every letter lands in the box."""
    _add(store, workshop.id, "Ben", "Existing draft")
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        app.screen.query_one("#my-drafts", OptionList).focus()
        await pilot.press(*"Launch the", "n", "e", "x", "t")
        await app.settle()
        box = app.screen.query_one("#new-draft", Input)
        assert box.value == "Launch thenext" and app.focused is box
        app.screen.query_one("#my-ideas", OptionList).focus()
        await pilot.press(*"every")
        assert app.screen.query_one("#new-idea", Input).value == "every"
        assert isinstance(app.screen, DraftingScreen)  # no dialog, no other screen
        assert [o.text for o in store.get(workshop.id).objectives] == ["Existing draft"]


async def test_letters_on_the_ballot_say_what_the_keys_do(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    _add(store, workshop.id, "Chen", "Buyers trust it")
    store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)  # the room is voting: Enter leads to the ballot
        assert isinstance(app.screen, VotingScreen)
        await pilot.press("q")
        await pilot.pause()
        assert any("Space gives" in n.message for n in app._notifications)
    assert store.get(workshop.id).objectives[0].votes == {}


async def test_after_the_focus_the_screen_says_drafts_are_closed_before_enter(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    _focus_chosen(store, workshop.id)
    store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.KEY_RESULTS))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        greeting = str(app.screen.query_one("#briefing-ask", Static).render())
        assert "add your draft objectives" not in greeting
        assert "chose its focus" in greeting and "Buyers trust what they find" in greeting
        await to_work(pilot)
        assert isinstance(app.screen, DraftingScreen)
        said = words(app)
        assert "Key results" in said  # the stage the room is at
        assert "Drafts are closed" in said and "key-result ideas are still welcome" in said
        box = app.screen.query_one("#new-draft", Input)
        assert box.disabled and "closed" in box.placeholder
        assert app.focused is not None and app.focused.id == "new-idea"


async def test_the_screen_follows_the_room_as_it_moves(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert "Before the workshop" in words(app)
        store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        app.writes.reload(workshop.id)
        await app.settle()
        assert "voting" in str(app.screen.query_one("#room", Static).render())
        _focus_chosen(store, workshop.id)
        app.writes.reload(workshop.id)
        await app.settle()
        room = str(app.screen.query_one("#room", Static).render())
        assert "chose its focus" in room and "Drafts are closed" in room


async def test_words_left_in_a_box_are_kept_marked_and_the_screen_says_so(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert "kept as a draft" in words(app)
        await type_text(pilot, "Half a thought")
        app.post_message(ExitApp())  # the tab closed under them
        await pilot.pause()
    ws = store.get(workshop.id)
    assert [(o.text, o.kept_on_close) for o in ws.objectives] == [("Half a thought", True)]

    again = participant_app(store, workshop.id, "Ben", tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert prompts(again, "#my-drafts") == ["Half a thought  (kept when the tab closed)"]


async def test_help_describes_the_participants_own_screens(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """F1 on every screen of a participant says what that screen is for, in their words, and
    how to reach every action without function keys."""
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = words(app)
        assert "Help: Before you start" in text and "Esc" in text
        await pilot.press("escape")
        await pilot.pause()
        for part, wanted in [
            (DRAFTING, ["Help: Your drafts", "kept as a draft", "Tab goes from one box"]),
            (VOTING, ["Help: Dot voting", "Space gives", "takes one back"]),
            (CONFIDENCE, ["Help: How sure are you?", "1 (it will not happen)", "takes it back"]),
            (CHECKIN, ["Help: Check-ins", "1 to 10", "Menu"]),
        ]:
            app.show_part(part)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            text = words(app)
            for needle in [*wanted, "Esc opens a menu", "Context"]:
                assert needle in text, (part, needle)
            for facilitator_word in ("palette", "step", "F9", "F8"):
                assert facilitator_word not in text.replace("steps", ""), (part, facilitator_word)
            await pilot.press("escape")
            await pilot.pause()


async def test_the_linter_hint_wraps_instead_of_being_cut(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    text = "Grow revenue 20% and cut churn while we launch the new partner portal"
    (finding, *_) = lint_objective(text)
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        await type_text(pilot, text)
        hint = app.screen.query_one("#draft-hint", Static)
        assert str(hint.render()) == finding.message
        assert hint.size.height >= 2  # wrapped over lines, not cut to one
        assert hint.size.height * hint.size.width >= len(finding.message)


async def test_every_action_has_a_plain_key_through_the_menu(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """Browsers take F6/F7 and a Mac needs Fn: Esc opens a menu of every action, and arrows
    and Enter pick one."""
    _add(store, workshop.id, "Chen", "Buyers trust it")
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        await pilot.press("escape")
        await pilot.pause()
        entries = prompts(app, "#menu")
        for wanted in ("Context", "Help", "Light/dark", "Quit"):
            assert any(e.startswith(wanted) for e in entries), (wanted, entries)
        assert not any(e.startswith("Vote") for e in entries)  # not open yet
        choice = next(i for i, e in enumerate(entries) if e.startswith("Context"))
        await pilot.press(*["down"] * choice, "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        app.writes.reload(workshop.id)
        await app.settle()
        await pilot.press("escape")
        await pilot.pause()
        entries = prompts(app, "#menu")
        await pilot.press(
            *["down"] * entries.index(next(e for e in entries if e.startswith("Vote")))
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)
        await pilot.press("space")
        await app.settle()
        await pilot.press("escape")
        await pilot.pause()
        entries = prompts(app, "#menu")
        assert entries[0].startswith("My drafts")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)
    assert store.get(workshop.id).objectives[0].votes == {"Ben": 1}


async def test_after_the_third_draft_a_gentle_note_says_the_ask_was_one_to_three(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        hint = app.screen.query_one("#draft-hint", Static)
        for n, text in enumerate(("One", "Two", "Three", "Four"), start=1):
            await type_text(pilot, text)
            await pilot.press("enter")
            await app.settle()
            note = str(hint.render())
            assert ("one to three" in note) == (n >= 3), (n, note)
    assert [o.text for o in store.get(workshop.id).objectives] == ["One", "Two", "Three", "Four"]


@pytest.mark.parametrize("width", [45, 50, 59])
async def test_a_phones_width_stacks_the_two_boxes(
    store: Store, workshop: Workshop, tmp_path: Path, width: int
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await to_work(pilot)
        draft = app.screen.query_one("#new-draft", Input)
        idea = app.screen.query_one("#new-idea", Input)
        assert draft.region.x == idea.region.x and idea.region.y > draft.region.y
        for box in (draft, idea):  # the whole placeholder shows
            assert box.content_region.width >= len(box.placeholder)


async def test_a_wide_screen_keeps_the_two_boxes_side_by_side(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        draft = app.screen.query_one("#new-draft", Input)
        idea = app.screen.query_one("#new-idea", Input)
        assert idea.region.x > draft.region.right - 1 and idea.region.y == draft.region.y


async def test_letters_typed_on_the_list_of_names_go_into_the_name_box(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, None, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#people", OptionList).focus()
        await pilot.press(*"Dana", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.person == "Dana"  # typed, not the highlighted Ben
