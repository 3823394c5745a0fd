"""Which files a batch reads, and the one-line reasons a bad file is refused."""

from __future__ import annotations

import pathlib
from pathlib import Path

import pytest

from kirok.errors import BadInputError
from kirok.ingest import files
from kirok.ingest.files import decode, expand, read_file

REPORT = "Authorities held a criticism session in Musan on the 3rd, a source said.\n"


def reason(path: Path) -> str:
    with pytest.raises(BadInputError) as info:
        read_file(path)
    return str(info.value)


def test_a_folder_yields_its_report_files_and_skips_the_rest(write_report, tmp_path):
    write_report("a.txt", REPORT)
    write_report("sub/b.html", "<html><body><p>x</p></body></html>")
    write_report("c.md", REPORT)
    write_report("notes.json", "{}")
    write_report("photo.jpg", b"\xff\xd8")
    found = [p.name for p in expand([str(tmp_path / "reports")])]
    assert found == ["a.txt", "c.md", "b.html"]


def test_globs_expand_and_repeats_are_read_once(write_report, tmp_path):
    a = write_report("a.txt", REPORT)
    write_report("b.txt", REPORT)
    found = expand([str(tmp_path / "reports" / "*.txt"), str(a)])
    assert [p.name for p in found] == ["a.txt", "b.txt"]


def test_a_name_that_matches_nothing_is_reported_as_missing(tmp_path):
    (missing,) = expand([str(tmp_path / "nope.txt")])
    assert reason(missing) == "no such file"


def test_a_good_utf8_file_is_read_whole(write_report):
    raw = read_file(write_report("ok.txt", REPORT))
    assert raw.text == REPORT and raw.format == "txt" and raw.data == REPORT.encode()


def test_a_utf8_byte_order_mark_is_accepted(write_report):
    raw = read_file(write_report("bom.txt", b"\xef\xbb\xbf" + REPORT.encode()))
    assert raw.text == REPORT


def test_binary_files_are_refused(write_report):
    assert "binary" in reason(write_report("x.txt", b"PK\x03\x04\x00\x00binary"))


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_files_are_refused(write_report, content):
    assert reason(write_report("empty.txt", content)) == "empty file"


def test_oversize_files_are_refused_before_reading(write_report, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    message = reason(write_report("big.txt", "word " * 50))
    assert message.startswith("too large") and "limit" in message


def test_latin1_text_is_refused_not_guessed(write_report):
    message = reason(write_report("latin.txt", "Ch\xf6ngjin caf\xe9 report".encode("latin-1")))
    assert "not valid UTF-8" in message and "0xF6" in message


def test_utf16_text_is_refused_with_the_fix(write_report):
    assert "UTF-16" in reason(write_report("u16.txt", "report".encode("utf-16")))


def test_html_declaring_its_charset_is_decoded_with_it(write_report):
    page = '<html><head><meta charset="euc-kr"></head><body><p>회령 보고</p></body></html>'
    raw = read_file(write_report("kr.html", page.encode("euc-kr")))
    assert "회령 보고" in raw.text


def test_unsupported_file_types_are_refused(write_report):
    assert "unsupported file type .pdf" in reason(write_report("x.pdf", b"%PDF-1.4"))


def test_a_broken_symlink_is_unreadable(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "does-not-exist.txt")
    assert expand([str(tmp_path)]) == [link]
    assert "unreadable" in reason(link)


def test_a_folder_named_like_a_report_is_unreadable(tmp_path):
    folder = tmp_path / "odd.txt"
    folder.mkdir()
    assert "unreadable" in reason(folder)


def test_a_file_without_permission_is_unreadable(write_report, monkeypatch):
    # chmod 000 does not stop root, so the refusal is simulated at the open() call.
    path = write_report("locked.txt", REPORT)
    real_open = pathlib.Path.open

    def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", deny)
    assert reason(path) == "unreadable: Permission denied"


def test_decode_refuses_an_unknown_declared_charset():
    with pytest.raises(BadInputError, match="unknown character set"):
        decode(b"<meta charset='klingon'><p>x</p>", "html")
