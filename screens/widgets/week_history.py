"""The weekly meetings so far, as the check-in and grade screens show them: the streak of
weeks met, the share of commitments kept, every week of the cycle met or not (a week with no
meeting is shown, in words, never left out), and each key result's confidence week by week.

Everything comes from ``weeks.history``; this module only words and styles it.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from okrworkshop import weeks
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Workshop
from okrworkshop.text import plural
from okrworkshop.weeks import History

MET, MISSED, PENDING = "✓", "✗", "·"
LEGEND = f"{MET} met, {MISSED} no meeting, {PENDING} this week, not yet"


def short_week(key: str) -> str:
    """ "2027-W09" as "W09" (a cycle sits inside one year or crosses it once)."""
    return key.rpartition("-")[2]


def record_line(h: History) -> Content:
    """ "Weekly meetings: 3 weeks in a row · met in 4 of 6 weeks · 5 of 7 commitments kept
    (71%)"."""
    met = sum(1 for r in h.weeks if r.met)
    if met == 0:
        gone = plural(len(h.weeks), "week")
        return Content.styled("Weekly meetings: ", "bold") + Content(
            f"none yet, in {gone} of the cycle."
        )
    kept = (
        f"{h.kept} of {plural(h.closed, 'commitment')} kept ({round(100 * h.kept / h.closed)}%)"
        if h.closed
        else "no commitments closed yet"
    )
    return Content.styled("Weekly meetings: ", "bold") + Content(
        f"{plural(h.streak, 'week')} in a row · met in {met} of {len(h.weeks)} weeks · {kept}."
    )


def weeks_strip(h: History) -> Content:
    """Every week of the cycle so far, met or not: "W05✗  W06✓  W07✓  W08·" and what
    the marks mean."""
    parts = []
    for i, row in enumerate(h.weeks):
        last = i == len(h.weeks) - 1
        mark = MET if row.met else PENDING if last else MISSED
        style = "$text-success" if row.met else "$text-muted" if last else "$text-warning"
        parts.append(Content(short_week(row.week)) + Content.styled(mark, style))
    if not parts:
        return Content("")
    missed = h.missed_weeks
    tail = f"  (no meeting in {', '.join(short_week(w) for w in missed)})" if missed else ""
    return (
        Content("  ").join(parts)
        + Content.styled(tail, "$text-warning")
        + Content.styled(f"\n{LEGEND}", "$text-muted")
    )


def confidence_by_week(h: History, kr_id: str, hidden: str | None = None) -> Content:
    """One key result's room confidence, each week from the first meeting on: "W06 6.5  W07
    no meeting  W08 7.0"; empty before any meeting. ``hidden`` is the open meeting whose
    votes are not revealed yet: its average is not shown."""
    averages = dict(h.confidence.get(kr_id, ()))
    first = next((i for i, r in enumerate(h.weeks) if r.met), None)
    if first is None:
        return Content("")
    parts = []
    for row in h.weeks[first:]:
        if row.week == hidden:
            parts.append(Content(f"{short_week(row.week)} ") + Content.styled("hidden", "dim"))
        elif row.week in averages and averages[row.week] is not None:
            parts.append(Content(f"{short_week(row.week)} {averages[row.week]:.1f}"))
        elif row.met:
            parts.append(Content(f"{short_week(row.week)} ") + Content.styled("no votes", "dim"))
        elif row is not h.weeks[-1]:
            parts.append(
                Content(f"{short_week(row.week)} ") + Content.styled("no meeting", "$text-warning")
            )
    return Content("  ").join(parts)


def hidden_week(ws: Workshop) -> str | None:
    """The open meeting whose votes are still hidden, if any."""
    week = weeks.open_week(ws)
    return week.week if week is not None and not week.revealed else None


def history_panel(ws: Workshop, today: date) -> Content:
    """The record, the weeks, and each key result's confidence week by week, for a screen
    that has room for all of it (the grade)."""
    h = weeks.history(ws, today)
    lines = [record_line(h)]
    if any(r.met for r in h.weeks):
        lines.append(weeks_strip(h))
        hidden = hidden_week(ws)
        for kr in ws.key_results:
            trend = confidence_by_week(h, kr.id, hidden)
            lines.append(Content.styled(f"{kr_label(ws, kr)} confidence  ", "bold") + trend)
        missed = weeks.missed_commitments(ws)
        if missed:
            lines.append(Content.styled("Missed again and again:", "bold"))
            lines += [Content(f"· {who_what} ({why})") for who_what, why in missed]
    return Content("\n").join(lines)
