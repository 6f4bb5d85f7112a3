"""A real store whose saves fail on demand, as a full disk or a read-only file makes them fail."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from okrworkshop.store import SaveFailed, Store, StoreError, describe_write_error

T = TypeVar("T")


def disk_full(path: object) -> OSError:
    """What the kernel raises on a full disk (what ``Store.update`` let through before the core
    turned it into a sentence)."""
    return OSError(errno.ENOSPC, "No space left on device", str(path))


def disk_full_sentence(path: object) -> StoreError:
    """What the core raises on a full disk: the cause in a sentence naming the file."""
    return SaveFailed(describe_write_error(disk_full(path), Path(str(path))))


class FailingStore:
    """Wraps a real ``Store``: while ``failing`` holds an exception, every ``update`` reads the
    workshop and applies the change as the real one would (so the core's refusals still come
    first), then raises it instead of writing, leaving the file as it was; ``create`` raises
    it at once."""

    def __init__(self, store: Store) -> None:
        self.real = store
        self.failing: BaseException | None = None
        self.failed = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def create(self, workshop: Any) -> Any:
        if self.failing is None:
            return self.real.create(workshop)
        self.failed += 1
        raise self.failing

    def update(self, workshop_id: str, change: Callable[[Any], T]) -> T:
        if self.failing is None:
            return self.real.update(workshop_id, change)
        change(self.real.get(workshop_id))
        self.failed += 1
        raise self.failing
