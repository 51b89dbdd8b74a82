"""Writing an output file the way a user expects: ``-`` is stdout, symlinks are followed, FIFOs and
devices are written to directly, and a regular file is replaced atomically with its mode kept."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from refs.errors import InputError


def write_output(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` (``-``: stdout) so that a reader never sees half a file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(os.path.realpath(path))  # through symlinks: the link stays, its target is written
    try:
        mode = target.stat().st_mode if target.exists() else None
        if mode is not None and stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory")
        if mode is not None and not stat.S_ISREG(mode):
            # A FIFO, a terminal, /dev/stdout...: not something to replace.
            with open(target, "wb") as stream:
                stream.write(data)
            return
        _replace(target, data, None if mode is None else stat.S_IMODE(mode))
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror})") from None


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    """Write a temporary file beside ``target``, then rename it over; the old mode is kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.",
                                     delete=False) as handle:
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            os.unlink(handle.name)
            raise
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # as a plain open() would have made it
    os.chmod(handle.name, mode)
    os.replace(handle.name, target)
