"""The example workshop that ships inside the package, so a first-time user can open it.

``data/example.json`` is the same workshop as a database file for ``--db``; both are written by
``data/make_example.py`` and a test keeps them equal. Both are dated in 2027; the copy the
welcome screen opens (``example_copy``) is moved to the day it is opened.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

from .model import Workshop

EXAMPLE_RESOURCE = "example_workshop.json"
SEEN_FROM = date(2027, 2, 22)
"""The Monday of the example's eighth week of check-ins, its latest: the example is written to
be looked at in that week."""
EXAMPLE_MARK = " (example)"
"""Added to the team's name in a copy, so it is never mistaken for the team's own workshop."""

_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def example_workshop() -> Workshop:
    """A fresh copy of the finalized example workshop, as written (its id is left for the
    store to give)."""
    workshop = Workshop.from_dict(_example_doc())
    workshop.id = ""
    return workshop


def example_copy(today: date) -> Workshop:
    """The example to open on ``today``: every date in it (the cycle, the meeting, deadlines,
    check-ins, dates written in its sentences) moved by whole weeks, so that ``today`` falls in
    the week of its latest check-ins, at the same point of its cycle; its cycle named after the
    quarter it now mostly lies in; marked as a copy of the example."""
    doc = _example_doc()
    days = (today - SEEN_FROM).days // 7 * 7
    old_label = str(doc["cycle"]["label"])
    if days:
        doc = _shifted(doc, timedelta(days=days))
        start = date.fromisoformat(doc["cycle"]["start"])
        end = date.fromisoformat(doc["cycle"]["end"])
        middle = start + (end - start) / 2
        new_label = f"{middle.year} Q{(middle.month - 1) // 3 + 1}"
        doc = _relabelled(doc, old_label, new_label, end)
    workshop = Workshop.from_dict(doc)
    workshop.id = ""
    workshop.team += EXAMPLE_MARK
    workshop.example = True
    return workshop


def _example_doc() -> dict[str, Any]:
    text = files("okrworkshop").joinpath(EXAMPLE_RESOURCE).read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)["workshop"]
    return doc


def _strings(value: Any, change: Any) -> Any:
    """``value`` with ``change`` applied to every string in it, keys left alone."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _strings(item, change) for key, item in value.items()}
    return value


def _shifted(doc: dict[str, Any], by: timedelta) -> dict[str, Any]:
    def move(match: re.Match[str]) -> str:
        return (date.fromisoformat(match.group(0)) + by).isoformat()

    moved: dict[str, Any] = _strings(doc, lambda text: _ISO_DATE.sub(move, text))
    return moved


def _relabelled(doc: dict[str, Any], old: str, new: str, end: date) -> dict[str, Any]:
    """The cycle's label, and its last day where a sentence names the old quarter's end
    ("by end of Q1" becomes "by 2027-01-13")."""
    quarter_end = re.compile(rf"\b(?:the )?end of {re.escape(old.split()[-1])}\b")

    def rename(text: str) -> str:
        return quarter_end.sub(end.isoformat(), text.replace(old, new))

    renamed: dict[str, Any] = _strings(doc, rename)
    return renamed
