"""Write a file so that it is either wholly replaced or left as it was, never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from rirtime.errors import RirtimeError

__all__ = ["write_atomic"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(
    path: str, data: bytes, *, force: bool = False, protect: str | None = None
) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, flushed and renamed.

    A symlink is followed (its target is replaced, the link stays); an existing file keeps its
    permissions and is replaced only with `force`; `protect` (the timeline that was read) is
    never written over. On any failure the temporary file is removed and the target is untouched.
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
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target
