"""What a participant reads before drafting: the cycle, what is asked of them, and the
strategic context the facilitator wrote. Short on purpose; Enter moves on.

Shown first when someone joins, and again on F7 from the drafting screen. Everything here was
typed by someone, so it is built as ``Content``, never markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from okrworkshop import rules
from okrworkshop.model import CONTEXT_LABELS, Status, Workshop
from screens.keys_shown import KeysWhereFocus
from screens.participant.footer import PartFooter
from screens.participant.parts import CHECKIN, CONFIDENCE, VOTING, WEEK
from screens.participant.room import due_phrase, room_now, room_part
from screens.user_text import labelled, shown

if TYPE_CHECKING:
    from screens.participant.app import ParticipantApp


GO_ON = {
    VOTING: "Give my dots",
    CONFIDENCE: "Say how sure I am",
    CHECKIN: "Check in",
    WEEK: "Join the weekly meeting",
}
"""What the button says when Enter leads somewhere other than the drafts."""


def ask_text(ws: Workshop, person: str, today: date) -> Content:
    """What the team asks of this person now: before the workshop, the drafts; once the room
    is under way, what it is doing and what that leaves them to do."""
    if rules.is_live_or_later(ws):
        return labelled("Hello [b]$person[/b]. ", person=person) + room_now(ws, person, today=today)
    when = due_phrase(ws)
    return labelled(
        "Hello [b]$person[/b]. $when, please write [b]one to three draft objectives[/b] "
        "(where should the team be at the end of $cycle?) and any [b]key-result ideas[/b] "
        "(a number that would show we got there). In the workshop the team reads every draft "
        "and chooses ONE focus objective together.",
        person=person,
        when=when[0].upper() + when[1:],
        cycle=ws.cycle.label,
    )


def _cycle_line(ws: Workshop) -> Content:
    dates = ""
    if ws.cycle.start and ws.cycle.end:
        dates = f" ({ws.cycle.start.isoformat()} to {ws.cycle.end.isoformat()})"
    facilitated = f" · facilitated by {ws.facilitator}" if ws.facilitator else ""
    return labelled(
        "[b]$team[/b] · $cycle$dates$by",
        team=ws.team,
        cycle=ws.cycle.label,
        dates=dates,
        by=facilitated,
    )


def meeting_line(ws: Workshop) -> Content | None:
    """When and where the workshop meets (None once the OKR is final, or when neither is
    set): "Workshop: Monday 2026-12-14, 10:00-12:30 CET · Room 4.12"."""
    if ws.status is Status.FINAL:
        return None
    parts = [rules.meeting_when(ws), " ".join(ws.settings.meeting_place.split())]
    said = " · ".join(part for part in parts if part)
    return labelled("[b]Workshop:[/b] $said", said=said) if said else None


def okr_sections(ws: Workshop) -> list[tuple[str, Content]]:
    """Once it is final, the OKR itself: the objective, then each key result as the handout
    names it, with its owner and deadline."""
    focus = ws.focus_objective
    if ws.status is not Status.FINAL or focus is None:
        return []
    from okrworkshop.export import key_result_numbers  # only needed once the OKR is final

    numbers = key_result_numbers(ws)
    lines = []
    for kr in ws.key_results:
        details = [f"owner {kr.owner}" if kr.owner.strip() else ""]
        details.append(f"due {kr.deadline.isoformat()}" if kr.deadline else "")
        said = ", ".join(d for d in details if d)
        lines.append(f"{numbers[kr.id]}  {kr.statement}" + (f" ({said})" if said else ""))
    parts = [("The objective", shown(focus.text))]
    if lines:
        parts.append(("Key results", shown("\n".join(lines))))
    return parts


def context_sections(ws: Workshop) -> list[tuple[str, Content]]:
    """The strategic context, one (heading, body) per part the facilitator filled in."""
    c = ws.context

    def bullets(items: list[str]) -> Content:
        return shown("\n".join(f"• {item}" for item in items))

    parts: list[tuple[str, Content | None]] = [
        (CONTEXT_LABELS["mission"], shown(c.mission) if c.mission else None),
        (CONTEXT_LABELS["north_star"], shown(c.north_star) if c.north_star else None),
        (CONTEXT_LABELS["pillars"], bullets(c.pillars) if c.pillars else None),
        (CONTEXT_LABELS["vision"], shown(c.vision) if c.vision else None),
        (CONTEXT_LABELS["principles"], bullets(c.principles) if c.principles else None),
        (CONTEXT_LABELS["strategy"], shown(c.strategy) if c.strategy else None),
        (CONTEXT_LABELS["parent_okrs"], bullets(c.parent_okrs) if c.parent_okrs else None),
        (
            CONTEXT_LABELS["overlaps"],
            bullets([f"{o.team}: {o.topic}" for o in c.overlaps]) if c.overlaps else None,
        ),
        (CONTEXT_LABELS["why_okrs"], shown(c.why_okrs) if c.why_okrs else None),
    ]
    return [(title, body) for title, body in parts if body is not None]


class BriefingScreen(KeysWhereFocus[None]):
    """The strategic context, to read before drafting (or to skip)."""

    CSS_PATH = "briefing.tcss"
    HELP_TITLE = "Before you start"
    PURPOSE = (
        "Good objectives grow out of the company's direction. Skim what is asked of you and "
        "the context the facilitator wrote, then press Enter (or Esc) to go on to what the "
        "room is doing now: your drafts, the dot vote, the confidence vote or check-ins. "
        "F7, or Context in the menu (Esc), brings this page back later."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f9", "start", "Go on"),
        Binding("escape", "start", "Skip", show=False),
    ]

    def __init__(self, *, again: bool = False) -> None:
        super().__init__()
        self._again = again

    @property
    def participant_app(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.participant_app
        ws = app.workshop
        assert ws is not None
        person = app.person or ""
        with VerticalScroll(id="briefing"):
            yield Static(_cycle_line(ws), id="briefing-cycle")
            meeting = meeting_line(ws)
            if meeting is not None:
                yield Static(meeting, id="briefing-meeting")
            yield Static(ask_text(ws, person, app.today()), id="briefing-ask")
            for title, body in okr_sections(ws):
                yield Static(Content.styled(title, "bold"), classes="section")
                yield Static(body, classes="briefing-body okr")
            sections = context_sections(ws)
            if not sections:
                yield Static(
                    Content(
                        "The facilitator has not written the strategic context yet. Draft "
                        "from what you know of the company's goals, and look again later (F7)."
                    ),
                    classes="hint",
                )
            for title, body in sections:
                yield Static(Content.styled(title, "bold"), classes="section")
                yield Static(body, classes="briefing-body")
            label = (
                "Back (Enter)"
                if self._again
                else f"{GO_ON.get(room_part(ws), 'Start drafting')} (Enter)"
            )
            yield Button(label, variant="primary", id="start")
        yield PartFooter()

    def on_mount(self) -> None:
        self.query_one("#briefing", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Back where they were, or (the first time) to what the room is doing now."""
        ws = self.participant_app.workshop
        if self._again:
            self.dismiss()
        elif ws is not None:
            self.participant_app.show_part(room_part(ws))
