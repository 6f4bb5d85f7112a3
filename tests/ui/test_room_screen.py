"""The shared screen as a room meets it (issue 12): the pillar that must not stick, the
objective hint, the context beside the box, merging duplicates, the OKR above, ties, text that
is never cut where there is room, pasted escapes, the screenshot, the meeting's date, time
and place, and archived workshops on the welcome screen."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.content import Content
from textual.widgets import Input, OptionList, Select, Static

from okrworkshop import actions, tracking
from okrworkshop.model import Stage
from screens.dialogs.drafts import ContributesDialog, MergeDialog
from screens.facilitator.deprioritized import UndecidedList
from screens.facilitator.drafts import DraftTable
from screens.facilitator.focus import VoteTable
from screens.widgets.fields import FieldArea, SafeInput


def rendered(widget: Static) -> str:
    content = widget.render()
    assert isinstance(content, Content)
    return content.plain


def screen_lines(app) -> list[str]:
    """The terminal's lines as the room reads them."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


async def settled(app, pilot) -> None:
    await pilot.pause()
    await app.settle()
    await pilot.pause()


def with_context(store, workshop_id: str) -> None:
    store.update(
        workshop_id,
        lambda ws: actions.set_context(
            ws,
            north_star="Buyers always find what they look for",
            pillars=["Reliability", "Growth"],
            parent_okrs=["Company O1: grow EU revenue", "Company O2: happier sellers"],
        ),
    )


# --- 1. the pillar ----------------------------------------------------------------------------


async def test_the_pillar_goes_with_one_draft_and_never_to_the_next_author(
    store, workshop, app_for
):
    with_context(store, workshop.id)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        pillar = app.screen.query_one("#draft-pillar", Select)
        pillar.value = "Reliability"
        await pilot.press(*"Search never goes down", "enter")
        await settled(app, pilot)
        assert pillar.value is Select.NULL  # visible beside the box: back to "none"
        await pilot.press(*"Buyers trust the results", "enter")  # Ben again, no pillar chosen
        pillar.value = "Growth"
        await pilot.press("f2")  # Chen speaks now: Ben's choice is not hers
        await settled(app, pilot)
        assert pillar.value is Select.NULL
        await pilot.press(*"Sellers list in minutes", "enter")
        await settled(app, pilot)
        drafts = store.get(workshop.id).objectives
        assert [(o.author, o.pillar) for o in drafts] == [
            ("Ben", "Reliability"),
            ("Ben", None),
            ("Chen", None),
        ]


# --- 5. the objective hint --------------------------------------------------------------------


async def test_the_drafts_step_hints_as_people_type_like_the_cli(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        hint = app.screen.query_one("#draft-hint", Static)
        assert not hint.display
        await pilot.press(*"Grow revenue 20% by March")
        await pilot.pause()
        assert hint.display
        assert "number" in rendered(hint).lower() or "key result" in rendered(hint).lower()
        await pilot.press("enter")  # a hint, never a refusal
        await settled(app, pilot)
        assert [o.text for o in store.get(workshop.id).objectives] == ["Grow revenue 20% by March"]
        assert not hint.display


# --- 20. the context beside the box -------------------------------------------------------------


async def test_the_context_stands_beside_the_box_and_folds_away_at_80x24(store, workshop, app_for):
    with_context(store, workshop.id)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        panel = app.screen.query_one("#draft-context")
        text = rendered(app.screen.query_one("#context-text", Static))
        assert panel.display
        for words in ("Buyers always find", "Reliability", "Growth", "1. Company O1: grow EU"):
            assert words in text
        await pilot.press("f6")
        assert not panel.display
    small = app_for(store, workshop.id, Stage.DRAFTS)
    async with small.run_test(size=(80, 24)) as pilot:
        await settled(small, pilot)
        panel = small.screen.query_one("#draft-context")
        assert not panel.display  # folded at 80 columns, one key away
        await pilot.press("f6")
        await pilot.pause()
        assert panel.display
        assert any("North Star" in line for line in screen_lines(small))


# --- 15. merging duplicates ---------------------------------------------------------------------


async def test_merge_two_drafts_keeps_one_edited_text_both_authors_and_the_dots(
    store, workshop, app_for
):
    def change(ws):
        actions.add_draft(ws, "Search is fast", author="Ben", pillar="")
        actions.add_draft(ws, "Buyers get results at once", author="Chen")
        actions.add_draft(ws, "Sellers list in minutes", author="Dana")
        actions.vote(ws, "o1", person="Ben")
        actions.vote(ws, "o2", person="Chen")
        actions.vote(ws, "o2", person="Ben")

    store.update(workshop.id, change)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        app.screen.query_one(DraftTable).focus()
        await pilot.press("m")  # o1 is highlighted: merge a duplicate into it
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        assert "Ben with Chen" in rendered(dialog.query_one("#merge-credit", Static))
        area = dialog.query_one("#merge-text", FieldArea)
        area.focus()
        await pilot.press("end", *" for every buyer")
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        ws = store.get(workshop.id)
        assert [o.id for o in ws.objectives] == ["o1", "o3"]
        kept = ws.objectives[0]
        assert kept.text == "Search is fast for every buyer"
        assert kept.authors == ["Ben", "Chen"]
        assert kept.votes == {"Ben": 2, "Chen": 1}
        assert "Merged into o1" in rendered(app.screen.query_one("#draft-message", Static))
        assert "Ben with Chen" in "\n".join(screen_lines(app))


async def test_merge_from_the_ballot_moves_the_dots_of_both(store, workshop, app_for):
    def change(ws):
        actions.add_draft(ws, "Search is fast", author="Ben")
        actions.add_draft(ws, "Sellers list in minutes", author="Dana")
        actions.add_draft(ws, "Quick search", author="Chen")
        actions.vote(ws, "o3", person="Dana")
        actions.vote(ws, "o1", person="Dana")

    store.update(workshop.id, change)
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert app.focused is app.screen.query_one(VoteTable)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("down", "ctrl+s")  # o3, the second of the others
        await settled(app, pilot)
        ws = store.get(workshop.id)
        assert [o.id for o in ws.objectives] == ["o1", "o2"]
        assert ws.objectives[0].votes == {"Dana": 2}
        assert ws.objectives[0].coauthors == ["Chen"]


# --- 18. contributes to -----------------------------------------------------------------------


async def test_a_draft_and_the_focus_name_the_okr_above_they_move(store, workshop, app_for):
    with_context(store, workshop.id)
    store.update(workshop.id, lambda ws: actions.add_draft(ws, "EU shoppers", author="Ben"))
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        app.screen.query_one(DraftTable).focus()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ContributesDialog)
        await pilot.press("down", "enter")  # (none), then 1.
        await settled(app, pilot)
        assert store.get(workshop.id).objectives[0].contributes_to == "Company O1: grow EU revenue"
        assert "Contributes to: Company O1" in rendered(app.screen.query_one("#detail-text"))
    store.update(workshop.id, lambda ws: actions.choose_focus(ws, "o1"))
    again = app_for(store, workshop.id, Stage.FOCUS)
    async with again.run_test(size=(120, 40)) as pilot:
        await settled(again, pilot)
        banner = rendered(again.screen.query_one("#focus-banner", Static))
        assert "contributes to: Company O1: grow EU revenue" in banner
        await pilot.press("o")  # the focus can change its line too
        await pilot.pause()
        await pilot.press("down", "enter")  # from line 1, where it stands, to line 2
        await settled(again, pilot)
        assert store.get(workshop.id).objectives[0].contributes_to == "Company O2: happier sellers"


# --- 10. the ballot: ties ------------------------------------------------------------------------


async def test_a_tie_at_the_top_is_flagged_once_votes_are_revealed(store, workshop, app_for):
    def change(ws):
        for text, author in (("Fast search", "Ben"), ("EU shoppers", "Chen"), ("Sellers", "Ana")):
            actions.add_draft(ws, text, author=author)
        for objective_id, person in (("o1", "Ben"), ("o1", "Chen"), ("o2", "Dana"), ("o2", "Ana")):
            actions.vote(ws, objective_id, person=person)
        actions.vote(ws, "o3", person="Ben")

    store.update(workshop.id, change)
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        status = app.screen.query_one("#vote-status", Static)
        assert "Tie" not in rendered(status)  # hidden votes leak nothing, not even a tie
        await pilot.press("v")
        await settled(app, pilot)
        assert "Tie at the top: o1 and o2 have 2 dots each" in rendered(status)
        store.update(workshop.id, lambda ws: actions.vote(ws, "o1", person="Dana"))
        await pilot.pause(1.5)
        await settled(app, pilot)
        assert "Tie" not in rendered(status)


# --- 9. text is never cut where there is room -------------------------------------------------


async def test_the_step_bar_keeps_the_cycle_and_says_every_need(store, app_for):
    ws = store.create(
        actions.new_workshop("Onboarding Squad", "2027 Q1", facilitator="Ana", participants=[])
    )
    app = app_for(store, ws.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        top = screen_lines(app)[0]
        assert "Onboarding Squad · 2027 Q1" in top
        assert "Context" in top and "Final" in top  # every step still named at 120 columns
    small = app_for(store, ws.id, Stage.SETUP)
    async with small.run_test(size=(80, 24)) as pilot:
        await settled(small, pilot)
        assert "2027 Q1" in screen_lines(small)[0]
        missing = rendered(small.screen.query_one("#missing", Static))
        assert "start and end dates" in missing and "Add the participants." in missing
        assert "Add the participants." in "".join(screen_lines(small)[1:3])


async def test_the_not_now_step_shows_whole_drafts_side_by_side(store, workshop, app_for):
    long = "Returning buyers come back within a week because they trust what they found"

    def change(ws):
        actions.add_draft(ws, "Fast search", author="Ben")
        actions.add_draft(ws, long, author="Chen")
        actions.choose_focus(ws, "o1")

    store.update(workshop.id, change)
    app = app_for(store, workshop.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        drafts = app.screen.query_one(UndecidedList)
        assert drafts.region.width >= 50  # half the screen, not a third
        region = drafts.content_region
        lines = screen_lines(app)[region.y : region.bottom]
        inside = " ".join(" ".join(line[region.x : region.right].split()) for line in lines)
        assert "because they trust what they found" in inside


async def test_the_footer_leaves_no_stray_letters_when_it_overflows(example_store, app_for):
    for stage in (Stage.DRAFTS, Stage.FOCUS, Stage.REFINE, Stage.FINAL):
        app = app_for(example_store, "example", stage)
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(app, pilot)
            assert screen_lines(app)[-1].endswith("^p palette "), stage


# --- 14. pasted escapes --------------------------------------------------------------------------


async def test_pasted_escapes_keep_their_place_in_the_words(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        area = app.screen.query_one("#context-mission", FieldArea)
        area.focus()
        await pilot.press(*"make ")
        area.post_message(events.Paste("checkout \x1b[31mfaster\x1b[0m"))
        await pilot.pause()
        await pilot.press(*" today")
        await settled(app, pilot)
        expected = "make checkout \\x1b[31mfaster\\x1b[0m today"
        assert area.text == expected
        assert store.get(workshop.id).context.mission == expected
    drafts = app_for(store, workshop.id, Stage.DRAFTS)
    async with drafts.run_test(size=(120, 40)) as pilot:
        await settled(drafts, pilot)
        box = drafts.screen.query_one("#draft-input", SafeInput)
        await pilot.press(*"make ")
        box.post_message(events.Paste("checkout \x1b[31mfaster\x1b[0m\nsecond line"))
        await pilot.pause()
        await pilot.press(*" today", "enter")
        await settled(drafts, pilot)
        assert store.get(workshop.id).objectives[0].text == (
            "make checkout \\x1b[31mfaster\\x1b[0m second line today"  # no line lost either
        )


# --- 13. the screenshot -------------------------------------------------------------------------


async def test_the_palette_screenshot_lands_in_a_folder_that_exists(
    store, workshop, app_for, tmp_path, monkeypatch
):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "no" / "such" / "folder"))
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(40):
            if list(here.glob("*.svg")):
                break
            await pilot.pause(0.05)
        saved = list(here.glob("*.svg"))
        assert len(saved) == 1
        said = [n.message for n in app._notifications]
        assert any(str(saved[0]) in message for message in said), said


async def test_a_screenshot_falls_back_to_the_data_folder(
    store, workshop, app_for, tmp_path, monkeypatch
):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the folder the app was started in is deleted while it runs
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        app.deliver_screenshot()
        await pilot.pause()
        saved = list(Path(store.path).parent.glob("*.svg"))
        assert len(saved) == 1
        assert any(str(saved[0]) in n.message for n in app._notifications)


# --- issue 13, 17: the meeting on the Set up step -----------------------------------------------


async def test_setup_takes_the_meeting_and_lists_what_the_preread_lacks(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        lacks = app.screen.query_one("#preread-missing", Static)
        assert "Set the date of the workshop." in rendered(lacks)
        for field, words in (
            ("#settings-meeting-date", "2027-01-12"),
            ("#settings-meeting-time", "10:00-12:00"),
            ("#settings-meeting-place", "Room 4 [b]north[/b]"),
        ):
            box = app.screen.query_one(field, Input)
            box.focus()
            await pilot.press(*words)
        app.screen.query_one("#setup-team", Input).focus()
        await settled(app, pilot)
        settings = store.get(workshop.id).settings
        assert settings.meeting_date.isoformat() == "2027-01-12"
        assert settings.meeting_time == "10:00-12:00"
        assert settings.meeting_place == "Room 4 [b]north[/b]"
        text = rendered(lacks)
        assert "date of the workshop" not in text and "where the workshop is" not in text
        assert "mission" in text.lower()  # the context is still empty


# --- issue 14: archive on the welcome screen ---------------------------------------------------


async def test_archived_workshops_hide_on_welcome_and_one_key_shows_them(store, app_for):
    old = store.create(actions.new_workshop("Search", "2026 Q4", facilitator="Ana"))
    new = store.create(actions.new_workshop("Search", "2027 Q1", facilitator="Ana"))
    store.update(old.id, tracking.archive)
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        options = app.screen.query_one(OptionList)

        def listed() -> list[str]:
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            return [i[3:] for i in ids if i and i.startswith("ws:")]

        assert listed() == [new.id]
        assert "1 archived" in "\n".join(screen_lines(app))  # says there are more, and how
        await pilot.press("h")  # show the archived ones too
        await pilot.pause()
        assert set(listed()) == {old.id, new.id}
        options.highlighted = options.get_option_index(f"ws:{old.id}")
        assert "archived" in "\n".join(screen_lines(app))
        await pilot.press("a")  # unarchive it
        await settled(app, pilot)
        assert store.get(old.id).archived is False
        options.highlighted = options.get_option_index(f"ws:{new.id}")
        await pilot.press("a")  # and archive the other
        await settled(app, pilot)
        assert store.get(new.id).archived is True
        await pilot.press("h")  # hide the archived again
        await pilot.pause()
        assert listed() == [old.id]


async def test_after_picking_a_pillar_enter_adds_the_draft(store, workshop, app_for):
    with_context(store, workshop.id)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press(*"Search never goes down", "tab", "enter")  # open the pillar list
        await pilot.pause()
        await pilot.press("down", "enter")  # "Reliability"
        await pilot.pause()
        assert app.focused is app.screen.query_one("#draft-input", Input)
        await pilot.press("enter")
        await settled(app, pilot)
        drafts = store.get(workshop.id).objectives
        assert [(o.text, o.pillar) for o in drafts] == [("Search never goes down", "Reliability")]
