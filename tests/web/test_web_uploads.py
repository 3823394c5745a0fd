"""Uploads are refused early: a declared size past the ceiling before any byte of the body
is read, a body that grows past it while streaming as soon as it does; a file past the
ingest limit is reported at its true size."""

from __future__ import annotations

import select
import socket
from urllib.parse import urlsplit

import pytest
from conftest import form_token
from fastapi.testclient import TestClient

from kirok.web import uploads


def _head(base: str, token: str, extra: str) -> bytes:
    host = urlsplit(base).netloc
    return (
        f"POST /reports/upload HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\n"
        f"x-kirok-token: {token}\r\nCookie: {{cookie}}\r\n"
        f"Content-Type: multipart/form-data; boundary=XX\r\n{extra}\r\n"
    ).encode()


def _session(base: str) -> tuple[str, str]:
    import httpx

    with httpx.Client(base_url=base) as http:
        page = http.get("/reports")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    return token, cookie


def _answer(sock: socket.socket) -> str:
    sock.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode("latin-1")


def test_a_declared_300_mb_upload_is_refused_before_its_body_is_sent(live_server: str) -> None:
    token, cookie = _session(live_server)
    head = _head(live_server, token, f"Content-Length: {300 * 1_048_576}\r\n")
    host, port = urlsplit(live_server).hostname, urlsplit(live_server).port
    with socket.create_connection((host, port)) as sock:
        sock.sendall(head.replace(b"{cookie}", cookie.encode()))
        answer = _answer(sock)  # not one byte of the body was sent
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "content-security-policy" in answer.lower()


def test_a_streamed_upload_is_cut_off_at_the_ceiling(
    live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "REQUEST_LIMIT", 1_048_576)
    token, cookie = _session(live_server)
    head = _head(live_server, token, "Transfer-Encoding: chunked\r\n")
    host, port = urlsplit(live_server).hostname, urlsplit(live_server).port
    chunk = b"x" * 65536
    sent = 0
    with socket.create_connection((host, port)) as sock:
        sock.sendall(head.replace(b"{cookie}", cookie.encode()))
        part = b'--XX\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
        sock.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        try:
            # Far past the ceiling, unless the server answers first (as it must).
            while sent < 50 * 1_048_576 and not select.select([sock], [], [], 0)[0]:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed the connection
        answer = _answer(sock)
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert sent < 20 * 1_048_576


def test_a_file_past_the_limit_is_reported_at_its_true_size(client: TestClient) -> None:
    data = b"A long line of our own words.\n" * 902_000  # 25.8 MB
    response = client.post(
        "/reports/upload", files=[("files", ("big.txt", data, "text/plain"))],
        data={"csrf_token": form_token(client)},
    )
    assert response.status_code == 422
    assert "too large: 25.8 MB" in response.text


def test_the_ceiling_is_explained(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "REQUEST_LIMIT", 1000)
    response = client.post(
        "/reports/upload", files=[("files", ("note.txt", b"x" * 5000, "text/plain"))],
    )
    assert response.status_code == 413 and "at most" in response.text
    assert client.get("/api/reports").json()["total"] == 4
