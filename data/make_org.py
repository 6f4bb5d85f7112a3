"""Build data/org/: an example company of ten teams, for ``okrworkshop org data/org``.

Run: python data/make_org.py [FOLDER]. It writes one database file per team (as teams keep
them in git) and an org.json that defines the company OKRs once. The teams serve, miss and
overlap each other on purpose: two teams serve the same company key result (one quoting its id,
one its words in other case and spacing), one company key result is served by no team, one team
has gone quiet, one team's confidence fell this week, one overlap is one-sided, three teams
have no final OKR yet. The view is meant to be read as of ``AS_OF`` (week 8 of 2027 Q1).

Timestamps are fixed, so a rebuild changes a file only when its content changes.
``write_team`` and ``team_file`` are also used by the tests and by bench/org_bench.py.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from okrworkshop.model import (
    CheckIn,
    Context,
    Cycle,
    KeyResult,
    Objective,
    Origin,
    Overlap,
    Stage,
    Status,
    Workshop,
)
from okrworkshop.store import APP_NAME, SCHEMA_VERSION, _encode

HERE = Path(__file__).resolve().parent
FIXED_TIME = "2026-12-14T09:00:00+00:00"
CYCLE = Cycle("2027 Q1", date(2027, 1, 1), date(2027, 3, 31))
AS_OF = date(2027, 2, 22)
FIRST_MONDAY = date(2027, 1, 4)

ORG: dict[str, Any] = {
    "okrworkshop_org": 1,
    "company": "Acme Market",
    "cycle": "2027 Q1",
    "objectives": [
        {
            "id": "C1",
            "text": "Buyers find and buy what they want",
            "key_results": [
                {"id": "C1.1", "text": "Checkout conversion from 61% to 70%"},
                {"id": "C1.2", "text": "Search success rate from 40% to 55%"},
            ],
        },
        {
            "id": "C2",
            "text": "Sellers grow with us",
            "key_results": [
                {"id": "C2.1", "text": "Active sellers from 12,000 to 15,000"},
                {"id": "C2.2", "text": "Seller onboarding time from 9 days to 3 days"},
            ],
        },
        {
            "id": "C3",
            "text": "Run a platform people can rely on",
            "key_results": [
                {"id": "C3.1", "text": "Monthly availability from 99.5% to 99.9%"},
                {"id": "C3.2", "text": "Support tickets per 1,000 orders from 12 to 8"},
            ],
        },
    ],
}


@dataclass
class KrSpec:
    statement: str
    baseline: float
    target: float
    unit: str
    pace: float = 1.0
    """Progress as a share of the time gone (1.0 keeps pace, 0.5 half)."""
    confidence: list[int] = field(default_factory=list)
    """Confidence per week; the last value repeats."""


@dataclass
class TeamSpec:
    team: str
    facilitator: str
    participants: list[str]
    status: Status
    stage: Stage
    parents: list[str] = field(default_factory=list)
    contributes_to: str | None = None
    focus: str = ""
    drafts: list[tuple[str, str]] = field(default_factory=list)
    """(author, text) drafted before the meeting (besides the focus)."""
    overlaps: list[tuple[str, str]] = field(default_factory=list)
    krs: list[KrSpec] = field(default_factory=list)
    weeks: int = 8
    """Weekly check-ins from the first Monday."""
    skip_last: int = 0
    """Weeks at the end without a check-in (a team that went quiet)."""


def _value(spec: KrSpec, share: float) -> str:
    value = spec.baseline + (spec.target - spec.baseline) * min(share * spec.pace, 1.2)
    text = f"{value:.1f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{round(value)}"
    return f"{text}{spec.unit}" if spec.unit == "%" else text


def _number(value: float, unit: str) -> str:
    text = f"{value:g}"
    return f"{text}{unit}" if unit == "%" else text


def team_workshop(spec: TeamSpec, wid: str, cycle: Cycle = CYCLE) -> Workshop:
    """One team's workshop as the app would have saved it after the room and the check-ins."""
    ws = Workshop(
        id=wid,
        team=spec.team,
        cycle=cycle,
        facilitator=spec.facilitator,
        participants=list(spec.participants),
        stage=spec.stage,
        status=spec.status,
        created=FIXED_TIME,
        updated=FIXED_TIME,
    )
    ws.context = Context(
        mission="Help small businesses sell what they make to people who want it.",
        parent_okrs=list(spec.parents),
        overlaps=[Overlap(team, topic) for team, topic in spec.overlaps],
    )
    for author, text in spec.drafts:
        ws.objectives.append(
            Objective(ws.next_id("o"), text, author, Origin.PRE_WORKSHOP, created=FIXED_TIME)
        )
    if spec.focus:
        focus = Objective(
            ws.next_id("o"),
            spec.focus,
            spec.participants[0],
            Origin.PRE_WORKSHOP,
            created=FIXED_TIME,
            contributes_to=spec.contributes_to,
        )
        ws.objectives.append(focus)
        ws.focus = focus.id
    start = cycle.start or FIRST_MONDAY
    first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
    for number, kr_spec in enumerate(spec.krs):
        kr = KeyResult(
            ws.next_id("kr"),
            kr_spec.statement,
            spec.participants[number % len(spec.participants)],
            metric=kr_spec.statement,
            baseline=_number(kr_spec.baseline, kr_spec.unit),
            target=_number(kr_spec.target, kr_spec.unit),
            unit="" if kr_spec.unit == "%" else kr_spec.unit,
            owner=spec.participants[number % len(spec.participants)],
            created=FIXED_TIME,
        )
        if spec.status is Status.FINAL:
            for week in range(spec.weeks - spec.skip_last):
                day = first_monday + timedelta(weeks=week)
                share = (day - start).days / max(((cycle.end or day) - start).days, 1)
                confidences = kr_spec.confidence or [7]
                confidence = confidences[min(week, len(confidences) - 1)]
                kr.checkins.append(
                    CheckIn(
                        day,
                        _value(kr_spec, share),
                        kr.owner,
                        confidence,
                        created=f"{day.isoformat()}T10:00:00+00:00",
                    )
                )
        ws.key_results.append(kr)
    if spec.status is Status.FINAL:
        ws.finalized = FIXED_TIME
    return ws


def team_file(workshops: list[Workshop]) -> bytes:
    """A database file holding these workshops, byte for byte as the store writes it."""
    data = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "app": APP_NAME}},
        "workshops": {str(n): ws.to_dict() for n, ws in enumerate(workshops, 1)},
    }
    return _encode(data, Path("team.json"))


def write_team(folder: Path, name: str, workshops: list[Workshop]) -> Path:
    path = folder / name
    path.write_bytes(team_file(workshops))
    return path


GITIGNORE = """\
# okrworkshop: lock files, a save's temp files, backups made before a migration
*.lock
.*.tmp
*.bak
"""

PEOPLE = ["Ana", "Ben", "Chen", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jo"]


def teams() -> list[TeamSpec]:
    """The ten teams of Acme Market, 2027 Q1."""
    final, last = Status.FINAL, Stage.FINAL
    return [
        TeamSpec(
            "Payments",
            "Ana",
            ["Ana", "Ben", "Chen"],
            final,
            last,
            parents=["C1.1", "C3.1"],
            contributes_to="C1.1",
            focus="Paying is the easy part of buying",
            overlaps=[("Checkout", "one payment page for every market")],
            krs=[
                KrSpec("Card payment success from 91% to 96%", 91, 96, "%", 1.0, [7, 7, 8]),
                KrSpec("Wallet share of payments from 10% to 25%", 10, 25, "%", 0.9, [6, 7]),
                KrSpec("Payment page load time from 2.4 s to 1.2 s", 2.4, 1.2, "s", 1.1, [8]),
            ],
        ),
        TeamSpec(
            "Checkout",
            "Dana",
            ["Dana", "Eli", "Femi", "Gus"],
            final,
            last,
            parents=["checkout CONVERSION from 61%  to 70%"],
            contributes_to="Checkout  conversion from 61% to 70%",
            focus="Nobody gives up between basket and order",
            overlaps=[("Payments", "one payment page"), ("Search", "basket suggestions")],
            krs=[
                KrSpec("Basket to order from 61% to 70%", 61, 70, "%", 0.6, [7, 6, 6, 5]),
                KrSpec("Guest checkout share from 0% to 30%", 0, 30, "%", 1.0, [8]),
            ],
        ),
        TeamSpec(
            "Search",
            "Hana",
            ["Hana", "Ivo", "Jo"],
            final,
            last,
            parents=["Search success rate from 40% to 55%"],
            contributes_to="Search success rate from 40% to 55%",
            focus="Buyers find what they are looking for",
            krs=[
                KrSpec(
                    "Searches ending in a click from 40% to 55%",
                    40,
                    55,
                    "%",
                    0.8,
                    [7, 7, 7, 7, 7, 7, 7, 4],
                ),
                KrSpec("Zero-result searches from 9% to 3%", 9, 3, "%", 0.7, [6]),
                KrSpec("Median search time from 900 ms to 300 ms", 900, 300, "ms", 1.0, [7]),
            ],
        ),
        TeamSpec(
            "Seller Onboarding",
            "Ben",
            ["Ben", "Chen", "Eli"],
            final,
            last,
            parents=["C2.2"],
            contributes_to="C2.2: seller onboarding time",
            focus="A new seller sells on their first day",
            overlaps=[("Seller Growth", "the welcome e-mails")],
            krs=[
                KrSpec("Days from sign-up to first listing from 9 to 3", 9, 3, "days", 0.5, [6]),
                KrSpec("Sign-ups finishing setup from 48% to 75%", 48, 75, "%", 0.5, [6]),
            ],
            skip_last=3,
        ),
        TeamSpec(
            "Seller Growth",
            "Femi",
            ["Femi", "Gus", "Hana"],
            final,
            last,
            parents=["C2.1"],
            contributes_to="C2.1",
            focus="Sellers come back every month",
            overlaps=[("Seller Onboarding", "the welcome e-mails"), ("Marketing", "campaigns")],
            krs=[
                KrSpec("Active sellers from 12000 to 15000", 12000, 15000, "sellers", 1.0, [7]),
                KrSpec("Sellers listing weekly from 30% to 45%", 30, 45, "%", 0.85, [6, 7]),
            ],
        ),
        TeamSpec(
            "Platform",
            "Ivo",
            ["Ivo", "Jo", "Ana"],
            final,
            last,
            parents=["C3.1"],
            contributes_to="Monthly availability from 99.5% to 99.9%",
            focus="The market is always open",
            krs=[
                KrSpec("Availability from 99.5% to 99.9%", 99.5, 99.9, "%", 1.0, [8]),
                KrSpec("Time to restore from 90 min to 20 min", 90, 20, "min", 0.9, [7]),
                KrSpec("Deploys a day from 3 to 10", 3, 10, "", 1.1, [8]),
            ],
        ),
        TeamSpec(
            "Trust and Safety",
            "Jo",
            ["Jo", "Ben", "Dana"],
            final,
            last,
            parents=["C3.2", "Fraud losses cut in half"],
            contributes_to="Fraud losses cut in half",
            focus="Buyers and sellers trust each other",
            overlaps=[("Payments", "card fraud rules")],
            krs=[
                KrSpec("Fraud losses from 0.8% to 0.4% of sales", 0.8, 0.4, "%", 0.9, [7]),
            ],
        ),
        TeamSpec(
            "Mobile App",
            "Chen",
            ["Chen", "Dana", "Eli", "Femi"],
            Status.DRAFTING,
            Stage.DRAFTS,
            parents=["C1.1", "C1.2"],
            drafts=[("Chen", "The app is the fastest way to buy"), ("Eli", "Buyers love our app")],
            overlaps=[("Checkout", "checkout in the app")],
        ),
        TeamSpec(
            "Data",
            "Gus",
            ["Gus", "Hana"],
            Status.PREPARING,
            Stage.CONTEXT,
            parents=["C1.2"],
        ),
        TeamSpec(
            "Growth Marketing",
            "Hana",
            ["Hana", "Ivo", "Jo", "Ana"],
            Status.LIVE,
            Stage.FOCUS,
            parents=["C2.1"],
            drafts=[
                ("Hana", "Every seller knows what we can do for them"),
                ("Ivo", "Our campaigns pay for themselves"),
                ("Jo", "Sellers tell their friends"),
            ],
            overlaps=[("Seller Growth", "seller campaigns")],
        ),
    ]


def file_name(team: str) -> str:
    return "-".join(team.casefold().split()) + ".json"


def main(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, spec in enumerate(teams(), 1):
        workshops = [team_workshop(spec, f"t{number:02d}q1")]
        if spec.team == "Payments":  # last cycle, graded, in the same file
            last = Cycle("2026 Q4", date(2026, 10, 1), date(2026, 12, 31))
            old = TeamSpec(
                "Payments",
                "Ana",
                ["Ana", "Ben"],
                Status.FINAL,
                Stage.FINAL,
                focus="Fewer failed payments",
                weeks=13,
                krs=[KrSpec("Card payment success from 88% to 91%", 88, 91, "%", 1.0, [8])],
            )
            done = team_workshop(old, "t01q4", last)
            done.graded = "2027-01-05T09:00:00+00:00"
            done.archived = True
            workshops.insert(0, done)
        written.append(write_team(folder, file_name(spec.team), workshops))
    ignore = folder / ".gitignore"  # what a save leaves beside a file is not for git
    ignore.write_text(GITIGNORE, encoding="utf-8")
    written.append(ignore)
    org = folder / "org.json"
    org.write_text(json.dumps(ORG, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(org)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "org"
    for path in main(target):
        print(f"Wrote {path}")
    print(f"Read it as of its week: okrworkshop org {target} --today {AS_OF.isoformat()}")
