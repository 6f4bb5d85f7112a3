"""Reading files people send back: a full JSON export, or one participant's drafts file.

A JSON export becomes a workshop in the database. A drafts file (one participant's objectives
and key-result ideas, written away from the shared database) is merged into its workshop with
its author and origin "pre-workshop". Everything is checked before anything changes, and the
merge is one store transaction, so a bad file leaves the database exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import actions, jsonio, rules
from .errors import Refused
from .export import EXPORT_FORMAT, EXPORT_VERSION
from .model import DataError, Invitation, KeyResult, Objective, Origin, Workshop, utcnow
from .rules import RuleError

if TYPE_CHECKING:
    from .store import Store

DRAFTS_FORMAT = "okrworkshop.drafts"
DRAFTS_VERSION = 2
"""Version 2 adds the file's ``revision`` (one more on every save by the participant's tool)
and its ``seal`` (see ``content_seal``). Version-1 files still import, adding only."""
MAX_REVISION = 2**31
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_FILE_OBJECTIVES = 100
MAX_FILE_KEY_RESULTS = 100
"""What one drafts file may carry. One person brings a handful of drafts to a workshop; the cap
keeps a crafted file from making the merge (which holds everyone's lock) long."""
MAX_ITEM_ID_LENGTH = 40


class ImportRefused(Refused, ValueError):
    """The file cannot be imported; the message names it and says why."""


def read_document(path: Path) -> dict[str, Any]:
    """Load a JSON file we may import, refusing anything else with a message naming it."""
    try:
        data = jsonio.load(path, max_bytes=MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise ImportRefused(f"There is no file {path}.") from None
    except jsonio.UnreadableFile as exc:
        raise ImportRefused(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") not in (EXPORT_FORMAT, DRAFTS_FORMAT):
        raise ImportRefused(
            f"{path} is neither an okrworkshop JSON export nor a drafts file "
            f"(its 'format' field should be {EXPORT_FORMAT!r} or {DRAFTS_FORMAT!r})."
        )
    return data


def is_drafts_file(doc: dict[str, Any]) -> bool:
    return doc.get("format") == DRAFTS_FORMAT


def _check_version(doc: dict[str, Any], supported: int, path: Path) -> None:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused(f"{path} has no valid 'version' field; it may have been edited.")
    if version > supported:
        raise ImportRefused(
            f"{path} was written by a newer okrworkshop (format version {version}); "
            f"upgrade okrworkshop to import it."
        )


def workshop_from_export(doc: dict[str, Any], path: Path) -> Workshop:
    """The workshop inside a JSON export, fully validated."""
    _check_version(doc, EXPORT_VERSION, path)
    try:
        workshop = Workshop.from_dict(doc.get("workshop"))  # type: ignore[arg-type]
    except DataError as exc:
        raise ImportRefused(f"{path} holds a workshop that cannot be read: {exc}.") from None
    too_long = next(_overlong(workshop.to_dict()), None)
    if too_long is not None:
        where, length = too_long
        raise ImportRefused(
            f"{path} holds text of {length:,} characters at {where}; okrworkshop keeps at most "
            f"{rules.MAX_TEXT_LENGTH:,} characters in any field. Nothing was imported."
        )
    return workshop


def _overlong(value: Any, where: str = "workshop") -> Iterator[tuple[str, int]]:
    """Every text longer than any field may hold, with where it is: the same limit as typing."""
    if isinstance(value, str):
        if len(value) > rules.MAX_TEXT_LENGTH:
            yield where, len(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _overlong(key, f"{where} (a key)")
            yield from _overlong(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _overlong(item, f"{where}[{index}]")


# --- drafts files ---------------------------------------------------------------------------

SIGNATURE_PREFIX = "v2:"
"""Marks a signature that also covers the invitation id. Signatures without it were written
before that (they cover the workshop and the person only) and are still accepted, but such a
file's invitation id is never trusted (see ``merge_drafts``)."""


def invitation_signature(
    invite_key: str, workshop_id: str, participant: str, invitation: str
) -> str:
    """What ``okrworkshop invite`` writes into a drafts file: an HMAC, keyed with the workshop's
    secret, of everything a merge trusts: the workshop, the person and the invitation id (which
    names the stored items a later import of the same file updates). A file edited to speak
    for someone else, to claim another invitation's items, or moved to another workshop, no
    longer matches and is refused on import. The fields are JSON-encoded so that no choice of
    names can make two different files sign the same message."""
    message = json.dumps([DRAFTS_FORMAT, 2, workshop_id, participant, invitation])
    digest = hmac.new(invite_key.encode(), message.encode(), hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def content_seal(
    signature: str,
    invitation: str,
    revision: int,
    objectives: list[dict[str, Any]],
    key_results: list[dict[str, Any]],
) -> str:
    """What the participant's tool writes into a drafts file on every save: an HMAC of the
    file's revision and drafts, keyed with the invitation's own signature (which only that
    invitation's file and the workshop's secret can give). The importer recomputes it: a file
    whose revision or drafts were changed outside okrworkshop no longer matches, and then
    only adds, never updates (a participant only ever speaks for themselves, so this catches
    mistakes and hand edits rather than an author set on fooling the tool)."""
    message = json.dumps(
        [DRAFTS_FORMAT, "seal", invitation, revision, objectives, key_results],
        sort_keys=True,
        ensure_ascii=True,
    )
    return hmac.new(signature.encode(), message.encode(), hashlib.sha256).hexdigest()


def _old_invitation_signature(invite_key: str, workshop_id: str, participant: str) -> str:
    """The signature of files written before the invitation id was signed."""
    message = f"{DRAFTS_FORMAT}\n{workshop_id}\n{participant}".encode()
    return hmac.new(invite_key.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class DraftsFile:
    """One participant's drafts for one workshop, as read from a drafts file."""

    workshop_id: str
    participant: str
    objectives: list[dict[str, Any]] = field(default_factory=list)
    key_results: list[dict[str, Any]] = field(default_factory=list)
    signature: str = ""
    source: str = "the drafts file"
    invitation: str = ""
    """A random id per invitation: with an item's id in the file, it names where a merged
    draft came from."""
    revision: int | None = None
    """How many times the participant's tool saved the file (None: a version-1 file)."""
    seal: str = ""

    def origin_of(self, item: dict[str, Any]) -> str | None:
        local = item.get("id")
        return f"{self.invitation}/{local}" if self.invitation and local else None


def cap_sentence() -> str:
    """The cap on one drafts file, in words; one home for the refusals that quote it."""
    return (
        f"a drafts file holds at most {MAX_FILE_OBJECTIVES} draft objectives and "
        f"{MAX_FILE_KEY_RESULTS} key-result ideas"
    )


def drafts_from_document(doc: dict[str, Any], path: Path) -> DraftsFile:
    """Check a drafts file's shape and size; everything here runs before any lock is taken."""
    _check_version(doc, DRAFTS_VERSION, path)
    workshop_id, participant = doc.get("workshop"), doc.get("participant")
    objectives, key_results = doc.get("objectives", []), doc.get("key_results", [])
    signature, invitation = doc.get("signature", ""), doc.get("invitation", "")
    if not isinstance(workshop_id, str) or not isinstance(participant, str):
        raise ImportRefused(f"{path} does not say which workshop and participant it is for.")
    if not isinstance(signature, str) or not isinstance(invitation, str):
        raise ImportRefused(
            f"{path} has a 'signature' or 'invitation' that is not text; it may have been edited."
        )
    for name, items, required in (
        ("objectives", objectives, "text"),
        ("key_results", key_results, "statement"),
    ):
        if not isinstance(items, list) or not all(
            isinstance(i, dict)
            and isinstance(i.get(required), str)
            and all(isinstance(v, str | None) for v in i.values())
            for i in items
        ):
            raise ImportRefused(
                f"{path}: {name!r} should be a list of objects with a text field {required!r}."
            )
    revision, seal = doc.get("revision"), doc.get("seal", "")
    if doc.get("version") == 1:
        revision, seal = None, ""
    elif (
        isinstance(revision, bool)
        or not isinstance(revision, int)
        or not 0 <= revision < MAX_REVISION
        or not isinstance(seal, str)
    ):
        raise ImportRefused(
            f"{path} has no valid 'revision' or 'seal' field; it may have been edited."
        )
    if len(objectives) > MAX_FILE_OBJECTIVES or len(key_results) > MAX_FILE_KEY_RESULTS:
        raise ImportRefused(
            f"{path} holds {len(objectives):,} draft objectives and {len(key_results):,} "
            f"key-result ideas, but {cap_sentence()}, so it was not read."
        )
    for name, items in (("objectives", objectives), ("key_results", key_results)):
        seen: set[str] = set()
        for item in items:
            local = item.get("id")
            if local is None:
                continue
            if not local or len(local) > MAX_ITEM_ID_LENGTH or local in seen:
                raise ImportRefused(
                    f"{path}: the {name!r} item id {local[:MAX_ITEM_ID_LENGTH]!r} is empty, "
                    f"too long or used twice; the file may have been edited."
                )
            seen.add(local)
    return DraftsFile(
        workshop_id,
        participant,
        objectives,
        key_results,
        signature,
        str(path),
        invitation,
        revision,
        seal,
    )


@dataclass
class MergeReport:
    """What a drafts-file merge added and what it recognised as already there."""

    added_objectives: list[str] = field(default_factory=list)
    added_key_results: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    """Items merged before whose author has changed them in the file since."""
    already_there: int = 0
    author: str = ""
    """Whose drafts they are: the invitation's person as named now (after any rename)."""
    not_updated: list[str] = field(default_factory=list)
    """One sentence per item the file changed but the import left alone, and why."""
    notes: list[str] = field(default_factory=list)
    """Sentences about the file as a whole (an older revision, a file that only adds)."""

    @property
    def changed(self) -> bool:
        return bool(self.added_objectives or self.added_key_results or self.updated)


def _normal(text: str) -> str:
    """What counts as the same words: case and runs of spaces aside."""
    return rules.normalized_words(text)


def _invitation_is_signed(ws: Workshop, drafts: DraftsFile) -> bool:
    """Refuse a file the workshop's secret did not sign; True when the signature also covers
    the invitation id (so it may name stored items to update), False for an older file."""
    if ws.invite_key:
        given = drafts.signature.encode("utf-8", "replace")
        if drafts.signature.startswith(SIGNATURE_PREFIX):
            expected = invitation_signature(
                ws.invite_key, ws.id, drafts.participant, drafts.invitation
            )
            if hmac.compare_digest(expected.encode(), given):
                return True
        else:
            expected = _old_invitation_signature(ws.invite_key, ws.id, drafts.participant)
            if hmac.compare_digest(expected.encode(), given):
                return False
    raise RuleError(
        f"{drafts.source} was not written by 'okrworkshop invite' for {drafts.participant} "
        f"in this workshop, or who or which invitation it is for was changed afterwards. "
        f"Nothing was imported. A fresh drafts file is written with: okrworkshop invite "
        f"-w {ws.id} --as NAME -o NEW-FILE.okr.json"
    )


def _is_sealed(drafts: DraftsFile) -> bool:
    """True when the file's revision and drafts are as the participant's tool last saved them."""
    if drafts.revision is None:
        return False
    expected = content_seal(
        drafts.signature, drafts.invitation, drafts.revision, drafts.objectives, drafts.key_results
    )
    return hmac.compare_digest(expected.encode(), drafts.seal.encode("utf-8", "replace"))


def _author(ws: Workshop, drafts: DraftsFile, invitation: Invitation | None) -> str:
    """The person the invitation was written for, under their name now: a rename keeps the
    file theirs, and someone who took their old name later never gets it."""
    if invitation is None:  # written before invitations were recorded: the name is all there is
        return rules.require_participant(ws, drafts.participant)
    person = rules.find_participant(ws, invitation.person) if invitation.person else None
    if person is None:
        raise RuleError(
            f"{drafts.source} was written for {drafts.participant}, who is no longer a "
            f"participant of this workshop. Nothing was imported. If they are back, write "
            f"them a fresh drafts file: okrworkshop invite -w {ws.id} --as NAME"
        )
    return person


def _day(stamp: str | None) -> str:
    return f" on {stamp[:10]}" if stamp else ""


def merge_drafts(ws: Workshop, drafts: DraftsFile) -> MergeReport:
    """Add the file's drafts to ``ws`` as its author's, skipping what is already there.

    Runs inside ``Store.update`` (and first on a copy, see ``import_drafts``): an error
    anywhere raises before the store writes, so a file is merged whole or not at all. Only the
    file's own person's items are ever added or changed: an item the file names (by its
    signed invitation id) that someone else now holds is refused.

    What a file may change: it adds what is new; it updates a draft or idea it brought before
    only when its revision and drafts are sealed by the participant's tool and the item is
    still its author's alone (``rules.room_hold_on_draft``); an older revision than one
    already imported changes nothing. Everything it leaves alone gets a sentence in the
    report. Time is linear in the items of the file and the workshop.
    """
    if ws.id != drafts.workshop_id:
        raise RuleError(
            f"This drafts file is for workshop {drafts.workshop_id!r}, not {ws.id!r} "
            f"({ws.team}, {ws.cycle.label}); import it into the database that holds that workshop."
        )
    signed = _invitation_is_signed(ws, drafts)
    invitation = ws.invitations.get(drafts.invitation) if signed else None
    author = _author(ws, drafts, invitation)
    report = MergeReport(author=author)
    if author != drafts.participant:
        report.notes.append(
            f"{drafts.source} was written for {drafts.participant}, who is {author} now: "
            f"the drafts are {author}'s."
        )
    sealed = signed and _is_sealed(drafts)
    revision = drafts.revision or 0
    if sealed and invitation is not None and revision < invitation.revision:
        report.notes.append(
            f"{drafts.source} is revision {revision}, older than revision "
            f"{invitation.revision} imported{_day(invitation.imported)}: nothing was changed."
        )
        return report
    if signed and not sealed:
        why = (
            "it was written before files kept a revision"
            if drafts.revision is None
            else "it was changed outside okrworkshop since its last save"
        )
        report.notes.append(
            f"{drafts.source} only adds new drafts ({why}); drafts it brought before are "
            f"not updated from it."
        )
    _merge_objectives(ws, drafts, author, signed, sealed, report)
    _merge_key_results(ws, drafts, author, signed, sealed, report)
    if signed and report.changed:  # a file that changed nothing leaves no trace either
        if invitation is None:  # an invitation written before they were recorded
            invitation = ws.invitations.setdefault(drafts.invitation, Invitation(author))
        if sealed and revision > invitation.revision:
            invitation.revision, invitation.imported = revision, utcnow()
    return report


_ONLY_ADDS = "changed in the file, but this file only adds"


def _item_print(item: dict[str, Any]) -> str:
    """A fingerprint of one item exactly as the file holds it."""
    text = json.dumps(item, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _unchanged_in_file(stored: Objective | KeyResult, item: dict[str, Any]) -> bool:
    """The file's item is exactly as when it was last imported into ``stored``."""
    return bool(stored.imported) and (stored.imported or "").partition("/")[0] == _item_print(item)


def _merge_objectives(
    ws: Workshop,
    drafts: DraftsFile,
    author: str,
    signed: bool,
    sealed: bool,
    report: MergeReport,
) -> None:
    by_source = {o.source: o for o in ws.objectives if o.source}
    retired = set(ws.retired_sources)
    theirs = {_normal(o.text) for o in ws.objectives if o.author == author}
    for item in drafts.objectives:
        text = item.get("text") or ""
        pillar, rationale = item.get("pillar") or "", item.get("rationale") or ""
        source = drafts.origin_of(item) if signed else None
        if source in retired:  # merged into another draft since: it lives on there
            report.already_there += 1
            continue
        merged = by_source.get(source) if source else None
        if merged is not None:
            if _unchanged_in_file(merged, item) or (
                merged.text,
                merged.pillar or "",
                merged.rationale or "",
            ) == (text.strip(), pillar.strip(), rationale.strip()):
                report.already_there += 1
                continue
            _require_own(drafts, merged, author)
            hold = _ONLY_ADDS if not sealed else rules.room_hold_on_draft(ws, merged)
            if hold is not None:
                report.not_updated.append(f"{merged.id} {hold}: not updated.")
                continue
            with _about(drafts, item):
                actions.edit_draft(
                    ws, merged.id, text=text, pillar=pillar, rationale=rationale, editor=author
                )
            merged.imported = f"{_item_print(item)}/{rules.draft_words(merged)}"
            theirs.add(_normal(merged.text))
            report.updated.append(merged.id)
            continue
        if _normal(text) in theirs:
            report.already_there += 1
            continue
        with _about(drafts, item):
            objective = actions.add_draft(
                ws,
                text,
                author=author,
                pillar=item.get("pillar"),
                rationale=item.get("rationale"),
                origin=Origin.PRE_WORKSHOP,
            )
        objective.source = source
        if source:
            by_source[source] = objective
            objective.imported = f"{_item_print(item)}/{rules.draft_words(objective)}"
        theirs.add(_normal(objective.text))
        report.added_objectives.append(objective.id)


def _merge_key_results(
    ws: Workshop,
    drafts: DraftsFile,
    author: str,
    signed: bool,
    sealed: bool,
    report: MergeReport,
) -> None:
    by_source = {k.source: k for k in ws.key_results if k.source}
    retired = set(ws.retired_sources)
    theirs = {_normal(k.statement) for k in ws.key_results if k.author == author}
    for item in drafts.key_results:
        statement = item.get("statement") or ""
        source = drafts.origin_of(item) if signed else None
        fields = actions.KeyResultFields(
            **{k: item.get(k) or "" for k in ("metric", "baseline", "target", "unit", "deadline")},
            owner=item.get("owner") or "",
        )
        if source in retired:  # moved to the plan or to "not now" since
            report.already_there += 1
            continue
        merged = by_source.get(source) if source else None
        if merged is not None:
            if _unchanged_in_file(merged, item):
                report.already_there += 1
                continue
            hold = _ONLY_ADDS if not sealed else rules.room_hold_on_idea(merged)
            before = merged.to_dict()
            with _about(drafts, item):
                actions.edit_key_result(ws, merged.id, statement, fields)
            if merged.to_dict() == before:
                report.already_there += 1
                continue
            # Changed in memory only: the refusal raises before anything is written.
            _require_own(drafts, merged, author)
            if hold is not None:  # put it back as it was: the room's words stay
                ws.key_results[ws.key_results.index(merged)] = KeyResult.from_dict(before)
                report.not_updated.append(f"{merged.id} {hold}: not updated.")
                continue
            merged.imported = f"{_item_print(item)}/{rules.idea_words(merged)}"
            theirs.add(_normal(merged.statement))
            report.updated.append(merged.id)
            continue
        if _normal(statement) in theirs:
            report.already_there += 1
            continue
        with _about(drafts, item):
            kr = actions.add_key_result(
                ws, statement, author=author, fields=fields, origin=Origin.PRE_WORKSHOP
            )
        kr.source = source
        if source:
            by_source[source] = kr
            kr.imported = f"{_item_print(item)}/{rules.idea_words(kr)}"
        theirs.add(_normal(kr.statement))
        report.added_key_results.append(kr.id)


def _require_own(drafts: DraftsFile, stored: Objective | KeyResult, author: str) -> None:
    """The backstop behind the signature: a file never changes another person's item."""
    if stored.author != author:
        what = "draft" if isinstance(stored, Objective) else "key-result idea"
        raise RuleError(
            f"{drafts.source} would change {stored.id}, which is {stored.author}'s {what}, "
            f"not {author}'s; a drafts file only changes its own person's items. Nothing was "
            f"imported."
        )


@contextlib.contextmanager
def _about(drafts: DraftsFile, item: dict[str, Any]) -> Iterator[None]:
    """A refusal of one item's words names the file and the item."""
    try:
        yield
    except RuleError as exc:
        local = item.get("id") or "without an id"
        raise RuleError(f"{drafts.source}, item {local}: {exc} Nothing was imported.") from None


def import_drafts(store: Store, workshop_id: str, drafts: DraftsFile) -> MergeReport:
    """Merge a checked drafts file into the workshop, holding the database lock only briefly.

    The merge runs twice: first on a copy read without the lock, which makes every refusal
    (signature, author, text, dates) happen while nobody waits; then for real in one locked
    transaction, against the file as it is by then.
    """
    merge_drafts(store.get(workshop_id), drafts)
    return store.update(workshop_id, lambda ws: merge_drafts(ws, drafts))
