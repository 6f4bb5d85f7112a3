"""A participant's own app, driven by keys: join, read, draft, edit, delete, vote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import HOSTILE
from textual.messages import ExitApp
from textual.widgets import Input, OptionList, Static

from okrworkshop import actions, participation
from okrworkshop.drafts_file import DraftsFileStore, invite, write_invitation
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from okrworkshop.text import visible
from screens.participant.briefing import BriefingScreen
from screens.participant.drafting import DraftingScreen
from screens.participant.name import NameScreen
from screens.participant.voting import VotingScreen
from ui.participant_helpers import participant_app, prompts, type_text


async def to_drafting(pilot) -> None:
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DraftingScreen)


async def test_a_name_is_asked_strangers_are_refused_and_a_known_name_joins(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, None, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, NameScreen)
        for bad, needle in [
            (
                "Zoe",
                "Zoe is not on this workshop's list of people. Pick your name from the list, or "
                "ask the facilitator to add you and try again.",
            ),
            ("   ", "empty or only spaces"),
            ("x" * 200, "200 characters long"),
        ]:
            app.screen.query_one("#name", Input).value = bad
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, NameScreen)
            problem = str(app.screen.query_one("#join-problem", Static).render())
            assert needle in problem
            assert "okrworkshop" not in problem  # a command is no use to them (a phone, a tab)
        app.screen.query_one("#name", Input).value = ""
        await type_text(pilot, " chen ")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.person == "Chen"
        await to_drafting(pilot)
        await type_text(pilot, "Buyers trust what they find")
        await pilot.press("enter")
        await app.settle()
    ws = store.get(workshop.id)
    assert [(o.author, o.text, o.origin.value) for o in ws.objectives] == [
        ("Chen", "Buyers trust what they find", "pre-workshop")
    ]
    assert ws.participants == ["Ben", "Chen", "Dana"]


async def test_open_joining_adds_a_newcomer(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    store.update(workshop.id, lambda ws: actions.update_settings(ws, open_joining=True))
    app = participant_app(store, workshop.id, None, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "Zoe")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
    assert store.get(workshop.id).participants == ["Ben", "Chen", "Dana", "Zoe"]


async def test_picking_a_name_from_the_list_joins(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, None, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#people", OptionList).focus()
        await pilot.press("down", "enter")  # the second name
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.person == "Chen"


async def test_the_briefing_shows_the_context_and_the_ask(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    store.update(
        workshop.id,
        lambda ws: actions.set_context(
            ws, mission="Help people find what they love", pillars=["Trust", "[b]Speed[/b]"]
        ),
    )
    store.update(workshop.id, lambda ws: actions.update_settings(ws, drafts_due="2027-01-08"))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(100, 30)):
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Hello Ben" in text and "By Friday 8 January 2027" in text
        assert "Help people find what they love" in text and "• [b]Speed[/b]" in text
        assert "Product vision" not in text  # empty parts are left out


async def test_a_participant_adds_edits_and_deletes_only_their_own(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    store.update(workshop.id, lambda ws: participation.add_draft(ws, "Chen's idea", person="Chen"))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        assert prompts(app, "#my-drafts") == []
        assert not app.screen.query_one("#others", OptionList).display  # hidden by default
        for text in ("First draft", "Second draft"):
            await type_text(pilot, text)
            await pilot.press("enter")
            await app.settle()
        await pilot.press("tab")  # the idea box
        await type_text(pilot, "Lift conversion from 12% to 18% by March")
        await pilot.press("enter")
        await app.settle()
        assert prompts(app, "#my-drafts") == ["First draft", "Second draft"]

        app.screen.query_one("#my-drafts", OptionList).focus()
        await pilot.press("home", "enter")  # Enter edits
        await pilot.pause()
        box = app.screen.query_one("#answer", Input)
        box.value = "First draft, sharper"
        await pilot.press("enter")
        await app.settle()
        await pilot.press("down", "delete", "y")
        await app.settle()
    ws = store.get(workshop.id)
    assert [(o.author, o.text) for o in ws.objectives] == [
        ("Chen", "Chen's idea"),
        ("Ben", "First draft, sharper"),
    ]
    assert [(k.author, k.statement) for k in ws.key_results] == [
        ("Ben", "Lift conversion from 12% to 18% by March")
    ]


async def test_others_drafts_show_when_the_facilitator_allows(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    store.update(workshop.id, lambda ws: participation.add_draft(ws, "[TODO] plan", person="Chen"))
    store.update(
        workshop.id, lambda ws: actions.update_settings(ws, show_drafts_to_participants=True)
    )
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        assert prompts(app, "#others") == ["[TODO] plan  — Chen"]
        app.screen.query_one("#others", OptionList).focus()
        await pilot.press("x", "e", "delete")  # no keys act on others' drafts
        await app.settle()
        assert app.screen is app.get_screen("drafting")
        box = app.screen.query_one("#new-draft", Input)
        assert box.value == "xe"  # the letters went into the box
        box.value = ""
        await pilot.pause()
    assert [o.text for o in store.get(workshop.id).objectives] == ["[TODO] plan"]


async def test_votes_are_limited_to_n_while_the_room_votes(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    for author, text in [("Chen", "Buyers trust it"), ("Dana", "Sellers thrive")]:
        store.update(
            workshop.id, lambda ws, a=author, t=text: participation.add_draft(ws, t, person=a)
        )
    store.update(workshop.id, lambda ws: actions.update_settings(ws, votes_per_participant=3))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert not isinstance(app.screen, VotingScreen)  # not open before the focus step
        store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        app.writes.reload(workshop.id)
        await app.settle()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)
        for key in ("space", "space", "down", "space"):
            await pilot.press(key)
            await app.settle()
        await pilot.press("space")  # a fourth dot is refused
        await app.settle()
        status = str(app.screen.query_one("#ballot-status", Static).render())
        assert "0 of 3 dots left" in status
        assert prompts(app, "#ballot")[0].startswith("●●  Buyers trust it")
        await pilot.press("minus")
        await app.settle()
    ws = store.get(workshop.id)
    assert [o.votes for o in ws.objectives] == [{"Ben": 2}, {}]


async def test_hostile_drafts_are_stored_exactly_and_shown_literally(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    texts = [text for text in HOSTILE.values() if text.strip()]
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        for text in texts:
            app.screen.query_one("#new-draft", Input).value = text
            await pilot.press("enter")
            await app.settle()
        shown = prompts(app, "#my-drafts")
    stored = [o.text for o in store.get(workshop.id).objectives]
    assert stored == [visible(t, keep_newlines=True).strip() for t in texts]
    assert shown == [visible(t, keep_newlines=True) for t in stored]


async def test_a_drafts_file_is_filled_in_without_a_database(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    path = tmp_path / "ben.okr.json"
    write_invitation(path, store.update(workshop.id, lambda ws: invite(ws, "Ben")))
    drafts = DraftsFileStore.open(path)
    app = participant_app(drafts, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "Sellers list in minutes")
        await pilot.press("enter")
        await app.settle()
    assert [o.text for o in drafts.get(workshop.id).objectives] == ["Sellers list in minutes"]
    assert store.get(workshop.id).objectives == []  # the database waits for the import


async def test_quitting_with_a_half_typed_draft_asks_first(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "Not added yet")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Quit without adding" in str(app.screen.query(Static).first().render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_of_the_drafting_screen(
    snap_compare, store: Store, workshop: Workshop, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Ben's screen: two drafts, one idea, others hidden."""
    for text in ("Buyers find a great item in their first search", "[b]Sellers[/b] thrive"):
        store.update(workshop.id, lambda ws, t=text: participation.add_draft(ws, t, person="Ben"))
    store.update(
        workshop.id,
        lambda ws: participation.add_key_result_idea(ws, "Conversion 12%→18%", person="Ben"),
    )
    app = participant_app(store, workshop.id, "Ben", tmp_path)

    async def run_before(pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_changes_from_the_shared_screen_reach_the_participant_live(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """The facilitator shows drafts and opens voting elsewhere; Ben's screen follows by itself."""
    store.update(
        workshop.id, lambda ws: participation.add_draft(ws, "Sellers thrive", person="Chen")
    )
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        others = app.screen.query_one("#others", OptionList)
        assert not others.display
        store.update(
            workshop.id, lambda ws: actions.update_settings(ws, show_drafts_to_participants=True)
        )
        store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        for _ in range(50):  # the app polls the file every second
            if others.display:
                break
            await pilot.pause(0.1)
        await app.settle()
        assert prompts(app, "#others") == ["Sellers thrive  — Chen"]
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)


async def test_help_explains_the_participant_screens(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Help: Your drafts" in text and "Context" in text and "key-result ideas" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)


async def test_typing_on_before_a_save_finishes_starts_a_new_draft(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "First")
        await pilot.press("enter")
        await type_text(pilot, "Second")  # no waiting for the first save
        await pilot.press("enter")
        await app.settle()
        assert app.screen.query_one("#new-draft", Input).value == ""
    assert [o.text for o in store.get(workshop.id).objectives] == ["First", "Second"]


async def test_a_refused_draft_goes_back_into_the_box(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """The room chose its focus while Ben was typing: his words stay, and say why."""
    draft = store.update(
        workshop.id, lambda ws: participation.add_draft(ws, "Chosen", person="Chen")
    )
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "Too late")
        store.update(workshop.id, lambda ws: actions.choose_focus(ws, draft.id))
        app.writes.reload(workshop.id)
        await app.settle()
        box = app.screen.query_one("#new-draft", Input)
        assert not box.disabled and box.value == "Too late"  # kept, so it can be copied
        assert "drafts are closed" in str(app.screen.query_one("#draft-hint", Static).render())
        await pilot.press("enter")
        await app.settle()
        assert box.value == "Too late"
        assert any("drafts are closed" in n.message for n in app._notifications)
        box.value = ""
        await pilot.pause()
    assert [o.text for o in store.get(workshop.id).objectives] == ["Chosen"]


async def test_the_briefing_says_when_the_workshop_is_already_under_way(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(100, 30)):
        text = str(app.screen.query_one("#briefing-ask", Static).render())
        assert "The room is at Create focus" in text and "Before the workshop" not in text


def briefing_text(app) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def test_the_briefing_says_when_and_where_the_workshop_meets(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(100, 30)):
        assert "Workshop:" not in briefing_text(app)  # nothing set, nothing said
    store.update(
        workshop.id,
        lambda ws: actions.update_settings(
            ws, meeting_date="2027-01-04", meeting_time="10:00-12:30", meeting_place="Room [4]"
        ),
    )
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(100, 30)):
        assert "Workshop: Monday 2027-01-04, 10:00-12:30 · Room [4]" in briefing_text(app)


async def test_after_the_okr_is_final_the_briefing_shows_it(
    example_store: Store, tmp_path: Path
) -> None:
    app = participant_app(example_store, "example", "Ben", tmp_path)
    async with app.run_test(size=(100, 40)):
        text = briefing_text(app)
        assert "The objective\nBuyers find the right product on their first search" in text
        assert (
            "KR1  Increase search-to-purchase conversion from 12% to 18% by 2027-03-31 "
            "(owner Chen, due 2027-03-31)"
        ) in text
        assert text.count("\nKR") == 3 and "KR3  Raise the share" in text
        assert "Workshop:" not in text  # the meeting is over: the OKR says what came of it
        assert "Product strategy" in text


async def test_closing_under_the_person_keeps_what_they_typed(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    """A browser tab closed (textual-serve asks the app to exit) with text still in the boxes."""
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "Half a thought")
        app.screen.query_one("#new-idea", Input).value = "Idea [b]x[/b]"
        app.post_message(ExitApp())
        await pilot.pause()
    ws = store.get(workshop.id)
    assert [(o.author, o.text) for o in ws.objectives] == [("Ben", "Half a thought")]
    assert [(k.author, k.statement) for k in ws.key_results] == [("Ben", "Idea [b]x[/b]")]


async def test_quit_anyway_discards_what_was_typed(
    store: Store, workshop: Workshop, tmp_path: Path
) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_drafting(pilot)
        await type_text(pilot, "Never mind")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert store.get(workshop.id).objectives == []


@pytest.mark.parametrize("web", [False, True])
async def test_in_a_browser_the_footer_shows_words_to_tap_not_keys(
    store: Store, workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, web: bool
) -> None:
    """On a phone, "esc Menu f7 Context ^q Quit f1 Help" names keys it does not have."""
    from screens.participant.app import ParticipantApp

    monkeypatch.setattr(ParticipantApp, "is_web", property(lambda app: web))
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await to_drafting(pilot)
        items = [str(key.render()).strip() for key in app.screen.query("FooterKey")]
        assert "Menu" in " ".join(items) and "Context" in " ".join(items)
        if web:
            assert {"Menu", "Context", "Quit", "Help"} <= set(items)
            assert not any(key in " ".join(items) for key in ("esc", "f7", "^q", "f1"))
        else:
            assert "esc Menu" in items and "f7 Context" in items
        await pilot.click("FooterKey", offset=(1, 0))  # the first word is tappable (Menu)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MenuScreen"
