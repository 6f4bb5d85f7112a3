"""The whole workshop as plain text, for ``okrworkshop show``, a terminal or a log.

Each section is a small function returning its lines; stored text goes through ``visible`` so a
control character never reaches the terminal raw.
"""

from __future__ import annotations

from . import rules
from .model import Stage, Workshop
from .text import plural, visible


def render_plain(ws: Workshop) -> str:
    """The whole workshop as plain text for a terminal or a log."""
    sections = (
        _header,
        _context,
        _before_the_meeting,
        _drafts,
        _deprioritized,
        _key_results,
        _plan,
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
    lines.append(f"Step: {ws.stage.title}   Status: {ws.status.value}")
    lines.append(f"Facilitator: {ws.facilitator or '(none)'}")
    lines.append(f"Participants: {', '.join(ws.participants) or '(none)'}")
    return lines


def _context(ws: Workshop) -> list[str]:
    c = ws.context
    texts = (
        ("Mission", c.mission),
        ("North Star", c.north_star),
        ("Vision", c.vision),
        ("Strategy", c.strategy),
        ("Why OKRs", c.why_okrs),
    )
    lists = (
        ("Pillars", c.pillars),
        ("Principles", c.principles),
        ("Higher-level OKRs", c.parent_okrs),
    )
    lines = [f"  {label}: {visible(value)}" for label, value in texts if value]
    lines += [
        f"  {label}: " + "; ".join(visible(i) for i in items) for label, items in lists if items
    ]
    lines += [f"  Overlap: {visible(o.team)}: {visible(o.topic)}" for o in c.overlaps]
    return ["Strategic context", *(lines or ["  (none yet)"])]


def _before_the_meeting(ws: Workshop) -> list[str]:
    due = ws.settings.drafts_due
    lines = [
        "Before the meeting",
        f"  Drafts due: {due.isoformat() if due else 'not set (before the workshop)'}",
    ]
    lines += [f"  {visible(p.name)}: {p.describe()}" for p in rules.drafting_progress(ws)]
    if not ws.participants:
        lines.append("  (no participants yet)")
    return lines


def _drafts(ws: Workshop) -> list[str]:
    lines = ["Draft objectives"]
    for o in ws.objectives:
        mark = "FOCUS " if o.id == ws.focus else ""
        votes = f", {plural(o.total_votes, 'vote')}" if ws.settings.votes_revealed else ""
        pillar = f", pillar: {visible(o.pillar)}" if o.pillar else ""
        lines.append(
            f"  {o.id}  {mark}{visible(o.text)}  ({visible(o.byline)}, {o.origin.value}"
            f"{pillar}{votes})"
        )
        if o.contributes_to:
            lines.append(f"       contributes to: {visible(o.contributes_to)}")
    if not ws.objectives:
        lines.append("  (none yet)")
    elif ws.participants:
        counts = {p: sum(p in o.authors for o in ws.objectives) for p in ws.participants}
        lines.append("  Drafts per person: " + ", ".join(f"{p} {n}" for p, n in counts.items()))
    return lines


def _deprioritized(ws: Workshop) -> list[str]:
    if not ws.deprioritized:
        return []
    items = [
        f"  {d.id}  {visible(d.text)}  (why: {visible(d.reason)})"
        + (f"  [was key result {d.from_key_result}]" if d.from_key_result else "")
        for d in ws.deprioritized
    ]
    return ["Deprioritized", *items]


def _key_results(ws: Workshop) -> list[str]:
    lines = ["Key results"]
    for kr in ws.key_results:
        lines.append(f"  {kr.id}  {visible(kr.statement)}  ({visible(kr.author)})")
        lines.append(
            f"       metric: {visible(kr.metric) or '?'}; {visible(kr.movement) or '? → ?'}; "
            f"deadline: {kr.deadline or '?'}; owner: {visible(kr.owner) or '?'}"
        )
    return lines if ws.key_results else [*lines, "  (none yet)"]


def _plan(ws: Workshop) -> list[str]:
    """The initiatives, each with its owner and the key result it serves."""
    if not ws.initiatives:
        return []
    lines = ["The plan (initiatives)"]
    for i in ws.initiatives:
        serves = f"for {i.key_result}" if ws.key_result(i.key_result or "") else "for the objective"
        owner = f"owner: {visible(i.owner)}; " if i.owner else ""
        lines.append(f"  {i.id}  {visible(i.text)}  ({owner}{serves})")
    return lines


def _steps(ws: Workshop) -> list[str]:
    lines = []
    for stage in Stage:
        missing = rules.missing_for(ws, stage)
        lines.append(f"  {stage.value:<14} {'done' if not missing else 'to do:'}")
        lines += [f"  {'':<14}   - {visible(item)}" for item in missing]
    return lines
