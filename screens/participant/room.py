"""What the room is doing, and what that leaves a participant to do now, in one or two
sentences: the line at the top of every working screen and the greeting on the briefing.

The openings come from the core (``participation.openings``), so the words never offer what
the core would refuse. The focus objective is user text, slotted in as data.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from okrworkshop import participation, rules, weeks
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Status, Workshop
from okrworkshop.progress import CycleClock
from okrworkshop.text import plural
from okrworkshop.tracking import owned_key_results
from screens.participant.parts import CHECKIN, CONFIDENCE, VOTING, WEEK, part_for
from screens.user_text import labelled

ROOM_KEY = "F6, or Esc for the menu"
"""How to reach the part of the app the room calls for, said wherever it is offered."""


def room_part(ws: Workshop) -> str:
    """The working screen that serves what the room is doing now: the weekly meeting's while
    one is open."""
    if ws.status is Status.FINAL and weeks.open_week(ws) is not None:
        return WEEK
    return part_for(participation.openings(ws), final=ws.status is Status.FINAL)


def due_phrase(ws: Workshop) -> str:
    due = ws.settings.drafts_due
    return f"by {due:%A} {due.day} {due:%B %Y}" if due else "before the workshop"


def room_now(ws: Workshop, person: str, *, today: date, here: str | None = None) -> Content:
    """Where the room is and what ``person`` can do now. ``here`` is the screen showing it: the
    key to the room's part is named only when that part is somewhere else."""
    part = room_part(ws)
    key = f" ({ROOM_KEY})" if here is not None and part != here else ""
    opened = participation.openings(ws)
    if ws.status is Status.FINAL:
        return Content(_after_the_room(ws, person, today, key if part in (CHECKIN, WEEK) else ""))
    if not rules.is_live_or_later(ws):
        due = ws.settings.drafts_due
        when = f" (drafts are due {due.isoformat()})" if due else ""
        return Content(
            f"Before the workshop{when}: write one to three draft objectives and any "
            f"key-result ideas."
        )
    where = f"The room is at {ws.stage.label}"
    if opened.voting:
        return Content(
            f"{where} and voting on its focus: give your dots{key if part == VOTING else ''}. "
            "Drafts are still open."
        )
    focus = ws.focus_objective
    if focus is None:
        return Content(
            f"{where}. Drafts are open: add draft objectives and key-result ideas as they come "
            "to you."
        )
    ideas = (
        "Drafts are closed; key-result ideas are still welcome"
        if opened.ideas
        else "Drafts and key-result ideas are closed: say a new idea out loud"
    )
    weigh = (
        f" Show how sure you are of each key result, 1 to 5{key if part == CONFIDENCE else ''}."
        if opened.confidence
        else ""
    )
    return labelled(
        "$where. The team chose its focus: [b]$focus[/b]. $ideas.$weigh",
        where=where,
        focus=focus.text,
        ideas=ideas,
        weigh=weigh,
    )


def _after_the_room(ws: Workshop, person: str, today: date, key: str) -> str:
    meeting = weeks.meeting_line(ws, person)
    if meeting:
        return f"{meeting} Your part of it is one key away{key}." if key else meeting
    if ws.graded:
        return "The cycle is graded, so check-ins are closed. Thank you for keeping it alive."
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    if not clock.started and ws.cycle.start is not None:
        return (
            f"The OKR is final. Its cycle starts on {ws.cycle.start.isoformat()}: check-ins "
            "open then."
        )
    owned = owned_key_results(ws, person)
    if not owned:
        return (
            "The OKR is final, and you own none of its key results: anyone on the team may "
            f"still check in on one{key}."
        )
    ids = ", ".join(kr_label(ws, kr) for kr in owned)
    which = "the key result" if len(owned) == 1 else f"the {plural(len(owned), 'key result')}"
    return (
        f"The OKR is final. Check in each week on {which} you own ({ids}){key}: where it "
        "stands, how sure you are, what you learned."
    )
