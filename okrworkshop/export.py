"""The workshop as a document to hand out: markdown for people, JSON for machines.

The markdown reads on its own, without the app: before a focus exists it is a pre-read of the
drafts by author; afterwards it is the OKR with its key results, its ties to the strategy and
what was deliberately left out. Everything a person typed passes through ``md`` so that it shows
literally on GitHub or any CommonMark renderer and never becomes a heading, a link, HTML or a
table cell boundary. Control characters are shown as escapes so a ``cat`` of the file is safe.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .model import Check, Initiative, Review, Status, Workshop, utcnow
from .text import visible

EXPORT_FORMAT = "okrworkshop.workshop"
EXPORT_VERSION = 1

# Characters that CommonMark or GitHub read as syntax wherever they stand: emphasis, code,
# links, HTML and entities, table cells, strikethrough, @mentions, #issue links and $math$.
# A backslash before ASCII punctuation is always a literal character in CommonMark.
_MD_INLINE = re.compile(r"([\\`*_\[\]<|~&@#$])")
# ":rocket:" becomes an emoji on GitHub; break the shortcode by escaping its first colon.
_MD_EMOJI = re.compile(r":(?=[A-Za-z0-9_+-]+:)")
# What only counts at the start of a line: lists, quotes, headings' underlines, breaks.
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")


def md(text: str) -> str:
    """Escape user text for markdown as one line, flattening line breaks to spaces.

    Leading block markers are escaped too: text after "- " or at the start of a line would
    otherwise open a nested list, a quote or an ordered list.
    """
    flat = " ".join(visible(text, keep_newlines=True).split())
    inline = _MD_EMOJI.sub(r"\\:", _MD_INLINE.sub(r"\\\1", flat))
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", inline)


def md_block(text: str) -> str:
    """Escape multi-line user text, keeping its line breaks as hard breaks."""
    lines = visible(text, keep_newlines=True).splitlines()
    return "  \n".join(md(line) for line in lines if line.strip())


def _cell(text: str) -> str:
    """A table cell: escaped, one line, and never empty (an empty cell reads as missing)."""
    return md(text) if text.strip() else "—"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _cycle_line(ws: Workshop) -> str:
    dates = ""
    if ws.cycle.start and ws.cycle.end:
        dates = f" ({ws.cycle.start.isoformat()} to {ws.cycle.end.isoformat()})"
    return f"**Cycle:** {md(ws.cycle.label)}{dates}"


def _people_line(ws: Workshop) -> str:
    parts = []
    if ws.facilitator:
        parts.append(f"**Facilitator:** {md(ws.facilitator)}")
    if ws.participants:
        parts.append("**Participants:** " + ", ".join(md(p) for p in ws.participants))
    return " · ".join(parts)


def key_result_numbers(ws: Workshop) -> dict[str, str]:
    """Each key result's label in the handout: "KR1" to "KRn" in their order, whatever their
    ids (ids are never reused, so after a delete they would skip a number)."""
    return {kr.id: f"KR{n}" for n, kr in enumerate(ws.key_results, 1)}


def _authors(names: list[str]) -> str:
    """ "Ben", "Ben and Chen", "Ben, Chen and Dana", each escaped."""
    escaped = [md(n) for n in names]
    return escaped[0] if len(escaped) == 1 else ", ".join(escaped[:-1]) + " and " + escaped[-1]


def _key_results_table(ws: Workshop) -> list[str]:
    numbers = key_result_numbers(ws)
    rows = [
        [
            numbers[kr.id],
            md(kr.statement),
            _cell(kr.metric),
            _cell(kr.movement),
            kr.deadline.isoformat() if kr.deadline else "—",
            _cell(kr.owner),
        ]
        for kr in ws.key_results
    ]
    return _table(["#", "Key result", "Metric", "Baseline → target", "Deadline", "Owner"], rows)


def _accepted_notes(ws: Workshop) -> list[str]:
    notes = []
    numbers = key_result_numbers(ws)
    for kr in ws.key_results:
        for check in Check:
            review = kr.smart[check]
            if review.status is Review.ACCEPTED:
                notes.append(
                    f"- {numbers[kr.id]}, {check.title}: accepted as it is. {md(review.note)}"
                )
    return notes


def _initiative_line(initiative: Initiative) -> str:
    owner = f" (owner: {md(initiative.owner)})" if initiative.owner.strip() else ""
    return f"- {md(initiative.text)}{owner}"


def _plan_section(ws: Workshop) -> list[str]:
    """The initiatives: the work meant to move the key results, under the key result each
    serves, then those serving the objective as a whole. Nothing when there is no plan."""
    if not ws.initiatives:
        return []
    numbers = key_result_numbers(ws)
    lines = ["## The plan", "", "The work the team will do this cycle to move the key results.", ""]
    for kr in ws.key_results:
        serving = [i for i in ws.initiatives if i.key_result == kr.id]
        if serving:
            lines += [f"**{numbers[kr.id]}:** {md(kr.statement)}", ""]
            lines += [*(_initiative_line(i) for i in serving), ""]
    general = [i for i in ws.initiatives if i.key_result not in numbers]
    if general:
        lines += ["**For the objective as a whole:**", ""]
        lines += [*(_initiative_line(i) for i in general), ""]
    return lines


def _strategy_section(ws: Workshop, *, heading: str) -> list[str]:
    c = ws.context
    focus = ws.focus_objective
    lines = [f"## {heading}", ""]
    fields = [
        ("North Star", c.north_star),
        ("Company mission", c.mission),
        ("Product vision", c.vision),
        ("Product strategy", c.strategy),
        ("Why we use OKRs", c.why_okrs),
    ]
    if focus and focus.pillar:
        fields.insert(1, ("Pillar this objective serves", focus.pillar))
    for label, value in fields:
        if value.strip():
            lines += [f"**{label}:** {md_block(value)}", ""]
    for label, items in (
        ("Strategic pillars", c.pillars),
        ("Product principles", c.principles),
        ("Higher-level OKRs", c.parent_okrs),
    ):
        if items:
            lines += [f"**{label}:**", ""] + [f"- {md(item)}" for item in items] + [""]
    if c.overlaps:
        lines += ["**Overlaps with other teams:**", ""]
        lines += _table(["Team", "Topic"], [[_cell(o.team), _cell(o.topic)] for o in c.overlaps])
        lines.append("")
    if len(lines) == 2:
        lines += ["_No strategic context was recorded._", ""]
    return lines


def _deprioritized_section(ws: Workshop) -> list[str]:
    lines = ["## Deliberately not this cycle", ""]
    if not ws.deprioritized:
        return [*lines, "_Nothing was recorded as deprioritized._", ""]
    rows = [[md(d.text), _cell(d.reason)] for d in ws.deprioritized]
    return [*lines, *_table(["What", "Why not now"], rows), ""]


def _drafts_by_author(ws: Workshop) -> list[str]:
    lines = ["## Draft objectives", ""]
    if not ws.objectives:
        return [*lines, "_No drafts yet._", ""]
    authors: dict[str, list[str]] = {}
    for o in ws.objectives:
        extras = []
        if o.coauthors:
            extras.append(f"with {_authors(o.coauthors)}")
        if o.pillar:
            extras.append(f"pillar: {md(o.pillar)}")
        if o.contributes_to:
            extras.append(f"contributes to: {md(o.contributes_to)}")
        if o.origin.value == "pre-workshop":
            extras.append("drafted before the workshop")
        if ws.settings.votes_revealed and o.total_votes:
            extras.append(f"{o.total_votes} vote{'s' if o.total_votes != 1 else ''}")
        suffix = f" ({'; '.join(extras)})" if extras else ""
        rationale = f"  \n  _Why:_ {md(o.rationale)}" if o.rationale else ""
        authors.setdefault(o.author, []).append(f"- {md(o.text)}{suffix}{rationale}")
    for author, items in authors.items():
        lines += [f"### {md(author)}", "", *items, ""]
    return lines


def to_markdown(ws: Workshop) -> str:
    """The workshop as a markdown document, at whatever step it has reached."""
    focus = ws.focus_objective
    if focus is None:
        title = f"# OKR workshop in progress: {md(ws.team)}, {md(ws.cycle.label)}"
    else:
        title = f"# OKR: {md(ws.team)}, {md(ws.cycle.label)}"
    lines = [title, "", _cycle_line(ws)]
    people = _people_line(ws)
    if people:
        lines += ["", people]
    status = "Final" if ws.status is Status.FINAL else "Draft: not final yet"
    lines += ["", f"**Status:** {status}", ""]

    if focus is None:
        lines += [
            "No focus objective has been chosen yet. Read the strategic context, then the "
            "drafts; in the workshop the team will pick ONE of them as its focus.",
            "",
        ]
        lines += _strategy_section(ws, heading="Strategic context")
        lines += _drafts_by_author(ws)
        if ws.key_results:
            lines += ["## Key-result ideas", "", *_key_results_table(ws), ""]
        lines += _plan_section(ws)
        return "\n".join(lines).rstrip() + "\n"

    lines += ["## Objective", "", f"**{md(focus.text)}**", ""]
    if focus.contributes_to:
        lines += [f"**Contributes to:** {md(focus.contributes_to)}", ""]
    lines += [f"Proposed by {_authors(focus.authors)}."]
    if focus.rationale:
        lines += ["", f"_Why:_ {md(focus.rationale)}"]
    lines += ["", "## Key results", ""]
    if ws.key_results:
        lines += [*_key_results_table(ws), ""]
    else:
        lines += ["_No key results yet._", ""]
    accepted = _accepted_notes(ws)
    if accepted:
        lines += ["**Accepted in refinement:**", "", *accepted, ""]
    lines += _plan_section(ws)
    lines += _strategy_section(ws, heading="How this ties to the strategy")
    lines += _deprioritized_section(ws)
    stamp = f"finalized {ws.finalized[:10]}" if ws.finalized else f"exported {utcnow()[:10]}"
    lines += ["---", "", f"_Written with okrworkshop, {stamp}._"]
    return "\n".join(lines).rstrip() + "\n"


def to_json_document(ws: Workshop) -> dict[str, Any]:
    """Everything about the workshop, wrapped with a format name and version for ``import``.

    All but the secret that signs drafts-file invitations: exports travel, and whoever had it
    could write a drafts file in anyone's name. A workshop imported from an export makes a new
    secret on its first invitation.
    """
    workshop = ws.to_dict()
    workshop.pop("invite_key", None)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": utcnow(),
        "workshop": workshop,
    }


# json.dumps escapes C0 controls but passes DEL, C1 controls (0x9b acts as ESC[ on some
# terminals), bidi overrides and line separators through; escape those so the file is safe to cat.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(document: Any) -> str:
    """A JSON file's text: readable UTF-8, with terminal-unsafe characters as \\u escapes."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def to_json(ws: Workshop) -> str:
    """The JSON export as text (see ``json_text``)."""
    return json_text(to_json_document(ws))
