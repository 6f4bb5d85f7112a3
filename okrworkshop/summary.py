"""The workshop's minutes: how the time went, who brought what, what was decided and why.

The handout (``export.to_markdown``) is the OKR for readers outside the room; the minutes are
for the team and the facilitator: time spent per step against its timebox, each person's
contributions (drafts, dot votes, key results, confidence votes, check-ins), the decisions
with their reasons, and the gaps the room accepted knowingly. Markdown, escaped like the
handout, so it can go to a wiki or a ticket as it is.
"""

from __future__ import annotations

from datetime import date

from . import rules
from .confidence import confidence_summary
from .export import _authors, _cell, _table, md, md_block
from .grading import grade_report
from .kr_names import kr_labels
from .model import Stage, Status, Workshop
from .progress import workshop_progress
from .text import plural
from .week_notes import weekly_history_section


def to_minutes(ws: Workshop, *, today: date | None = None) -> str:
    """The minutes as a markdown document."""
    today = today or date.today()
    lines = [f"# Minutes: OKR workshop of {md(ws.team)}, {md(ws.cycle.label)}", ""]
    people = []
    if ws.facilitator:
        people.append(f"**Facilitator:** {md(ws.facilitator)}")
    if ws.participants:
        people.append("**Participants:** " + ", ".join(md(p) for p in ws.participants))
    if people:
        lines += [" · ".join(people), ""]
    held = f", finalized {ws.finalized[:10]}" if ws.finalized else ""
    lines += [f"**Status:** {rules.lifecycle(ws).value}{held}", ""]
    lines += _time(ws)
    lines += _contributions(ws)
    lines += _decisions(ws)
    lines += _key_results(ws)
    lines += _accepted_gaps(ws)
    lines += _after_the_room(ws, today)
    lines += weekly_history_section(ws, today)
    return "\n".join(lines).rstrip() + "\n"


def duration(seconds: float) -> str:
    """ "14 min 18 s", "1 h 05 min", "42 s": how long, in words a room reads at a glance."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _time(ws: Workshop) -> list[str]:
    lines = ["## Time per step", ""]
    stages = [s for s in Stage if s in ws.stage_seconds or s in ws.timebox_minutes]
    if not stages:
        return [*lines, "_No time was recorded: the steps were run from the command line._", ""]
    rows = []
    spent_total = 0.0
    for stage in stages:
        spent = ws.stage_seconds.get(stage, 0.0)
        spent_total += spent
        box = ws.timebox_minutes.get(stage)
        if box is None:
            against = "no timebox"
        else:
            gap = box * 60 - spent
            against = f"{duration(gap)} to spare" if gap >= 0 else f"{duration(-gap)} over"
        rows.append([stage.label, duration(spent), f"{box} min" if box else "—", against])
    boxed = sum(ws.timebox_minutes.values())
    rows.append(["**Total**", f"**{duration(spent_total)}**", f"{boxed} min" if boxed else "—", ""])
    return [*lines, *_table(["Step", "Time spent", "Timebox", "Against the timebox"], rows), ""]


def _contributions(ws: Workshop) -> list[str]:
    """Each person's part. Counts only: which draft someone dotted is not minuted."""
    names: dict[str, str] = {}
    for name in [*ws.participants, ws.facilitator]:
        if name:
            names.setdefault(name.casefold(), name)
    counts: dict[str, list[int]] = {}

    def add(name: str, column: int, amount: int = 1) -> None:
        if not name:
            return
        key = name.casefold()
        names.setdefault(key, name)
        counts.setdefault(key, [0, 0, 0, 0, 0])[column] += amount

    for o in ws.objectives:
        for name in {n.casefold(): n for n in o.authors}.values():  # rules.drafts_per_person
            add(name, 0)
        for voter, dots in o.votes.items():
            add(voter, 1, dots)
    for kr in ws.key_results:
        add(kr.author, 2)
        for voter in kr.confidence_votes:
            add(voter, 3)
        for checkin in kr.checkins:
            add(checkin.author, 4)
    header = ["Person", "Drafts", "Dot votes", "Key results", "Confidence votes", "Check-ins"]
    rows = [
        [md(name), *(str(n) for n in counts.get(key, [0, 0, 0, 0, 0]))]
        for key, name in names.items()
    ]
    if not rows:
        return ["## Who contributed what", "", "_Nobody is listed yet._", ""]
    return ["## Who contributed what", "", *_table(header, rows), ""]


def _decisions(ws: Workshop) -> list[str]:
    lines = ["## Decisions", ""]
    focus = ws.focus_objective
    if focus is None:
        lines += ["_No focus objective has been chosen yet._", ""]
    else:
        votes = ""
        if ws.settings.votes_revealed:
            votes = f"; {plural(focus.total_votes, 'dot vote')}"
        lines += [
            f"**The focus:** {md(focus.text)} (drafted by {_authors(focus.authors)}{votes}).",
            "",
            f"**Why:** {md_block(focus.rationale)}"
            if focus.rationale and focus.rationale.strip()
            else "**Why:** _no reason was written down with the draft._",
            "",
        ]
    if ws.deprioritized:
        rows = [[md(d.text), _cell(d.reason)] for d in ws.deprioritized]
        lines += ["**Deliberately not this cycle:**", ""]
        lines += [*_table(["What", "Why not now"], rows), ""]
    else:
        lines += ["_Nothing was recorded as deprioritized._", ""]
    return lines


def _key_results(ws: Workshop) -> list[str]:
    if not ws.key_results:
        return []
    rows = []
    labels = kr_labels(ws)
    for kr in ws.key_results:
        c = confidence_summary(ws, kr)
        if c.average is not None:
            confidence = f"{c.average:.1f} of 5 ({c.low} to {c.high})"
        elif c.count:
            confidence = f"{c.count} hidden"
        else:
            confidence = "—"
        rows.append([labels[kr.id], md(kr.statement), kr.kind.value, _cell(kr.owner), confidence])
    header = ["#", "Key result", "Kind", "Owner", "Confidence (fist of five)"]
    lines = ["## The key results", "", *_table(header, rows), ""]
    prompts = [confidence_summary(ws, kr).prompt for kr in ws.key_results]
    lines += [f"- {md(prompt)}" for prompt in prompts if prompt]
    return [*lines, ""] if any(prompts) else lines


def _accepted_gaps(ws: Workshop) -> list[str]:
    """The gaps the room accepted, the same ones the handout lists (``rules.accepted_gaps``)."""
    from .smart import lint_key_result_record  # the linter's word lists load only when used

    labels = kr_labels(ws)
    gaps = [
        f"- {labels[kr.id]}, {check.label}: {md(kr.smart[check].note)}"
        for kr in ws.key_results
        for check in rules.accepted_gaps(kr, lint_key_result_record(kr, cycle=ws.cycle.dates))
    ]
    if not gaps:
        return []
    return [
        "## Gaps the room accepted",
        "",
        "Checks a key result does not pass, kept as they are on purpose, with the reason:",
        "",
        *gaps,
        "",
    ]


def _after_the_room(ws: Workshop, today: date) -> list[str]:
    if ws.status is not Status.FINAL:
        return []
    report = workshop_progress(ws, today)
    lines = ["## After the room", ""]
    if report.checkin_count:
        last = report.last_checkin.isoformat() if report.last_checkin else "—"
        lines.append(f"- {plural(report.checkin_count, 'check-in')}, the latest on {last}.")
    else:
        lines.append("- No check-ins yet.")
    grade = grade_report(ws, today)
    if ws.graded or report.checkin_count:
        lines.append(f"- {md(grade.headline())}.")
    lines.append("")
    if ws.retro.strip():
        lines += ["**What we learned:**", "", md_block(ws.retro), ""]
    return lines
