"""A separate process that uses the store the way okrworkshop commands do: one update at a time.

Run by test_processes.py as ``python worker.py COMMAND DB WORKSHOP_ID ...``. It talks over pipes
only: "ready" once imported, waits for "go" on stdin when asked, prints "ack ITEM" after each
``Store.update`` has returned (the item is then promised to be on disk), and "paused WHERE" when
it stops inside the write path for the test to kill it. It never sleeps; it blocks on stdin.

Commands:
  append DB WID TAG COUNT FIELD [FLAGS]       append TAG-0 .. TAG-(COUNT-1) to a list field;
                                               --wait-go: start on "go"; --announce-writes: say
                                               "writing" as each temp file is created
  pause DB WID TAG COUNT WHERE                 append COUNT items, then stop at WHERE in the next
  hold DB WID                                  hold the lock inside a change until killed
  read DB WID EXPECTED                         poll Store.workshops() until EXPECTED participants
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from okrworkshop import store as store_module
from okrworkshop.model import Workshop
from okrworkshop.store import Store


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def target_list(workshop: Workshop, field: str) -> list[str]:
    return workshop.context.pillars if field == "pillars" else workshop.participants


def announce_writes() -> None:
    """Say "writing" as each temp file is created, so a test can aim a kill into the write.

    The store imports ``tempfile`` only when it writes, so the module itself is wrapped."""
    mkstemp = tempfile.mkstemp

    def announced(*args: Any, **kwargs: Any) -> Any:
        say("writing")
        return mkstemp(*args, **kwargs)

    tempfile.mkstemp = announced


def append(db: str, wid: str, tag: str, count: int, field: str, flags: list[str]) -> None:
    store = Store(db)
    if "--announce-writes" in flags:
        announce_writes()
    wait_go = "--wait-go" in flags
    say("ready")
    if wait_go and sys.stdin.readline().strip() != "go":
        return
    for i in range(count):
        item = f"{tag}-{i}"
        store.update(wid, lambda w, item=item: target_list(w, field).append(item))
        say(f"ack {item}")
    say("done")


def _pause_at(where: str) -> None:
    """Wrap one step of the atomic write so that its next call stops and waits to be killed."""

    def block() -> None:
        say(f"paused {where}")
        sys.stdin.readline()  # the test kills us here; EOF would let the write go on

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        def paused(*args: Any, **kwargs: Any) -> Any:
            block()
            return original(*args, **kwargs)

        return paused

    if where == "before-fsync":  # temp file written and flushed, not yet fsynced
        store_module.os.fsync = wrap(os.fsync)  # type: ignore[attr-defined]
    elif where == "before-replace":  # temp file complete and fsynced
        store_module.os.replace = wrap(os.replace)  # type: ignore[attr-defined]
    elif where == "before-dir-fsync":  # replaced, folder not yet fsynced, update not returned
        store_module._fsync_dir = wrap(store_module._fsync_dir)  # type: ignore[attr-defined]
    else:
        raise SystemExit(f"unknown pause point {where}")


def pause(db: str, wid: str, tag: str, count: int, where: str) -> None:
    store = Store(db)
    for i in range(count):
        item = f"{tag}-{i}"
        store.update(wid, lambda w, item=item: w.participants.append(item))
        say(f"ack {item}")
    _pause_at(where)
    item = f"{tag}-{count}"
    store.update(wid, lambda w: w.participants.append(item))
    say(f"ack {item}")


def hold(db: str, wid: str) -> None:
    store = Store(db)

    def change(workshop: Workshop) -> None:
        workshop.participants.append("never written")
        say("holding")
        sys.stdin.readline()

    store.update(wid, change)


def read(db: str, wid: str, expected: int) -> None:
    """Poll without a lock, as a TUI does; any error or shrinking list is a failure."""
    store = Store(db)
    errors: list[str] = []
    sizes: set[int] = set()
    reads = 0
    last = 0
    deadline = time.monotonic() + 30
    say("ready")
    while last < expected and time.monotonic() < deadline:
        try:
            (workshop,) = [w for w in store.workshops() if w.id == wid]
            now = len(workshop.participants)
            if now < last:
                errors.append(f"participants went from {last} to {now}")
            last = now
            sizes.add(now)
        except Exception as exc:  # report every kind of failure, then keep polling
            errors.append(repr(exc))
        reads += 1
    say(json.dumps({"reads": reads, "sizes": len(sizes), "last": last, "errors": errors[:5]}))


def main(argv: list[str]) -> None:
    command, db, wid, *rest = argv
    if command == "append":
        tag, count, field, *flags = rest
        append(db, wid, tag, int(count), field, flags)
    elif command == "pause":
        tag, count, where = rest
        pause(db, wid, tag, int(count), where)
    elif command == "hold":
        hold(db, wid)
    elif command == "read":
        read(db, wid, int(rest[0]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
