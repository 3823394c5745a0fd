"""From what the user typed (paths, folders, globs) to checked, decoded report files.

Every check raises BadInputError with a one-line reason, so a batch can report the
file by name and carry on with the rest.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kirok.errors import BadInputError

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 20 * 1024 * 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class RawFile:
    """A file's original bytes (what the SHA-256 is taken of) and its decoded text."""

    path: Path
    data: bytes
    text: str
    format: str


def expand(inputs: Sequence[str]) -> list[Path]:
    """Files named directly, every report file under a folder, and glob matches, in order
    and without repeats. A name that matches nothing is still returned, so that reading
    it reports "no such file" against the name the user typed."""
    seen: set[Path] = set()
    out: list[Path] = []
    for item in inputs:
        for path in _expand_one(item):
            key = path.absolute()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _expand_one(item: str) -> Iterable[Path]:
    path = Path(item).expanduser()
    if path.is_dir():
        return _walk(path)
    if not path.exists() and glob.has_magic(item):
        matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
        return [m for p in matches for m in (_walk(p) if p.is_dir() else [p])]
    return [path]


def _walk(folder: Path) -> list[Path]:
    # Only report files: a folder of reports often also holds notes, JSON, images.
    # Broken symlinks are kept so that they are reported rather than silently skipped.
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in SUFFIXES and (p.is_file() or p.is_symlink())
    )


def format_of(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(SUFFIXES)
        raise BadInputError(f"unsupported file type {path.suffix or '(none)'}; Kirok reads {known}")
    return fmt


def read_file(path: Path) -> RawFile:
    """The file's bytes and text, after every check a report file must pass."""
    fmt = format_of(path)
    data = _read_bytes(path)
    return RawFile(path=path, data=data, text=decode(data, fmt), format=fmt)


def _read_bytes(path: Path) -> bytes:
    if path.is_symlink() and not path.exists():
        raise BadInputError("unreadable: broken symbolic link")
    if not path.exists():
        raise BadInputError("no such file")
    if path.is_dir():
        raise BadInputError("unreadable: is a folder with a report file's name")
    try:
        size = path.stat().st_size
        check_size(size)
        with path.open("rb") as handle:
            return handle.read()
    except OSError as exc:
        raise BadInputError(f"unreadable: {exc.strerror or exc.__class__.__name__}") from exc


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise BadInputError(
            f"too large: {size / 1_048_576:.1f} MB (the limit is {MAX_BYTES // 1_048_576} MB)"
        )


def decode(data: bytes, fmt: str, charset: str | None = None) -> str:
    """UTF-8 text (a BOM is allowed), or the charset an HTML page or server declares.
    Anything else is refused with the reason, never guessed."""
    if not data.strip():
        raise BadInputError("empty file")
    if data.startswith(_UTF16_BOMS):
        raise BadInputError("UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        raise BadInputError("binary file (contains NUL bytes), not a text report")
    declared = charset or (declared_charset(data) if fmt == "html" else None)
    encoding = "utf-8-sig" if declared is None or _is_utf8(declared) else declared
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise BadInputError(f"declares an unknown character set {declared!r}") from exc
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1].hex().upper()
        name = "UTF-8" if encoding == "utf-8-sig" else declared
        raise BadInputError(
            f"not valid {name} text (byte 0x{byte} at position {exc.start}); re-save it as UTF-8"
        ) from exc
    if not text.strip():
        raise BadInputError("empty file")
    return text


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _is_utf8(name: str) -> bool:
    return name.lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig"}
