"""Write a file so that it is either wholly replaced or left as it was, never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from rirtime.errors import RirtimeError

__all__ = ["LOCK_WAIT", "locked", "resolve", "write_atomic"]

_NO_LINK: list[bool] = []  # set when /proc could not link an anonymous file in this process
LOCK_WAIT = 10.0  # seconds that a change waits for another one to the same folder to finish


def _identity(what: str | int) -> tuple[int, int] | None:
    """(device, inode) of a path or an open file descriptor, None when there is none."""
    try:
        st = os.fstat(what) if isinstance(what, int) else os.stat(what)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


_MAX_LINKS = 40  # links followed in one path before giving up, as the kernel does (ELOOP)


def _refuse_planted(path: str, link: str, st: os.stat_result, folder: str) -> None:
    """Refuse to follow `link` where the kernel's protected_symlinks would not: in a sticky,
    world-writable folder (/tmp), a link owned neither by this user nor by the folder's owner
    may have been planted by anyone, to make this process write a file of their choosing."""
    try:
        where = os.stat(folder)
    except OSError:
        return
    shared = where.st_mode & stat.S_ISVTX and where.st_mode & stat.S_IWOTH
    if shared and st.st_uid not in (os.geteuid(), where.st_uid):
        raise RirtimeError(
            f"{path}: {link} is a symlink of another user's (uid {st.st_uid}) in the shared "
            f"folder {folder}; it is not followed (as the kernel's protected_symlinks would not "
            "follow it): write to a path of your own"
        )


def resolve(path: str) -> Path:
    """The file `path` names, its symlinks followed as os.path.realpath follows them, but never
    one that _refuse_planted refuses. A part that does not exist ends the following: the rest
    is taken as written."""
    resolved = "/"
    todo = [p for p in os.path.join(os.getcwd(), path).split("/") if p][::-1]
    links = 0
    while todo:
        name = todo.pop()
        if name == ".":
            continue
        if name == "..":
            resolved = os.path.dirname(resolved)
            continue
        candidate = os.path.join(resolved, name)
        try:
            st = os.lstat(candidate)
        except OSError:  # not there (yet), or not to be looked into: as realpath does
            resolved = candidate
            continue
        if not stat.S_ISLNK(st.st_mode):
            resolved = candidate
            continue
        links += 1
        if links > _MAX_LINKS:
            raise RirtimeError(f"{path}: too many levels of symbolic links")
        _refuse_planted(path, candidate, st, resolved)
        target = os.readlink(candidate)
        if target.startswith("/"):
            resolved = "/"
        todo += [p for p in target.split("/") if p][::-1]
    return Path(resolved)


@contextlib.contextmanager
def locked(path: str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the change lock of the folder that holds `path` (flock on the folder itself, so no
    lock file is ever left behind, and a killed holder releases it): two rirtime processes
    changing files there take turns. After `wait` seconds, give up with a clear error."""
    import fcntl

    folder = os.path.dirname(resolve(path)) or "."
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot open its folder: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RirtimeError(
                        f"{path}: another change is in progress (another rirtime is writing "
                        "in this folder); nothing was written: try again"
                    ) from None
                time.sleep(0.02)
            except OSError:
                break  # a filesystem without locks: the check before the rename still holds
        yield
    finally:
        os.close(fd)  # releases the lock


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


def _fill(fd: int, data: bytes, mode: int, *, durable: bool) -> None:
    """Write all of `data` to `fd` with the target's mode, and (when `durable`) wait until it
    is on disk."""
    os.fchmod(fd, mode)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    if durable:
        os.fsync(fd)


def _read(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


_TEMP_SUFFIX = ".rirtime-tmp"
_NAME_MAX = 255  # bytes in a file name, on Linux and most filesystems
# A temporary file is `.STEM.PID.rirtime-tmp`: what the stem may take, for the longest pid.
_STEM_MAX = _NAME_MAX - len(f"..{2**22}{_TEMP_SUFFIX}")


def _temp_stem(name: str) -> str:
    """The part of a temporary file's name that says whose it is: the target's name, or, when
    that would pass NAME_MAX (a target named with 235 bytes or more), its start and a hash of
    the whole, so two long names that begin alike still have temporary files of their own."""
    if len(os.fsencode(name)) <= _STEM_MAX:
        return name
    from rirtime.files import blake2b

    digest = blake2b(os.fsencode(name), digest_size=4).hexdigest()
    room = _STEM_MAX - len(digest) - 1
    start = ""
    for ch in name:  # whole characters only, as many as fit
        if len(os.fsencode(start + ch)) > room:
            break
        start += ch
    return f"{start}~{digest}"


def _temp_path(folder: Path, name: str) -> Path:
    return folder / f".{_temp_stem(name)}.{os.getpid()}{_TEMP_SUFFIX}"


def _remove_leftovers(folder: Path, name: str) -> None:
    """Temporary files an earlier, killed rirtime left for this target: their process is gone."""
    head = f".{_temp_stem(name)}."
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        pid = entry[len(head) : -len(_TEMP_SUFFIX)]
        if not (entry.startswith(head) and entry.endswith(_TEMP_SUFFIX)) or not pid.isdigit():
            continue
        if int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                (folder / entry).unlink()
        except OSError:
            pass  # alive, or not ours to judge


def _refuse_target(path: str, st: os.stat_result, *, force: bool, read_only_ok: bool) -> None:
    """Refuse what replacing `path` by a rename would do wrong."""
    if stat.S_ISDIR(st.st_mode):
        raise RirtimeError(f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise RirtimeError(
            f"{path}: is not a regular file (a device, a pipe or a socket); rirtime writes "
            "only regular files: write to stdout instead (-o -, or no -o)"
        )
    if not force:
        raise RirtimeError(f"{path}: already exists; add --force to replace it")
    if st.st_nlink > 1:
        raise RirtimeError(
            f"{path}: has {st.st_nlink} names (hard links); replacing it would split them, so "
            "rirtime does not: write to another file and copy it over"
        )
    if not read_only_ok and not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise RirtimeError(f"{path}: is read-only; make it writable first (chmod u+w)")


_SET_ID = stat.S_ISUID | stat.S_ISGID


def _keep_owner(fd: int, st: os.stat_result, mode: int) -> None:
    """Give the new file the old one's owner and group, as far as this process may, and then
    its setuid and setgid bits, which a chown clears: only when both owner and group are the
    old file's, since on a file owned by whoever ran rirtime they would grant someone else's
    rights (the kernel drops them on a chown for that reason)."""
    for uid in (st.st_uid, -1):
        try:
            os.fchown(fd, uid, st.st_gid)
            break
        except OSError:
            continue
    if mode & _SET_ID:
        now = os.fstat(fd)
        if (now.st_uid, now.st_gid) == (st.st_uid, st.st_gid):
            os.fchmod(fd, mode)


_ACCESS = ("system.posix_acl_access", "system.posix_acl_default")  # who may read and write it


def _keep_attributes(fd: int, target: Path, path: str) -> None:
    """Give the new file the old one's extended attributes (an ACL, a user's tags, a security
    label) as far as this process may. An access list that cannot be kept is an error, as the
    file would be readable by others than before; the others are kept where the system allows."""
    if not hasattr(os, "listxattr"):  # not Linux
        return
    try:
        names = os.listxattr(target)
    except OSError:  # a file system without them
        return
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(target, name))
        except OSError as exc:
            if name in _ACCESS:
                raise RirtimeError(
                    f"{path}: cannot keep the file's access control list ({exc.strerror or exc});"
                    " nothing was written"
                ) from None


def _existing_target(
    path: str, target: Path, protect: tuple[str | int, ...], *, force: bool, read_only_ok: bool
) -> os.stat_result | None:
    """The status of the file `path` resolves to (None when there is none yet), once it is
    known that it may be replaced: it is not one of `protect`, and _refuse_target allows it."""
    mine = _identity(str(target))
    if mine is not None and any(_identity(p) == mine for p in protect):
        raise RirtimeError(f"{path}: refusing to write over the timeline file that was read")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise RirtimeError(f"{path}: cannot write: {exc.strerror or exc}") from None
    _refuse_target(path, st, force=force, read_only_ok=read_only_ok)
    return st


def _new_mode(st: os.stat_result | None) -> int:
    """The new file's permissions: the old file's, or what the umask leaves of rw-rw-rw-."""
    if st is not None:
        return stat.S_IMODE(st.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _create(temp: Path, target: Path, path: str) -> None:
    """Give the new file the target's name only if no file has it: a hard link fails where a
    name exists, so a file another process made since the check is never replaced (a rename
    would replace it). Where links cannot be made (some file systems), a rename after one more
    look, which leaves a moment open."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise RirtimeError(
            f"{path}: exists (made while rirtime was working); nothing was written "
            "(--force replaces it)"
        ) from None
    except OSError:  # no hard links here
        if os.path.lexists(target):
            raise RirtimeError(
                f"{path}: exists (made while rirtime was working); nothing was written"
            ) from None
        os.replace(temp, target)
        return
    with contextlib.suppress(OSError):  # written: a name left over goes with the next write
        os.unlink(temp)


def write_atomic(  # noqa: PLR0913 - two positional arguments; each option keyword-only, named
    path: str,
    data: bytes,
    *,
    force: bool = False,
    protect: tuple[str | int, ...] = (),
    expect: bytes | None = None,
    read_only_ok: bool = False,
    durable: bool = True,
) -> Path:
    """Write `data` to `path`: into a new file in the same folder, flushed to disk, then renamed
    over the target in one step.

    A symlink is followed (its target is replaced, the link stays), but not one another user
    planted in a sticky shared folder such as /tmp (see resolve); an existing file keeps its
    permissions (setuid and setgid only when owner and group are kept too), owner, group and
    extended attributes (its ACL above all) and is replaced only with `force`, and never when it is
    read-only (unless `read_only_ok`), has other hard links, or is not a regular file; nothing
    in `protect` (the timeline that was read: a path, or a file descriptor such as stdin's) is
    ever written over. With `expect`, the target must still hold exactly those bytes just
    before the rename (nobody changed it meanwhile), or nothing is written. Without `durable`
    (a cache entry, which can always be made again) the new file is not waited for on disk.

    On any failure, Ctrl-C included, nothing is left behind and the target
    is untouched. Where Linux allows it (O_TMPFILE and a /proc that can link), the new file has
    no name until its content is on disk, so not even a kill leaves a partial file; elsewhere a
    kill can leave a `.NAME.PID.rirtime-tmp` file, which the next write to NAME removes.
    """
    target = resolve(path)
    st = _existing_target(path, target, protect, force=force, read_only_ok=read_only_ok)
    mode = _new_mode(st)
    folder = target.parent
    if not folder.is_dir():
        raise RirtimeError(f"{path}: no such folder {str(folder)!r}")

    _remove_leftovers(folder, target.name)
    temp = _temp_path(folder, target.name)
    named = False
    fd: int | None = None
    try:
        # An anonymous file is worth its cost only for a write that must survive a kill whole;
        # and where /proc could not link one before, it would be written twice for nothing.
        fd = _open_anonymous(folder, mode) if durable and not _NO_LINK else None
        if fd is not None:
            _fill(fd, data, mode, durable=durable)
            try:
                os.link(f"/proc/self/fd/{fd}", temp)  # now, and only now, it has a name
                named = True
            except OSError:  # a /proc that cannot link (some sandboxes): write it again, named
                _NO_LINK.append(True)
                os.close(fd)
                fd = None
        if fd is None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            named = True
            _fill(fd, data, mode, durable=durable)
        if st is not None:
            _keep_owner(fd, st, mode)
            _keep_attributes(fd, target, path)
        os.close(fd)
        fd = None
        if expect is not None and _read(target) != expect:
            raise RirtimeError(f"{path}: changed while rirtime was working; nothing was written")
        if st is None and not force:
            _create(temp, target, path)  # never over a file that appeared meanwhile
        else:
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
