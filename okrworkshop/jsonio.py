"""Reading a JSON file that anyone could have written: the database, an export, a drafts file.

``json.loads`` trusts its input more than we can: 100,000 nested brackets raise RecursionError,
a 5,000-digit number raises ValueError (Python's limit on int conversion), ``"\\ud800"`` gives a
string that cannot be written back as UTF-8, ``NaN`` is accepted though it is not JSON, and a
symbolic link that points at itself makes ``Path.resolve`` raise RuntimeError. Here each of
those becomes ``UnreadableFile``, whose message is one sentence naming the file and the cause.
Nothing here writes, so a refused file is always left exactly as it was.

One loader for every reader, so the database, ``import`` and the participant's drafts file
refuse the same files with the same words.

``orjson`` parses first (about twice as fast as ``json.loads`` on a big database). Where it
would read a file differently (a whole number past 64 bits becomes a float) or refuses it, the
careful ``json.loads`` path below decides, so every refusal keeps its sentence.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from itertools import chain
from pathlib import Path
from typing import Any

import orjson

MAX_DEPTH = 100
"""No okrworkshop file nests deeper than about ten levels; anything past this is not ours."""

# A \u escape of a surrogate code point (U+D800 to U+DFFF). Files we write never hold one (UTF-8
# carries emoji as themselves), so when none is present the strings need no further check.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
# orjson reads a whole number past 64 bits as a float; ``json.loads`` as an int. A float that is
# a whole number this large is read again the careful way, so both readers agree.
_FLOAT_FROM_BIG_INT = 2.0**63


class UnreadableFile(ValueError):
    """A file that cannot be read as JSON, or should not be. ``str()`` is the sentence for the
    user; ``cause`` is the part after the file name, for callers that phrase it their own way."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"{path} {cause}.")
        self.path = path
        self.cause = cause


class _Refused(Exception):
    """Raised from inside ``json.loads`` hooks; carries the cause."""


def real_path(path: Path) -> Path:
    """``path`` with symbolic links followed; a loop of links is refused instead of raising
    RuntimeError (Python 3.11 and 3.12) or looping."""
    try:
        return path.resolve()
    except RuntimeError:
        raise UnreadableFile(path, _LOOP) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile(path, _LOOP) from None
        raise UnreadableFile(path, f"cannot be found or read: {exc.strerror or exc}") from None


_LOOP = "is a symbolic link that loops back on itself, so it leads to no file"


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The file's bytes; FileNotFoundError passes through (callers decide what missing means).

    Opened without blocking, so a named pipe put where a file should be is refused rather than
    waited on for ever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # not on Windows
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile(path, _LOOP) from None
        raise UnreadableFile(path, f"cannot be read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder, not a file" if stat.S_ISDIR(mode) else "not a regular file"
        raise UnreadableFile(path, f"is {kind}")
    with os.fdopen(fd, "rb") as f:
        try:
            raw = f.read() if max_bytes is None else f.read(max_bytes + 1)
        except OSError as exc:
            raise UnreadableFile(path, f"cannot be read: {exc.strerror or exc}") from None
    if max_bytes is not None and len(raw) > max_bytes:
        raise UnreadableFile(
            path, f"is larger than {max_bytes:,} bytes; an okrworkshop file is far smaller"
        )
    return raw


def parse(raw: bytes, path: Path) -> Any:
    """Decode and parse ``raw`` (the contents of ``path``) as strict JSON, or refuse."""
    if not _SURROGATE_ESCAPE.search(raw):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            # NaN, an infinite number, invalid UTF-8, a lone surrogate, nesting past 1,024
            # levels or broken JSON: the careful path finds which and says it in its words.
            pass
        else:
            floats: list[float] = [data] if type(data) is float else []
            if _depth_exceeds(data, MAX_DEPTH, floats):
                raise UnreadableFile(path, _too_deep())
            if not any(f.is_integer() and abs(f) >= _FLOAT_FROM_BIG_INT for f in floats):
                return data
    return _careful(raw, path)


def _careful(raw: bytes, path: Path) -> Any:
    """``json.loads`` with every way it could crash or accept too much turned into a refusal."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            path, f"is not valid UTF-8 text (a byte at position {exc.start} is not)"
        ) from None
    try:
        data = json.loads(text, parse_float=_real, parse_constant=_constant)
    except _Refused as exc:
        raise UnreadableFile(path, str(exc)) from None
    except RecursionError:
        raise UnreadableFile(path, _too_deep()) from None
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"is not valid JSON ({exc})") from None
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        raise UnreadableFile(
            path, "holds a number thousands of digits long, which no okrworkshop file does"
        ) from None
    if _depth_exceeds(data, MAX_DEPTH):
        raise UnreadableFile(path, _too_deep())
    if _SURROGATE_ESCAPE.search(raw) and not _encodes(data):
        raise UnreadableFile(
            path,
            "is not valid UTF-8 text: it holds a \\u escape of half a character "
            "(an unpaired surrogate such as \\ud800)",
        )
    return data


def load(path: Path, *, max_bytes: int | None = None) -> Any:
    """Read and parse one JSON file from outside; see the module docstring for what is refused."""
    return parse(read_bytes(path, max_bytes=max_bytes), path)


# --- the checks -----------------------------------------------------------------------------


def _too_deep() -> str:
    return f"nests its data more than {MAX_DEPTH} levels deep, which no okrworkshop file does"


def _real(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"holds the number {literal[:40]}, too large to use")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"holds {name}, which is not a number JSON allows")


def _depth_exceeds(data: Any, limit: int, floats: list[float] | None = None) -> bool:
    """Whether anything sits more than ``limit`` containers deep. Level by level, so it cannot
    run out of stack itself; one list per level (not one per container), and empty containers
    are dropped as soon as they cannot be the one too deep, since they hold nothing below.

    The floats met on the way (all but 0.0) are added to ``floats`` when it is given: the same
    pass over every value finds them, and a file seldom holds any.
    """
    kinds = _CONTAINERS if floats is None else _CONTAINERS_AND_FLOATS
    level = [data] if type(data) in _CONTAINERS else []
    for depth in range(1, limit + 1):
        if not level:
            return False
        values = chain.from_iterable([n.values() if type(n) is dict else n for n in level])
        if depth == limit:  # these sit at limit + 1: even an empty one is too deep
            last = list(values)
            if floats is not None:
                floats += [v for v in last if type(v) is float]
            return any(type(v) in _CONTAINERS for v in last)
        level = [v for v in values if v and type(v) in kinds]
        if floats is not None and float in set(map(type, level)):
            floats += [v for v in level if type(v) is float]
            level = [v for v in level if type(v) is not float]
    return bool(level)


_CONTAINERS = (dict, list)
_CONTAINERS_AND_FLOATS = (dict, list, float)


def _encodes(data: Any) -> bool:
    """Whether every string (keys too) can be written back as UTF-8."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
