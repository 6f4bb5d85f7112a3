"""The one way a day is written and read: 2027-03-31, and nothing else.

Python's ``date.fromisoformat`` also takes "20261105" and "2026-W45-4", which nobody types on
purpose and which the forms refused while the command line took them. Every date a person
gives (a CLI option, a form field, a file) is read here.
"""

from __future__ import annotations

import re
from datetime import date

DAY_SHAPE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})?\s*$")
"""Empty, or a whole date in its one form: what a form field may hold before it is saved (a
half-typed date is not an error yet)."""

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_day(text: str) -> date:
    """``text`` as a day written 2027-03-31 (spaces around it are fine). Raises ValueError
    for anything else, including a day that does not exist (2027-02-30)."""
    m = _DAY.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a date written as 2027-03-31")
    return date(int(m[1]), int(m[2]), int(m[3]))


def is_day(text: str) -> bool:
    """Whether ``text`` reads as a day (``read_day``)."""
    try:
        read_day(text)
    except ValueError:
        return False
    return True
