"""Step 4, Create focus: dot votes, reveal, ONE focus, and the offer to deprioritize the rest."""

from __future__ import annotations

from hostile import HOSTILE
from textual.content import Content
from textual.widgets import Input, SelectionList, Static

from okrworkshop import actions
from okrworkshop.model import Stage
from screens.dialogs.modals import ConfirmScreen
from screens.facilitator.focus import DeprioritizeOffer, FocusScreen, VoteTable
from screens.widgets.author_bar import AuthorBar
from ui.helpers import burst


def rendered(widget: Static) -> str:
    content = widget.render()
    assert isinstance(content, Content)
    return content.plain


def rows(app) -> list[dict[str, str]]:
    """The ballot as the room sees it: one dict per row, by column ("id", "votes", "text", "by")."""
    table = app.screen.query_one(VoteTable)
    keys = [column.key.value for column in table.ordered_columns]
    return [
        dict(zip(keys, (cell.plain for cell in table.get_row_at(i)), strict=True))
        for i in range(table.row_count)
    ]


def ids_and_votes(app) -> list[tuple[str, str]]:
    return [(r["id"], r["votes"]) for r in rows(app)]


def prepare(store, workshop_id: str, *texts: str, votes: int = 3) -> None:
    def change(ws):
        actions.update_settings(ws, votes_per_participant=votes)
        for text, author in zip(texts, ["Ben", "Chen", "Dana", "Ana"] * 50, strict=False):
            actions.add_draft(ws, text, author=author)

    store.update(workshop_id, change)


async def open_focus(app, pilot) -> FocusScreen:
    await pilot.pause()
    await app.settle()
    assert isinstance(app.screen, FocusScreen)
    assert isinstance(app.focused, VoteTable)
    return app.screen


async def test_each_person_has_n_dots_and_the_next_one_is_refused(store, workshop, app_for):
    prepare(store, workshop.id, "Fast search", "Easy listing", "EU shoppers", votes=2)
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        await pilot.press("space", "plus")
        await app.settle()
        assert "Ben 0 of 2 left" in rendered(screen.query_one(AuthorBar))
        await pilot.press("space")
        await app.settle()
        message = rendered(screen.query_one("#vote-message", Static))
        assert "Ben has used all 2 dots" in message
        assert store.get(workshop.id).objectives[0].votes == {"Ben": 2}
        # Chen (F2) gives a dot to o2, takes it back, and cannot take back one never given.
        await pilot.press("f2", "down", "space")
        await app.settle()
        assert store.get(workshop.id).objectives[1].votes == {"Chen": 1}
        assert "Chen 1 of 2 left" in rendered(screen.query_one(AuthorBar))
        await pilot.press("minus")
        await app.settle()
        assert store.get(workshop.id).objectives[1].votes == {}
        await pilot.press("minus")
        await app.settle()
        assert "no vote on o2" in rendered(screen.query_one("#vote-message", Static))
        # A digit on the list picks the voter: 3 is Dana.
        await pilot.press("3", "space")
        await app.settle()
        assert store.get(workshop.id).objectives[1].votes == {"Dana": 1}


async def test_hidden_votes_show_only_the_voters_own_dots_then_reveal_sorts(
    store, workshop, app_for
):
    prepare(store, workshop.id, "Fast search", "Easy listing", "EU shoppers")

    def vote(ws):
        actions.vote(ws, "o2", person="Ben")
        actions.vote(ws, "o2", person="Ben")
        actions.vote(ws, "o3", person="Chen")
        actions.vote(ws, "o3", person="Dana")
        actions.vote(ws, "o3", person="Dana")

    store.update(workshop.id, vote)
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        table = screen.query_one(VoteTable)
        # Whose dots, by name: "you" means nothing on a projected screen.
        assert table.columns["votes"].label.plain == "Ben's dots"
        assert "mark" not in table.columns  # no focus, nothing set aside: no mark column yet
        # Written order, Ben's own dots only; Chen's and Dana's dots on o3 are not visible.
        assert ids_and_votes(app) == [("o1", "·"), ("o2", "●●"), ("o3", "·")]
        assert "Hidden votes" in rendered(screen.query_one("#vote-status", Static))
        await pilot.press("f2")  # Chen
        assert table.columns["votes"].label.plain == "Chen's dots"
        assert ids_and_votes(app) == [("o1", "·"), ("o2", "·"), ("o3", "●")]
        assert "only Chen's dots" in rendered(screen.query_one("#vote-status", Static))
        await pilot.press("v")
        await app.settle()
        assert store.get(workshop.id).settings.votes_revealed is True
        assert table.columns["votes"].label.plain == "Votes"
        assert ids_and_votes(app) == [
            ("o3", " 3 ●●●"),
            ("o2", " 2 ●●"),
            ("o1", " 0 "),
        ]
        assert "revealed" in rendered(screen.query_one("#vote-status", Static))
        await pilot.press("v")
        await app.settle()
        assert store.get(workshop.id).settings.votes_revealed is False
        assert [r["id"] for r in rows(app)] == ["o1", "o2", "o3"]


async def test_choose_focus_after_confirm_and_deprioritize_the_rest_with_a_reason(
    store, workshop, app_for
):
    prepare(store, workshop.id, "Fast search", "Easy listing", "EU shoppers")
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        await pilot.press("down", "f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        assert store.get(workshop.id).focus is None
        await pilot.press("enter")  # Enter chooses too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        offer = app.screen
        assert isinstance(offer, DeprioritizeOffer)
        assert store.get(workshop.id).focus == "o2"
        assert sorted(offer.query_one(SelectionList).selected) == ["o1", "o3"]
        reason = offer.query_one("#offer-reason", Input)
        assert reason.value == "" and reason.placeholder.startswith("Not our focus")
        await pilot.press("enter")  # no reason yet: refused, nothing lost
        await pilot.pause()
        assert app.screen is offer
        assert "reason" in rendered(offer.query_one("#offer-error", Static))
        await pilot.press(*"Search relevance comes first", "enter")
        await app.settle()
        assert app.screen is screen
        ws = store.get(workshop.id)
        assert ws.focus == "o2"
        assert [(d.from_objective, d.text, d.reason) for d in ws.deprioritized] == [
            ("o1", "Fast search", "Search relevance comes first"),
            ("o3", "EU shoppers", "Search relevance comes first"),
        ]
        assert "★ FOCUS" in rendered(screen.query_one("#focus-banner", Static))
        assert "Easy listing" in rendered(screen.query_one("#focus-banner", Static))
        # The mark opens the words (no column of its own, so the words keep the room).
        marks = {r["id"]: r["text"] for r in rows(app)}
        assert marks == {
            "o1": "✗ not now · Fast search",
            "o2": "★ FOCUS  Easy listing",
            "o3": "✗ not now · EU shoppers",
        }
        # Voting is closed once the focus is chosen; the screen says so.
        assert "Voting closed" in rendered(screen.query_one("#vote-status", Static))
        await pilot.press("space")
        await app.settle()
        assert "Voting is closed" in rendered(screen.query_one("#vote-message", Static))
        assert all(not o.votes for o in store.get(workshop.id).objectives)


async def test_offer_can_leave_drafts_out_or_be_put_off(store, workshop, app_for):
    prepare(store, workshop.id, "Fast search", "Easy listing", "EU shoppers")
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_focus(app, pilot)
        await pilot.press("f", "y")
        await app.settle()
        offer = app.screen
        assert isinstance(offer, DeprioritizeOffer)
        # The list has the cursor, as its words say; Tab goes on to the reason. Typed in one
        # burst: space unticks the row it is pressed on, not the one highlighted after it.
        await burst(pilot, "down", "space", "up", "tab", "Later", "ctrl+s")  # untick o3
        await app.settle()
        ws = store.get(workshop.id)
        assert ws.focus == "o1"
        assert [(d.from_objective, d.reason) for d in ws.deprioritized] == [("o2", "Later")]
    # Escape puts the decision off: the focus stays, nothing is deprioritized.
    store.update(workshop.id, actions.clear_focus)
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_focus(app, pilot)
        await pilot.press("down", "down", "f", "y")
        await app.settle()
        assert isinstance(app.screen, DeprioritizeOffer)
        await pilot.press("escape")
        await app.settle()
        ws = store.get(workshop.id)
        assert ws.focus == "o3"
        assert [d.from_objective for d in ws.deprioritized] == ["o2"]


async def test_a_second_focus_is_refused_with_the_rules_message(store, workshop, app_for):
    prepare(store, workshop.id, "Fast search", "Easy listing")
    store.update(workshop.id, lambda ws: actions.choose_focus(ws, "o1"))
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        await pilot.press("down", "f")
        await app.settle()
        assert app.screen is screen  # no confirmation: the rule answers first
        message = rendered(screen.query_one("#vote-message", Static))
        assert "already chose one focus objective (o1)" in message
        assert store.get(workshop.id).focus == "o1"


async def test_clear_focus_asks_first(store, workshop, app_for):
    prepare(store, workshop.id, "Fast search", "Easy listing")
    store.update(workshop.id, lambda ws: actions.choose_focus(ws, "o1"))
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        assert store.get(workshop.id).focus == "o1"
        await pilot.press("c", "y")
        await app.settle()
        assert store.get(workshop.id).focus is None
        assert "No focus yet" in rendered(screen.query_one("#focus-banner", Static))
        # Voting is open again.
        await pilot.press("space")
        await app.settle()
        assert store.get(workshop.id).objectives[0].votes == {"Ben": 1}


async def test_hostile_drafts_show_literally_on_the_ballot_and_as_focus(store, workshop, app_for):
    prepare(store, workshop.id, *HOSTILE.values())
    store.update(workshop.id, lambda ws: actions.choose_focus(ws, "o1"))  # "[bold red]pwned[/]"
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_focus(app, pilot)
        cells = "\n".join(" ".join(r.values()) for r in rows(app))
        assert "[bold red]pwned[/]" in cells and "[@click=app.quit]quit[/]" in cells
        assert "\x1b" not in cells and "\\x1b[31mred" in cells
        banner = rendered(screen.query_one("#focus-banner", Static))
        assert "[bold red]pwned[/]" in banner
        await pilot.click("#focus-banner")
        await pilot.click(VoteTable, offset=(40, 4))  # the [@click=app.quit] row
        assert app.is_running


async def test_quit_with_the_offer_open_keeps_the_focus(store, workshop, app_for):
    prepare(store, workshop.id, "Fast search", "Easy listing")
    app = app_for(store, workshop.id, Stage.FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_focus(app, pilot)
        await pilot.press("f", "y")
        await app.settle()
        assert isinstance(app.screen, DeprioritizeOffer)
        await pilot.press("ctrl+q")
        for _ in range(50):
            if not app.is_running:
                break
            await pilot.pause(0.1)
        assert not app.is_running
    assert store.get(workshop.id).focus == "o1"


async def test_the_offer_says_in_words_what_happens_to_each_draft():
    """Ticked and unticked rows differ by a word, not only by the colour of the tick."""
    from textual.app import App

    from okrworkshop.model import Objective
    from screens.facilitator.focus import DeprioritizeOffer

    drafts = [
        Objective(id="o2", text="Second", author="Ben"),
        Objective(id="o3", text="Third", author="Ben"),
    ]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(DeprioritizeOffer(drafts))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#offer-drafts")
        rows.focus()
        await pilot.press("space")
        await pilot.pause()
        assert rows.selected == ["o3"]
        assert "decide later o2" in str(rows.get_option_at_index(0).prompt).replace("  ", " ")
        assert str(rows.get_option_at_index(1).prompt).startswith("not now")
