"""One TinyDB JSON file that many processes write at once without losing a word.

Every change is a short transaction: take the lock file beside the database, re-read the file,
apply one change to the freshly read workshop, write the whole file to a temporary file in the
same folder, fsync it, ``os.replace`` it over the database, fsync the folder, release the lock.
A reader therefore always sees either the old file or the new one, never half of either, and a
process killed at any moment leaves a readable file holding every change it acknowledged.

TinyDB's own ``JSONStorage`` rewrites the file in place and caches; it is neither crash-safe nor
safe for several processes. ``AtomicJSONStorage`` below replaces it, and a fresh ``TinyDB`` is
built for every transaction so no ``Table`` carries a stale next-id or query cache across them.

The file is JSON indented by two spaces, one field a line, so a team that keeps its database in
git sees which fields a change touched. Readers (``list``, ``show``, a screen's reload) import
neither TinyDB nor filelock: only writers take the lock and run a transaction, so those two,
and the modules only writers need, are imported where they are used.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import stat
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import orjson

from . import jsonio
from .errors import Refused
from .model import DataError, Workshop, utcnow

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB

SCHEMA_VERSION = 3
APP_NAME = "okrworkshop"
META_TABLE = "meta"
WORKSHOPS_TABLE = "workshops"
LOCK_TIMEOUT_SECONDS = 15.0
"""How long the full-screen app's background saves wait for another writer."""
CLI_LOCK_TIMEOUT_SECONDS = 120.0
"""How long a command waits: a busy room (dozens of people saving at once) must not fail it."""
WAIT_NOTICE_SECONDS = 2.0
"""After this long waiting for the lock, a command says that it is waiting (``on_wait``)."""

T = TypeVar("T")


class WorkshopSource(Protocol):
    """What a screen needs from where a workshop lives: the database (``Store``) or one
    participant's drafts file (``DraftsFileStore``)."""

    def get(self, workshop_id: str) -> Workshop: ...

    def update(self, workshop_id: str, change: Callable[[Workshop], T]) -> T: ...

    def signature(self) -> FileSignature | None: ...


class StoreError(Refused):
    """The database cannot be used as it is; the message names the file and what to do."""


class NotFound(StoreError):
    """No workshop with that id (or more than one matched)."""


class SaveFailed(StoreError):
    """The file could not be written (disk full, read-only, immutable): nothing was changed.

    The UI keeps what was typed and offers to retry; the CLI prints the sentence and exits.
    """


_READ_ONLY_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "it cannot be changed; it may be marked immutable (chattr +i)",
    errno.EROFS: "it is on a read-only file system",
}


def describe_write_error(exc: OSError, path: Path, what: str = "database file") -> str:
    """One plain sentence for a failed write, naming the file the user knows (not a temp file)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: could not save the {what} {path}. Nothing was changed."
    reason = _READ_ONLY_REASONS.get(exc.errno or 0)
    if reason is not None:
        return f"The {what} is read-only: {path} ({reason}). Nothing was changed."
    return f"Could not save the {what} {path}: {exc.strerror or exc}. Nothing was changed."


def _check_encodable(text: str, path: Path) -> bytes:
    """The bytes to write; text with lone surrogates (undecodable input) is refused first."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(
            f"Nothing was saved to {path}: some of the text is not valid UTF-8 (bytes the "
            f"terminal could not decode). Check that your terminal uses UTF-8 and type it again."
        ) from None


@dataclass(frozen=True)
class FileSignature:
    """What changes when any process replaces the database file; cheap to poll."""

    inode: int
    mtime_ns: int
    size: int


def default_db_path() -> Path:
    """The per-user database used when neither --db nor $OKRWORKSHOP_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "workshops.json"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db, else $OKRWORKSHOP_DB, else the per-user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("OKRWORKSHOP_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: fsync the folder that holds the file."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def hold(
    lock: FileLock,
    what: str,
    *,
    timeout: float = LOCK_TIMEOUT_SECONDS,
    on_wait: Callable[[str], None] | None = None,
    kind: str = "database file",
) -> Iterator[None]:
    """Hold a file's lock; a holder that never lets go becomes a sentence, not a hang.

    After ``WAIT_NOTICE_SECONDS`` of waiting, ``on_wait`` is told once (the CLI prints it), so a
    command in a busy room says why it pauses instead of looking stuck.
    """
    from filelock import Timeout  # only writers lock: readers never import filelock

    try:
        try:
            lock.acquire(timeout=min(WAIT_NOTICE_SECONDS, timeout))
        except Timeout:
            if timeout <= WAIT_NOTICE_SECONDS:
                raise
            if on_wait is not None:
                on_wait(f"Waiting for other okrworkshop writers to finish with {what}...")
            lock.acquire(timeout=timeout - WAIT_NOTICE_SECONDS)
    except Timeout:
        raise StoreError(
            f"{what[:1].upper()}{what[1:]} stayed locked by another okrworkshop process for "
            f"{timeout:.0f} s; try again in a moment. The lock is freed as soon as that "
            f"process saves or ends, so do not delete {lock.lock_file}."
        ) from None
    except OSError as exc:  # the lock file cannot be made: a read-only folder or a full disk
        locked_file = Path(lock.lock_file).with_suffix("")  # "x.json.lock" locks "x.json"
        raise SaveFailed(describe_write_error(exc, locked_file, kind)) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing a workshop and building its objects makes tens of thousands of containers, none
    of them in a cycle, and each few hundred new ones start Python's cycle collector, which
    then walks what it already holds: a third of the time of reading 10,000 drafts. It is off
    while a read or a transaction runs and back on (when it was on) the moment it ends."""
    if not gc.isenabled():  # already paused (a read inside a transaction), or off for good
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    Text that cannot be encoded raises ``UnicodeEncodeError`` before any file is touched.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a fsynced temp file and ``os.replace``."""
    Staged.write(path, data).commit()


_SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (fifo)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def require_plain_file(path: Path) -> None:
    """Refuse to replace anything but a plain file (or nothing): writing goes through a temp
    file and a rename, which would put a file where a fifo, a device or a folder was."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    for test, what in _SPECIAL_FILES:
        if test(mode):
            raise SaveFailed(
                f"{path} is {what}, not a file: nothing was written. Choose a file name."
            )


@dataclass
class Staged:
    """``data`` written and fsynced to a temp file beside ``path``, not yet in its place:
    ``commit`` renames it over ``path`` (readers see the old file or the new one, never
    half), ``discard`` removes it. Text that cannot be encoded never gets this far."""

    path: Path
    temp: str

    @classmethod
    def write(cls, path: Path, data: bytes) -> Staged:
        import tempfile  # only writers need it (it imports shutil and random)

        require_plain_file(path)
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_name, mode)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        return cls(path, tmp_name)

    def commit(self) -> None:
        try:
            require_plain_file(self.path)  # a fifo made meanwhile is not replaced either
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise
        _fsync_dir(self.path.parent)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temp)


class AtomicJSONStorage:
    """A TinyDB storage that reads the file once per transaction and writes it atomically.

    One instance lives for one locked transaction, so the first read is still current for the
    rest of it: no other process can write meanwhile. ``prepare`` sees that read before TinyDB
    does, so a file that another process replaced with a newer schema is refused, not rewritten,
    and an older or new (empty) one is brought to this version's shape before it is changed.

    ``load`` reads the file (the store's ``_load``, which skips parsing bytes it has parsed
    before); ``saved`` is told the bytes written and the tables they hold. TinyDB takes any
    object with ``read``, ``write`` and ``close``, so this needs no TinyDB base class (and
    importing the store does not import TinyDB).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        load: Callable[[], dict[str, Any]] | None = None,
        saved: Callable[[bytes, dict[str, Any]], None] | None = None,
        backup: Callable[[dict[str, Any]], Path | None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.prepare = prepare
        self.load = load or partial(_read_layout, self.path)
        self.saved = saved
        self.backup = backup
        """Called with the file as read just before the first write: keeps an older file's
        bytes beside it (a migration), returns the copy made, removed if the write fails."""
        self._data: dict[str, Any] | None = None
        self._read_data: dict[str, Any] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            data = self._read_data = self.load()
            if self.prepare is not None:
                data = self.prepare(data)
            # TinyDB changes tables and documents in place. It gets its own copy of those two
            # levels (a handful of dicts), so what ``load`` handed out, which the store keeps
            # for its next read, never changes; the values below are replaced, never edited.
            self._data = {
                name: {key: dict(doc) for key, doc in table.items()} for name, table in data.items()
            }
        return self._data or None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        encoded = _encode(data, self.path)
        read, self._read_data = self._read_data, None  # one backup per migration
        backup = self.backup(read) if self.backup is not None and read is not None else None
        _write_or_undo_backup(self.path, encoded, backup)
        self._data = data
        if self.saved is not None:
            self.saved(encoded, data)

    def close(self) -> None:
        pass


# Indented, so a git diff of the database shows the fields that changed; one-line files from
# earlier versions still open (any JSON reader reads both), and their first write indents them.
# Layout is not schema: an older okrworkshop reads the indented file just as well, which is why
# the schema version stays where it is.
_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def _encode(data: dict[str, Any], path: Path) -> bytes:
    """The file's bytes: orjson's indented dump, about 20 times faster than ``json.dumps``
    with ``indent=2`` on a big workshop (``bench/store_bench.py``).

    orjson refuses what only the careful path can put into words (a lone surrogate from bytes
    the terminal could not decode, a number past 64 bits): that path says it, or writes it.
    """
    try:
        return orjson.dumps(data, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return _check_encodable(text, path)


def _write_or_undo_backup(path: Path, encoded: bytes, backup: Path | None) -> None:
    """Write the database; if that fails, the backup made for it goes too: a refused write
    leaves the folder as it was."""
    try:
        atomic_write_bytes(path, encoded)
    except BaseException as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SaveFailed(describe_write_error(exc, path)) from None
        raise


def _read_layout(path: Path) -> dict[str, Any]:
    """Read and shape-check the raw file; a missing or empty file is an empty database."""
    try:
        raw = jsonio.read_bytes(path)
    except FileNotFoundError:
        return {}
    except jsonio.UnreadableFile as exc:
        raise StoreError(f"The database {exc}") from None
    return _parse_layout(raw, path)


def _parse_layout(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse and shape-check the file's bytes; empty bytes are an empty database.

    The file is untrusted input (anyone can hand over a database with --db): ``jsonio`` refuses
    what ``json.loads`` would crash on, and every refusal leaves the file as it was.
    """
    if not raw.strip():
        return {}
    try:
        data = jsonio.parse(raw, path)
    except jsonio.UnreadableFile as exc:
        from .gitfiles import conflict_advice, has_conflict_markers

        if has_conflict_markers(raw):  # a team file git left mid-merge: say so
            raise StoreError(f"The database {path} {conflict_advice(path)}.") from None
        raise StoreError(
            f"The database {path} {exc.cause}. It was left untouched. "
            f"Restore it from a backup, or point okrworkshop at another file with --db."
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(key.isdecimal() and isinstance(doc, dict) for key, doc in table.items())
        for table in data.values()
    ):
        raise StoreError(
            f"The database {path} is JSON but not a TinyDB database (tables of documents). "
            f"It was left untouched. Use --db to choose an okrworkshop database file."
        )
    return data


def _schema_version(path: Path, data: dict[str, Any]) -> int:
    """The file's schema version: 0 for an empty or pre-versioning file."""
    foreign = set(data) - {META_TABLE, WORKSHOPS_TABLE, "_default"}
    if foreign or data.get("_default"):
        names = ", ".join(sorted(foreign)) or "_default"
        raise StoreError(
            f"The database {path} holds tables okrworkshop does not know ({names}); it looks "
            f"like another program's TinyDB file and was left untouched. Use --db to choose "
            f"an okrworkshop database file."
        )
    meta_docs = list(data.get(META_TABLE, {}).values())
    if not meta_docs:
        return 0
    version = meta_docs[0].get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError(
            f"The database {path} has an unreadable schema version ({version!r}). "
            f"It was left untouched. Restore it from a backup or use --db to choose another file."
        )
    return version


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 is a TinyDB file with workshops but no meta table: add the meta table."""
    data.pop("_default", None)
    data.setdefault(WORKSHOPS_TABLE, {})
    data[META_TABLE] = {"1": {"schema_version": 1, "app": APP_NAME}}
    return data


# Version 2 adds what a team records after the room (check-ins, grades, the link to the cycle
# before, archiving) and, in the room, initiatives, co-authors and links between objectives.
# A version-1 app would read such a workshop without them and drop them on its next save,
# which is why the version goes up: an older app refuses the file instead.
_V2_KEY_RESULT_DEFAULTS: dict[str, Any] = {
    "kind": "committed",
    "confidence_votes": {},
    "checkins": [],
    "grade": None,
    "carried_from": None,
}
_V2_WORKSHOP_DEFAULTS: dict[str, Any] = {
    "retro": "",
    "graded": None,
    "follows": None,
    "last_cycle": None,
    "archived": False,
}


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Spell out the new fields' defaults in every workshop, so the file says what it holds.

    Nothing a version-1 file holds changes meaning. Fields added with defaults that this
    function does not name are filled in by ``Workshop.from_dict`` when the workshop is read.
    """
    import copy  # migrations are rare: only they need it

    workshops = {}
    for key, doc in data.get(WORKSHOPS_TABLE, {}).items():
        doc = dict(doc)
        for field_name, default in _V2_WORKSHOP_DEFAULTS.items():
            doc.setdefault(field_name, copy.deepcopy(default))
        if isinstance(doc.get("settings"), dict):
            doc["settings"] = {"confidence_revealed": False, **doc["settings"]}
        if isinstance(doc.get("key_results"), list):
            doc["key_results"] = [
                {**copy.deepcopy(_V2_KEY_RESULT_DEFAULTS), **kr} if isinstance(kr, dict) else kr
                for kr in doc["key_results"]
            ]
        workshops[key] = doc
    data[WORKSHOPS_TABLE] = workshops
    data[META_TABLE] = {"1": {"schema_version": 2, "app": APP_NAME}}
    return data


# Version 3 adds the weekly meeting: per workshop the weeks the team met, the cycle's health
# metrics and the meeting's timeboxes. A version-2 app would drop them on its next save; it
# refuses the file instead. Version-2 files written after drafts-file imports may already hold
# ``invitations`` and the drafts' ``imported``/``merged`` fields: they are kept as they are.
_V3_WORKSHOP_DEFAULTS: dict[str, Any] = {
    "weeks": [],
    "health_metrics": [],
    "week_timebox_minutes": {},
}


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Spell out the weekly meeting's empty fields in every workshop; nothing else changes."""
    import copy  # migrations are rare: only they need it

    workshops = {}
    for key, doc in data.get(WORKSHOPS_TABLE, {}).items():
        doc = dict(doc)
        for field_name, default in _V3_WORKSHOP_DEFAULTS.items():
            doc.setdefault(field_name, copy.deepcopy(default))
        workshops[key] = doc
    data[WORKSHOPS_TABLE] = workshops
    data[META_TABLE] = {"1": {"schema_version": 3, "app": APP_NAME}}
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def _migrated(data: dict[str, Any], version: int) -> dict[str, Any]:
    """``data`` brought from ``version`` to this version's shape (an empty file gets a meta)."""
    if version == SCHEMA_VERSION and data:
        return data
    data = dict(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


class Store:
    """The open database. Holds only a path: every call re-reads the file.

    ``update(workshop_id, change)`` is the one way to change a workshop: ``change`` receives the
    workshop as it is on disk *now*, mutates it (or raises to refuse), and its return value is
    handed back once the new file is safely on disk.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        if self.path.is_symlink():  # replace (and lock beside) the file it points to, not the link
            try:
                self.path = jsonio.real_path(self.path)
            except jsonio.UnreadableFile as exc:  # a loop of links
                raise StoreError(f"The database {exc}") from None
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._file_lock: FileLock | None = None
        self._lock_timeout = lock_timeout
        self._on_wait = on_wait
        self._known: tuple[bytes, dict[str, Any]] | None = None
        """The file's bytes as this store last read or wrote them, and what they parse to."""

    @property
    def _lock(self) -> FileLock:
        """The lock file beside the database, made on a writer's first use: readers never
        lock, so they never import filelock."""
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(self.lock_path, timeout=self._lock_timeout)
        return self._file_lock

    # --- opening, version checks, migration -----------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ) -> Store:
        """Open the database and check its schema (a newer or broken file is refused).

        With ``create`` (the app, and commands that write) a missing folder and file are made
        and an older file is migrated. Without it (commands that only read) nothing is written:
        a missing file reads as empty and an older one is migrated in memory only.
        """
        store = cls(path, lock_timeout=lock_timeout, on_wait=on_wait)
        if store.path.is_dir():
            raise StoreError(f"The database path {store.path} is a folder; give a file name.")
        data = store._load()
        version = _schema_version(store.path, data)
        if version > SCHEMA_VERSION:
            raise store._newer_error(version)
        if create:
            if version != SCHEMA_VERSION or not data:
                with store._locked():
                    store._prepare_under_lock()
            store._sweep_if_free()
        return store

    def _orphan_temp_files(self) -> list[Path]:
        """Temp files of writers killed before their rename.

        Writers only create them while holding the lock, so any seen *under* the lock is an
        orphan (and as large as the database: worth removing).
        """
        return list(self.path.parent.glob(f".{self.path.name}.*.tmp"))

    def _sweep_orphans(self) -> None:
        """Under the lock: remove what killed writers left behind."""
        for orphan in self._orphan_temp_files():
            orphan.unlink(missing_ok=True)

    def _sweep_if_free(self) -> None:
        """Sweep orphans only if nobody holds the lock: opening never waits on a writer."""
        if not self._orphan_temp_files():
            return
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except (Timeout, OSError):
            return  # a writer is busy (it sweeps itself), or the folder is read-only
        try:
            self._sweep_orphans()
        finally:
            self._lock.release()

    def _prepare_under_lock(self) -> None:
        """Create an empty database or migrate an older one; refuse a newer one."""
        raw = self._load()
        data = self._prepare_read(raw)
        if data is not raw:  # migrated, or new: write this version's shape
            for doc in data.get(WORKSHOPS_TABLE, {}).values():  # refused unless all read
                self._workshop_from(doc)
            encoded = _encode(data, self.path)
            _write_or_undo_backup(self.path, encoded, self._backup(raw))

    def _prepare_read(self, data: dict[str, Any]) -> dict[str, Any]:
        """Under the lock, the file just read in this version's shape (``_backup`` keeps an
        older one's bytes beside it when the migrated form is written)."""
        version = _schema_version(self.path, data)
        if version > SCHEMA_VERSION:
            raise self._newer_error(version)
        if version == SCHEMA_VERSION:
            return data
        return _migrated(data, version)

    def _backup(self, read: dict[str, Any]) -> Path | None:
        """Under the lock, just before the first write over an older file: its bytes, copied
        beside it. A copy that fails (a full disk) is removed, not left half-written."""
        if not read or _schema_version(self.path, read) >= SCHEMA_VERSION:
            return None
        import shutil  # only a migration copies a file

        version = _schema_version(self.path, read)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        try:
            shutil.copy2(self.path, backup)
        except OSError as exc:
            backup.unlink(missing_ok=True)
            raise SaveFailed(describe_write_error(exc, backup, "backup file")) from None
        return backup

    def _newer_error(self, version: int) -> StoreError:
        return StoreError(
            f"The database {self.path} was written by a newer okrworkshop (schema {version}; "
            f"this version knows {SCHEMA_VERSION}). It was left untouched. Upgrade okrworkshop "
            f"(pip install -U okrworkshop) to open it."
        )

    # --- low-level access -------------------------------------------------------------------

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """The write lock. Only writers take it; readers rely on ``os.replace`` being atomic."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveFailed(
                f"Cannot create the folder {folder} for the database: {exc.strerror}."
            ) from None
        return hold(
            self._lock,
            f"the database {self.path}",
            timeout=self._lock_timeout,
            on_wait=self._on_wait,
        )

    def _load(self) -> dict[str, Any]:
        """The file's tables as they are now, shape-checked; a missing file is an empty one.

        Every call reads the file. Parsing is skipped only when the bytes are exactly those this
        store last parsed or wrote (a command reads the file twice; the app re-reads after its
        own save, and saves again): equal bytes parse to equal tables, so this is still a
        re-read. What it returns is shared with the next call and must not be changed.
        """
        try:
            raw = jsonio.read_bytes(self.path)
        except FileNotFoundError:
            return {}
        except jsonio.UnreadableFile as exc:
            raise StoreError(f"The database {exc}") from None
        known = self._known
        if known is not None and known[0] == raw:
            return known[1]
        with _collector_paused():
            data = _parse_layout(raw, self.path)
        self._known = (raw, data)
        return data

    def _saved(self, raw: bytes, data: dict[str, Any]) -> None:
        """A transaction wrote ``raw``, the dump of ``data``: the next read need not parse it."""
        self._known = (raw, data)

    def _read(self) -> dict[str, Any]:
        """The file as it is now, in this version's shape (an older file migrated in memory)."""
        data = self._load()
        version = _schema_version(self.path, data)
        if version > SCHEMA_VERSION:
            raise self._newer_error(version)
        return _migrated(data, version) if version < SCHEMA_VERSION and data else data

    def _workshop_from(self, doc: dict[str, Any]) -> Workshop:
        try:
            return Workshop.from_dict(doc)
        except DataError as exc:
            wid = doc.get("id", "?")
            raise StoreError(
                f"The workshop {wid!r} in {self.path} cannot be read: {exc}. The file was left "
                f"untouched; fix that field by hand or restore a backup."
            ) from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[TinyDB]:
        """Lock, re-read, hand out a fresh TinyDB on the atomic storage, unlock."""
        with self._locked(), _collector_paused():
            self._sweep_orphans()
            from tinydb import TinyDB  # only writers need it

            storage = partial(
                AtomicJSONStorage,
                prepare=self._prepare_read,
                load=self._load,
                saved=self._saved,
                backup=self._backup,
            )
            db = TinyDB(self.path, storage=storage)
            try:
                yield db
            finally:
                db.close()

    def signature(self) -> FileSignature | None:
        """Inode, mtime and size of the file: a UI polls this to notice other writers."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return FileSignature(st.st_ino, st.st_mtime_ns, st.st_size)

    # --- reading ----------------------------------------------------------------------------

    def workshops(self) -> list[Workshop]:
        """Every workshop in the file, oldest first. Takes no lock: replace is atomic."""
        with _collector_paused():
            table = self._read().get(WORKSHOPS_TABLE, {})
            docs = sorted(table.items(), key=lambda item: int(item[0]))
            return [self._workshop_from(doc) for _, doc in docs]

    def get(self, workshop_id: str) -> Workshop:
        """The workshop with this id, or a unique id prefix; raises NotFound otherwise."""
        return self._match(workshop_id, self.workshops())

    def resolve(self, workshop_id: str | None) -> Workshop:
        """The workshop the user meant: the given id, or the only one in the file.

        Without an id, archived workshops and a copy of the example do not count: after
        starting the next cycle and archiving the old one, or after a look at the example, the
        team's workshop is "the only one" again. An id finds any workshop.
        """
        workshops = self.workshops()
        if workshop_id is not None:  # an empty -w "" is a mistake, not "the only one"
            return self._match(workshop_id, workshops)
        if len(workshops) == 1:
            return workshops[0]
        own = [w for w in workshops if not w.example]
        active = [w for w in own if not w.archived]
        if len(active) == 1:
            return active[0]
        if not workshops:
            raise NotFound(
                f"There is no workshop in {self.path} yet. Create one with: "
                f"okrworkshop new --team TEAM --cycle '2027 Q1'"
            )
        which = "workshops" if len(active) in (0, len(own)) else "workshops not archived"
        shown = active or own or workshops
        raise NotFound(
            f"{self.path} holds {len(shown)} {which}; choose one with -w ID: {_describe(shown)}."
        )

    def _match(self, workshop_id: str, workshops: list[Workshop]) -> Workshop:
        """An id, a unique id prefix, or a unique team name or cycle label (any case)."""
        wanted = " ".join(workshop_id.split()).casefold()
        if not wanted:
            raise NotFound(f"The workshop id is empty; {_listing(self.path, workshops)}")
        for candidates in (
            [w for w in workshops if w.id.casefold() == wanted],
            [w for w in workshops if w.id.casefold().startswith(wanted)],
            [w for w in workshops if " ".join(w.team.split()).casefold() == wanted],
            [w for w in workshops if " ".join(w.cycle.label.split()).casefold() == wanted],
        ):
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                raise NotFound(
                    f"{workshop_id!r} matches several workshops: "
                    f"{_describe(candidates)}. Choose one by its id."
                )
        raise NotFound(f"No workshop {workshop_id!r} in {self.path}. {_listing(None, workshops)}")

    # --- writing ----------------------------------------------------------------------------

    def create(self, workshop: Workshop) -> Workshop:
        """Add a new workshop; gives it a fresh short id if its id is empty or taken."""
        with self._transaction() as db:
            table = db.table(WORKSHOPS_TABLE, cache_size=0)
            existing = table.all()
            for doc in existing:  # a broken workshop is reported, not buried under a new one
                self._workshop_from(dict(doc))
            taken = {doc.get("id") for doc in existing}
            if not workshop.id or workshop.id in taken:
                workshop.id = _new_id(taken)
            workshop.updated = utcnow()
            workshop.created = workshop.created or workshop.updated  # an import keeps its own
            table.insert(workshop.to_dict())
        return workshop

    def update(self, workshop_id: str, change: Callable[[Workshop], T]) -> T:
        """Apply ``change`` to the workshop as it is on disk now, and save it atomically.

        If ``change`` raises, nothing is written and the exception propagates.
        """
        from tinydb import Query

        with self._transaction() as db:
            table = db.table(WORKSHOPS_TABLE, cache_size=0)
            doc = table.get(Query().id == workshop_id)
            if doc is None:
                raise NotFound(f"No workshop {workshop_id!r} in {self.path}; was it deleted?")
            workshop = self._workshop_from(dict(doc))
            result = change(workshop)
            new = workshop.to_dict()
            if new == doc:  # nothing changed: the file is left byte for byte
                return result
            workshop.updated = new["updated"] = utcnow()

            def replace_all(stored: MutableMapping[str, Any]) -> None:
                stored.clear()
                stored.update(new)

            table.update(replace_all, doc_ids=[doc.doc_id])
        return result

    def delete(self, workshop_id: str) -> None:
        """Remove a workshop for good."""
        from tinydb import Query

        with self._transaction() as db:
            table = db.table(WORKSHOPS_TABLE, cache_size=0)
            if not table.remove(Query().id == workshop_id):
                raise NotFound(f"No workshop {workshop_id!r} in {self.path}.")


def _describe(workshops: list[Workshop]) -> str:
    """``a1b2c3 (Payments, 2027 Q1); ...``: ids with what people recognise them by."""
    return "; ".join(f"{w.id} ({w.team}, {w.cycle.label})" for w in workshops)


def _listing(path: Path | None, workshops: list[Workshop]) -> str:
    where = f" in {path}" if path else ""
    if not workshops:
        return f"There are no workshops{where} yet."
    return f"Workshops{where}: {_describe(workshops)}."


def _new_id(taken: set[Any]) -> str:
    """Six lowercase hex characters: short enough to type, plenty for one team's workshops."""
    import secrets  # only a new workshop needs an id

    while True:
        candidate = secrets.token_hex(3)
        if candidate not in taken and not candidate.isdigit():
            return candidate
