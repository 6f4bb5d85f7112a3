"""The one base of every refusal a person can meet: a sentence, never a traceback.

Rules, the store and the importer each raise their own kind; the CLI and the screens catch this
base and show the message as it is. It lives alone so that catching it imports nothing else.
"""

from __future__ import annotations


class Refused(Exception):
    """What was asked cannot be done; the message says why and what to do instead."""
