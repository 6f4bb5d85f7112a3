"""The org view: many teams' workshop files read side by side, read-only.

``gather`` reads every file it is given (a folder means every database file in it, at any
depth, skipping hidden folders such as ``.git``). It never locks, writes, migrates or creates
anything: the bytes are read once and parsed in memory (an older file is migrated in memory
only). A writer saving at that moment is never waited on: saves replace the file atomically, so
what is read is the last complete save. A file that cannot be used (missing, corrupt, newer,
left with git conflict markers, not an okrworkshop database) becomes one ``Skipped`` line
naming it, and the rest of the view is still built.

``build`` turns the teams of one cycle into what a leadership review asks: who serves which
company key result, which one nobody serves, who has no final OKR yet, overlaps and whether
both sides know, quiet teams and falling confidence, and each team's focus with its progress.
Everything here is computed; nothing is written.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import jsonio
from .gitfiles import conflict_advice, has_conflict_markers
from .grading import grade_report
from .kr_names import kr_labels
from .model import DataError, Status, Workshop
from .org import (
    ORG_FILE_NAME,
    OrgDefinition,
    OrgFileError,
    Parent,
    ParentIndex,
    is_org_document,
    normalise,
    parse_org,
)
from .progress import STALE_DAYS, CycleClock, KrProgress, Trend, workshop_progress
from .rules import drafting_progress

FELL_WITHIN_DAYS = 7
"""Confidence that fell at a check-in in the last week is called out."""
MAX_TEAM_FILE_BYTES = 64_000_000


# --- reading files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str

    def line(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Team:
    """One team's workshop of the cycle shown, and the file it came from."""

    workshop: Workshop
    path: Path

    @property
    def name(self) -> str:
        return self.workshop.team


@dataclass
class Gathered:
    workshops: list[tuple[Workshop, Path]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    org: OrgDefinition | None = None
    files: int = 0


def expand(inputs: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files to read, in a stable order: folders opened (hidden entries skipped), every file
    given by name kept even if it is missing (it is then reported)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for given in inputs:
        if given.is_dir():
            found: list[Path] = []
            for root, dirs, names in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [
                    Path(root) / n for n in names if n.endswith(".json") and not n.startswith(".")
                ]
            candidates = sorted(found)
        elif given.exists() or given.is_symlink():
            candidates = [given]
        else:
            skipped.append(Skipped(given, "missing: there is no such file or folder"))
            continue
        for path in candidates:
            key = path.absolute()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, skipped


def _other_okrworkshop_file(data: Any) -> str | None:
    """What an okrworkshop file that is not a database is: an export or a drafts file."""
    if not isinstance(data, dict) or not isinstance(data.get("format"), str):
        return None  # a database has no "format" (and need not load the importer)
    from .export import EXPORT_FORMAT
    from .importer import DRAFTS_FORMAT

    kinds = {EXPORT_FORMAT: "an exported workshop", DRAFTS_FORMAT: "a participant's drafts file"}
    return kinds.get(data["format"])


def gather(inputs: list[Path], *, org_file: Path | None = None) -> Gathered:
    """Read every workshop in ``inputs``; never writes, locks or waits."""
    from .store import SCHEMA_VERSION, StoreError, _migrated, _parse_layout, _schema_version

    result = Gathered()
    files, result.skipped = expand(inputs)
    explicit = {p for p in inputs if not p.is_dir()}
    if org_file is not None and org_file not in files:
        files.insert(0, org_file)
    for path in files:
        try:
            raw = jsonio.read_bytes(path, max_bytes=MAX_TEAM_FILE_BYTES)
        except FileNotFoundError:
            result.skipped.append(Skipped(path, "missing: it was removed while being read"))
            continue
        except jsonio.UnreadableFile as exc:
            result.skipped.append(Skipped(path, exc.cause))
            continue
        except OSError as exc:
            result.skipped.append(Skipped(path, f"cannot be read: {exc.strerror or exc}"))
            continue
        result.files += 1
        if has_conflict_markers(raw):
            result.skipped.append(Skipped(path, conflict_advice(path)))
            continue
        if not raw.strip():
            result.skipped.append(Skipped(path, "is empty"))
            continue
        try:
            data: Any = jsonio.parse(raw, path)
        except jsonio.UnreadableFile as exc:
            result.skipped.append(Skipped(path, f"is corrupt: it {exc.cause}"))
            continue
        kind = _other_okrworkshop_file(data)
        if kind is not None:
            if path in explicit:  # asked for by name: say why it is not shown
                result.skipped.append(Skipped(path, f"is {kind}, not a team's database"))
            continue  # in a folder: a file people share beside the databases, not a team
        if is_org_document(data):
            try:
                org = parse_org(data, path)
            except OrgFileError as exc:
                result.skipped.append(Skipped(path, f"is an org file that cannot be used: {exc}"))
                continue
            if result.org is not None and result.org.path != path:
                result.skipped.append(
                    Skipped(path, f"is a second org file; using {result.org.path}")
                )
                continue
            result.org = org
            continue
        try:
            tables = _parse_layout(raw, path)
            version = _schema_version(path, tables)
        except StoreError:
            result.skipped.append(Skipped(path, "is not an okrworkshop database"))
            continue
        if version > SCHEMA_VERSION:
            result.skipped.append(
                Skipped(
                    path,
                    f"was written by a newer okrworkshop (schema {version}, this one reads "
                    f"{SCHEMA_VERSION}); upgrade okrworkshop to include it",
                )
            )
            continue
        if version < SCHEMA_VERSION:
            tables = _migrated(tables, version)  # in memory only: the file is not touched
        docs = tables.get("workshops", {})
        for key in sorted(docs, key=int):
            try:
                result.workshops.append((Workshop.from_dict(docs[key]), path))
            except DataError as exc:
                result.skipped.append(Skipped(path, f"holds a workshop that cannot be read: {exc}"))
    if org_file is None:
        return result
    # named with --org but not an org file (or unreadable): say so, do not guess
    named = result.org is not None and result.org.path == org_file
    if not named and not any(s.path == org_file for s in result.skipped):
        result.skipped.append(Skipped(org_file, "is not an org file"))
    return result


# --- the view -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KrLine:
    """One key result of a team as the org view shows it."""

    name: str
    """ "KR1".."KRn"."""
    statement: str
    progress: float | None
    time_gone: float | None
    """The share of its time gone by on the latest check-in's day (None before the cycle
    starts, or when that check-in is dated after today)."""
    standing: str
    confidence: int | None
    confidence_before: int | None
    trend: Trend | None
    days_since: int | None
    stale: bool
    latest_value: str
    movement: str
    starts: date | None = None
    """The cycle's first day when it has not come yet: no time has gone by."""
    dated_later: date | None = None
    """The latest check-in's day when it lies after today: it is not counted as recent,
    and its pace is not compared with time that has not gone by yet."""


@dataclass(frozen=True)
class TeamLine:
    team: str
    file: str
    final: bool
    status: str
    step: str
    focus: str
    serves: tuple[str, ...]
    """Keys of the parents the focus objective contributes to."""
    kr_serves: tuple[tuple[str, str], ...]
    """(parent key, "KRn") for each key result linked to a parent of its own."""
    names: tuple[str, ...]
    """Keys of the parents the team names in its context."""
    key_results: tuple[KrLine, ...]
    grade: float | None
    graded: bool
    last_checkin: date | None
    stale: bool
    drafted_by: tuple[str, ...]
    not_drafted: tuple[str, ...]
    facilitator: str
    starts: date | None = None
    """The cycle's first day when it has not come yet."""
    dated_later: date | None = None
    """The latest check-in's day when it lies after today."""

    @property
    def serves_any(self) -> tuple[str, ...]:
        """Keys of every parent the team serves: its focus's, then its key results'."""
        return tuple(dict.fromkeys([*self.serves, *(key for key, _ in self.kr_serves)]))

    def serving(self, key: str) -> tuple[KrLine, ...] | None:
        """The key results shown serving parent ``key``: all of them when the focus serves
        it, else those linked to it themselves; None when the team does not serve it."""
        if key in self.serves:
            return self.key_results
        names = {name for parent, name in self.kr_serves if parent == key}
        if not names:
            return None
        return tuple(kr for kr in self.key_results if kr.name in names)


@dataclass(frozen=True)
class Serving:
    team: str
    key_results: tuple[KrLine, ...]


@dataclass(frozen=True)
class ParentLine:
    parent: Parent
    served_by: tuple[Serving, ...]
    named_by: tuple[str, ...]
    """Teams that name it in their context but whose focus serves something else."""


@dataclass(frozen=True)
class OverlapLine:
    team: str
    other: str
    topic: str
    other_in_view: bool
    mutual: bool
    other_topic: str


@dataclass(frozen=True)
class FallLine:
    team: str
    kr: str
    statement: str
    before: int
    now: int


@dataclass
class OrgView:
    cycle: str
    today: date
    company: str
    has_org_file: bool
    parents: list[ParentLine]
    teams: list[TeamLine]
    overlaps: list[OverlapLine]
    falls: list[FallLine]
    skipped: list[Skipped]
    other_cycles: list[str]
    files_read: int

    @property
    def unserved(self) -> list[ParentLine]:
        return [p for p in self.parents if not p.served_by and not p.parent.is_objective]

    @property
    def not_final(self) -> list[TeamLine]:
        return [t for t in self.teams if not t.final]

    @property
    def stale(self) -> list[TeamLine]:
        return [t for t in self.teams if t.stale]

    @property
    def dated_later(self) -> list[TeamLine]:
        """Teams whose latest check-in is dated after today."""
        return [t for t in self.teams if t.dated_later is not None]

    @property
    def starts(self) -> date | None:
        """The first day of the cycle when no team's cycle has started yet, else None."""
        if not self.teams or any(t.starts is None for t in self.teams):
            return None
        return min(t.starts for t in self.teams if t.starts is not None)

    @property
    def one_sided(self) -> list[OverlapLine]:
        """Overlaps the other team (read in this view) does not name back."""
        return [o for o in self.overlaps if not o.mutual and o.other_in_view]


def choose_cycle(workshops: list[Workshop], wanted: str | None) -> str:
    """The cycle shown: the one asked for, else the one most teams are in (latest on a tie)."""
    if wanted is not None:
        key = normalise(wanted)
        stored = (w.cycle.label for w in workshops if normalise(w.cycle.label) == key)
        return next(stored, " ".join(wanted.split()))
    active = [w for w in workshops if not w.archived] or workshops
    if not active:
        return ""
    counts = Counter(normalise(w.cycle.label) for w in active)
    starts: dict[str, date] = {}
    labels: dict[str, str] = {}
    for w in active:
        key = normalise(w.cycle.label)
        labels.setdefault(key, w.cycle.label)
        if w.cycle.start and (key not in starts or w.cycle.start > starts[key]):
            starts[key] = w.cycle.start
    best = max(counts, key=lambda k: (counts[k], starts.get(k, date.min), k))
    return labels[best]


def _one_copy_each(gathered: Gathered) -> list[tuple[Workshop, Path]]:
    """A workshop found in two files (a copy kept beside the original) counts once: the copy
    changed last is shown, and the other file is named."""
    kept: dict[str, tuple[Workshop, Path]] = {}
    for ws, path in gathered.workshops:
        other = kept.get(ws.id)
        if other is None:
            kept[ws.id] = (ws, path)
            continue
        newer, older = ((ws, path), other) if ws.updated > other[0].updated else (other, (ws, path))
        kept[ws.id] = newer
        if any(x.path == older[1] and str(newer[1]) in x.reason for x in gathered.skipped):
            continue  # one line per file, however many workshops it shares
        gathered.skipped.append(
            Skipped(
                older[1],
                f"holds the same workshop ({older[0].team}, {older[0].cycle.label}) as "
                f"{newer[1]}, which was changed later and is the one shown",
            )
        )
    return list(kept.values())


def build(gathered: Gathered, *, today: date, cycle: str | None = None) -> OrgView:
    """The view of one cycle: the one asked for (archived workshops included, as a past
    cycle's are), else the cycle most teams are in (archived ones left out)."""
    gathered.workshops = _one_copy_each(gathered)
    all_workshops = [w for w, _ in gathered.workshops]
    label = choose_cycle(all_workshops, cycle)
    wanted = normalise(label)
    chosen = [
        (w, p)
        for w, p in gathered.workshops
        if normalise(w.cycle.label) == wanted and (cycle is not None or not w.archived)
    ]
    others = sorted({w.cycle.label for w in all_workshops if normalise(w.cycle.label) != wanted})
    index = ParentIndex(gathered.org)
    teams = [_team_line(w, p, index, today) for w, p in chosen]
    teams.sort(key=lambda t: normalise(t.team))
    parents = _parent_lines(index, teams, [w for w, _ in chosen])
    return OrgView(
        cycle=label,
        today=today,
        company=gathered.org.company if gathered.org else "",
        has_org_file=gathered.org is not None,
        parents=parents,
        teams=teams,
        overlaps=_overlaps([w for w, _ in chosen]),
        falls=_falls(teams),
        skipped=list(gathered.skipped),
        other_cycles=others,
        files_read=gathered.files,
    )


def _kr_line(name: str, p: KrProgress, starts: date | None, today: date) -> KrLine:
    later = p.latest.date if p.latest is not None and p.latest.date > today else None
    return KrLine(
        name=name,
        statement=p.statement,
        progress=p.progress,
        time_gone=p.time_gone if starts is None and later is None else None,
        standing=str(p.standing),
        confidence=p.confidence,
        confidence_before=p.confidence_before,
        trend=p.trend,
        days_since=p.days_since,
        stale=p.stale,
        latest_value=p.latest_value,
        movement=p.movement,
        starts=starts,
        dated_later=later,
    )


def _team_line(ws: Workshop, path: Path, index: ParentIndex, today: date) -> TeamLine:
    final = ws.status is Status.FINAL
    focus = ws.focus_objective
    serves: list[str] = []
    if focus is not None and focus.contributes_to:
        parent = index.match(focus.contributes_to)
        if parent is not None:
            serves.append(parent.key)
    names = [parent.key for parent in index.named_in(ws.context.parent_okrs)]
    labels = kr_labels(ws)
    kr_serves: list[tuple[str, str]] = []
    for kr in ws.key_results:
        kr_parent = index.match(kr.contributes_to) if kr.contributes_to else None
        if kr_parent is not None:
            kr_serves.append((kr_parent.key, labels[kr.id]))
    krs: tuple[KrLine, ...] = ()
    grade: float | None = None
    last: date | None = None
    stale = False
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    starts = ws.cycle.start if ws.cycle.start is not None and not clock.started else None
    if final:
        report = workshop_progress(ws, today)
        krs = tuple(_kr_line(labels[p.kr_id], p, starts, today) for p in report.key_results)
        last = report.last_checkin
        stale = _team_stale(report.clock, last, ws, today)
        if ws.graded:
            grade = grade_report(ws, today).average
    drafting = drafting_progress(ws) if not final else []
    return TeamLine(
        team=ws.team,
        file=str(path),
        final=final,
        status=ws.status.value,
        step=ws.stage.label,
        focus=focus.text if focus is not None else "",
        serves=tuple(serves),
        kr_serves=tuple(kr_serves),
        names=tuple(names),
        key_results=krs,
        grade=grade,
        graded=ws.graded is not None,
        last_checkin=last,
        stale=stale,
        drafted_by=tuple(d.name for d in drafting if d.started),
        not_drafted=tuple(d.name for d in drafting if not d.started),
        facilitator=ws.facilitator,
        starts=starts,
        dated_later=last if last is not None and last > today else None,
    )


def _team_stale(clock: CycleClock, last: date | None, ws: Workshop, today: date) -> bool:
    """No check-in for two weeks while the cycle runs (and is not graded)."""
    if ws.graded or not clock.started or clock.ended or not ws.key_results:
        return False
    since = last if last is not None and last <= today else ws.cycle.start
    if since is None:
        return False
    return (today - since).days >= STALE_DAYS


def _parent_lines(
    index: ParentIndex, teams: list[TeamLine], workshops: list[Workshop]
) -> list[ParentLine]:
    order: list[Parent] = index.org_parents()
    known = {p.key for p in order}
    # without an org file (or beyond it): the parents teams name, in the order first named
    for ws in sorted(workshops, key=lambda w: normalise(w.team)):
        lines = list(ws.context.parent_okrs)
        focus = ws.focus_objective
        if focus is not None and focus.contributes_to:
            lines.append(focus.contributes_to)
        lines += [kr.contributes_to for kr in ws.key_results if kr.contributes_to]
        for line in lines:
            parent = index.match(line)
            if parent is not None and parent.key not in known:
                known.add(parent.key)
                order.append(parent)
    result = []
    for parent in order:
        served = tuple(
            Serving(t.team, krs) for t in teams if (krs := t.serving(parent.key)) is not None
        )
        named = tuple(
            t.team for t in teams if parent.key in t.names and parent.key not in t.serves_any
        )
        result.append(ParentLine(parent, served, named))
    return result


def _overlaps(workshops: list[Workshop]) -> list[OverlapLine]:
    by_team = {normalise(w.team): w for w in workshops}
    lines = []
    for ws in sorted(workshops, key=lambda w: normalise(w.team)):
        for overlap in ws.context.overlaps:
            other_key = normalise(overlap.team)
            if not other_key:
                continue
            other = by_team.get(other_key)
            back = None
            if other is not None:
                me = normalise(ws.team)
                back = next((o for o in other.context.overlaps if normalise(o.team) == me), None)
            lines.append(
                OverlapLine(
                    team=ws.team,
                    other=other.team if other is not None else overlap.team,
                    topic=overlap.topic,
                    other_in_view=other is not None,
                    mutual=back is not None,
                    other_topic=back.topic if back is not None else "",
                )
            )
    return lines


def _falls(teams: list[TeamLine]) -> list[FallLine]:
    falls = []
    for team in teams:
        for kr in team.key_results:
            if (
                kr.trend is Trend.DOWN
                and kr.confidence is not None
                and kr.confidence_before is not None
                and kr.days_since is not None
                and kr.days_since <= FELL_WITHIN_DAYS
            ):
                falls.append(
                    FallLine(team.team, kr.name, kr.statement, kr.confidence_before, kr.confidence)
                )
    return falls


def org_view(
    inputs: list[Path],
    *,
    today: date,
    cycle: str | None = None,
    org_file: Path | None = None,
) -> OrgView:
    """Read ``inputs`` (files and folders) and build the view of one cycle."""
    from .store import _collector_paused  # reading makes many objects and no cycles

    with _collector_paused():
        return build(gather(inputs, org_file=org_file), today=today, cycle=cycle)


__all__ = ["ORG_FILE_NAME", "OrgView", "build", "gather", "org_view"]
