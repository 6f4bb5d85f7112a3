"""The organisation's higher-level OKRs, defined once, and how a team's words link to them.

An org file is a small JSON file the leadership keeps beside the team files (``org.json``)::

    {
      "okrworkshop_org": 1,
      "company": "Acme",
      "objectives": [
        {"id": "C1", "text": "Customers pay us without friction",
         "key_results": [{"id": "C1.1", "text": "Checkout conversion from 61% to 70%"}]}
      ]
    }

Every objective and key result has a stable id that teams can quote. A team links to one in
its strategic context (``parent_okrs``) and in what its focus objective contributes to, either
by the id ("C1.1", or "C1.1: anything") or by its words: a line that matches the text after
normalising case and spaces is the same parent. Free text that matches nothing stays a parent
of its own, and two teams typing the same words (again after normalising) share it.

Without an org file the company key results are the lines the teams name in their context.
Nothing here writes a file; only ``read_org_file`` reads one (``find_org_file`` looks for it,
``org_for`` does both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import jsonio
from .errors import Refused

ORG_MARKER = "okrworkshop_org"
"""The top-level key that makes a JSON file an org file (its value is the format version)."""
ORG_FORMAT = 1
ORG_FILE_NAME = "org.json"
"""The name a folder's org file has; ``--org`` can name any other."""
MAX_ORG_BYTES = 2_000_000


class OrgFileError(Refused):
    """The org file cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class Parent:
    """One higher-level objective or key result that teams can serve."""

    key: str
    """Its stable id in the org file, or the normalised words of a free-text parent."""
    text: str
    org_id: str | None = None
    """The id the org file gave it; None for a parent only teams named."""
    objective: str = ""
    """For an org key result: the words of the org objective it belongs to."""
    is_objective: bool = False


@dataclass
class OrgDefinition:
    """What an org file says: the company's name and its parents in order."""

    company: str = ""
    cycle: str = ""
    parents: list[Parent] = field(default_factory=list)
    path: Path | None = None


def normalise(text: str) -> str:
    """Case and spaces do not make two parents different: "Grow  ARR" is "grow arr"."""
    return " ".join(text.split()).casefold()


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}")
_ID_PREFIX = re.compile(r"^\s*\[?([A-Za-z0-9][A-Za-z0-9._-]{0,20})\]?\s*(?:[:\-–—)]\s*|\s+|$)")


def is_org_document(data: Any) -> bool:
    return isinstance(data, dict) and ORG_MARKER in data


def parse_org(data: Any, path: Path | None = None) -> OrgDefinition:
    """An org file's content as an ``OrgDefinition``; a wrong shape says where."""
    where = str(path) if path else "The org file"
    if not is_org_document(data):
        raise OrgFileError(f"{where} is not an org file (it needs the key {ORG_MARKER!r}).")
    version = data.get(ORG_MARKER)
    if not isinstance(version, int) or isinstance(version, bool) or version > ORG_FORMAT:
        raise OrgFileError(
            f"{where} has org format {version!r}; this okrworkshop reads format {ORG_FORMAT}. "
            f"Upgrade okrworkshop or fix the file."
        )
    objectives = data.get("objectives", [])
    if not isinstance(objectives, list):
        raise OrgFileError(f"{where}: 'objectives' should be a list.")
    org = OrgDefinition(
        company=_text(data.get("company", ""), where, "company"),
        cycle=_text(data.get("cycle", ""), where, "cycle"),
        path=path,
    )
    seen: set[str] = set()
    for number, raw in enumerate(objectives, 1):
        if not isinstance(raw, dict):
            raise OrgFileError(f"{where}: objective {number} should be an object.")
        oid = _id(raw, where, f"objective {number}", seen)
        text = _text(raw.get("text", ""), where, f"objective {oid}")
        org.parents.append(Parent(oid.casefold(), text, oid, is_objective=True))
        krs = raw.get("key_results", [])
        if not isinstance(krs, list):
            raise OrgFileError(f"{where}: key_results of objective {oid} should be a list.")
        for kr_number, kr in enumerate(krs, 1):
            if not isinstance(kr, dict):
                raise OrgFileError(f"{where}: key result {kr_number} of {oid} is not an object.")
            kid = _id(kr, where, f"key result {kr_number} of {oid}", seen)
            words = _text(kr.get("text", ""), where, f"key result {kid}")
            org.parents.append(Parent(kid.casefold(), words, kid, objective=text))
    return org


def _text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, str):
        raise OrgFileError(f"{where}: the {what} should be text.")
    return value.strip()


def _id(raw: dict[str, Any], where: str, what: str, seen: set[str]) -> str:
    value = raw.get("id")
    if not isinstance(value, str) or not value.strip() or not _ID.fullmatch(value.strip()):
        raise OrgFileError(f"{where}: {what} needs an id of letters, digits, '.', '-' or '_'.")
    value = value.strip()
    if value.casefold() in seen:
        raise OrgFileError(f"{where}: the id {value!r} is used twice; ids must be unique.")
    seen.add(value.casefold())
    return value


def read_org_file(path: Path) -> OrgDefinition:
    """Read an org file (never writes it); any problem is an ``OrgFileError`` naming it."""
    try:
        raw = jsonio.read_bytes(path, max_bytes=MAX_ORG_BYTES)
    except FileNotFoundError:
        raise OrgFileError(f"The org file {path} does not exist.") from None
    except jsonio.UnreadableFile as exc:
        raise OrgFileError(f"The org file {exc}") from None
    except OSError as exc:
        raise OrgFileError(f"The org file {path} cannot be read: {exc.strerror}.") from None
    try:
        data = jsonio.parse(raw, path)
    except jsonio.UnreadableFile as exc:
        raise OrgFileError(f"The org file {path} {exc.cause}.") from None
    return parse_org(data, path)


class ParentIndex:
    """Matches what teams typed to parents: org ids first, then words, then free text."""

    def __init__(self, org: OrgDefinition | None) -> None:
        self.org = org
        self._by_id: dict[str, Parent] = {}
        self._by_words: dict[str, Parent] = {}
        self._free: dict[str, Parent] = {}
        for parent in org.parents if org else []:
            assert parent.org_id is not None
            self._by_id[parent.org_id.casefold()] = parent
            self._by_words.setdefault(normalise(parent.text), parent)

    def match(self, line: str) -> Parent | None:
        """The parent a line names: an org one (by id or words), else a free-text one."""
        words = normalise(line)
        if not words:
            return None
        found = self._by_words.get(words) or self._by_id.get(words)
        if found is None:
            prefix = _ID_PREFIX.match(line)
            if prefix is not None:
                candidate = self._by_id.get(prefix.group(1).casefold())
                if candidate is not None:
                    found = candidate
        if found is not None:
            return found
        free = self._free.get(words)
        if free is None:
            free = self._free[words] = Parent(words, " ".join(line.split()))
        return free

    def named_in(self, lines: list[str]) -> list[Parent]:
        """The parents these lines name (a team's context), each once, in the order named."""
        named: dict[str, Parent] = {}
        for line in lines:
            parent = self.match(line)
            if parent is not None:
                named.setdefault(parent.key, parent)
        return list(named.values())

    def org_parents(self) -> list[Parent]:
        return list(self.org.parents) if self.org else []


MAX_LEVELS_UP = 8
"""How far above a team's file ``find_org_file`` looks (it stops at a git checkout's root)."""


def find_org_file(team_file: Path) -> Path | None:
    """The org file that applies to a team's file: ``org.json`` beside it or in a folder above
    it, up to the root of the git checkout it is in (or a few levels)."""
    folder = team_file.absolute().parent
    for _ in range(MAX_LEVELS_UP):
        candidate = folder / ORG_FILE_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
    return None


def org_for(team_file: Path, org_file: Path | None = None) -> OrgDefinition | None:
    """The company OKRs that apply to a team's file: ``org_file`` if given, else the org file
    ``find_org_file`` finds for it, read; None when there is none. An org file that cannot be
    used is an ``OrgFileError`` naming it. The CLI's ``parents`` and the Context step ask this."""
    path = org_file or find_org_file(team_file)
    return read_org_file(path) if path is not None else None


def line_for(parent: Parent) -> str:
    """How a team's context names an org parent: its id, then its words ("C1.1 Checkout ...")."""
    return f"{parent.org_id} {parent.text}".strip() if parent.org_id else parent.text


def org_parent(org: OrgDefinition, wanted: str) -> Parent | None:
    """The org parent with this id (any case), or None."""
    key = wanted.strip().casefold()
    return next((p for p in org.parents if p.org_id and p.org_id.casefold() == key), None)
