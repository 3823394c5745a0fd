"""Which files a batch reads, and the one-line reasons a bad file is refused."""

from __future__ import annotations

import os
import pathlib
from pathlib import Path

import pytest

from kirok.errors import BadInputError
from kirok.ingest import files
from kirok.ingest.files import Skipped, decode, expand, expand_all, read_file

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


# ------------------------------------------------------------------ special files and links


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert reason(pipe) == "not a regular file (a named pipe); Kirok reads only regular files"


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert "not a regular file (a device)" in reason(link)


def test_the_size_limit_holds_while_reading_a_file_that_grew(write_report, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    monkeypatch.setattr(files, "check_size", lambda size: None)  # measured while still small
    assert reason(write_report("grown.txt", "word " * 50)).startswith("too large")


def test_a_folder_walk_skips_links_out_of_the_folder_and_says_why(write_report, tmp_path):
    outside = write_report("secret.txt", REPORT, folder=tmp_path / "elsewhere")
    inside = write_report("a.txt", REPORT)
    (tmp_path / "reports" / "out.txt").symlink_to(outside)
    found = expand_all([str(tmp_path / "reports")])
    assert found[0] == inside
    assert isinstance(found[1], Skipped) and "outside the folder" in found[1].reason
    assert "--follow-links" in found[1].reason
    assert expand([str(tmp_path / "reports")], follow_links=True)[1].name == "out.txt"


def test_links_to_folders_are_followed_only_when_asked_and_loops_are_reported(
    write_report, tmp_path
):
    write_report("sub/a.txt", REPORT)
    (tmp_path / "reports" / "sub" / "up").symlink_to(tmp_path / "reports")
    (skip,) = [p for p in expand_all([str(tmp_path / "reports")]) if isinstance(p, Skipped)]
    assert "not followed" in skip.reason
    followed = expand_all([str(tmp_path / "reports")], follow_links=True)
    assert any(isinstance(p, Skipped) and "loop" in p.reason for p in followed)


def test_a_link_that_loops_on_itself_is_reported_as_a_loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    found = expand_all([str(tmp_path)])
    assert [s.reason for s in found if isinstance(s, Skipped)] == ["symbolic link loop"] * 2


def test_a_folder_named_like_a_report_inside_a_folder_is_reported(write_report, tmp_path):
    write_report("odd.txt/inner.txt", REPORT)
    found = expand([str(tmp_path / "reports")])
    assert [p.name for p in found] == ["odd.txt", "inner.txt"]
    assert "folder" in reason(found[0])


def test_utf16_without_a_byte_order_mark_is_not_called_binary(write_report):
    message = reason(write_report("u16.txt", "회령 report, a source said".encode("utf-16-le")))
    assert "UTF-16" in message and "binary" not in message


def test_a_file_name_that_is_not_utf8_is_stored_under_a_safe_name(cli, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"caf\xe9.txt")).write_text(REPORT)
    result = cli("ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert "caf\\xe9.txt" in result.output


def test_ingest_says_which_links_it_skipped(cli, write_report, tmp_path):
    outside = write_report("secret.txt", REPORT, folder=tmp_path / "elsewhere")
    write_report("a.txt", REPORT)
    (tmp_path / "reports" / "out.txt").symlink_to(outside)
    result = cli("ingest", str(tmp_path / "reports"))
    assert result.exit_code == 0
    assert "skipped" in result.output and "out.txt" in result.output
    assert "1 stored" in result.output


def test_html_with_a_wrong_declared_charset_is_detected_and_flagged(write_report, cli):
    text = "회령에서 공개재판이 열렸다고 소식통이 전했다. 주민들이 강제로 동원되었다고 한다."
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
    raw = read_file(write_report("wrong.html", page.encode("euc-kr")))
    assert text in raw.text and raw.flags == (files.CHARSET_GUESSED,)
    result = cli("ingest", str(raw.path))
    assert result.exit_code == 0 and "declared character set did not fit" in result.output
