"""The digest: one short markdown page a sponsor reads on a phone in a minute.

On top, the objective and the overall status in words (on track, at risk, off track) with the
reason; then each key result's change since the meeting before (value and confidence); the
wins; the blockers and asks with their next action, owner and due date; key results nobody
checked in on for two weeks; health metrics that are not green. No ids, no tables, no jargon:
lists that wrap on a 414 px screen and fit one A4 page for a typical team.
"""

from __future__ import annotations

from datetime import date, timedelta

from .export import md
from .kr_names import kr_labels
from .model import CheckIn, KeyResult, Workshop
from .progress import STALE_DAYS
from .rules import RuleError
from .text import day_words
from .week_model import Colour, NextAction, Week
from .week_notes import inline
from .weeks import (
    average,
    confidence_figure,
    latest_closed,
    overall,
    progress_on,
)


def _value_on(kr: KeyResult, day: date) -> CheckIn | None:
    """The check-in that stood on ``day``: the last one made for the latest day up to it."""
    found = [(c.date, i, c) for i, c in enumerate(kr.checkins) if c.date <= day]
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def _figure(value: float | None) -> str:
    return "no votes" if value is None else f"{confidence_figure(value)} of 10"


def digest_weeks(ws: Workshop, since: date | None = None) -> tuple[Week, Week | None, list[Week]]:
    """The meeting reported on (the last closed one), the one compared with (the one before,
    or the last before ``since``), and the meetings whose wins and actions the digest lists."""
    latest = latest_closed(ws)
    if latest is None:
        raise RuleError(
            "No weekly meeting has been closed yet; the digest reports on the last one "
            "(okrworkshop week close)."
        )
    closed = sorted((w for w in ws.weeks if not w.is_open), key=lambda w: w.week)
    if since is not None and since > latest.date:
        raise RuleError(
            f"The last meeting was on {latest.date.isoformat()}, before {since.isoformat()}; "
            f"give an earlier --since."
        )
    cut = since if since is not None else latest.date
    before = [w for w in closed if w.date < cut and w.week < latest.week]
    base = before[-1] if before else None
    period = [w for w in closed if (base is None or w.week > base.week) and w.week <= latest.week]
    return latest, base, period


def to_digest(ws: Workshop, *, since: date | None = None, today: date | None = None) -> str:
    latest, base, period = digest_weeks(ws, since)
    today = today or latest.date
    focus = ws.focus_objective
    status, why = overall(ws, latest)
    compared = f"  \nCompared with {day_words(base.date)}." if base else ""
    lines = [
        f"# {md(focus.text) if focus else md(ws.team)}",
        "",
        f"**{status.value.capitalize()}.** {md(why)}",
        "",
        f"{md(ws.team)}, {md(ws.cycle.label)}.  \n"
        f"Weekly meeting of {day_words(latest.date)}.{compared}",
        "",
        "## Key results",
        "",
    ]
    labels = kr_labels(ws)
    for kr in ws.key_results:
        now, then = _value_on(kr, latest.date), _value_on(kr, base.date) if base else None
        value_now = inline(now.value) if now else "no check-in"
        if base is None:
            value = value_now
        elif then is None or now is None or then.value == now.value:
            value = f"{value_now}, no change" if now else "no check-in yet"
        else:
            value = f"{inline(then.value)} → {value_now}"
        conf_now = average(latest, kr.id)
        conf_then = average(base, kr.id) if base else None
        if base is None or conf_then == conf_now:
            change = ", no change" if base is not None and conf_now is not None else ""
            confidence = f"{_figure(conf_now)}{change}"
        else:
            confidence = f"{_figure(conf_then)} → {_figure(conf_now)}"
        standing = progress_on(ws, kr, latest.date).standing.value
        target = f" (target {inline(kr.target)})" if kr.target.strip() else ""
        lines += [
            f"- **{labels[kr.id]}** {md(kr.statement)}  ",
            f"  Value: {value}{target}.  ",
            f"  Confidence: {confidence}. Status: {standing}.",
        ]
    lines.append("")

    wins = [win for w in period for win in w.wins]
    if wins:
        lines += ["## Wins", ""]
        for win in wins:
            who = f" ({', '.join(md(p) for p in win.people)})" if win.people else ""
            lines.append(f"- {md(win.text)}{who}")
        lines.append("")

    raised = _blockers_and_asks(ws, latest, period)
    if raised:
        lines += ["## Blockers and asks", ""]
        for action in raised:
            kind = " and ".join(
                word for word, on in (("Blocker", action.blocker), ("Ask", action.ask)) if on
            )
            late = " (overdue)" if action.due < latest.date and not action.done else ""
            lines += [
                f"- **{kind}** on {labels.get(action.kr, 'a removed key result')}: "
                f"{md(action.text)}  ",
                f"  {md(action.owner)}, due {day_words(action.due)}{late}.",
            ]
        lines.append("")

    attention = []
    for kr in ws.key_results:
        last = _value_on(kr, latest.date)
        start = ws.cycle.start or latest.date
        quiet_since = last.date if last else start
        if (latest.date - quiet_since).days >= STALE_DAYS:
            owner = f", owner {md(kr.owner)}" if kr.owner.strip() else ""
            attention.append(f"- {labels[kr.id]}: no check-in for two weeks or more{owner}.")
    for name, health in latest.health.items():
        if health.colour is not Colour.GREEN:
            note = f" {md(health.note)}" if health.note else ""
            attention.append(
                f"- {md(name)} is {health.colour.value} ({health.colour.meaning}).{note}"
            )
    if attention:
        lines += ["## Needs attention", "", *attention, ""]
    if (today - latest.date) > timedelta(days=7):
        lines += [f"_The team has not met since {day_words(latest.date)}._", ""]
    return "\n".join(lines).rstrip() + "\n"


def _blockers_and_asks(ws: Workshop, latest: Week, period: list[Week]) -> list[NextAction]:
    """Blockers and asks raised in the period, and any still open from before it."""
    shown = {w.week for w in period}
    return [
        a
        for w in sorted(ws.weeks, key=lambda w: w.week)
        if w.week <= latest.week
        for a in w.actions
        if (a.blocker or a.ask) and (w.week in shown or not a.done)
    ]
