"""Drafts files: how a participant who cannot reach the shared database still prepares.

The facilitator writes one small JSON file per person (``okrworkshop invite``). It carries what
the person needs to read first (team, cycle, strategic context, when drafts are due) and, as
they work, their own draft objectives and key-result ideas. They open it with
``okrworkshop join --file`` (the same participant screen, no database), or script it with
``draft --file`` / ``kr --file``, send it back, and ``okrworkshop import`` merges it.

``DraftsFileStore`` lets the participant screen and the CLI treat such a file like the store:
``get``, ``update`` and ``signature`` behave the same, with the same lock-and-replace writes, so
an editor left open and a script run beside it never lose each other's words.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock

from . import actions, jsonio, rules
from .export import json_text
from .importer import (
    DRAFTS_FORMAT,
    DRAFTS_VERSION,
    MAX_FILE_KEY_RESULTS,
    MAX_FILE_OBJECTIVES,
    SIGNATURE_PREFIX,
    ImportRefused,
    cap_sentence,
    content_seal,
    drafts_from_document,
    invitation_signature,
    is_drafts_file,
    read_document,
)
from .model import (
    DataError,
    Invitation,
    KeyResult,
    Objective,
    Stage,
    Status,
    Workshop,
    utcnow,
)
from .rules import RuleError
from .store import (
    LOCK_TIMEOUT_SECONDS,
    FileSignature,
    NotFound,
    SaveFailed,
    Staged,
    StoreError,
    atomic_write_text,
    describe_write_error,
    hold,
)

T = TypeVar("T")

OBJECTIVE_KEYS = ("id", "text", "pillar", "rationale", "created")
KEY_RESULT_KEYS = ("id", "statement", "metric", "baseline", "target", "unit", "owner", "created")


# --- writing an invitation ------------------------------------------------------------------


def ensure_invite_key(ws: Workshop) -> str:
    """The workshop's signing secret, made on the first invitation (runs inside an update)."""
    if not ws.invite_key:
        ws.invite_key = secrets.token_hex(32)
    return ws.invite_key


def invite(ws: Workshop, name: str) -> dict[str, Any]:
    """The drafts file for ``name`` (a change: it may add them under open joining and make the
    workshop's signing key). Refused once drafting is over."""
    rules.require_editable(ws)
    if ws.focus_objective is not None:
        raise RuleError(
            "The team has already chosen its focus objective, so there is nothing left to "
            "draft. Invitations are for the time before the workshop."
        )
    person = actions.join(ws, name)
    key = ensure_invite_key(ws)
    invitation = secrets.token_hex(6)
    ws.invitations[invitation] = Invitation(person)
    document = {
        "format": DRAFTS_FORMAT,
        "version": DRAFTS_VERSION,
        "workshop": ws.id,
        "participant": person,
        "signature": invitation_signature(key, ws.id, person, invitation),
        "invitation": invitation,
        "issued": utcnow(),
        "briefing": _briefing(ws),
        "objectives": [],
        "key_results": [],
        "sequence": {},
    }
    _seal(document, revision=0)
    return document


def _seal(document: dict[str, Any], *, revision: int) -> None:
    """Give the file its revision and seal (``importer.content_seal``); a file signed before
    invitation ids were (no seal can be made) keeps version 1 and only adds on import."""
    signature, invitation = document.get("signature"), document.get("invitation")
    if not (
        isinstance(signature, str)
        and signature.startswith(SIGNATURE_PREFIX)
        and isinstance(invitation, str)
        and invitation
    ):
        return
    document["version"] = DRAFTS_VERSION
    document["revision"] = revision
    document["seal"] = content_seal(
        signature, invitation, revision, document["objectives"], document["key_results"]
    )


def stage_invitation(path: Path, document: dict[str, Any], *, overwrite: bool = False) -> Staged:
    """Write a new drafts file beside ``path`` without putting it in place yet: ``invite``
    stages it inside the database change (so a file that cannot be written leaves the database
    as it was) and puts it in place only once the database holds the invitation (so a
    database that cannot be saved leaves no file, and an existing one as it was)."""
    if path.exists() and not overwrite:
        raise RuleError(
            f"{path} already exists and may hold drafts. Choose another name with -o, or "
            f"add --force to replace it."
        )
    try:
        return Staged.write(path, json_text(document).encode("utf-8"))
    except OSError as exc:
        raise SaveFailed(describe_write_error(exc, path, "drafts file")) from None


def _briefing(ws: Workshop) -> dict[str, Any]:
    """What the person reads before drafting; never other people's drafts."""
    return {
        "team": ws.team,
        "cycle": ws.cycle.to_dict(),
        "facilitator": ws.facilitator,
        "participants": list(ws.participants),
        "context": ws.context.to_dict(),
        "drafts_due": ws.settings.drafts_due.isoformat() if ws.settings.drafts_due else None,
    }


def default_invite_name(person: str) -> str:
    """``Ben Ng`` -> ``ben-ng.okr.json``: a file name safe on every system."""
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in person.casefold())
    slug = "-".join(part for part in slug.split("-") if part)[:40]
    return f"{slug or 'participant'}.okr.json"


def write_invitation(path: Path, document: dict[str, Any], *, overwrite: bool = False) -> None:
    """Write a new drafts file; an existing one may hold someone's drafts, so it is kept."""
    if path.exists() and not overwrite:
        raise RuleError(
            f"{path} already exists and may hold drafts. Choose another name with -o, or "
            f"add --force to replace it."
        )
    try:
        atomic_write_text(path, json_text(document))
    except OSError as exc:
        raise SaveFailed(describe_write_error(exc, path, "drafts file")) from None


# --- a drafts file used like the store ------------------------------------------------------


class DraftsFileStore:
    """One drafts file, read fresh for every look and changed in locked, atomic transactions."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        try:
            self.path = jsonio.real_path(Path(path))
        except jsonio.UnreadableFile as exc:
            raise StoreError(str(exc)) from None
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS)
        document = self._read()
        self.workshop_id: str = document["workshop"]
        self.participant: str = document["participant"]

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> DraftsFileStore:
        return cls(path)

    # --- reading --------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        try:
            document = read_document(self.path)
            if not is_drafts_file(document):
                raise ImportRefused(
                    f"{self.path} is a workshop export, not a drafts file; open it with "
                    f"okrworkshop import {self.path.name}, then okrworkshop open."
                )
            drafts_from_document(document, self.path)
        except ImportRefused as exc:
            raise StoreError(str(exc)) from None
        if not isinstance(document.get("briefing"), dict):
            raise StoreError(
                f"{self.path} has no 'briefing' (the workshop's context); it was not written by "
                f"okrworkshop invite, or was edited. Ask the facilitator for a fresh one."
            )
        return document

    def _workshop(self, document: dict[str, Any]) -> Workshop:
        briefing, person = document["briefing"], document["participant"]
        participants = [p for p in briefing.get("participants", []) if isinstance(p, str)]
        if person not in participants:
            participants.append(person)
        mine = {"author": person, "origin": "pre-workshop"}
        try:
            return Workshop.from_dict(
                {
                    "id": document["workshop"],
                    "team": briefing.get("team", ""),
                    "cycle": briefing.get("cycle", {}),
                    "facilitator": briefing.get("facilitator", ""),
                    "participants": participants,
                    "stage": Stage.DRAFTS.value,
                    "status": Status.DRAFTING.value,
                    "context": briefing.get("context", {}),
                    "settings": {"drafts_due": briefing.get("drafts_due")},
                    "objectives": [{**o, **mine} for o in document["objectives"]],
                    "key_results": [{**k, **mine} for k in document["key_results"]],
                    "sequence": document.get("sequence", {}),
                }
            )
        except DataError as exc:
            raise StoreError(
                f"{self.path} cannot be read: {exc}. It may have been edited by hand; fix that "
                f"field or ask the facilitator for a fresh invitation."
            ) from None

    def get(self, workshop_id: str) -> Workshop:
        ws = self._workshop(self._read())
        if workshop_id != ws.id:
            raise NotFound(f"{self.path} is for workshop {ws.id}, not {workshop_id}.")
        return ws

    def resolve(self, workshop_id: str | None) -> Workshop:
        ws = self._workshop(self._read())
        if workshop_id and not ws.id.startswith(workshop_id.strip().lower()):
            raise NotFound(f"{self.path} is for workshop {ws.id}, not {workshop_id}.")
        return ws

    def workshops(self) -> list[Workshop]:
        return [self._workshop(self._read())]

    def signature(self) -> FileSignature | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return FileSignature(st.st_ino, st.st_mtime_ns, st.st_size)

    # --- changing ----------------------------------------------------------------------------

    def update(self, workshop_id: str, change: Callable[[Workshop], T]) -> T:
        """Apply ``change`` to the file's workshop and keep the participant's own items."""
        with hold(self._lock, str(self.path), kind="drafts file"):
            document = self._read()
            ws = self._workshop(document)
            if workshop_id != ws.id:
                raise NotFound(f"{self.path} is for workshop {ws.id}, not {workshop_id}.")
            result = change(ws)
            person = document["participant"]
            document["objectives"] = [
                _objective_entry(o) for o in ws.objectives if o.author == person
            ]
            document["key_results"] = [
                _key_result_entry(k) for k in ws.key_results if k.author == person
            ]
            self._require_room(document)
            document["sequence"] = dict(ws.sequence)
            document["saved"] = utcnow()
            revision = document.get("revision")
            _seal(document, revision=revision + 1 if isinstance(revision, int) else 1)
            try:
                atomic_write_text(self.path, json_text(document))
            except OSError as exc:
                raise SaveFailed(describe_write_error(exc, self.path, "drafts file")) from None
            return result

    def _require_room(self, document: dict[str, Any]) -> None:
        """Refuse a change that would take the file past the cap ``import`` accepts, so what
        the participant writes can always be sent back and merged."""
        objectives, ideas = len(document["objectives"]), len(document["key_results"])
        if objectives > MAX_FILE_OBJECTIVES or ideas > MAX_FILE_KEY_RESULTS:
            raise RuleError(
                f"{self.path} is full: {cap_sentence()}. Nothing was saved; remove a draft or "
                f"idea first, or send this file back and ask the facilitator for another."
            )


def _objective_entry(objective: Objective) -> dict[str, Any]:
    data = objective.to_dict()
    return {key: data.get(key) for key in OBJECTIVE_KEYS}


def _key_result_entry(kr: KeyResult) -> dict[str, Any]:
    data = kr.to_dict()
    entry = {key: data.get(key) for key in KEY_RESULT_KEYS}
    entry["deadline"] = data.get("deadline")
    return entry
