"""Write a file so that it is either wholly replaced or left as it was, never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from rirtime.errors import RirtimeError

__all__ = ["write_atomic"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _open_anonymous(folder: Path, mode: int) -> int | None:
    """A file in `folder` with no name yet (Linux O_TMPFILE), or None where that is not had.

    Until it is linked, a crash or a kill leaves nothing behind: the kernel drops it."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, mode)
    except OSError:  # a filesystem without O_TMPFILE support
        return None


def _fill(fd: int, data: bytes, mode: int) -> None:
    """Write all of `data` to `fd` with the target's mode, and wait until it is on disk."""
    os.fchmod(fd, mode)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _remove_leftovers(folder: Path, name: str) -> None:
    """Temporary files an earlier, killed rirtime left for this target: their process is gone."""
    for leftover in folder.glob(f".{name}.*.rirtime-tmp"):
        pid = leftover.name[len(name) + 2 : -len(".rirtime-tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                leftover.unlink()
        except OSError:
            pass  # alive, or not ours to judge


def write_atomic(
    path: str, data: bytes, *, force: bool = False, protect: str | None = None
) -> Path:
    """Write `data` to `path`: into a new file in the same folder, flushed to disk, then renamed
    over the target in one step.

    A symlink is followed (its target is replaced, the link stays); an existing file keeps its
    permissions and is replaced only with `force`; `protect` (the timeline that was read) is
    never written over. On any failure, Ctrl-C included, nothing is left behind and the target
    is untouched. Where Linux allows it (O_TMPFILE and a /proc that can link), the new file has
    no name until its content is on disk, so not even a kill leaves a partial file; elsewhere a
    kill can leave a `.NAME.PID.rirtime-tmp` file, which the next write to NAME removes.
    """
    target = Path(os.path.realpath(path))
    if protect is not None and _same_file(target, Path(protect)):
        raise RirtimeError(f"{path}: refusing to write over the timeline file that was read")
    if target.is_dir():
        raise RirtimeError(f"{path}: is a directory")
    exists = target.exists()
    if exists and not force:
        raise RirtimeError(f"{path}: already exists; add --force to replace it")
    if exists:
        mode = stat.S_IMODE(target.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = target.parent
    if not folder.is_dir():
        raise RirtimeError(f"{path}: no such folder {str(folder)!r}")

    _remove_leftovers(folder, target.name)
    temp = folder / f".{target.name}.{os.getpid()}.rirtime-tmp"
    named = False
    fd: int | None = None
    try:
        fd = _open_anonymous(folder, mode)
        if fd is not None:
            _fill(fd, data, mode)
            try:
                os.link(f"/proc/self/fd/{fd}", temp)  # now, and only now, it has a name
                named = True
            except OSError:  # a /proc that cannot link (some sandboxes): write it again, named
                os.close(fd)
                fd = None
        if fd is None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            named = True
            _fill(fd, data, mode)
        os.close(fd)
        fd = None
        os.replace(temp, target)
        named = False
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        if named:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return target
