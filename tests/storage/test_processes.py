"""The store under real processes: concurrent writers, kills mid-write, a dead lock holder, readers.

Each worker is a separate Python process running worker.py beside this file; it reports over a
pipe ("ack ITEM" once ``Store.update`` has returned). Tests wait on that output with bounded
timeouts, never on the clock, and kill with SIGKILL so no cleanup code in the worker can run.

The promise being checked: every acknowledged item is on disk exactly once, in order, after any
kill; the file is always complete JSON; and nothing a dead process held stops the next writer.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from okrworkshop.model import Workshop
from okrworkshop.store import Store

WORKER = Path(__file__).with_name("worker.py")
STARTUP_TIMEOUT = 20.0  # generous: interpreter start-up on a loaded 2-core CI machine
STEP_TIMEOUT = 20.0  # above the store's 15 s lock timeout, so a stuck lock shows as its error


class Worker:
    """One worker process and what it has said so far."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        assert self.proc.stdout is not None
        self.fd = self.proc.stdout.fileno()
        self.lines: list[str] = []
        self.ack_times: list[float] = []  # when each ack arrived, to time an update
        self.eof = False
        self._partial = b""

    @property
    def acked(self) -> list[str]:
        return [line.removeprefix("ack ") for line in self.lines if line.startswith("ack ")]

    def feed(self) -> None:
        """Take in whatever is in the pipe now (the caller knows it is readable)."""
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.eof = True
            return
        *complete, self._partial = (self._partial + chunk).split(b"\n")
        self.lines.extend(line.decode() for line in complete)
        self.ack_times.extend(time.monotonic() for line in complete if line.startswith(b"ack "))

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """SIGKILL, reap, and collect every line written before death (those acks count)."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=STEP_TIMEOUT)
        while not self.eof:
            self.feed()

    def finish(self) -> None:
        """Wait for a normal exit and fail loudly, with its stderr, if it did not succeed."""
        pump([self], lambda: self.eof, STEP_TIMEOUT * 3, f"{self.args[0]} to finish")
        code = self.proc.wait(timeout=STEP_TIMEOUT)
        assert code == 0, f"worker {self.args} exited {code}: {self.stderr()}"

    def stderr(self) -> str:
        assert self.proc.stderr is not None
        if self.proc.poll() is None:
            return "(still running)"
        return self.proc.stderr.read().decode(errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=STEP_TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def pump(workers: Iterable[Worker], until: Callable[[], bool], timeout: float, what: str) -> None:
    """Read the workers' output until ``until()`` holds; fail after ``timeout`` seconds."""
    workers = list(workers)
    deadline = time.monotonic() + timeout
    while not until():
        remaining = deadline - time.monotonic()
        live = [w for w in workers if not w.eof]
        if remaining <= 0 or not live:
            details = "; ".join(f"{w.args[:4]} said {w.lines[-3:]}" for w in workers)
            errors = " | ".join(w.stderr() for w in workers if w.eof)
            raise AssertionError(f"timed out waiting for {what}: {details} {errors}")
        ready, _, _ = select.select([w.fd for w in live], [], [], remaining)
        for w in live:
            if w.fd in ready:
                w.feed()


def listen(workers: Iterable[Worker], seconds: float) -> None:
    """Keep reading the workers' output for ``seconds``: a kill at a chosen moment, no sleep."""
    workers = list(workers)
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        live = [w for w in workers if not w.eof]
        if not live:
            return
        ready, _, _ = select.select([w.fd for w in live], [], [], remaining)
        for w in live:
            if w.fd in ready:
                w.feed()


@pytest.fixture
def spawn() -> Iterable[Callable[..., Worker]]:
    """Start workers; any still alive when the test ends are killed."""
    started: list[Worker] = []

    def start(*args: str) -> Worker:
        worker = Worker(*args)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.close()


def with_tag(items: list[str], tag: str) -> list[str]:
    return [item for item in items if item.startswith(f"{tag}-")]


def assert_prefix(items: list[str], tag: str, acked: int, context: str) -> None:
    """The worker's items are on disk in order, once each: all it acked, plus at most the one it
    was killed while saving."""
    stored = with_tag(items, tag)
    assert stored in (
        [f"{tag}-{i}" for i in range(acked)],
        [f"{tag}-{i}" for i in range(acked + 1)],
    ), f"{context}: {acked} acked, file holds {stored[-3:]} ({len(stored)})"


def assert_healthy(db_path: Path, wid: str) -> Workshop:
    """Complete JSON, opens without complaint, and the workshop reads."""
    json.loads(db_path.read_bytes())
    return Store.open(db_path).get(wid)


@pytest.fixture
def small_workshop(store: Store, new_workshop: Callable[..., Workshop]) -> str:
    return store.create(new_workshop()).id


@pytest.fixture
def big_workshop(
    store: Store,
    db_path: Path,
    new_workshop: Callable[..., Workshop],
    fill_workshop: Callable[..., None],
) -> str:
    """About 1.5 MB on disk, so each write takes long enough for kills to land inside it."""
    workshop = new_workshop()
    fill_workshop(workshop, drafts=200, key_results=20, text_size=1_400_000)
    wid = store.create(workshop).id
    assert db_path.stat().st_size > 1_000_000
    return wid


# --- many writers at once -------------------------------------------------------------------


def test_concurrent_writers_lose_nothing(
    spawn: Callable[..., Worker], db_path: Path, small_workshop: str
) -> None:
    writers, per_writer = 6, 40
    workers = [
        spawn(
            "append",
            str(db_path),
            small_workshop,
            f"w{n}",
            str(per_writer),
            "participants" if n % 2 else "pillars",
            "--wait-go",
        )
        for n in range(writers)
    ]
    pump(workers, lambda: all("ready" in w.lines for w in workers), STARTUP_TIMEOUT, "ready")
    for w in workers:  # all start together, so their updates interleave
        w.send("go")
    for w in workers:
        w.finish()

    workshop = assert_healthy(db_path, small_workshop)
    for n in range(writers):
        stored = workshop.participants if n % 2 else workshop.context.pillars
        assert with_tag(stored, f"w{n}") == [f"w{n}-{i}" for i in range(per_writer)]
    assert len(workshop.participants) + len(workshop.context.pillars) == writers * per_writer


# --- kills ----------------------------------------------------------------------------------

KILLS = 15


def test_a_writer_killed_at_random_moments_loses_no_acknowledged_item(
    spawn: Callable[..., Worker],
    db_path: Path,
    big_workshop: str,
    temp_files: Callable[[], list[Path]],
) -> None:
    """Kill after a few acks, at a random moment: anywhere in an update, or inside its write.

    On this 1.5 MB file the temp-file write is only the last ~20% of an update, and update
    times vary by half, so most kills are aimed from the worker's "writing" line (said as the
    temp file is created) and land a random 0-8 ms into writing, fsyncing and renaming it.
    """
    acked: dict[str, int] = {}
    cycles: list[float] = []
    for seed in range(KILLS):
        rng = random.Random(seed)
        tag = f"k{seed}"
        worker = spawn(
            "append", str(db_path), big_workshop, tag, "1000", "participants", "--announce-writes"
        )
        wanted = rng.randint(2, 4)
        pump([worker], lambda w=worker, n=wanted: len(w.acked) >= n, STARTUP_TIMEOUT, "acks")
        cycles.extend(b - a for a, b in itertools.pairwise(worker.ack_times))
        if seed % 3 == 0:  # anywhere in the next update
            kill_at = worker.ack_times[-1] + rng.uniform(0, 1) * statistics.median(cycles)
        else:  # inside the next write
            writes = wanted + 1
            pump([worker], lambda w=worker, n=writes: w.lines.count("writing") >= n, 10, "write")
            kill_at = time.monotonic() + rng.uniform(0, 0.008)
        listen([worker], kill_at - time.monotonic())
        worker.kill()
        worker.close()

        acked[tag] = len(worker.acked)
        workshop = assert_healthy(db_path, big_workshop)
        for old_tag, count in acked.items():  # earlier victims' items are all still there
            assert_prefix(workshop.participants, old_tag, count, f"seed {seed}, {old_tag}")

    # Kills inside the write path leave their temp file; it must not get in anybody's way.
    leftovers = len(temp_files())
    survivor = spawn("append", str(db_path), big_workshop, "after", "2", "participants")
    survivor.finish()
    assert with_tag(assert_healthy(db_path, big_workshop).participants, "after") == [
        "after-0",
        "after-1",
    ]
    assert len(temp_files()) == leftovers


def test_several_writers_killed_together_lose_no_acknowledged_item(
    spawn: Callable[..., Worker], db_path: Path, big_workshop: str
) -> None:
    acked: dict[str, int] = {}
    for seed in range(3):
        rng = random.Random(100 + seed)
        tags = [f"m{seed}x{n}" for n in range(3)]
        workers = [
            spawn("append", str(db_path), big_workshop, tag, "1000", "participants", "--wait-go")
            for tag in tags
        ]
        pump(
            workers,
            lambda ws=workers: all("ready" in w.lines for w in ws),
            STARTUP_TIMEOUT,
            "ready",
        )
        for w in workers:
            w.send("go")
        total = rng.randint(3, 9)
        pump(workers, lambda ws=workers, n=total: sum(len(w.acked) for w in ws) >= n, 30, "acks")
        listen(workers, rng.uniform(0.0, 0.03))
        for w in workers:
            os.kill(w.proc.pid, signal.SIGKILL)
        for w, tag in zip(workers, tags, strict=True):
            w.kill()
            w.close()
            acked[tag] = len(w.acked)

        workshop = assert_healthy(db_path, big_workshop)
        for tag, count in acked.items():
            assert_prefix(workshop.participants, tag, count, f"seed {seed}, {tag}")


@pytest.mark.parametrize("where", ["before-fsync", "before-replace", "before-dir-fsync"])
def test_a_kill_at_each_step_of_the_write_keeps_the_file_whole(
    spawn: Callable[..., Worker],
    db_path: Path,
    small_workshop: str,
    temp_files: Callable[[], list[Path]],
    where: str,
) -> None:
    """Stop the writer at a known step of the atomic write, then kill it there."""
    worker = spawn("pause", str(db_path), small_workshop, "p", "3", where)
    pump([worker], lambda: f"paused {where}" in worker.lines, STARTUP_TIMEOUT, where)
    before_kill = db_path.read_bytes()
    worker.kill()

    assert db_path.read_bytes() == before_kill  # the kill itself changes nothing on disk
    orphans = temp_files()
    stored = with_tag(assert_healthy(db_path, small_workshop).participants, "p")
    if where == "before-dir-fsync":  # renamed into place before the kill: the new file
        assert stored == ["p-0", "p-1", "p-2", "p-3"]
        assert orphans == []
    else:  # killed before the rename: the old file, and the unfinished temp file beside it
        assert stored == ["p-0", "p-1", "p-2"]
        assert len(orphans) == 1
    assert temp_files() == []  # opening the store again swept the orphan away
    assert worker.acked == ["p-0", "p-1", "p-2"]

    spawn("append", str(db_path), small_workshop, "next", "1", "participants").finish()
    assert with_tag(assert_healthy(db_path, small_workshop).participants, "next") == ["next-0"]


def test_a_killed_lock_holder_does_not_block_the_next_writer(
    spawn: Callable[..., Worker], db_path: Path, store: Store, small_workshop: str
) -> None:
    holder = spawn("hold", str(db_path), small_workshop)
    pump([holder], lambda: "holding" in holder.lines, STARTUP_TIMEOUT, "the lock to be held")
    before = db_path.read_bytes()
    with pytest.raises(Timeout):  # the lock really is held while the holder lives
        FileLock(store.lock_path, timeout=0.2).acquire()

    holder.kill()

    assert db_path.read_bytes() == before  # its change was never written
    with FileLock(store.lock_path, timeout=0):  # the kernel released the flock at once
        pass
    started = time.monotonic()
    spawn("append", str(db_path), small_workshop, "after", "1", "participants").finish()
    assert time.monotonic() - started < STEP_TIMEOUT
    workshop = assert_healthy(db_path, small_workshop)
    assert workshop.participants == ["after-0"]


# --- readers --------------------------------------------------------------------------------


def test_a_polling_reader_never_sees_a_broken_or_half_file(
    spawn: Callable[..., Worker],
    db_path: Path,
    store: Store,
    new_workshop: Callable[..., Workshop],
    fill_workshop: Callable[..., None],
) -> None:
    workshop = new_workshop()
    fill_workshop(workshop, drafts=200, key_results=20, text_size=300_000)
    wid = store.create(workshop).id
    writers, per_writer = 3, 30
    reader = spawn("read", str(db_path), wid, str(writers * per_writer))
    workers = [
        spawn("append", str(db_path), wid, f"r{n}", str(per_writer), "participants", "--wait-go")
        for n in range(writers)
    ]
    everyone = [reader, *workers]
    pump(everyone, lambda: all("ready" in w.lines for w in everyone), STARTUP_TIMEOUT, "ready")
    for w in workers:
        w.send("go")
    for w in workers:
        w.finish()
    reader.finish()

    report = json.loads(reader.lines[-1])
    assert report["errors"] == []
    assert report["last"] == writers * per_writer
    assert report["sizes"] > 2  # it saw the file between writes, not just before and after
    assert report["reads"] > report["sizes"]


# --- readers and writers under pressure --------------------------------------------------------


def _cli(db_path: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "okrworkshop", "--db", str(db_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_reader_never_waits_on_a_stalled_writer(
    spawn: Callable[..., Worker], db_path: Path, store: Store, small_workshop: str
) -> None:
    """A writer stopped between its temp file and its rename holds the lock; ``list``, ``show``
    and ``export`` read without it (and leave the temp file to the writers to sweep)."""
    holder = spawn("hold", str(db_path), small_workshop)
    pump([holder], lambda: "holding" in holder.lines, STARTUP_TIMEOUT, "the lock to be held")
    orphan = db_path.with_name(f".{db_path.name}.stalled.tmp")
    orphan.write_text("{half a file", encoding="utf-8")
    for verb in (["list"], ["show"], ["export", "--format", "json"]):
        reader = _cli(db_path, *verb)
        out, err = reader.communicate(timeout=STEP_TIMEOUT)
        assert reader.returncode == 0, (verb, err.decode())
        assert small_workshop.encode() in out
        assert err == b""
    assert orphan.exists()  # readers never sweep: only writers, under the lock
    holder.send("release")
    holder.finish()
    spawn("append", str(db_path), small_workshop, "w", "1", "participants").finish()
    assert not orphan.exists()


def test_a_command_waits_for_a_busy_writer_and_says_so(
    spawn: Callable[..., Worker], db_path: Path, store: Store, small_workshop: str
) -> None:
    """Past a couple of seconds a writer says it is waiting, then saves once the lock is free,
    instead of failing at the store's 15 s that the full-screen app uses."""
    store.update(small_workshop, lambda w: w.participants.append("Ben"))
    holder = spawn("hold", str(db_path), small_workshop)
    pump([holder], lambda: "holding" in holder.lines, STARTUP_TIMEOUT, "the lock to be held")
    writer = _cli(db_path, "draft", "--as", "Ben", "Buyers trust every review")
    assert writer.stderr is not None
    waiting = writer.stderr.readline().decode()  # blocks until the command speaks
    assert f"Waiting for other okrworkshop writers to finish with the database {db_path}" in waiting
    assert writer.poll() is None  # still waiting, not failed
    holder.send("release")
    holder.finish()
    out, err = writer.communicate(timeout=STEP_TIMEOUT)
    assert writer.returncode == 0, err.decode()
    assert out.decode().strip() == "o1"
    assert [o.text for o in Store.open(db_path).get(small_workshop).objectives] == [
        "Buyers trust every review"
    ]
