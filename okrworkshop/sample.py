"""The example workshop that ships inside the package, so a first-time user can open it.

``data/example.json`` is the same workshop as a database file for ``--db``; both are written by
``data/make_example.py`` and a test keeps them equal.
"""

from __future__ import annotations

import json
from importlib.resources import files

from .model import Workshop

EXAMPLE_RESOURCE = "example_workshop.json"


def example_workshop() -> Workshop:
    """A fresh copy of the finalized example workshop (its id is left for the store to give)."""
    text = files("okrworkshop").joinpath(EXAMPLE_RESOURCE).read_text(encoding="utf-8")
    workshop = Workshop.from_dict(json.loads(text)["workshop"])
    workshop.id = ""
    return workshop
