"""The pre-read: what a participant reads, in their own time, before the workshop.

It tells them when and where the workshop is, who is coming and for which cycle, what is asked
of them and by when, how to send their drafts (the browser first: most readers never open a
terminal), and then the strategic context they should draft within. It deliberately holds no
one's drafts: people who read others' ideas first tend to echo them instead of bringing their
own. What the facilitator has not set yet is left out rather than shown as a gap;
``missing_for_reader`` lists it for the facilitator instead.

Everything a person typed goes through ``export.md`` / ``md_block`` so that it shows literally
in any CommonMark renderer and is safe to ``cat``; commands sit in code blocks, which a
renderer never wraps in the middle of an option.
"""

from __future__ import annotations

import re

from . import rules
from .export import (
    Fact,
    cycle_fact,
    document_header,
    last_cycle_section,
    md,
    md_block,
    overlap_words,
    participants_fact,
)
from .model import CONTEXT_LABELS, Stage, Workshop
from .text import day_words, visible


def missing_for_reader(ws: Workshop) -> list[str]:
    """What the pre-read leaves out because it is not set yet, as steps for the facilitator.

    The reader's copy never says "not written yet"; the facilitator's screen lists these.
    """
    s = ws.settings
    missing = []
    if s.meeting_date is None:
        missing.append("Set the date of the workshop.")
    if not s.meeting_time.strip():
        missing.append("Set the time of the workshop.")
    if not s.meeting_place.strip():
        missing.append("Say where the workshop is: a room, an address or a video link.")
    return missing + rules.missing_for(ws, Stage.SETUP) + rules.missing_for(ws, Stage.CONTEXT)


def code_block(command: str) -> list[str]:
    """A command as a fenced code block: it keeps every character literally and is never
    wrapped, so ``--as NAME`` cannot break across lines. The fence is longer than any run of
    backticks in the command."""
    flat = " ".join(visible(command).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, flat, fence]


def _header(ws: Workshop) -> list[str]:
    due = ws.settings.drafts_due
    facts: list[Fact] = [
        ("When", md(rules.meeting_when(ws))),
        ("Where", md(ws.settings.meeting_place)),
        ("Drafts due", day_words(due) if due else ""),
        ("Team", md(ws.team)),
        cycle_fact(ws),
        ("Facilitator", md(ws.facilitator)),
        participants_fact(ws),
    ]
    title = f"Before the OKR workshop: {md(ws.team)}, {md(ws.cycle.label)}"
    return [
        *document_header(title, facts),
        "This workshop ends with one objective for the team this cycle, two to five key "
        "results that measure it, and a list of what the team chooses not to do. The room "
        "gets there faster when everyone arrives having thought about it.",
        "",
    ]


def _ask(ws: Workshop) -> list[str]:
    due = ws.settings.drafts_due
    when = f"by **{day_words(due)}**" if due else "before the workshop"
    if _context_parts(ws):
        first = (
            "1. Read the strategic context below: it marks out where this cycle's objective "
            "should land."
        )
    else:
        first = (
            "1. Think about the company's priorities for this cycle: the facilitator opens "
            "the workshop with the strategic context."
        )
    return [
        "## What we ask of you",
        "",
        first,
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
    """The browser first (nothing to install), then the ways that need okrworkshop."""
    name = "your name as it is listed above" if ws.participants else "your name for NAME"
    return [
        "## How to send your drafts",
        "",
        "Use whichever way the facilitator set up for you.",
        "",
        "**In a browser:** open the link the facilitator sends you and write your drafts "
        "there. There is nothing to install.",
        "",
        "**With a drafts file** (needs okrworkshop on your computer): the facilitator sends "
        "you a file of your own. Open it with this command, write your drafts, and send the "
        "file back:",
        "",
        *code_block("okrworkshop join --file NAME.okr.json"),
        "",
        "**On the computer that holds the workshop** (in person or over SSH): run this "
        f"command with {name}:",
        "",
        *code_block(f"okrworkshop join -w {ws.id} --as NAME"),
        "",
    ]


def _guidance(ws: Workshop) -> list[str]:
    pillars = (
        " If it serves one of the strategic pillars below, say which."
        if _items(ws.context.pillars)
        else ""
    )
    return [
        "## What makes a good draft objective",
        "",
        "Describe, in a sentence, how things will be better for someone (a customer, a user, "
        "the business) once the cycle is over: in words rather than numbers, ambitious enough "
        f"to care about, and a result rather than a task, a feature or a project.{pillars} "
        "The numbers belong to the key results; a good key-result idea names what you would "
        "measure, where it stands today and where it should be by the end of the cycle.",
        "",
    ]


def _context_parts(ws: Workshop) -> list[tuple[str, str | list[str]]]:
    """The parts of the strategic context that are written, in reading order, each escaped
    (text parts as a block, list parts item by item)."""
    c = ws.context
    parts: list[tuple[str, str | list[str]]] = [
        (CONTEXT_LABELS["mission"], md_block(c.mission)),
        (CONTEXT_LABELS["north_star"], md_block(c.north_star)),
        (CONTEXT_LABELS["pillars"], _items(c.pillars)),
        (CONTEXT_LABELS["vision"], md_block(c.vision)),
        (CONTEXT_LABELS["principles"], _items(c.principles)),
        (CONTEXT_LABELS["strategy"], md_block(c.strategy)),
        (CONTEXT_LABELS["parent_okrs"], _items(c.parent_okrs)),
        (CONTEXT_LABELS["overlaps"], [overlap_words(o.team, o.topic) for o in c.overlaps]),
        (CONTEXT_LABELS["why_okrs"], md_block(c.why_okrs)),
    ]
    return [(title, value) for title, value in parts if value]


def _context(ws: Workshop) -> list[str]:
    """Only what is written: a part the facilitator has not written yet is left out."""
    parts = _context_parts(ws)
    if not parts:
        return []
    lines = ["## The strategic context", ""]
    for title, value in parts:
        lines += [f"### {title}", ""]
        if isinstance(value, str):
            lines += [value, ""]
        else:
            lines += [f"- {item}" for item in value] + [""]
    return lines


def _items(values: list[str]) -> list[str]:
    """List items escaped for markdown, blank ones left out."""
    return [md(v) for v in values if v.strip()]


def to_preread(ws: Workshop) -> str:
    """The pre-read as a markdown document (never anyone's drafts)."""
    lines = _header(ws) + _ask(ws) + _how_to_send(ws) + _guidance(ws) + _context(ws)
    lines += last_cycle_section(ws)  # what the team learned last cycle, when this one follows it
    return "\n".join(lines).rstrip() + "\n"
