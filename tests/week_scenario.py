"""Three consecutive weekly meetings on the example, in memory, with the clock set inside its
cycle: what the documents' tests read (the CLI test runs the same weeks in real processes)."""

from __future__ import annotations

from datetime import date

from okrworkshop import tracking, week_actions
from okrworkshop.model import Workshop
from okrworkshop.sample import example_workshop

MONDAYS = (date(2027, 2, 22), date(2027, 3, 1), date(2027, 3, 8))
PEOPLE = ("Ben", "Chen", "Dana")


def _votes(ws: Workshop, table: dict[str, tuple[int, int, int]]) -> None:
    for kr, numbers in table.items():
        for person, n in zip(PEOPLE, numbers, strict=True):
            week_actions.vote(ws, kr, n, person=person)
    week_actions.reveal(ws)


def three_weeks() -> Workshop:
    """The example after meetings in 2027-W08, W09 and W10 (all closed)."""
    ws = example_workshop()
    ws.id = "a1b2c3"
    w08, w09, w10 = MONDAYS
    week_actions.start_week(ws, today=w08)
    _votes(ws, {"KR1": (7, 8, 8), "KR2": (5, 6, 4), "KR3": (6, 6, 5)})
    week_actions.add_action(ws, "KR2", "Ask the vendor for a synonyms list", owner="Ben", ask=True)
    c1 = week_actions.commit(ws, "Ship the synonyms list", person="Ben", kr="KR2")
    c2 = week_actions.commit(ws, "Interview five buyers", person="Chen", kr="KR1")
    week_actions.set_health(ws, "Customer satisfaction", "green")
    week_actions.set_health(ws, "On-call load", "amber", "Two pages a night")
    week_actions.add_win(ws, "Zero-result page redesign shipped", person="Dana", others=("Ben",))
    week_actions.close_week(ws)

    tracking.check_in(ws, "kr1", "15.6%", today=w09)
    tracking.check_in(ws, "kr2", "7.0%", today=w09)
    week_actions.start_week(ws, today=w09)
    _votes(ws, {"KR1": (8, 8, 8), "KR2": (5, 5, 5), "KR3": (6, 6, 6)})
    week_actions.close_commitment(ws, c1.id, done=True)
    _, c3 = week_actions.close_commitment(ws, c2.id, done=False, why="No buyers free", carry=True)
    week_actions.add_action(ws, "KR2", "Pair on the synonyms", owner="Ben", blocker=True)
    c4 = week_actions.commit(ws, "Tune the ranking", person="Dana")
    week_actions.set_health(ws, "On-call load", "green")
    week_actions.add_win(ws, "First buyer interview done", person="Chen")
    week_actions.close_week(ws)

    tracking.check_in(ws, "kr1", "16.0%", today=w10)
    tracking.check_in(ws, "kr2", "6.8%", today=w10)
    tracking.check_in(ws, "kr3", "48.0%", today=w10)
    week_actions.start_week(ws, today=w10)
    _votes(ws, {"KR1": (6, 6, 6), "KR2": (5, 5, 5), "KR3": (6, 6, 6)})
    assert c3 is not None
    week_actions.close_commitment(ws, c3.id, done=True)
    week_actions.close_commitment(ws, c4.id, done=False, why="Waiting on data")
    week_actions.add_action(
        ws, "KR1", "Find out why checkout slowed", owner="Chen", ask=True, blocker=True
    )
    week_actions.set_health(ws, "Customer satisfaction", "red", "Complaints about slow pages")
    week_actions.add_win(ws, "Synonyms list live for shoes", person="Ben", others=("Chen",))
    week_actions.close_week(ws)
    return ws
