"""Real file systems that fail the way users' disks do: full, read-only, immutable.

They need root (mount, chattr), which the CI and the development machine have. A small tmpfs
is the honest way to get ENOSPC and EROFS from the kernel instead of from a monkeypatch.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a tmpfs and chattr +i need root (CI runs as root)"
)


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str = "300k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where``, unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte; returns the filler file."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(b"\0" * 4096)
            out.flush()
    return filler


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes in ``folder`` (not recursive), to prove nothing changed."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
