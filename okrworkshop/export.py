"""The workshop as a document to hand out: markdown for people, JSON for machines.

The markdown reads on its own, without the app: before a focus exists it is a pre-read of the
drafts by author; afterwards it is the OKR itself. Its core comes first and fits one printed
page: the objective as the heading, who owns it and when it was made final, the key results
with their owners and deadlines, and what the team deliberately left out; progress, the plan
and the strategic context follow. Key results are short blocks rather than a wide table, so the
same text reads on a phone, on A4 and in a terminal.

Everything a person typed passes through ``md`` so that it shows literally on GitHub or any
CommonMark renderer and never becomes a heading, a link, HTML or a table cell boundary.
Control characters are shown as escapes so a ``cat`` of the file is safe.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import orjson

from .grading import grade_report
from .kr_names import kr_labels, label_for
from .model import (
    CONTEXT_LABELS,
    Check,
    CheckIn,
    Initiative,
    KeyResult,
    KrKind,
    Lifecycle,
    Objective,
    Status,
    Workshop,
    utcnow,
)
from .progress import KrProgress, progress_bar, workshop_progress
from .rules import accepted_gaps, lifecycle
from .text import day_words, plural, visible

EXPORT_FORMAT = "okrworkshop.workshop"
EXPORT_VERSION = 3
"""2: key results carry check-ins, confidence votes and grades; 3: the weekly meetings, health
metrics and their timeboxes. An older okrworkshop refuses such an export rather than importing
it without them; an export of version 1 or 2 still imports (its weeks start empty)."""

# Characters that CommonMark or GitHub read as syntax wherever they stand: emphasis, code,
# links, HTML and entities, table cells, strikethrough, @mentions, #issue links and $math$.
# A backslash before ASCII punctuation is always a literal character in CommonMark.
_MD_INLINE = re.compile(r"([\\`*_\[\]<|~&@#$])")
# ":rocket:" becomes an emoji on GitHub; break the shortcode by escaping its first colon. A
# name needs a letter or an underscore, unless it is one of the few all-digit emoji, so times
# and ratios ("10:00-12:00", "3:1:2") stay as they are for a reader of the plain text.
_MD_EMOJI = re.compile(r":(?=[A-Za-z0-9_+-]+:)")
_DIGIT_EMOJI = frozenset({"+1", "-1", "100", "1234"})
# What only counts at the start of a line, and only as CommonMark reads it there: a list item
# ("1." or "1)" or "-" or "+" followed by a space or nothing), a quote (">"), or a line of
# only "-" or "=" (a heading's underline or a break). "15.1%", "0.8" or "-3%" stay as typed.
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+])(?=\s|$)|^(>)|^([-=])(?=[-=\s]*$)")


def _break_emoji(match: re.Match[str]) -> str:
    """Escape the colon that opens an emoji shortcode; leave a colon in a time or a ratio."""
    name = match.string[match.end() :].split(":", 1)[0]
    if name in _DIGIT_EMOJI or re.search(r"[A-Za-z_]", name):
        return "\\:"
    return ":"


def md(text: str) -> str:
    """Escape user text for markdown as one line, flattening line breaks to spaces.

    Leading block markers are escaped too: text after "- " or at the start of a line would
    otherwise open a nested list, a quote or an ordered list.
    """
    flat = " ".join(visible(text, keep_newlines=True).split())
    inline = _MD_EMOJI.sub(_break_emoji, _MD_INLINE.sub(r"\\\1", flat))
    return _MD_LINE_START.sub(_escape_marker, inline)


def _escape_marker(match: re.Match[str]) -> str:
    if match[1]:
        return f"{match[1]}\\{match[2]}"
    return "\\" + match[0]


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


Fact = tuple[str, str]
"""One line of a document's header: a label and its value, the value already escaped."""


def document_header(title: str, facts: Iterable[Fact]) -> list[str]:
    """The top of every document for readers (the handout and the pre-read both use it).

    The title is the one level-one heading; then one fact a line ("**Cycle:** 2027 Q1, ..."),
    so a reader sees what, who and when before anything else, on paper, a phone or a
    terminal alike. Facts without a value are left out rather than shown as gaps.
    """
    shown = [f"**{label}:** {value}" for label, value in facts if value]
    return [f"# {title}", "", *(["  \n".join(shown), ""] if shown else [])]


def cycle_fact(ws: Workshop) -> Fact:
    """ "2027 Q1, 2027-01-01 to 2027-03-31", saying only the dates that are set."""
    start, end = ws.cycle.start, ws.cycle.end
    if start and end:
        dates = f", {start.isoformat()} to {end.isoformat()}"
    elif start:
        dates = f", from {start.isoformat()}"
    elif end:
        dates = f", until {end.isoformat()}"
    else:
        dates = ""
    return ("Cycle", f"{md(ws.cycle.label)}{dates}")


def participants_fact(ws: Workshop) -> Fact:
    return ("Participants", ", ".join(md(p) for p in ws.participants))


def key_result_numbers(ws: Workshop) -> dict[str, str]:
    """Each key result's label in the handout: "KR1" to "KRn" in their order, whatever their
    ids (ids are never reused, so after a delete they would skip a number). The same labels
    every screen shows and the CLI reads (``kr_names``)."""
    return kr_labels(ws)


def _authors(names: list[str]) -> str:
    """ "Ben", "Ben and Chen", "Ben, Chen and Dana", each escaped."""
    escaped = [md(n) for n in names]
    return escaped[0] if len(escaped) == 1 else ", ".join(escaped[:-1]) + " and " + escaped[-1]


# What the team knowingly accepted when a SMART check did not pass, in words a reader knows.
_KNOWINGLY: dict[Check, str] = {
    Check.SPECIFIC: "is worded broadly",
    Check.MEASURABLE: "is hard to measure exactly",
    Check.ACHIEVABLE: "may not be reached in full",
    Check.RELEVANT: "ties only loosely to the objective",
    Check.TIME_BOUND: "has no firm date",
    Check.OUTCOME: "describes work more than a result",
}


def _knowingly(label: str, kr: KeyResult, ws: Workshop) -> list[str]:
    """ "The team knows KR1 may not be reached in full: <the room's note>", per check the room
    accepted that did not pass (``rules.accepted_gaps``)."""
    from .smart import lint_key_result_record  # the linter's word lists load only when used

    lint = lint_key_result_record(kr, cycle=ws.cycle.dates)
    sentences = []
    for check in accepted_gaps(kr, lint):
        review = kr.smart[check]
        words = _KNOWINGLY[check]
        end = ws.cycle.end
        if check is Check.TIME_BOUND and kr.deadline and end and kr.deadline > end:
            words = f"is due on {kr.deadline.isoformat()}, after the cycle ends ({end.isoformat()})"
        note = f": {md(review.note)}" if review.note.strip() else "."
        sentences.append(f"The team knows {label} {words}{note}")
    return sentences


def _numbers_in_sentence(kr: KeyResult) -> bool:
    """Whether the statement already says the baseline and the target ("from 12% to 18%")."""
    baseline, target = kr.baseline.strip(), kr.target.strip()
    return bool(baseline and target) and baseline in kr.statement and target in kr.statement


def _measure_line(kr: KeyResult) -> str:
    """The metric and its numbers, only when the sentence does not say them already."""
    if _numbers_in_sentence(kr) or not (kr.metric.strip() or kr.movement):
        return ""
    metric = f"Measured by {md(kr.metric)}" if kr.metric.strip() else "Moves"
    return f"{metric}: {md(kr.movement)}" if kr.movement else metric


def _kind_words(kind: KrKind) -> str:
    if kind is KrKind.STRETCH:
        return "Stretch: getting about 70% of the way counts as a success"
    return "Committed: expected in full"


def _key_result_blocks(ws: Workshop, *, accepted: bool) -> list[str]:
    """One short block per key result: its sentence, then owner, deadline and kind on one line.

    Six table columns restated the sentence and broke dates on narrow screens; a block reads
    the same on a phone, on A4 and in a terminal. ``accepted`` adds what the team knowingly
    accepted in refinement, in plain words.
    """
    numbers = key_result_numbers(ws)
    any_stretch = any(kr.kind is KrKind.STRETCH for kr in ws.key_results)
    lines: list[str] = []
    for kr in ws.key_results:
        label = numbers[kr.id]
        details = [
            f"Owner: {md(kr.owner) if kr.owner.strip() else 'not named yet'}",
            f"Due: {kr.deadline.isoformat() if kr.deadline else 'no date yet'}",
        ]
        if any_stretch:
            details.append(_kind_words(kr.kind))
        block = [f"**{label}: {md(kr.statement)}**", _measure_line(kr), " · ".join(details)]
        if kr.contributes_to:
            block.append(f"Contributes to: {md(kr.contributes_to)}")
        if accepted:
            block += _knowingly(label, kr, ws)
        lines += ["  \n".join(line for line in block if line), ""]
    if ws.key_results and not any_stretch:
        lines += ["All key results are committed: each is expected in full.", ""]
    return lines


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
    lines = [f"## {heading}", ""]
    fields = [
        (CONTEXT_LABELS["north_star"], c.north_star),
        (CONTEXT_LABELS["mission"], c.mission),
        (CONTEXT_LABELS["vision"], c.vision),
        (CONTEXT_LABELS["strategy"], c.strategy),
        (CONTEXT_LABELS["why_okrs"], c.why_okrs),
    ]
    for label, value in fields:
        if value.strip():
            lines += [f"**{label}:** {md_block(value)}", ""]
    for label, items in (
        (CONTEXT_LABELS["pillars"], c.pillars),
        (CONTEXT_LABELS["principles"], c.principles),
        (CONTEXT_LABELS["parent_okrs"], c.parent_okrs),
    ):
        if items:
            lines += [f"**{label}:**", ""] + [f"- {md(item)}" for item in items] + [""]
    if c.overlaps:
        lines += ["**Overlaps with other teams:**", ""]
        lines += [f"- {overlap_words(o.team, o.topic)}" for o in c.overlaps] + [""]
    if len(lines) == 2:
        lines += ["_No strategic context was recorded._", ""]
    return lines


def overlap_words(team: str, topic: str) -> str:
    """One overlap as escaped text: ``Payments: checkout``."""
    if not team.strip():
        return md(topic)
    return f"{md(team)}: {md(topic)}" if topic.strip() else md(team)


def _deprioritized_section(ws: Workshop) -> list[str]:
    """What the team said no to, each with its reason: a list, which reads on any screen."""
    lines = ["## Deliberately not this cycle", ""]
    if not ws.deprioritized:
        return [*lines, "_Nothing was recorded as deprioritized._", ""]
    for d in ws.deprioritized:
        reason = f": {md(d.reason)}" if d.reason.strip() else ""
        lines.append(f"- **{md(d.text)}**{reason}")
    return [*lines, ""]


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
            extras.append(plural(o.total_votes, "dot vote"))
        suffix = f" ({'; '.join(extras)})" if extras else ""
        rationale = f"  \n  _Why:_ {md(o.rationale)}" if o.rationale else ""
        authors.setdefault(o.author, []).append(f"- {md(o.text)}{suffix}{rationale}")
    for author, items in authors.items():
        lines += [f"### {md(author)}", "", *items, ""]
    return lines


def to_markdown(ws: Workshop, *, today: date | None = None) -> str:
    """The workshop as a markdown document, at whatever step it has reached.

    ``today`` is the day progress is reported as of (the handout of a tracked OKR is its
    weekly status update); it defaults to the real today.
    """
    today = today or date.today()
    focus = ws.focus_objective
    if focus is None:
        return _in_progress(ws, today)
    lines = document_header(md(focus.text), _handout_facts(ws, today))
    lines += _objective_facts(focus)
    lines += ["## Key results", ""]
    if ws.key_results:
        lines += _key_result_blocks(ws, accepted=True)
    else:
        lines += ["_No key results yet._", ""]
    lines += _deprioritized_section(ws)
    # The core ends here; what follows is for readers who want the detail.
    lines += ["---", ""]
    lines += grade_section(ws, today)
    lines += progress_section(ws, today)
    lines += _plan_section(ws)
    lines += _strategy_section(ws, heading="How this ties to the strategy")
    lines += last_cycle_section(ws)
    stamp = f"finalized {ws.finalized[:10]}" if ws.finalized else f"exported {utcnow()[:10]}"
    lines += ["---", "", f"_Written with okrworkshop, {stamp}._"]
    return "\n".join(lines).rstrip() + "\n"


def objective_owner(ws: Workshop) -> str:
    """Who owns the objective, escaped: the facilitator, who leads the team through the cycle
    (the model names no other owner; key results each have their own)."""
    if ws.facilitator.strip():
        return f"{md(ws.facilitator)} (facilitator)"
    return f"the {md(ws.team)} team as a whole"


def _made_final(ws: Workshop) -> str:
    """The day the OKR was made final, with its weekday, or "" while it is not final."""
    if ws.status is not Status.FINAL or not ws.finalized:
        return ""
    try:
        return day_words(date.fromisoformat(ws.finalized[:10]))
    except ValueError:  # a hand-edited timestamp: show what is there
        return md(ws.finalized[:10])


def _handout_facts(ws: Workshop, today: date) -> list[Fact]:
    return [
        ("Team", md(ws.team)),
        cycle_fact(ws),
        ("Owner", objective_owner(ws)),
        ("Made final", _made_final(ws)),
        ("Status", _status_words(ws, today)),
        participants_fact(ws),
    ]


def _objective_facts(focus: Objective) -> list[str]:
    """Why this objective, what it serves and who proposed it: a few lines under the heading."""
    facts = [
        ("Why", md(focus.rationale or "")),
        ("Strategic pillar", md(focus.pillar or "")),
        ("Contributes to", md(focus.contributes_to or "")),
        ("Proposed by", _authors(focus.authors)),
    ]
    shown = [f"**{label}:** {value}" for label, value in facts if value]
    return ["  \n".join(shown), ""]


def _in_progress(ws: Workshop, today: date) -> str:
    """Before a focus exists: the context and everyone's drafts, for the room to read."""
    title = f"OKR workshop in progress: {md(ws.team)}, {md(ws.cycle.label)}"
    facts = [
        ("Team", md(ws.team)),
        cycle_fact(ws),
        ("Facilitator", md(ws.facilitator)),
        participants_fact(ws),
        ("Status", _status_words(ws, today)),
    ]
    lines = document_header(title, facts)
    lines += [
        "No focus objective has been chosen yet. Read the strategic context, then the "
        "drafts; in the workshop the team will pick ONE of them as its focus.",
        "",
    ]
    lines += _strategy_section(ws, heading="Strategic context")
    lines += last_cycle_section(ws)
    lines += _drafts_by_author(ws)
    if ws.key_results:
        lines += ["## Key-result ideas", "", *_key_result_blocks(ws, accepted=False)]
    lines += _plan_section(ws)
    return "\n".join(lines).rstrip() + "\n"


# --- after the room: committed or stretch, progress, grade, the cycle before ----------------


def _status_words(ws: Workshop, today: date) -> str:
    match lifecycle(ws):
        case Lifecycle.GRADED:
            average = grade_report(ws, today).average
            return f"Graded: {average:.2f}" if average is not None else "Graded"
        case Lifecycle.TRACKING:
            return "Final, progress checked in below"
        case Lifecycle.FINAL:
            return "Final"
        case _:
            return "Draft: not final yet"


def _confidence_words(p: KrProgress) -> str:
    if p.confidence is None:
        return ""
    arrow = f" {p.trend.arrow}" if p.trend else ""
    return f"; confidence {p.confidence}/10{arrow}"


def _standing_item(label: str, p: KrProgress) -> str:
    """One key result's line in the progress list: where it stands first, then the bar, then
    its numbers. A list rather than a table: it reflows to any width, a phone's included."""
    if p.progress is not None:
        expected = f", {p.expected_percent} expected by then" if p.expected_percent else ""
        how_far = f" `{progress_bar(p.progress)}` {p.percent} of the way{expected}."
    else:
        how_far = ""
    numbers = f"{md(p.movement)} (baseline → latest → target){_confidence_words(p)}."
    return f"- **{label}:** {p.standing.value}.{how_far}  \n  {numbers}"


def _checkin_item(c: CheckIn) -> str:
    """ "2027-02-22: **15.1%**, confidence 8/10, by Chen. Back on pace." """
    confidence = f", confidence {c.confidence}/10" if c.confidence is not None else ""
    who = f", by {md(c.author)}" if c.author.strip() else ""
    note = f" {md(c.note)}" if c.note.strip() else ""
    value = md(c.value) if c.value.strip() else "—"
    return f"- {c.date.isoformat()}: **{value}**{confidence}{who}.{note}"


def progress_section(ws: Workshop, today: date) -> list[str]:
    """Where each key result stands, with a bar that reads in any markdown viewer, and every
    check-in: the weekly status update a team sends upward. Only once someone checked in."""
    if ws.status is not Status.FINAL or not any(kr.checkins for kr in ws.key_results):
        return []
    report = workshop_progress(ws, today)
    numbers = key_result_numbers(ws)
    lines = ["## Progress", "", f"As of {today.isoformat()}: {report.clock.describe()}.", ""]
    lines += [_standing_item(numbers[p.kr_id], p) for p in report.key_results]
    lines += [
        "",
        "_Progress is (latest − baseline) ÷ (target − baseline); it is compared with the "
        "share of the cycle gone by on the day of the latest check-in._",
        "",
    ]
    for p in report.stale:
        since = f"for {p.days_since} days" if p.days_since is not None else "since the cycle began"
        lines.append(f"- **{numbers[p.kr_id]}: no check-in {since}.**")
    if report.stale:
        lines.append("")
    for p in report.key_results:
        lines += [f"### {numbers[p.kr_id]}: check-ins", ""]
        if not p.checkins:
            lines += ["_No check-ins yet._", ""]
            continue
        lines += [*(_checkin_item(c) for c in reversed(p.checkins)), ""]  # newest first
    return lines


def grade_section(ws: Workshop, today: date) -> list[str]:
    """The recorded grade, each key result read against its kind, and the retro."""
    if not ws.graded and not ws.retro.strip():
        return []
    report = grade_report(ws, today)
    numbers = key_result_numbers(ws)
    lines = ["## Grade", "", f"**{md(report.headline())}.** {md(report.summary())}", ""]
    rows = []
    for s in report.key_results:
        score = f"{s.score:.2f}" if s.score is not None else "—"
        why = f" Reason: {md(s.reason)}" if s.reason.strip() else ""
        rows.append([numbers[s.kr_id], s.kind.value, score, md(s.reading) + why])
    lines += [*_table(["#", "Kind", "Score", "Reading"], rows), ""]
    if ws.retro.strip():
        lines += ["**What we learned:**", "", md_block(ws.retro), ""]
    return lines


def last_cycle_section(ws: Workshop) -> list[str]:
    """How the cycle before ended, so this one starts from what the team learned."""
    last = ws.last_cycle
    if last is None:
        return []
    figure = f"{last.score:.2f}" if last.score is not None else "no score"
    kind = "progress when this cycle was made, not a recorded grade" if last.forecast else "grade"
    lines = [
        f"## Last cycle: {md(last.label)}",
        "",
        f"**Objective:** {md(last.objective) if last.objective.strip() else '—'}  ",
        f"**Result:** {figure} ({kind})",
        "",
    ]
    if last.key_results:
        rows = [
            [
                label_for(number),  # as that cycle numbered them
                md(k.statement),
                k.kind.value,
                _cell(k.latest),
                f"{k.score:.2f}" if k.score is not None else "—",
            ]
            for number, k in enumerate(last.key_results, 1)
        ]
        lines += [*_table(["#", "Key result", "Kind", "Latest", "Score"], rows), ""]
    if last.retro.strip():
        lines += ["**What the team learned:**", "", md_block(last.retro), ""]
    if last.weekly.strip():
        lines += [f"**Weekly meetings:** {md(last.weekly)}", ""]
    if last.missed_commitments:
        lines += ["**Commitments missed again and again:**", ""]
        lines += [f"- {md(x.text)} ({md(x.reason)})" for x in last.missed_commitments]
        lines.append("")
    if last.deprioritized:
        lines += ["**Left out then:**", ""]
        lines += [
            f"- {md(x.text)}" + (f" (why: {md(x.reason)})" if x.reason.strip() else "")
            for x in last.deprioritized
        ]
        lines.append("")
    return lines


def to_json_document(ws: Workshop) -> dict[str, Any]:
    """Everything about the workshop, wrapped with a format name and version for ``import``.

    All but the secret that signs drafts-file invitations: exports travel, and whoever had it
    could write a drafts file in anyone's name. A workshop imported from an export makes a new
    secret on its first invitation.
    """
    workshop = ws.to_dict()
    workshop.pop("invite_key", None)
    labels = kr_labels(ws)  # both names: the stable id, and the number people read
    for kr in workshop["key_results"]:
        kr["label"] = labels[kr["id"]]
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
    """A JSON file's text: readable UTF-8, with terminal-unsafe characters as \\u escapes.

    orjson writes the same indented text as ``json.dumps(indent=2)``, which falls back to
    Python's own encoder when it indents (30 times slower: 160 ms for 10,000 drafts). What
    orjson refuses (a number past 64 bits) the standard library writes.
    """
    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def to_json(ws: Workshop) -> str:
    """The JSON export as text (see ``json_text``)."""
    return json_text(to_json_document(ws))
