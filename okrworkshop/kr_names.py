"""What people call a key result, and what scripts and files keep: the one home of both names.

A key result has two names:

- **Its number**, "KR2": its place among the focus objective's key results as they stand now.
  Every screen, the handout, the minutes, the digest and the CLI's output say it, and a person
  types it back: ``okrworkshop checkin kr2 38%`` (or ``KR2``, or ``2``) means the key result
  shown as KR2. When one moves to the plan or is deleted, the ones after it move up a number,
  as they do in the handout.
- **Its stored id**, "kr3", handed out once and never reused or changed. Files keep it
  (initiatives, drafts files, the next cycle's links) and so can scripts: on the command line it
  is written ``id:kr3``, which can never be read as a number. ``okrworkshop kr`` prints it, and
  the JSON export carries both.

Taskwarrior does the same with its working-set numbers beside stable UUIDs.
"""

from __future__ import annotations

import re

from .model import KeyResult, Workshop

STABLE_PREFIX = "id:"
"""How a stored id is written where a person could also type a number: ``id:kr3``."""

_NUMBER = re.compile(r"(?:kr)?\s*[-#]?\s*([0-9]{1,6})")


def label_for(number: int) -> str:
    """ "KR2" for 2: how a key result's number is written, wherever it is written."""
    return f"KR{number}"


def kr_number(ws: Workshop, kr: KeyResult | str) -> int | None:
    """The number people read for a key result (1 for KR1), or None once it is not one of the
    workshop's key results any more."""
    kr_id = kr if isinstance(kr, str) else kr.id
    for number, candidate in enumerate(ws.key_results, 1):
        if candidate.id == kr_id:
            return number
    return None


def kr_label(ws: Workshop, kr: KeyResult | str) -> str:
    """ "KR2": what a person reads and types for this key result. An id that is no longer
    among the key results is shown in its stable form ("id:kr3") rather than as a number that
    could name another one."""
    number = kr_number(ws, kr)
    if number is None:
        return stable_ref(kr if isinstance(kr, str) else kr.id)
    return label_for(number)


def kr_labels(ws: Workshop) -> dict[str, str]:
    """Every key result's label by stored id, in one pass: {"kr1": "KR1", "kr3": "KR2"}."""
    return {kr.id: label_for(n) for n, kr in enumerate(ws.key_results, 1)}


def stable_ref(kr_id: str) -> str:
    """The reference a script keeps: ``id:kr3`` (the stored id, spelled so it is no number)."""
    return f"{STABLE_PREFIX}{kr_id}"


def is_key_result_ref(typed: str) -> bool:
    """Whether ``typed`` is written as a key result ("KR2", "kr2", "id:kr3"), as opposed to
    another item's id ("o2"). A bare number is left out: it could name anything."""
    raw = typed.strip().casefold()
    if raw.startswith(STABLE_PREFIX):
        return True
    return raw.startswith("kr") and _NUMBER.fullmatch(raw) is not None


def find_key_result(ws: Workshop, typed: str) -> KeyResult | None:
    """The key result a person means: "KR2", "kr2", "kr 2" or "2" is the second one as they
    stand now; "id:kr3" is the one stored as kr3, wherever it stands. None when there is none."""
    raw = typed.strip().casefold()
    if raw.startswith(STABLE_PREFIX):
        return ws.key_result(raw[len(STABLE_PREFIX) :])
    match = _NUMBER.fullmatch(raw)
    if match is None:
        return None
    number = int(match[1])
    return ws.key_results[number - 1] if 1 <= number <= len(ws.key_results) else None


def no_such_key_result(ws: Workshop, typed: str) -> str:
    """The sentence for a reference that names no key result, with what would have worked."""
    labels = kr_labels(ws)
    if not labels:
        known = "there are none yet"
    elif len(labels) == 1:
        known = "the only one is KR1"
    else:
        known = f"they are KR1 to KR{len(labels)}"
    message = f"There is no key result {typed.strip()!r}; {known}."
    raw = typed.strip().casefold()
    stored = ws.key_result(raw) if not raw.startswith(STABLE_PREFIX) else None
    if stored is not None:  # an old stored id typed as if it were a number
        message += (
            f" {stored.id} is the stored id of {labels[stored.id]}: type {labels[stored.id]}, "
            f"or {stable_ref(stored.id)} in a script."
        )
    return message
