"""Files on disk, written so that a crash never leaves half an article or a mixed set.

`write_atomic` replaces one file (temp file in the same folder, fsync, rename).  An article
is a set of files (the article, its brief, its report) that must agree with each other (the
article pins the brief's sha256), so `publish` writes the set through a journal:

1. every file is written and fsynced into a staging folder `.<stem>.staging/`;
2. a `COMMITTED` marker is written there: from now on the set is complete;
3. each file is renamed into place, then the staging folder is removed.

A run killed before step 2 leaves only the staging folder, which the next run (or `recover`)
deletes: the previous files are untouched.  A run killed during step 3 leaves a committed
staging folder, which the next run finishes renaming: the complete new set.  `claim` takes
an exclusive lock per article (released by the kernel even on kill -9), so two runs into one
`--out` cannot both publish.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from writer.errors import BadInput

COMMITTED = "COMMITTED"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Busy(Exception):
    """Another process holds the article's lock."""


@contextmanager
def claim(out_dir: Path, stem: str) -> Iterator[None]:
    """Hold the exclusive lock on one article's files for the block; `Busy` if taken."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f".{stem}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise Busy(stem) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder before us removed that file: lock the one there now
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked: no one can hold a stale copy
        os.close(fd)  # closing releases the lock (so does the kernel on kill -9)


def probe_writable(out_dir: Path, need: int = 0) -> None:
    """Raise OSError now if `out_dir` cannot take new files (read-only, full, not ours), or
    has fewer than `need` bytes free (ENOSPC: an empty probe file fits on a full disk).

    The probe is an anonymous file (`O_TMPFILE` where the system has it, else one unlinked
    as soon as it is made): a run killed while probing leaves no file in the folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=out_dir, prefix=".writer-probe.", suffix=".tmp"):
        pass
    free = free_bytes(out_dir)
    if free < need:
        raise OSError(
            errno.ENOSPC,
            f"No space left on device: {free // 1024:,} KiB free, about {need // 1024:,} KiB "
            "needed",
        )


def free_bytes(out_dir: Path) -> int:
    """What an unprivileged writer may still write in `out_dir`'s filesystem."""
    stats = os.statvfs(out_dir)
    return stats.f_bavail * stats.f_frsize


def is_out_of_space(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


def set_bytes(out_dir: Path, sizes: list[int]) -> int:
    """What a set of files of `sizes` takes on `out_dir`'s disk: each file in whole blocks,
    and a block each for the staging folder and its commit marker."""
    block = os.statvfs(out_dir).f_frsize or 4096
    return sum(-(-size // block) * block for size in sizes) + 2 * block


def _staging(out_dir: Path, stem: str) -> Path:
    """The article's staging folder; refused when something else has its name (a link to
    elsewhere, a file): writer would otherwise empty or remove what is not its own."""
    stage = out_dir / f".{stem}.staging"
    if stage.is_symlink() or (stage.exists() and not stage.is_dir()):
        what = "a symbolic link" if stage.is_symlink() else "not a folder"
        raise BadInput(
            f"{stage} is {what}, not writer's staging folder for {stem}; move it away and run again"
        )
    return stage


def recover(out_dir: Path, stem: str) -> str | None:
    """Finish or undo what a killed `publish` left (call with the lock held); remove stray
    temp files of this article.  Returns what was done, or None."""
    done = None
    stage = _staging(out_dir, stem)
    if stage.is_dir():
        if (stage / COMMITTED).is_file():
            for item in sorted(stage.iterdir()):
                if item.name != COMMITTED:
                    os.replace(item, out_dir / item.name)
            done = "finished publishing the files of an interrupted run"
        else:
            done = "discarded the unfinished files of an interrupted run"
        shutil.rmtree(stage)
    for stray in _strays(out_dir, f".{stem}"):
        stray.unlink(missing_ok=True)
    return done


def recover_all(out_dir: Path) -> list[str]:
    """`recover` every article of `out_dir` whose staging folder a stopped run left and whose
    lock no one holds (a run still publishing it is left alone); the stems recovered."""
    done = []
    for stage in sorted(out_dir.glob(".*.staging")):
        stem = stage.name[1 : -len(".staging")]
        try:
            with claim(out_dir, stem):
                if recover(out_dir, stem) is not None:
                    done.append(stem)
        except (Busy, BadInput, OSError):
            continue  # another run's, or not ours: the next run of that article sees it
    return done


#: Each folder's stray temp files, found by one listing per process (see `_strays`).
_STRAYS: dict[Path, list[Path]] = {}
_STRAYS_LOCK = threading.Lock()


def _strays(out_dir: Path, prefix: str) -> list[Path]:
    """The temp files (`.*.tmp`) in `out_dir` whose names start with `prefix`, taken from
    one listing of the folder per process: an archive folder of 30,000 files took 39 ms to
    list, once per article.  Files an interrupted run left behind are found (they are there
    before this process starts); a temp file of another article in flight is never taken,
    since only the article whose lock is held asks for its own.  Probes (which live for
    microseconds) older than a minute are removed while listing: a newer one is another
    run's, or thread's, in flight."""
    with _STRAYS_LOCK:
        listed = _STRAYS.get(out_dir)
        if listed is None:
            listed = _STRAYS[out_dir] = []
            stale = time.time() - 60
            with os.scandir(out_dir) as entries:
                for entry in entries:
                    name = entry.name
                    if not (name.startswith(".") and name.endswith(".tmp")):
                        continue
                    if not name.startswith(".writer-probe."):
                        listed.append(Path(entry.path))
                        continue
                    try:
                        if entry.stat().st_mtime < stale:
                            os.unlink(entry.path)
                    except FileNotFoundError:
                        continue
        mine = [p for p in listed if p.name.startswith(prefix)]
        listed[:] = [p for p in listed if not p.name.startswith(prefix)]
        return mine


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(
    out_dir: Path, stem: str, files: Mapping[str, str | bytes], remove: tuple[Path, ...] = ()
) -> None:
    """Write `files` (name -> text, or bytes for an image) into `out_dir` as one set (see
    the module docstring) and then delete `remove`; call with the lock held."""
    stage = _staging(out_dir, stem)
    if stage.exists():
        shutil.rmtree(stage)
    blobs = {n: c if isinstance(c, bytes) else c.encode("utf-8") for n, c in files.items()}
    # the whole set must fit before any of it is staged: a full disk gets nothing half-written
    probe_writable(out_dir, set_bytes(out_dir, [len(b) for b in blobs.values()]))
    stage.mkdir(parents=True)
    try:
        for name, data in blobs.items():
            with open(stage / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        write_atomic(stage / COMMITTED, "\n".join(files) + "\n")
        _fsync_dir(stage)
    except OSError:
        shutil.rmtree(stage, ignore_errors=True)  # nothing was replaced; nothing is left
        raise
    for name in files:
        os.replace(stage / name, out_dir / name)
    _fsync_dir(out_dir)
    shutil.rmtree(stage)
    for path in remove:
        path.unlink(missing_ok=True)
