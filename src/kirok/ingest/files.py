"""From what the user typed (paths, folders, globs) to checked, decoded report files.

Every check raises BadInputError with a one-line reason, so a batch can report the
file by name and carry on with the rest.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

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
    flags: tuple[str, ...] = ()


CHARSET_GUESSED = "charset_guessed"


@dataclass(frozen=True)
class Skipped:
    """A file a folder holds that Kirok did not read, and why."""

    path: Path
    reason: str


def expand(inputs: Sequence[str], follow_links: bool = False) -> list[Path]:
    """Files named directly, every report file under a folder, and glob matches, in order
    and without repeats. A name that matches nothing is still returned, so that reading
    it reports "no such file" against the name the user typed."""
    return [p for p in expand_all(inputs, follow_links) if isinstance(p, Path)]


def expand_all(inputs: Sequence[str], follow_links: bool = False) -> list[Path | Skipped]:
    """`expand`, with what a folder walk skipped (and why) in its place."""
    seen: set[Path] = set()
    out: list[Path | Skipped] = []
    for item in inputs:
        for path in _expand_one(item, follow_links):
            key = path.absolute() if isinstance(path, Path) else path.path.absolute()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _expand_one(item: str, follow_links: bool) -> Iterable[Path | Skipped]:
    path = Path(item).expanduser()
    if path.is_dir():
        return _walk(path, follow_links)
    if not path.exists() and glob.has_magic(item):
        matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
        return [m for p in matches for m in (_walk(p, follow_links) if p.is_dir() else [p])]
    return [path]


def _walk(folder: Path, follow_links: bool) -> list[Path | Skipped]:
    # Only report files: a folder of reports often also holds notes, JSON, images. Broken
    # links and folders with a report's name are kept, so that reading reports them.
    root = Path(os.path.realpath(folder))
    found = list(_walk_from(folder, root, follow_links, {root}))
    return sorted(found, key=lambda p: str(p if isinstance(p, Path) else p.path))


def _walk_from(
    folder: Path, root: Path, follow_links: bool, visited: set[Path]
) -> Iterator[Path | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(folder, f"unreadable folder: {exc.strerror or exc.__class__.__name__}")
        return
    for entry in entries:
        path = Path(entry.path)
        report_name = path.suffix.lower() in SUFFIXES
        if entry.is_symlink():
            target = _link_target(path)
            if isinstance(target, str):
                if report_name or target != "broken":
                    yield path if target == "broken" else Skipped(path, target)
                continue
            outside = not target.is_relative_to(root)
            if target.is_dir():
                if not follow_links:
                    yield Skipped(path, "a link to a folder, not followed (use --follow-links)")
                elif target in visited:
                    yield Skipped(path, "symbolic link loop (links back to a folder above it)")
                else:
                    yield from _walk_from(path, root, follow_links, visited | {target})
            elif report_name:
                if outside and not follow_links:
                    yield Skipped(path, "links outside the folder, not followed "
                                  "(use --follow-links)")
                else:
                    yield path
        elif entry.is_dir(follow_symlinks=False):
            if report_name:
                yield path  # reported as a folder with a report file's name
            real = Path(os.path.realpath(path))
            yield from _walk_from(path, root, follow_links, visited | {real})
        elif report_name:
            yield path


def _link_target(path: Path) -> Path | str:
    """The resolved target of a link, or "broken", or why it cannot be resolved."""
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        return "broken"
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop"
        return f"unreadable link: {exc.strerror or exc.__class__.__name__}"


def display_name(name: str | Path) -> str:
    """A file name safe to print and store: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


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
    text, flags = decode_flagged(data, fmt)
    return RawFile(path=path, data=data, text=text, format=fmt, flags=flags)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInputError(
            "unreadable: broken symbolic link" if path.is_symlink() else "no such file"
        ) from None
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise BadInputError("unreadable: symbolic link loop") from exc
        raise BadInputError(f"unreadable: {exc.strerror or exc.__class__.__name__}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise BadInputError("unreadable: is a folder with a report file's name")
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"not a regular file ({_kind(info.st_mode)}); Kirok reads only "
                            "regular files")
    check_size(info.st_size)
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise BadInputError("not a regular file; Kirok reads only regular files")
            # The cap holds while reading too: a file may grow after it was measured.
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadInputError(f"unreadable: {exc.strerror or exc.__class__.__name__}") from exc
    if len(data) > MAX_BYTES:
        raise BadInputError(
            f"too large: more than {MAX_BYTES // 1_048_576} MB (the limit is "
            f"{MAX_BYTES // 1_048_576} MB)"
        )
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise BadInputError(
            f"too large: {size / 1_048_576:.1f} MB (the limit is {MAX_BYTES // 1_048_576} MB)"
        )


def decode(data: bytes, fmt: str, charset: str | None = None) -> str:
    return decode_flagged(data, fmt, charset)[0]


def decode_flagged(
    data: bytes, fmt: str, charset: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """UTF-8 text (a BOM is allowed), or the charset an HTML page or server declares.
    Plain text in anything else is refused with the reason, never guessed; an HTML page
    whose declared charset is wrong is detected (charset-normalizer) and flagged."""
    if not data.strip():
        raise BadInputError("empty file")
    if data.startswith(_UTF16_BOMS):
        raise BadInputError("UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        if _bomless_utf16(data):
            raise BadInputError("UTF-16 encoded (without a byte order mark); save it as UTF-8")
        raise BadInputError("binary file (contains NUL bytes), not a text report")
    declared = charset or (declared_charset(data) if fmt == "html" else None)
    encoding = "utf-8-sig" if declared is None or _is_utf8(declared) else declared
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise BadInputError(f"declares an unknown character set {declared!r}") from exc
    except UnicodeDecodeError as exc:
        guessed = _detect(data) if fmt == "html" else None
        if guessed is not None:
            return guessed, (CHARSET_GUESSED,)
        byte = data[exc.start : exc.start + 1].hex().upper()
        name = "UTF-8" if encoding == "utf-8-sig" else declared
        raise BadInputError(
            f"not valid {name} text (byte 0x{byte} at position {exc.start}); re-save it as UTF-8"
        ) from exc
    if not text.strip():
        raise BadInputError("empty file")
    return text, ()


def _detect(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    text = str(best) if best is not None else None
    return text if text and text.strip() else None


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _is_utf8(name: str) -> bool:
    return name.lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig"}


def _bomless_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a byte order mark: it decodes, and reads as text."""
    if len(data) % 2:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(text) >= 8 and sum(map(_plain, text)) / len(text) > 0.95:
            return True
    return False


def _plain(char: str) -> bool:
    """A character a report's text is made of: Latin, Hangul, common punctuation."""
    code = ord(char)
    return (char.isspace() or 0x20 <= code < 0x7F or 0xA0 <= code <= 0x17F
            or 0xAC00 <= code <= 0xD7A3 or 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F)
