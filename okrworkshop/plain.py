"""The whole workshop as plain text, for ``okrworkshop show``, a terminal or a log.

Each section is a small function returning its lines; stored text goes through ``visible`` so a
control character never reaches the terminal raw.
"""

from __future__ import annotations

from datetime import date

from . import rules
from .confidence import confidence_summary
from .grading import GradeReport, grade_report
from .kr_names import kr_labels, label_for
from .model import CONTEXT_LABELS, Lifecycle, Stage, Status, Workshop
from .preread import missing_for_reader
from .progress import KrProgress, Standing, percent, workshop_progress
from .text import day_words, plural, visible


def render_plain(ws: Workshop, *, today: date | None = None) -> str:
    """The whole workshop as plain text for a terminal or a log (progress as of ``today``)."""
    day = today or date.today()
    sections = (
        _header,
        _context,
        _last_cycle,
        _before_the_meeting,
        _drafts,
        _deprioritized,
        _key_results,
        _plan,
        lambda w: _progress(w, day),
        lambda w: _grade(w, day),
    )
    lines: list[str] = []
    for section in sections:
        part = section(ws)
        if part:
            lines += [*([""] if lines else []), *part]
    lines += ["", "Steps", *_steps(ws)]
    return "\n".join(lines)


def _header(ws: Workshop) -> list[str]:
    lines = [f"{ws.team}, {ws.cycle.label}  (workshop {ws.id})"]
    if ws.cycle.start and ws.cycle.end:
        lines.append(f"Cycle: {ws.cycle.start.isoformat()} to {ws.cycle.end.isoformat()}")
    lines.append(f"Step: {ws.stage.label}   Status: {rules.lifecycle(ws).value}")
    if ws.archived:
        lines.append("Archived: hidden from lists (okrworkshop archive --undo brings it back)")
    if ws.follows:
        lines.append(f"Follows: workshop {visible(ws.follows)}")
    lines.append(f"Facilitator: {ws.facilitator or '(none)'}")
    lines.append(f"Participants: {', '.join(ws.participants) or '(none)'}")
    return lines


def _context(ws: Workshop) -> list[str]:
    c = ws.context
    texts = (
        (CONTEXT_LABELS["mission"], c.mission),
        (CONTEXT_LABELS["north_star"], c.north_star),
        (CONTEXT_LABELS["vision"], c.vision),
        (CONTEXT_LABELS["strategy"], c.strategy),
        (CONTEXT_LABELS["why_okrs"], c.why_okrs),
    )
    lists = (
        (CONTEXT_LABELS["pillars"], c.pillars),
        (CONTEXT_LABELS["principles"], c.principles),
        (CONTEXT_LABELS["parent_okrs"], c.parent_okrs),
    )
    lines = [f"  {label}: {visible(value)}" for label, value in texts if value]
    lines += [
        f"  {label}: " + "; ".join(visible(i) for i in items) for label, items in lists if items
    ]
    lines += [f"  Overlap: {visible(o.team)}: {visible(o.topic)}" for o in c.overlaps]
    return ["Strategic context", *(lines or ["  (none yet)"])]


def _before_the_meeting(ws: Workshop) -> list[str]:
    """When and where, and who has drafted what: only while the room has not met yet. Once it
    is live or final, "nothing yet" beside a name would read as a complaint about the past."""
    if ws.status not in (Status.PREPARING, Status.DRAFTING):
        return []
    s = ws.settings
    due = s.drafts_due
    when = day_words(s.meeting_date) if s.meeting_date else "date not set"
    lines = [
        "Before the meeting",
        f"  Workshop: {when}, {visible(s.meeting_time) or 'time not set'}",
        f"  Place: {visible(s.meeting_place) or 'not set'}",
        f"  Drafts due: {due.isoformat() if due else 'not set (before the workshop)'}",
    ]
    lines += [f"  {visible(p.name)}: {p.describe()}" for p in rules.drafting_progress(ws)]
    if not ws.participants:
        lines.append("  (no participants yet)")
    missing = missing_for_reader(ws)
    if missing:  # what the pre-read leaves out until it is set
        lines += ["  Not in the pre-read yet:", *(f"    {step}" for step in missing)]
    return lines


def _drafts(ws: Workshop) -> list[str]:
    lines = ["Draft objectives"]
    for o in ws.objectives:
        mark = "FOCUS " if o.id == ws.focus else ""
        votes = f", {plural(o.total_votes, 'vote')}" if ws.settings.votes_revealed else ""
        pillar = f", pillar: {visible(o.pillar)}" if o.pillar else ""
        carried = ", carried over from the last cycle" if o.carried_from else ""
        lines.append(
            f"  {o.id}  {mark}{visible(o.text)}  ({visible(o.byline)}, {o.origin.value}"
            f"{pillar}{votes}{carried})"
        )
        if o.contributes_to:
            lines.append(f"       contributes to: {visible(o.contributes_to)}")
    if not ws.objectives:
        lines.append("  (none yet)")
    elif ws.participants:
        counts = rules.drafts_per_person(ws)
        lines.append(
            "  Drafts per person: "
            + ", ".join(f"{p} {counts.get(p.casefold(), 0)}" for p in ws.participants)
        )
    return lines


def _deprioritized(ws: Workshop) -> list[str]:
    if not ws.deprioritized:
        return []
    items = [
        f"  {d.id}  {visible(d.text)}  (why: {visible(d.reason)})"
        + ("  [was a key result]" if d.from_key_result else "")
        for d in ws.deprioritized
    ]
    return ["Deprioritized", *items]


def _key_results(ws: Workshop) -> list[str]:
    lines = ["Key results"]
    labels = kr_labels(ws)
    for kr in ws.key_results:
        lines.append(f"  {labels[kr.id]}  {visible(kr.statement)}  ({visible(kr.author)})")
        lines.append(
            f"       metric: {visible(kr.metric) or '?'}; {visible(kr.movement) or '? → ?'}; "
            f"deadline: {kr.deadline or '?'}; owner: {visible(kr.owner) or '?'}; "
            f"{kr.kind.value}{'; carried over from the last cycle' if kr.carried_from else ''}"
        )
        if kr.contributes_to:
            lines.append(f"       contributes to: {visible(kr.contributes_to)}")
        line = confidence_line(ws, kr.id)
        if line:
            lines.append(f"       {line}")
    return lines if ws.key_results else [*lines, "  (none yet)"]


def _plan(ws: Workshop) -> list[str]:
    """The initiatives, each with its owner and the key result it serves."""
    if not ws.initiatives:
        return []
    lines = ["The plan (initiatives)"]
    labels = kr_labels(ws)
    for i in ws.initiatives:
        serves = f"for {labels[i.key_result]}" if i.key_result in labels else "for the objective"
        owner = f"owner: {visible(i.owner)}; " if i.owner else ""
        lines.append(f"  {i.id}  {visible(i.text)}  ({owner}{serves})")
    return lines


# --- after the room -------------------------------------------------------------------------


def confidence_line(ws: Workshop, kr_id: str) -> str:
    """The room's confidence in one key result: who voted while hidden, the figures once
    revealed, and the prompt to talk when the average is low or the spread wide."""
    kr = ws.key_result(kr_id)
    if kr is None or not kr.confidence_votes:
        return ""
    c = confidence_summary(ws, kr)
    if not c.revealed:
        return f"confidence: {plural(c.count, 'vote')} in, hidden until revealed"
    assert c.average is not None
    votes = ", ".join(f"{visible(name)} {n}" for name, n in c.votes)
    line = f"confidence: average {c.average:.1f} of 5, {c.low} to {c.high} ({votes})"
    return f"{line}. {visible(c.prompt)}" if c.prompt else line


def progress_lines(p: KrProgress) -> list[str]:
    """One key result's progress in three lines (``okrworkshop progress`` and ``show``)."""
    owner = f", owner {visible(p.owner)}" if p.owner else ""
    lines = [f"{p.label}  {visible(p.statement)}  ({p.kind.value}{owner})"]
    if p.progress is None:  # the standing says it all: "no check-in yet", once
        lines.append(f"     {visible(p.movement)}   {p.standing.value}")
    else:
        expected = ""
        if p.expected is not None:
            on = p.latest.date.isoformat() if p.latest and p.days_since != 0 else "today"
            expected = f", expected {p.expected_percent} by {on}"
            if on != "today" and p.expected_now is not None and p.days_since is not None:
                expected += f" ({percent(p.expected_now)} by today)"
        figures = f"progress {p.percent}{expected}"
        lines.append(f"     {visible(p.movement)}   {figures}: {p.standing.value}")
    compared = p.standing in (Standing.ON_TRACK, Standing.AT_RISK, Standing.BEHIND)
    said = p.standing in (Standing.NO_CHECKIN,)  # the line above says all there is
    quiet = (compared and (p.progress or 0) >= 0) or said  # else: the figures need words
    details = [] if quiet else [p.detail]
    if p.confidence is not None:
        trend = p.trend_words
        details.append(f"Confidence {p.confidence}/10{', ' + trend if trend else ''}.")
    if p.latest is not None:
        ago = ""
        if p.days_since is not None:
            ago = " (today)" if p.days_since == 0 else f" ({plural(p.days_since, 'day')} ago)"
        details.append(f"Last check-in {p.latest.date.isoformat()}{ago}.")
    if details:
        lines.append("     " + " ".join(details))
    if p.latest is not None and p.latest.note.strip():
        lines.append(f"     Last note ({visible(p.latest.author)}): {visible(p.latest.note)}")
    if p.stale:
        since = (
            f"for {plural(p.days_since, 'day')}"
            if p.days_since is not None
            else "since the cycle began"
        )
        lines.append(
            f"     ! No check-in {since}: okrworkshop checkin {p.label} VALUE --note 'what we "
            f"learned'"
        )
    return lines


def _progress(ws: Workshop, today: date) -> list[str]:
    if ws.status is not Status.FINAL or not any(kr.checkins for kr in ws.key_results):
        return []
    report = workshop_progress(ws, today)
    lines = [f"Progress (as of {today.isoformat()}: {report.clock.describe()})"]
    for p in report.key_results:
        lines += ["  " + line for line in progress_lines(p)]
    return lines


def grade_lines(report: GradeReport) -> list[str]:
    """The grade, per key result and on average (``okrworkshop grade`` and ``show``)."""
    lines = [f"{report.headline()}. {report.summary()}"]
    for s in report.key_results:
        score = f"{s.score:.2f}" if s.score is not None else "  - "
        lines.append(f"  {s.label}  {score}  {s.kind.value:<9}  {s.source.value}")
        lines.append(f"        {s.reading}")
        if s.reason.strip():
            lines.append(f"        Reason: {visible(s.reason)}")
    if report.retro.strip():
        lines.append(f"What we learned: {visible(report.retro)}")
    return lines


def _grade(ws: Workshop, today: date) -> list[str]:
    if rules.lifecycle(ws) is not Lifecycle.GRADED and not ws.retro.strip():
        return []
    return ["Grade", *["  " + line for line in grade_lines(grade_report(ws, today))]]


def _last_cycle(ws: Workshop) -> list[str]:
    last = ws.last_cycle
    if last is None:
        return []
    figure = f"{last.score:.2f}" if last.score is not None else "no score"
    kind = " (progress, not a recorded grade)" if last.forecast else ""
    lines = [
        f"Last cycle: {visible(last.label)} (workshop {visible(last.workshop)})",
        f"  Objective: {visible(last.objective) or '(none)'}",
        f"  Result: {figure}{kind}",
    ]
    for number, k in enumerate(last.key_results, 1):  # as that cycle numbered them
        score = f"{k.score:.2f}" if k.score is not None else "no score"
        latest = f", latest {visible(k.latest)}" if k.latest else ""
        lines.append(
            f"  {label_for(number)}  {score}  {k.kind.value}{latest}: {visible(k.statement)}"
        )
    if last.retro.strip():
        lines.append(f"  What the team learned: {visible(last.retro)}")
    for x in last.deprioritized:
        lines.append(f"  Left out then: {visible(x.text)} (why: {visible(x.reason)})")
    return lines


def _steps(ws: Workshop) -> list[str]:
    lines = []
    for stage in Stage:
        missing = rules.missing_for(ws, stage)
        lines.append(f"  {stage.value:<14} {'done' if not missing else 'to do:'}")
        lines += [f"  {'':<14}   - {visible(item)}" for item in missing]
    return lines
