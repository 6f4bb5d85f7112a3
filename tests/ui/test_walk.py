"""A whole workshop by keys alone: from an empty file to the final OKR saved as markdown.

The facilitator never touches a mouse and the test never sets a widget's value or calls a
screen's method: every step is driven with ``pilot.press`` (tab and shift+tab to move between
fields, the screens' own keys to act), and what the room did is read back from the store.
The frozen clock is moved forward on each step so the time spent there is recorded.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Select

from okrworkshop import export
from okrworkshop.model import Check, Review, Stage, Status
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.dialogs.new_workshop import NewWorkshopScreen
from screens.facilitator.context import ContextScreen
from screens.facilitator.deprioritized import DeprioritizedScreen
from screens.facilitator.drafts import DraftsScreen
from screens.facilitator.final import FinalScreen
from screens.facilitator.focus import DeprioritizeOffer, FocusScreen, VoteTable
from screens.facilitator.key_results import KeyResultsScreen
from screens.facilitator.refine import ChecksList, RefineScreen
from screens.facilitator.setup import SetupScreen
from screens.facilitator.welcome import WelcomeScreen

SIZE = (120, 40)
SECONDS_PER_STEP = 60.0  # moved on the frozen clock while the room is on a step

# Short words: Pilot spends about a tenth of a second on every key.
MISSION = "Help shops sell"
NORTH_STAR = "Buyers find it"
PILLARS = ["Relevance", "Speed"]
STRATEGY = "Quality first"
WHY_OKRS = "Finish more"

DRAFTS = {  # id: (text, author), in the order they are typed
    "o1": ("Buyers find it fast", "Ben"),
    "o2": ("Easy listing", "Dana"),
    "o3": ("New countries", "Chen"),
}
OFFER_REASON = "Not now"
FREE_ITEM = ("New engine", "Too big")

KR1 = {
    "statement": "Lift conversion to 18%",
    "metric": "conversion",
    "baseline": "12",
    "target": "18",
    "unit": "%",
    "deadline": "2027-03-31",
    "owner": "Chen",
}
KR2 = {  # "Launch" reads as an activity: the linter flags Outcome, the room accepts it
    "statement": "Launch saved searches",
    "metric": "users",
    "baseline": "0",
    "target": "500",
    "unit": "users",
    "deadline": "2027-03-31",
    "owner": "Ben",
}
ACCEPT_NOTE = "A bet"
OWNERS = ["Ben", "Chen", "Dana", "Ana"]  # the owner list: participants, then the facilitator


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key; a newline is the Enter key (a new line in a text area)."""
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            await pilot.press("enter")
        if line:
            await pilot.press(*line)


def focused_id(app) -> str | None:
    return app.focused.id if app.focused is not None else None


async def back_to(app, pilot, widget_id: str, limit: int = 8) -> None:
    """Shift+tab back to a field (at most ``limit`` presses).

    After a key result is added from the Add button, focus stays on the button, so the
    facilitator walks back to the statement; if focus already went back there, no key is needed.
    """
    for _ in range(limit):
        if focused_id(app) == widget_id:
            return
        await pilot.press("shift+tab")
    assert focused_id(app) == widget_id


async def arrive(app, pilot, screen_type: type) -> None:
    """Wait until the step's screen is on top and has drawn from the store."""
    await pilot.pause()
    await app.settle()
    await pilot.pause()
    assert isinstance(app.screen, screen_type), f"on {type(app.screen).__name__}"


async def next_step(app, pilot, clock, screen_type: type) -> None:
    """The room spends a while on the step, then the facilitator presses F9."""
    clock.advance(SECONDS_PER_STEP)
    await pilot.press("f9")
    await arrive(app, pilot, screen_type)


async def test_a_whole_workshop_by_keys_alone(store, app_for, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the markdown is saved under the folder the app started in
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        # --- welcome, on an empty file: n opens the new-workshop form
        await arrive(app, pilot, WelcomeScreen)
        assert store.workshops() == []
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewWorkshopScreen)
        assert focused_id(app) == "team"
        # Enter moves to the next field; on the last one it creates the workshop.
        for text in ("Search", "2027 Q1", "2027-01-01", "2027-03-31", "Ana"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await type_text(pilot, "Ben, Chen, Dana")
        await pilot.press("enter")

        # --- set up: the form's answers are there; 2 dots each
        await arrive(app, pilot, SetupScreen)
        (ws,) = store.workshops()
        wid = ws.id
        assert focused_id(app) == "setup-team"
        # Past the cycle, its start and end, and the facilitator, to when drafts are due.
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        assert focused_id(app) == "settings-drafts-due"
        await type_text(pilot, "2026-12-20")
        await pilot.press("tab")
        assert focused_id(app) == "settings-votes"
        await pilot.press("backspace", "2", "tab")
        await app.settle()
        ws = store.get(wid)
        assert (ws.team, ws.cycle.label, ws.facilitator) == ("Search", "2027 Q1", "Ana")
        assert (ws.cycle.start, ws.cycle.end) == (date(2027, 1, 1), date(2027, 3, 31))
        assert ws.participants == ["Ben", "Chen", "Dana"]
        assert ws.settings.votes_per_participant == 2
        assert ws.settings.drafts_due == date(2026, 12, 20)

        # --- strategic context: type each required field, tab between them
        await next_step(app, pilot, clock, ContextScreen)
        assert focused_id(app) == "context-mission"
        await type_text(pilot, MISSION)
        await pilot.press("tab")
        assert focused_id(app) == "context-north_star"
        await type_text(pilot, NORTH_STAR)
        await pilot.press("tab")
        assert focused_id(app) == "context-pillars"
        await type_text(pilot, "\n".join(PILLARS))
        await pilot.press("tab", "tab", "tab")  # past the optional vision and principles
        assert focused_id(app) == "context-strategy"
        await type_text(pilot, STRATEGY)
        await pilot.press("tab", "tab", "tab")  # past the optional parent OKRs and overlaps
        assert focused_id(app) == "context-why_okrs"
        await type_text(pilot, WHY_OKRS)
        await pilot.press("shift+tab")  # leaving a field saves it at once
        await app.settle()
        context = store.get(wid).context
        assert context.mission == MISSION
        assert context.north_star == NORTH_STAR
        assert context.pillars == PILLARS
        assert context.strategy == STRATEGY
        assert context.why_okrs == WHY_OKRS

        # --- draft objectives: three people, the author picked with F2/F3
        await next_step(app, pilot, clock, DraftsScreen)
        assert focused_id(app) == "draft-input"
        await type_text(pilot, DRAFTS["o1"][0])  # Ben, the first person, is the author
        await pilot.press("enter")
        await pilot.press("f2", "f2")  # Chen, then Dana
        await type_text(pilot, DRAFTS["o2"][0])
        await pilot.press("enter")
        await pilot.press("f3")  # back to Chen
        await type_text(pilot, DRAFTS["o3"][0])
        await pilot.press("enter")
        await app.settle()
        objectives = store.get(wid).objectives
        assert [(o.id, o.text, o.author) for o in objectives] == [
            (oid, text, author) for oid, (text, author) in DRAFTS.items()
        ]

        # --- create focus: two dots each, reveal, choose o1, set the others aside
        await next_step(app, pilot, clock, FocusScreen)
        assert isinstance(app.focused, VoteTable)  # the ballot, on o1
        await pilot.press("space", "space")  # Ben: both dots on o1
        await pilot.press("f2", "space", "down", "down", "space")  # Chen: o1 and o3
        await pilot.press("f2", "up", "space", "space")  # Dana: both on o2
        await pilot.press("f2", "space", "up", "space")  # Ana: o2 and o1
        await app.settle()
        votes = {o.id: o.votes for o in store.get(wid).objectives}
        assert votes == {
            "o1": {"Ben": 2, "Chen": 1, "Ana": 1},
            "o2": {"Dana": 2, "Ana": 1},
            "o3": {"Chen": 1},
        }
        await pilot.press("v")  # reveal: most votes first, o1 on top
        await app.settle()
        assert store.get(wid).settings.votes_revealed
        await pilot.press("home", "f")  # the top row, o1, becomes THE focus after asking
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        await pilot.pause()
        assert store.get(wid).focus == "o1"
        assert isinstance(app.screen, DeprioritizeOffer)  # the other drafts are offered
        assert focused_id(app) == "offer-drafts"  # the list first; Tab goes to the reason
        await pilot.press("tab")
        assert focused_id(app) == "offer-reason"
        await type_text(pilot, OFFER_REASON)
        await pilot.press("enter")
        await app.settle()
        assert isinstance(app.screen, FocusScreen)
        ws = store.get(wid)
        assert [(d.from_objective, d.reason) for d in ws.deprioritized] == [
            ("o2", OFFER_REASON),
            ("o3", OFFER_REASON),
        ]

        # --- deprioritized: both drafts are listed; add one more thing with a reason
        await next_step(app, pilot, clock, DeprioritizedScreen)
        screen = app.screen
        assert [key.value for key in screen.query_one("#deprioritized").rows] == ["d1", "d2"]
        # Every draft is decided, so the not-now list has focus; the "add" row is before it.
        assert focused_id(app) == "deprioritized"
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert focused_id(app) == "new-item"
        await type_text(pilot, FREE_ITEM[0])
        await pilot.press("enter")  # no reason yet: Enter moves to the reason
        assert focused_id(app) == "new-reason"
        await type_text(pilot, FREE_ITEM[1])
        await pilot.press("enter")
        await app.settle()
        items = store.get(wid).deprioritized
        assert [(d.text, d.reason, d.from_objective) for d in items] == [
            (DRAFTS["o2"][0], OFFER_REASON, "o2"),
            (DRAFTS["o3"][0], OFFER_REASON, "o3"),
            (FREE_ITEM[0], FREE_ITEM[1], None),
        ]

        # --- key results: two, every field typed, owner picked from the list
        await next_step(app, pilot, clock, KeyResultsScreen)
        for number, kr in enumerate((KR1, KR2), start=1):
            assert focused_id(app) == "kr-statement", f"KR{number} starts in the statement"
            for name in ("statement", "metric", "baseline", "target", "unit", "deadline"):
                assert focused_id(app) == f"kr-{name}"
                await type_text(pilot, kr[name])
                await pilot.press("tab")
            assert isinstance(app.focused, Select)  # the owner
            # Enter opens the list; its first row is the "nobody yet" prompt.
            await pilot.press("enter", *["down"] * (OWNERS.index(kr["owner"]) + 1), "enter")
            await pilot.press("tab")
            assert isinstance(app.focused, Button) and app.focused.id == "kr-submit"
            await pilot.press("enter")  # Add
            await app.settle()
            assert len(store.get(wid).key_results) == number
            # Back to the statement for the next one (the form is empty again).
            await back_to(app, pilot, "kr-statement")
        key_results = store.get(wid).key_results
        for kr, wanted in zip(key_results, (KR1, KR2), strict=True):
            assert kr.statement == wanted["statement"]
            assert (kr.metric, kr.baseline, kr.target, kr.unit) == (
                wanted["metric"],
                wanted["baseline"],
                wanted["target"],
                wanted["unit"],
            )
            assert kr.deadline == date.fromisoformat(wanted["deadline"])
            assert kr.owner == wanted["owner"]

        # --- SMART refinement: c confirms each check; a accepts a known gap
        await next_step(app, pilot, clock, RefineScreen)
        assert isinstance(app.focused, ChecksList)
        for _check in Check:  # kr1 passes everything the linter can read
            await pilot.press("c")
            await app.settle()
        assert all(
            r.status is Review.CONFIRMED for r in store.get(wid).key_results[0].smart.values()
        )
        await pilot.press("n")  # kr2
        await pilot.pause()
        # The highlight stays on the check it was on for kr1 (Outcome): Home goes to the first.
        await pilot.press("home")
        for _check in list(Check)[:-1]:
            await pilot.press("c")
            await app.settle()
        await pilot.press("c")  # Outcome: refused, "Launch" is an activity
        await app.settle()
        assert store.get(wid).key_results[1].smart[Check.OUTCOME].status is Review.OPEN
        await pilot.press("a")  # accept it as it is, with a note
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, ACCEPT_NOTE)
        await pilot.press("enter")
        await app.settle()
        outcome = store.get(wid).key_results[1].smart[Check.OUTCOME]
        assert (outcome.status, outcome.note) == (Review.ACCEPTED, ACCEPT_NOTE)
        clock.advance(SECONDS_PER_STEP)
        # Shift+F finalizes. Terminals send Shift+F as the key "F" (not the "shift+f" Pilot can
        # fake), so the test presses what the facilitator's terminal sends.
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await arrive(app, pilot, FinalScreen)  # finalizing moves to the final step
        assert store.get(wid).status is Status.FINAL

        # --- final OKR: s saves the markdown; Enter takes the suggested path
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        path = tmp_path / "search-2027-q1.okr.md"
        assert app.screen.query_one(Input).value == str(path)
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, FinalScreen)
        assert "✓ Saved to" in str(app.screen.query_one("#final-saved").visual)

    ws = store.get(wid)
    assert path.read_text(encoding="utf-8") == export.to_markdown(ws)
    assert ws.status is Status.FINAL and ws.finalized
    assert ws.focus == "o1"
    assert ws.focus_objective is not None and ws.focus_objective.text == DRAFTS["o1"][0]
    assert [(d.text, d.reason) for d in ws.deprioritized] == [
        (DRAFTS["o2"][0], OFFER_REASON),
        (DRAFTS["o3"][0], OFFER_REASON),
        FREE_ITEM,
    ]
    assert len(ws.key_results) == 2
    for kr, wanted in zip(ws.key_results, (KR1, KR2), strict=True):
        assert kr.statement == wanted["statement"]
        assert (kr.metric, kr.baseline, kr.target, kr.unit, kr.owner) == (
            wanted["metric"],
            wanted["baseline"],
            wanted["target"],
            wanted["unit"],
            wanted["owner"],
        )
        assert kr.deadline == date(2027, 3, 31)
        assert not any(r.status is Review.OPEN for r in kr.smart.values())
    assert (ws.context.mission, ws.context.north_star, ws.context.pillars) == (
        MISSION,
        NORTH_STAR,
        PILLARS,
    )
    assert (ws.context.strategy, ws.context.why_okrs) == (STRATEGY, WHY_OKRS)
    visited = [s for s in Stage if s is not Stage.FINAL]
    for stage in visited:
        assert ws.stage_seconds.get(stage, 0) >= SECONDS_PER_STEP, stage
    assert ws.stage is Stage.FINAL
