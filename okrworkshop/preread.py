"""The pre-read: what a participant reads, in their own time, before the workshop.

It tells them who is coming and for which cycle, what is asked of them and by when, how to send
their drafts, and then the strategic context they should draft within. It deliberately holds no
one's drafts: people who read others' ideas first tend to echo them instead of bringing their
own. Everything a person typed goes through ``export.md`` / ``md_block`` so that it shows
literally in any CommonMark renderer and is safe to ``cat``.
"""

from __future__ import annotations

import re
from datetime import date

from .export import last_cycle_section, md, md_block
from .model import Workshop
from .rules import REQUIRED_CONTEXT
from .text import visible

# English day names, fixed so the document does not change with the machine's locale.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NOT_WRITTEN = "_Not written yet: the facilitator will cover it at the start of the workshop._"


def _day(when: date) -> str:
    """``Sunday 2027-01-10``: the weekday helps people plan, the ISO date is unambiguous."""
    return f"{_DAYS[when.weekday()]} {when.isoformat()}"


def _code(text: str) -> str:
    """A CommonMark code span that holds ``text`` literally, whatever backticks it contains."""
    flat = " ".join(visible(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _cycle_dates(ws: Workshop) -> str:
    start, end = ws.cycle.start, ws.cycle.end
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()} (end date not set yet)"
    if end:
        return f"until {end.isoformat()} (start date not set yet)"
    return "dates not set yet"


def _header(ws: Workshop) -> list[str]:
    lines = [
        f"# Before the OKR workshop: {md(ws.team)}, {md(ws.cycle.label)}",
        "",
        f"**Team:** {md(ws.team)}  ",
        f"**Cycle:** {md(ws.cycle.label)}, {_cycle_dates(ws)}  ",
        f"**Facilitator:** {md(ws.facilitator) if ws.facilitator.strip() else 'not named yet'}  ",
    ]
    people = ", ".join(md(p) for p in ws.participants) or "none listed yet"
    lines += [f"**Participants:** {people}", ""]
    lines += [
        "This workshop ends with one objective for the team this cycle, two to five key "
        "results that measure it, and a list of what the team chooses not to do. The room "
        "gets there faster when everyone arrives having thought about it.",
        "",
    ]
    return lines


def _ask(ws: Workshop) -> list[str]:
    due = ws.settings.drafts_due
    when = f"by **{_day(due)}**" if due else "before the workshop"
    return [
        "## What we ask of you",
        "",
        "1. Read the strategic context below: it marks out where this cycle's objective "
        "should land.",
        "2. Draft one to three objectives, and, if they come to you, a few ideas for key "
        "results that would show an objective was reached.",
        f"3. Send them {when}.",
        "",
        "This document leaves out everyone's drafts on purpose: start from your own ideas, "
        "not from the first one someone else wrote down."
        + (
            ""
            if ws.settings.show_drafts_to_participants
            else " Nobody else sees your drafts before the workshop either."
        ),
        "",
    ]


def _how_to_send(ws: Workshop) -> list[str]:
    return [
        "## How to send your drafts",
        "",
        "Use whichever of these the facilitator set up for you:",
        "",
        "- **Where you can reach the workshop file** (the same computer, or over SSH): run "
        f"{_code(f'okrworkshop join -w {ws.id} --as NAME')} with your name as it is "
        "listed above.",
        "- **With a drafts file:** the facilitator sends you a file of your own; open it with "
        "`okrworkshop join --file NAME.okr.json`, write your drafts, and send the file back.",
        "- **In a browser:** open the link the facilitator shares with you.",
        "",
    ]


def _guidance() -> list[str]:
    return [
        "## What makes a good draft objective",
        "",
        "Describe, in a sentence, how things will be better for someone (a customer, a user, "
        "the business) once the cycle is over: in words rather than numbers, ambitious enough "
        "to care about, and a result rather than a task, a feature or a project. If it serves "
        "one of the strategic pillars below, say which. The numbers "
        "belong to the key results; a good key-result idea names what you would measure, "
        "where it stands today and where it should be by the end of the cycle.",
        "",
    ]


def _context(ws: Workshop) -> list[str]:
    c = ws.context
    lines = ["## The strategic context", ""]
    # Text parts are escaped when written out; list parts are escaped item by item here.
    parts: list[tuple[str, str, str | list[str]]] = [
        ("mission", "Company mission", c.mission),
        ("north_star", "North Star", c.north_star),
        ("pillars", "Strategic pillars", _items(c.pillars)),
        ("vision", "Product vision", c.vision),
        ("principles", "Product principles", _items(c.principles)),
        ("strategy", "Product strategy", c.strategy),
        ("parent_okrs", "Higher-level OKRs", _items(c.parent_okrs)),
        ("overlaps", "Overlaps with other teams", [_overlap(o.team, o.topic) for o in c.overlaps]),
        ("why_okrs", "Why we use OKRs", c.why_okrs),
    ]
    written = [(key, value) for key, _, value in parts if _has_text(value)]
    if not written:
        return [
            *lines,
            "_The facilitator has not written the strategic context yet; it opens the "
            "workshop. Draft from what you know of the company's priorities._",
            "",
        ]
    for key, title, value in parts:
        if not _has_text(value):
            if key in REQUIRED_CONTEXT:  # the parts every team needs: say they are missing
                lines += [f"### {title}", "", NOT_WRITTEN, ""]
            continue
        lines += [f"### {title}", ""]
        if isinstance(value, str):
            lines += [md_block(value), ""]
        else:
            lines += [f"- {item}" for item in value if item] + [""]
    return lines


def _items(values: list[str]) -> list[str]:
    """List items escaped for markdown, blank ones left out."""
    return [md(v) for v in values if v.strip()]


def _overlap(team: str, topic: str) -> str:
    """One overlap as list text, already escaped: ``Payments: checkout``."""
    if not team.strip():
        return md(topic)
    return f"{md(team)}: {md(topic)}" if topic.strip() else md(team)


def _has_text(value: str | list[str]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(v.strip() for v in value)


def to_preread(ws: Workshop) -> str:
    """The pre-read as a markdown document (never anyone's drafts)."""
    lines = _header(ws) + _ask(ws) + _how_to_send(ws) + _guidance() + _context(ws)
    lines += last_cycle_section(ws)  # what the team learned last cycle, when this one follows it
    return "\n".join(lines).rstrip() + "\n"
