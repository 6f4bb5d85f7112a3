"""A weekly meeting's notes as markdown: written when the week closes, kept with it.

They say what the room saw and agreed, in the meeting's order: the numbers, the confidence
round, what dropped and the next actions, commitments closed and made, health, wins. Lists
rather than tables, so they read the same on a phone, on paper and in a terminal. Everything a
person typed passes through ``export.md``.
"""

from __future__ import annotations

import re
from datetime import date

from .export import _table, md
from .kr_names import kr_label, kr_labels
from .model import Workshop
from .progress import CycleClock, percent
from .text import day_words, plural
from .week_model import Commitment, NextAction, Outcome, Week
from .weeks import (
    Before,
    closed_in,
    commitments_to_close,
    confidence_figure,
    dropped,
    health_rows,
    history,
    numbers,
    repeatedly_missed,
    tied_to,
    week_commitments,
    week_confidence,
)

_LINE_START_ESCAPE = re.compile(r"^(\d{1,9})\\(?=[.)])|^\\(?=[-+=>])")


def inline(text: str) -> str:
    """User text escaped for the middle of a line, where "15." or "-5" cannot start a list,
    so a reader of the plain text sees no stray backslash."""
    return _LINE_START_ESCAPE.sub(r"\1", md(text))


def action_line(ws: Workshop, action: NextAction) -> str:
    """ "Call the vendor (Ben, due Monday 2027-03-08; blocker; ask for the sponsor)"."""
    marks = [f"{md(action.owner)}, due {day_words(action.due)}"]
    if action.blocker:
        marks.append("blocker")
    if action.ask:
        marks.append("ask for the sponsor")
    if action.done:
        marks.append("done")
    return f"{md(action.text)} ({'; '.join(marks)})"


def commitment_line(ws: Workshop, c: Commitment) -> str:
    tie = tied_to(ws, c)
    serves = "tied to nothing" if tie == "nothing" else f"for {md(tie)}"
    carried = ", taken up again" if c.carried_from else ""
    return f"{md(c.person)}: {md(c.text)} ({serves}{carried})"


def week_notes(ws: Workshop, week: Week) -> str:
    focus = ws.focus_objective
    clock = CycleClock(ws.cycle.start, ws.cycle.end, week.date)
    lines = [
        f"# Weekly check-in: {md(ws.team)}, {week.week}",
        "",
        "  \n".join(
            [
                f"**Met:** {day_words(week.date)}",
                *([f"**Objective:** {md(focus.text)}"] if focus else []),
                f"**Cycle:** {md(ws.cycle.label)}, {clock.describe()}",
            ]
        ),
        "",
        "## Numbers",
        "",
    ]
    quiet = []
    for n in numbers(ws, week):
        p = n.progress
        way = f", {p.percent} of the way" if p.percent else ""
        lines.append(f"- **{n.label}** {inline(p.movement)}{way}: {p.standing.value}.")
        if not n.checked_in:
            quiet.append(f"{n.label} ({md(n.owner) or 'no owner'})")
    if not ws.key_results:
        lines.append("- No key results.")
    lines.append("")
    if quiet:
        lines += [f"No check-in since the last meeting: {', '.join(quiet)}.", ""]

    lines += ["## Confidence", ""]
    for kr in ws.key_results:
        c = week_confidence(ws, week, kr.id)
        if c.average is None:
            lines.append(f"- **{c.label}**: no votes.")
            continue
        before = ""
        if c.before is not None and c.before_from is not None:
            when = "at the last check-in" if c.before_from is Before.CHECKIN else "last time"
            before = f", {confidence_figure(c.before)} {when}"
        spread = f"votes {c.low} to {c.high}" if c.low != c.high else f"all {c.low}"
        flags = f" {' '.join(md(f) for f in c.flags)}" if c.flags else ""
        figure = confidence_figure(c.average)
        lines.append(f"- **{c.label}**: {figure} of 10 ({spread}{before}).{flags}")
    lines.append("")

    lines += ["## What dropped", ""]
    fell = dropped(ws, week)
    for d in fell:
        lines.append(f"- **{d.label}**: {'; '.join(d.reasons)}.")
        if d.actions:
            lines += [f"  - Next: {action_line(ws, a)}" for a in d.actions]
        else:
            lines.append("  - No next action was agreed.")
    if not fell:
        lines.append("Nothing dropped.")
    others = [a for a in week.actions if a.kr not in {d.kr_id for d in fell}]
    if others:
        lines += ["", "Other next actions:", ""]
        lines += [f"- {kr_label(ws, a.kr)}: {action_line(ws, a)}" for a in others]
    lines.append("")

    lines += ["## Commitments", ""]
    closed = closed_in(ws, week)
    kept = sum(1 for c in closed if c.outcome is Outcome.DONE)
    if closed:
        lines += [f"Closed this week: {kept} of {len(closed)} kept.", ""]
        for made in closed:
            outcome = "Done" if made.outcome is Outcome.DONE else "Not done"
            why = f" Why: {md(made.why)}" if made.why.strip() else ""
            lines.append(f"- {outcome}: {commitment_line(ws, made)}.{why}")
        lines.append("")
    still = commitments_to_close(ws, week)
    if still:
        lines += ["Still open from earlier meetings:", ""]
        lines += [f"- {commitment_line(ws, c)}" for c in still]
        lines.append("")
    new = week_commitments(week)
    lines += [f"New this week ({plural(len(new), 'commitment')}):", ""]
    lines += [f"- {commitment_line(ws, c)}" for c in new] or ["- None."]
    lines.append("")

    lines += ["## Health", ""]
    rows = health_rows(ws, week)
    for row in rows:
        if row.health is None:
            lines.append(f"- **{md(row.name)}**: not given this week.")
            continue
        h = row.health
        note = f" {md(h.note)}" if h.note else ""
        lines.append(f"- **{md(row.name)}**: {h.colour.value} ({h.colour.meaning}).{note}")
    if not rows:
        lines.append("No health metrics named yet.")
    lines.append("")

    lines += ["## Wins", ""]
    for win in week.wins:
        who = f" ({', '.join(md(p) for p in win.people)})" if win.people else ""
        lines.append(f"- {md(win.text)}{who}")
    if not week.wins:
        lines.append("No wins noted.")
    return "\n".join(lines).rstrip() + "\n"


def weekly_history_section(ws: Workshop, today: date) -> list[str]:
    """The weekly meetings so far, for the minutes: the streak, commitments kept, weeks with
    no meeting, each key result's confidence week by week, commitments missed again and again.
    Nothing when the team never met weekly."""
    if not ws.weeks:
        return []
    h = history(ws, today)
    met = sum(1 for r in h.weeks if r.met)
    kept = h.kept_words
    if h.closed:
        kept += f" ({percent(h.kept / h.closed)})"
    lines = [
        "## Weekly meetings",
        "",
        f"Met in {met} of {len(h.weeks)} weeks of the cycle so far; {plural(h.streak, 'week')} "
        f"in a row; {kept}.",
        "",
    ]
    if h.missed_weeks:
        lines += [f"Weeks with no meeting since the first: {', '.join(h.missed_weeks)}.", ""]
    labels = kr_labels(ws)
    rows = []
    for w in sorted(ws.weeks, key=lambda w: w.week):
        cells = [w.week]
        for kr in ws.key_results:
            value = dict(h.confidence[kr.id]).get(w.week)
            cells.append(confidence_figure(value) if value is not None else "—")
        rows.append(cells)
    if ws.key_results:
        header = ["Week", *(labels[kr.id] for kr in ws.key_results)]
        lines += ["**Confidence by week** (the room's average, 1 to 10):", ""]
        lines += [*_table(header, rows), ""]
    missed = repeatedly_missed(ws)
    if missed:
        lines += ["**Commitments missed again and again:**", ""]
        lines += [f"- {md(m.person)}: {md(m.text)} ({m.times} times)" for m in missed]
        lines.append("")
    return lines
