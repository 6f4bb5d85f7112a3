"""Screenshots of step 3 (drafts) and step 4 (focus), compared with approved SVGs."""

from __future__ import annotations

from hostile import HOSTILE

from okrworkshop import actions
from okrworkshop.model import Origin, Stage, Workshop
from okrworkshop.store import Store

DRAFTS = [
    ("Buyers find the right product on their first search", "Ben", "Technology and quality"),
    ("Sellers get their products listed in minutes", "Chen", "New products and features"),
    ("Buyers in the EU can shop with us", "Dana", "Scale into new markets"),
    ("Search feels instant on mobile", "Ana", None),
    ("Returning buyers come back within a week", "Ben", None),
]
VOTES = [
    ("o1", "Ben"),
    ("o1", "Ben"),
    ("o1", "Chen"),
    ("o2", "Chen"),
    ("o3", "Dana"),
    ("o1", "Dana"),
    ("o5", "Ben"),
]


def voting_workshop(store: Store, workshop: Workshop, *, revealed: bool) -> str:
    """A live workshop in the middle of dot voting: five drafts, seven of twelve dots used."""

    def change(ws: Workshop) -> None:
        actions.set_context(ws, pillars=sorted({p for _, _, p in DRAFTS if p}))
        for text, author, pillar in DRAFTS:
            actions.add_draft(ws, text, author=author, pillar=pillar)
        for objective_id, person in VOTES:
            actions.vote(ws, objective_id, person=person)
        actions.reveal_votes(ws, revealed)

    store.update(workshop.id, change)
    return workshop.id


async def settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.pause()


class TestDrafts:
    def test_example(self, snap_compare, example_store, app_for):
        """The finished example: author strip with draft counts, four drafts (three marked
        pre-workshop), the first one in full below with its pillar and rationale."""
        app = app_for(example_store, "example", Stage.DRAFTS)
        assert snap_compare(app, run_before=settled, terminal_size=(120, 40))

    def test_example_small_terminal(self, snap_compare, example_store, app_for):
        """The same at 80x24: the strip wraps, the draft column narrows, nothing is lost."""
        app = app_for(example_store, "example", Stage.DRAFTS)
        assert snap_compare(app, run_before=settled, terminal_size=(80, 24))

    def test_hostile_drafts(self, snap_compare, store, workshop, app_for):
        """Every hostile string as a draft: markup shows as typed, escapes as \\x1b, and the
        10,000-character draft (highlighted) wraps inside the detail pane."""
        for text in HOSTILE.values():
            store.update(workshop.id, lambda ws, t=text: actions.add_draft(ws, t, author="Ben"))

        async def highlight_long(pilot) -> None:
            await settled(pilot)
            await pilot.press("tab", "tab", "end")  # input, pillar, then the list
            await settled(pilot)

        app = app_for(store, workshop.id, Stage.DRAFTS)
        assert snap_compare(app, run_before=highlight_long, terminal_size=(120, 40))

    def test_before_the_meeting_small_terminal(self, snap_compare, store, workshop, app_for):
        """Drafts due 2027-01-10, eight people: the "Before the meeting" line breaks between
        people at 80x24, and those who sent nothing show 0 in bold."""

        def change(ws: Workshop) -> None:
            actions.update_settings(ws, drafts_due="2027-01-10")
            for name in ("Eve", "Farouk", "Gabriela", "[b]Ivy[/]", "Jun"):
                actions.add_participant(ws, name)
            before = Origin.PRE_WORKSHOP
            actions.add_draft(ws, DRAFTS[0][0], author="Ben", origin=before)
            actions.add_draft(ws, DRAFTS[4][0], author="Ben", origin=before)
            actions.add_key_result(ws, "Conversion from 12% to 18%", author="Ben", origin=before)
            actions.add_draft(ws, DRAFTS[1][0], author="Chen", origin=before)
            actions.add_key_result(ws, "Listing time from 3 days to 1", author="Eve", origin=before)

        store.update(workshop.id, change)
        app = app_for(store, workshop.id, Stage.DRAFTS)
        assert snap_compare(app, run_before=settled, terminal_size=(80, 24))

    def test_context_beside_the_box_small_terminal(self, snap_compare, example_store, app_for):
        """80x24 with F6: the North Star, pillars and OKRs above beside the box; the list keeps
        the words and the author, the detail below names pillar and origin."""

        async def show_context(pilot) -> None:
            await settled(pilot)
            await pilot.press("f6")
            await settled(pilot)

        app = app_for(example_store, "example", Stage.DRAFTS)
        assert snap_compare(app, run_before=show_context, terminal_size=(80, 24))

    def test_merge_dialog_small_terminal(self, snap_compare, store, workshop, app_for):
        """The merge dialog at 80x24: the other drafts to pick from, who is credited, the
        words to keep, and both buttons in view; the Footer shows the dialog's keys."""
        voting_workshop(store, workshop, revealed=False)

        async def merge(pilot) -> None:
            await settled(pilot)
            await pilot.press("tab", "tab", "m")
            await settled(pilot)

        app = app_for(store, workshop.id, Stage.DRAFTS)
        assert snap_compare(app, run_before=merge, terminal_size=(80, 24))


class TestFocus:
    def test_example(self, snap_compare, example_store, app_for):
        """The finished example: ★ FOCUS banner, voting closed, votes as numbers and dot bars,
        the other drafts marked "not now"."""
        app = app_for(example_store, "example", Stage.FOCUS)
        assert snap_compare(app, run_before=settled, terminal_size=(120, 40))

    def test_voting_hidden(self, snap_compare, store, workshop, app_for):
        """Mid-vote with votes hidden: drafts in written order, each row shows only Ben's own
        dots (the voter marked ▶), and the strip shows how many dots each person has left."""
        app = app_for(store, voting_workshop(store, workshop, revealed=False), Stage.FOCUS)
        assert snap_compare(app, run_before=settled, terminal_size=(120, 40))

    def test_voting_revealed(self, snap_compare, store, workshop, app_for):
        """The same votes revealed: sorted by votes, a number and a bar of dots per draft."""
        app = app_for(store, voting_workshop(store, workshop, revealed=True), Stage.FOCUS)
        assert snap_compare(app, run_before=settled, terminal_size=(120, 40))

    def test_voting_hidden_small_terminal(self, snap_compare, store, workshop, app_for):
        """Hidden voting at 80x24."""
        app = app_for(store, voting_workshop(store, workshop, revealed=False), Stage.FOCUS)
        assert snap_compare(app, run_before=settled, terminal_size=(80, 24))

    def test_offer_to_deprioritize(self, snap_compare, store, workshop, app_for):
        """After choosing o1: the other drafts, all ticked, and the one reason to give."""

        async def choose(pilot) -> None:
            await settled(pilot)
            await pilot.press("f", "y")
            await settled(pilot)

        app = app_for(store, voting_workshop(store, workshop, revealed=True), Stage.FOCUS)
        assert snap_compare(app, run_before=choose, terminal_size=(120, 40))
