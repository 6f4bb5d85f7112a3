"""Combining two versions of one team file that git could not merge line by line.

Two clones changed the same team's file: both checked in, one added a draft while the other
voted. Git sees two edits of the same lines (at least the workshop's ``updated`` time) and
stops with conflict markers. ``merge`` takes the common ancestor and both versions as parsed
database files and keeps every change from both sides:

- a field changed on one side only takes that side's value; changed the same way on both, that;
- items with ids (drafts, key results, deprioritized items, initiatives) are matched by id:
  added on either side are kept, removed on one side and untouched on the other are removed;
- lists without ids (check-ins, participants, the context's lines) keep what either side added
  and drop what either side removed;
- the time of the last change and the id counters take the later and the larger value.

Anything else changed differently on both sides (the same target typed two ways, two different
items added under the same id) is a real disagreement: ``merge`` names each one and returns no
result, so the caller leaves the file as it is and the people decide. Nothing here reads or
writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_MISSING: Any = object()
LATER_WINS = frozenset({"updated"})
"""Fields where two different values are not a disagreement: the later one is kept."""
LARGER_WINS_IN = frozenset({"sequence", "stage_seconds"})
"""Maps of counters where two values are not a disagreement: the larger one is kept."""


@dataclass
class MergeResult:
    data: dict[str, Any] | None
    conflicts: list[str] = field(default_factory=list)


def merge(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """Both sides' changes to a database file (tables of TinyDB documents) from ``base``."""
    conflicts: list[str] = []
    if _version(ours) != _version(theirs):
        conflicts.append(
            f"the two versions were saved by different okrworkshop versions (schema "
            f"{_version(ours)} and {_version(theirs)}); open the older one with the newer "
            f"okrworkshop first, so both have the same shape"
        )
        return MergeResult(None, conflicts)
    merged: dict[str, Any] = {}
    for table in _keys(ours, theirs):
        b, o, t = base.get(table, {}), ours.get(table, _MISSING), theirs.get(table, _MISSING)
        if o is _MISSING or t is _MISSING:
            merged[table] = t if o is _MISSING else o
            continue
        if table == "workshops":
            merged[table] = _merge_workshops(b, o, t, conflicts)
        else:
            merged[table] = _merge(b, o, t, table, conflicts)
    if not conflicts:
        _check_readable(merged, conflicts)
    return MergeResult(None if conflicts else merged, conflicts)


def _check_readable(merged: dict[str, Any], conflicts: list[str]) -> None:
    """Every combined workshop must read as one (a focus on a removed draft would not)."""
    from .model import DataError, Workshop

    for doc in merged.get("workshops", {}).values():
        try:
            ws = Workshop.from_dict(doc)
        except DataError as exc:
            conflicts.append(f"the combined workshop {doc.get('id')!r} would not read: {exc}")
            continue
        if ws.focus and ws.objective(ws.focus) is None:
            conflicts.append(
                f"the combined workshop {ws.id!r} would have as its focus a draft one side removed"
            )


def _version(data: dict[str, Any]) -> Any:
    meta = data.get("meta")
    docs = list(meta.values()) if isinstance(meta, dict) else []
    return docs[0].get("schema_version") if docs and isinstance(docs[0], dict) else None


def _keys(*dicts: dict[str, Any]) -> list[str]:
    order: dict[str, None] = {}
    for d in dicts:
        order.update(dict.fromkeys(d))
    return list(order)


def _merge_workshops(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], conflicts: list[str]
) -> dict[str, Any]:
    """Workshops matched by their id (the document numbers may differ between clones)."""

    def by_id(table: dict[str, Any]) -> dict[str, Any]:
        return {doc.get("id"): doc for _, doc in sorted(table.items(), key=lambda i: int(i[0]))}

    b, o, t = by_id(base), by_id(ours), by_id(theirs)
    result = _merge_keyed(b, o, t, "workshops", conflicts)
    return {str(n): doc for n, doc in enumerate(result.values(), 1)}


def _merge_keyed(
    base: dict[Any, Any],
    ours: dict[Any, Any],
    theirs: dict[Any, Any],
    where: str,
    conflicts: list[str],
) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    for key in _keys(ours, theirs):
        b = base.get(key, _MISSING)
        o = ours.get(key, _MISSING)
        t = theirs.get(key, _MISSING)
        label = f"{where} {key}"
        if o is _MISSING or t is _MISSING:
            present = t if o is _MISSING else o
            if b is _MISSING:  # added on one side
                merged[key] = present
            elif _same(b, present):  # removed on one side, untouched on the other
                continue
            else:
                conflicts.append(f"{label} was removed on one side and changed on the other")
            continue
        if b is _MISSING and not _same(o, t):
            conflicts.append(f"{label} was added on both sides, differently")
            continue
        merged[key] = _merge(_MISSING if b is _MISSING else b, o, t, label, conflicts)
    return merged


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _merge(base: Any, ours: Any, theirs: Any, where: str, conflicts: list[str]) -> Any:
    if _same(ours, theirs):
        return ours
    if base is not _MISSING and _same(base, ours):
        return theirs
    if base is not _MISSING and _same(base, theirs):
        return ours
    if isinstance(ours, dict) and isinstance(theirs, dict):
        b = base if isinstance(base, dict) else {}
        merged = {}
        for key in _keys(ours, theirs):
            bv = b.get(key, _MISSING)
            ov, tv = ours.get(key, _MISSING), theirs.get(key, _MISSING)
            label = f"{where}: {key}"
            if ov is _MISSING or tv is _MISSING:
                present = tv if ov is _MISSING else ov
                if bv is _MISSING or not _same(bv, present):
                    merged[key] = present
                continue
            if (key in LATER_WINS and isinstance(ov, str) and isinstance(tv, str)) or (
                where.rsplit(": ", 1)[-1] in LARGER_WINS_IN and _numbers(ov, tv)
            ):
                merged[key] = max(ov, tv)
            else:
                merged[key] = _merge(bv, ov, tv, label, conflicts)
        return merged
    if isinstance(ours, list) and isinstance(theirs, list):
        old: list[Any] = base if isinstance(base, list) else []
        if _all_have_ids(old, ours, theirs):
            result = _merge_keyed(
                {x["id"]: x for x in old},
                {x["id"]: x for x in ours},
                {x["id"]: x for x in theirs},
                where,
                conflicts,
            )
            return list(result.values())
        return _merge_plain_list(old, ours, theirs)
    conflicts.append(f"{where} was changed on both sides, differently")
    return ours


def _numbers(a: Any, b: Any) -> bool:
    return all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b))


def _all_have_ids(*lists: list[Any]) -> bool:
    items = [x for lst in lists for x in lst]
    return bool(items) and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in items)


def _merge_plain_list(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Ours in its order, minus what theirs removed, plus what theirs added (in its order)."""
    removed_by_theirs = [x for x in base if not _contains(theirs, x)]
    result = [x for x in ours if not _contains(removed_by_theirs, x)]
    for item in theirs:
        if not _contains(base, item) and not _contains(result, item):
            result.append(item)
    return result


def _contains(items: list[Any], wanted: Any) -> bool:
    return any(_same(x, wanted) for x in items)
