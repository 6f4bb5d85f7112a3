"""The org view in words: markdown for a leadership review, plain text, and JSON.

One outline (headings, paragraphs and nested bullets) is built once and written out either as
markdown (user text escaped with ``export.md``) or as plain text for a terminal (control
characters shown as escapes). No tables and short lines, so it reads on paper and on a phone.
No internal ids: teams by name, key results as "KR1".."KRn", company key results by the id the
org file gives them (people quote those) and their words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .export import json_text, md
from .org_view import KrLine, OrgView, ParentLine, TeamLine
from .progress import percent
from .text import plural, visible


@dataclass(frozen=True)
class Block:
    kind: str
    """ "h1", "h2", "h3", "p" or "li"."""
    text: str
    level: int = 0


Esc = Callable[[str], str]


def _quote(esc: Esc, text: str) -> str:
    return f"“{esc(text)}”" if text.strip() else "(no words)"


def _kr_words(esc: Esc, kr: KrLine, *, with_statement: bool = True) -> str:
    parts = []
    if kr.progress is not None:
        done = f"{percent(kr.progress)} done"
        if kr.dated_later is not None:
            done += f" by a check-in dated {kr.dated_later.isoformat()}, after today"
        elif kr.time_gone is not None:
            done += f", {percent(kr.time_gone)} of the time gone"
        elif kr.starts is not None:
            done += f"; the cycle starts on {kr.starts.isoformat()}"
        parts.append(done)
    elif kr.latest_value:
        parts.append(f"last value {esc(kr.latest_value)}")
    else:
        parts.append(kr.standing)
    if kr.progress is not None and kr.starts is None and kr.dated_later is None:
        parts.append(kr.standing)  # a pace read on days that have not come is no verdict
    if kr.confidence is not None:
        trend = f" {kr.trend.arrow}" if kr.trend is not None else ""
        parts.append(f"confidence {kr.confidence}/10{trend}")
    head = f"{kr.name} {_quote(esc, kr.statement)}" if with_statement else kr.name
    return f"{head}: {'; '.join(parts)}"


def _parent_title(esc: Esc, line: ParentLine) -> str:
    parent = line.parent
    if parent.org_id:
        return f"{esc(parent.org_id)} {esc(parent.text)}".strip()
    return esc(parent.text)


def outline(view: OrgView, esc: Esc, *, with_skipped: bool = True) -> list[Block]:
    blocks: list[Block] = []
    title = f"{esc(view.company)} OKRs" if view.company else "OKRs across teams"
    blocks.append(Block("h1", f"{title}: {esc(view.cycle) or 'no cycle'}"))
    final = sum(1 for t in view.teams if t.final)
    facts = [
        f"As of {view.today.isoformat()}",
        f"{plural(len(view.teams), 'team')}, {final} with a final OKR",
    ]
    if view.starts is not None:
        facts.insert(1, f"The cycle starts on {view.starts.isoformat()}: no time has gone by")
    if view.other_cycles:
        facts.append("Other cycles in these files: " + ", ".join(esc(c) for c in view.other_cycles))
    blocks.append(Block("p", ". ".join(facts) + "."))
    if not view.teams:
        blocks.append(Block("p", "No team has a workshop for this cycle in the files read."))

    # --- company key results
    heading = "Company OKRs and who serves them"
    blocks.append(Block("h2", heading))
    if not view.parents:
        blocks.append(
            Block(
                "p",
                "No team names a higher-level OKR in its strategic context, and there is no "
                "org file defining them.",
            )
        )
    free_heading = False
    for line in view.parents:
        if view.has_org_file and line.parent.org_id is None and not free_heading:
            blocks.append(Block("h3", "Named by teams, not in the org file"))
            free_heading = True
        if line.parent.is_objective:
            blocks.append(Block("h3", _parent_title(esc, line)))
            if line.served_by:
                for serving in line.served_by:
                    blocks.append(Block("li", f"{esc(serving.team)} serves it directly"))
            continue
        blocks.append(
            Block(
                "li", f"**{_parent_title(esc, line)}**" if esc is md else _parent_title(esc, line)
            )
        )
        if not line.served_by:
            blocks.append(Block("li", "Served by no team.", 1))
        for serving in line.served_by:
            if not serving.key_results:
                blocks.append(Block("li", f"{esc(serving.team)} (no key results yet)", 1))
                continue
            blocks.append(Block("li", esc(serving.team), 1))
            for kr in serving.key_results:
                blocks.append(Block("li", _kr_words(esc, kr), 2))
        if line.named_by:
            names = ", ".join(esc(n) for n in line.named_by)
            blocks.append(
                Block("li", f"Also named by {names}, whose focus objective serves another.", 1)
            )

    unserved = view.unserved
    blocks.append(Block("h2", "Served by no team"))
    if unserved:
        for line in unserved:
            blocks.append(Block("li", _parent_title(esc, line)))
    else:
        blocks.append(Block("p", "Every company key result has at least one team serving it."))

    # --- teams without a final OKR
    blocks.append(Block("h2", "Teams without a final OKR"))
    if not view.not_final:
        blocks.append(Block("p", "Every team has a final OKR."))
    for team in view.not_final:
        where = f"at the step “{team.step}” ({team.status})"
        blocks.append(Block("li", f"{esc(team.team)}: {where}"))
        if team.drafted_by:
            blocks.append(
                Block("li", "Drafted so far: " + ", ".join(esc(n) for n in team.drafted_by), 1)
            )
        if team.not_drafted:
            blocks.append(
                Block("li", "Not drafted yet: " + ", ".join(esc(n) for n in team.not_drafted), 1)
            )
        if team.facilitator.strip():
            blocks.append(Block("li", f"Facilitator: {esc(team.facilitator)}", 1))

    # --- overlaps
    blocks.append(Block("h2", "Overlaps between teams"))
    if not view.overlaps:
        blocks.append(Block("p", "No team names an overlap with another team."))
    for o in view.overlaps:
        topic = f" on {_quote(esc, o.topic)}" if o.topic.strip() else ""
        text = f"{esc(o.team)} names {esc(o.other)}{topic}"
        if not o.other_in_view:
            text += f". {esc(o.other)} is not in these files."
        elif o.mutual:
            text += f". {esc(o.other)} names {esc(o.team)} back."
        else:
            flag = "One-sided" if esc is not md else "**One-sided**"
            text += f". {flag}: {esc(o.other)} does not name {esc(o.team)}."
        blocks.append(Block("li", text))

    # --- attention
    blocks.append(Block("h2", "Needs attention"))
    if view.starts is not None:
        when = view.starts.isoformat()
        blocks.append(Block("p", f"The cycle starts on {when}: no check-in is due yet."))
    elif not view.stale and not view.falls and not view.dated_later:
        blocks.append(Block("p", "Every team checked in within two weeks; no confidence fell."))
    for team in view.dated_later:
        assert team.dated_later is not None
        blocks.append(
            Block(
                "li",
                f"{esc(team.team)} has check-ins dated after today (the latest on "
                f"{team.dated_later.isoformat()}): they do not count as recent.",
            )
        )
    for team in view.stale:
        when = (
            f"last check-in {team.last_checkin.isoformat()}"
            if team.last_checkin
            else "no check-in yet"
        )
        blocks.append(Block("li", f"{esc(team.team)} has gone quiet: {when}."))
    for fall in view.falls:
        blocks.append(
            Block(
                "li",
                f"{esc(fall.team)} {fall.kr} {_quote(esc, fall.statement)}: confidence fell "
                f"from {fall.before} to {fall.now} this week.",
            )
        )

    # --- per team
    blocks.append(Block("h2", "Each team"))
    for team in view.teams:
        blocks.extend(_team_blocks(view, team, esc))

    if view.skipped and with_skipped:
        blocks.append(Block("h2", "Files not read"))
        for skipped in view.skipped:
            blocks.append(Block("li", esc(skipped.line())))
    return blocks


def _team_blocks(view: OrgView, team: TeamLine, esc: Esc) -> list[Block]:
    blocks = [Block("h3", esc(team.team))]
    if not team.final:
        blocks.append(Block("p", f"No final OKR yet: at the step “{team.step}”."))
        return blocks
    facts = [f"Focus: {_quote(esc, team.focus)}"]
    titles = {line.parent.key: _parent_title(esc, line) for line in view.parents}
    if team.serves_any:
        facts.append("Serves: " + "; ".join(titles.get(k, k) for k in team.serves_any))
    else:
        facts.append("Serves: no company OKR named")
    if team.grade is not None:
        facts.append(f"Grade: {team.grade:.2f}")
    elif team.graded:
        facts.append("Graded, without a score")
    blocks.append(Block("p", "\n".join(facts)))
    for kr in team.key_results:
        blocks.append(Block("li", _kr_words(esc, kr)))
    if not team.key_results:
        blocks.append(Block("p", "No key results."))
    return blocks


def to_markdown(view: OrgView) -> str:
    out: list[str] = []
    for block in outline(view, md):
        if block.kind in ("h1", "h2", "h3"):
            if out and out[-1] != "":
                out.append("")
            out.append(f"{'#' * int(block.kind[1])} {block.text}")
            out.append("")
        elif block.kind == "p":
            if out and out[-1] != "":
                out.append("")
            out.append(block.text.replace("\n", "  \n"))
            out.append("")
        else:
            out.append(f"{'  ' * block.level}- {block.text}")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _plain(text: str) -> str:
    return " ".join(visible(text).split())


def to_text(view: OrgView, *, with_skipped: bool = True) -> str:
    out: list[str] = []
    for block in outline(view, _plain, with_skipped=with_skipped):
        if block.kind == "h1":
            out += [block.text, "=" * min(len(block.text), 78), ""]
        elif block.kind == "h2":
            if out and out[-1] != "":
                out.append("")
            out += [block.text, "-" * min(len(block.text), 78)]
        elif block.kind == "h3":
            if out and out[-1] != "":
                out.append("")
            out.append(f"{block.text}:")
        elif block.kind == "p":
            out += [*block.text.split("\n")]
        else:
            out.append(f"{'  ' * (block.level + 1)}- {block.text}")
    return "\n".join(out).rstrip() + "\n"


def _kr_json(kr: KrLine) -> dict[str, Any]:
    return {
        "name": kr.name,
        "statement": kr.statement,
        "progress": kr.progress,
        "time_gone": kr.time_gone,
        "dated_after_today": kr.dated_later.isoformat() if kr.dated_later else None,
        "standing": kr.standing,
        "confidence": kr.confidence,
        "confidence_before": kr.confidence_before,
        "days_since_checkin": kr.days_since,
        "latest_value": kr.latest_value,
    }


def to_json_document(view: OrgView) -> dict[str, Any]:
    titles = {line.parent.key: line.parent for line in view.parents}
    return {
        "cycle": view.cycle,
        "as_of": view.today.isoformat(),
        "company": view.company,
        "org_file": view.has_org_file,
        "parents": [
            {
                "id": line.parent.org_id,
                "text": line.parent.text,
                "objective": line.parent.objective or None,
                "is_objective": line.parent.is_objective,
                "served_by": [
                    {"team": s.team, "key_results": [_kr_json(k) for k in s.key_results]}
                    for s in line.served_by
                ],
                "named_by": list(line.named_by),
            }
            for line in view.parents
        ],
        "unserved": [line.parent.org_id or line.parent.text for line in view.unserved],
        "teams": [
            {
                "team": t.team,
                "file": t.file,
                "final": t.final,
                "status": t.status,
                "step": t.step,
                "focus": t.focus,
                "serves": [titles[k].org_id or titles[k].text for k in t.serves_any if k in titles],
                "grade": t.grade,
                "last_checkin": t.last_checkin.isoformat() if t.last_checkin else None,
                "stale": t.stale,
                "drafted_by": list(t.drafted_by),
                "not_drafted": list(t.not_drafted),
                "key_results": [_kr_json(k) for k in t.key_results],
            }
            for t in view.teams
        ],
        "overlaps": [
            {
                "team": o.team,
                "other": o.other,
                "topic": o.topic,
                "other_in_view": o.other_in_view,
                "mutual": o.mutual,
            }
            for o in view.overlaps
        ],
        "confidence_fell": [
            {"team": f.team, "key_result": f.kr, "before": f.before, "now": f.now}
            for f in view.falls
        ],
        "skipped": [{"file": str(s.path), "reason": s.reason} for s in view.skipped],
    }


def to_json(view: OrgView) -> str:
    return json_text(to_json_document(view))


# --- what the org screen shows for one item (plain text; the screen makes it safe) ---------


def _flat(text: str) -> str:
    return " ".join(text.split())


def parent_detail(view: OrgView, line: ParentLine) -> str:
    """One company OKR: what it is, who serves it with which key results, who only names it."""
    out = [_parent_title(_flat, line)]
    if line.parent.objective:
        out.append(f"Part of: {_flat(line.parent.objective)}")
    if line.parent.org_id is None:
        out.append("Named by teams in their context (not in the org file).")
    out.append("")
    if not line.served_by:
        out.append("Served by no team." if not line.parent.is_objective else "")
    for serving in line.served_by:
        out.append(f"{serving.team}:")
        if not serving.key_results:
            out.append("  no key results yet")
        for kr in serving.key_results:
            out.append(f"  {_kr_words(_flat, kr)}")
    if line.named_by:
        out.append("")
        out.append(f"Also named by {', '.join(line.named_by)}, whose focus serves another.")
    return "\n".join(out).rstrip()


def team_detail(view: OrgView, team: TeamLine) -> str:
    """One team's OKR as the org view sees it, read-only."""
    out = [_flat(team.team), ""]
    if not team.final:
        out.append(f"No final OKR yet: at the step “{team.step}” ({team.status}).")
        if team.drafted_by:
            out.append("Drafted so far: " + ", ".join(team.drafted_by))
        if team.not_drafted:
            out.append("Not drafted yet: " + ", ".join(team.not_drafted))
        if team.facilitator.strip():
            out.append(f"Facilitator: {_flat(team.facilitator)}")
    else:
        out.append(f"Focus: {_quote(_flat, team.focus)}")
        titles = {line.parent.key: _parent_title(_flat, line) for line in view.parents}
        serves = "; ".join(titles.get(k, k) for k in team.serves_any) or "no company OKR named"
        out.append(f"Serves: {serves}")
        if team.grade is not None:
            out.append(f"Grade: {team.grade:.2f}")
        if team.stale:
            when = team.last_checkin.isoformat() if team.last_checkin else "never"
            out.append(f"Quiet: no check-in for two weeks (last: {when}).")
        out.append("")
        for kr in team.key_results:
            out.append(_kr_words(_flat, kr))
    overlaps = [o for o in view.overlaps if o.team == team.team]
    if overlaps:
        out.append("")
        for o in overlaps:
            back = "names them back" if o.mutual else "does not name them back"
            if not o.other_in_view:
                back = "is not in these files"
            topic = f" on “{_flat(o.topic)}”" if o.topic.strip() else ""
            out.append(f"Overlaps {_flat(o.other)}{topic}: {o.other} {back}.")
    out.append("")
    out.append(f"File: {team.file}")
    return "\n".join(out)


ATTENTION_SECTIONS = (
    "Served by no team",
    "Teams without a final OKR",
    "Overlaps between teams",
    "Needs attention",
)


def attention_detail(view: OrgView) -> str:
    """What leadership should look at first: unserved company key results, teams without a
    final OKR, overlaps (one-sided ones said so), quiet teams and falling confidence."""
    out: list[str] = []
    keep = False
    for block in outline(view, _flat, with_skipped=False):
        if block.kind == "h2":
            keep = block.text in ATTENTION_SECTIONS
            if keep:
                out += ["", block.text] if out else [block.text]
            continue
        if not keep or block.kind in ("h1", "h3"):
            continue
        if block.kind == "p":
            out.append(block.text)
        else:
            out.append(f"{'  ' * block.level}- {block.text}")
    return "\n".join(out)
