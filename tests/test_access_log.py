"""gunicorn's access log, written by the repository's gunicorn.conf.py (its logger_class,
postbag.log_privacy): no secret link in it, and nothing a client sends can forge a line.

Through a real gunicorn, with requests sent as raw bytes where a polite client (urllib,
http.client) would refuse to send them."""

import socket

from django.core import signing

from tests.live import gunicorn

SECRET = "a-reader-s-key-0123456789"


def raw_request(port, request_line, *, agent=b"test-agent"):
    """Send one HTTP/1.1 request exactly as given (bytes), read and return the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            request_line + b"\r\nHost: 127.0.0.1\r\nUser-Agent: " + agent
            + b"\r\nConnection: close\r\n\r\n"
        )  # fmt: skip
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_newsletter_link_tokens_never_reach_the_access_log(live_database):
    confirm = signing.dumps(SECRET, salt="newsletter.confirm")
    leave = signing.dumps(SECRET, salt="newsletter.unsubscribe")
    with gunicorn(live_database) as app:
        for path in (
            f"/newsletter/confirm/{confirm}/",
            f"/newsletter/unsubscribe/{leave}/",
            f"/newsletter/unsubscribe/{leave}",  # no slash: redirected, logged all the same
            f"/newsletter/Unsubscribe/{leave}/?utm=x",
        ):
            raw_request(app.port, f"GET {path} HTTP/1.1".encode())
        raw_request(app.port, f"POST /newsletter/unsubscribe/{leave}/ HTTP/1.1".encode())
        log = app.access_log.read_text()
    for token in (confirm, leave, leave.split(":")[0]):
        assert token not in log
    assert log.count("/newsletter/unsubscribe/<redacted>/") == 2
    assert '"POST /newsletter/unsubscribe/<redacted>/ HTTP/1.1"' in log
    assert "/newsletter/confirm/<redacted>/" in log


def test_no_request_can_write_a_line_or_a_control_character_into_the_access_log(
    live_database,
):
    forged = b"/x%0A%22GET%20/admin/secret/%20HTTP/1.1%22%20200%200%201ms%20%22-%22"
    with gunicorn(live_database) as app:
        raw_request(app.port, b"GET " + forged + b" HTTP/1.1")
        raw_request(app.port, b"GET /nul%00here%0D%1B[2J HTTP/1.1")
        raw_request(app.port, b"GET /sep%E2%80%A8line%E2%80%AEtxt.exe HTTP/1.1")
        raw_request(
            app.port, b"GET /b%C3%BCcher HTTP/1.1", agent=b"Agent\t\xe2\x80\xa8caf\xc3\xa9 \\x0a"
        )
        raw_request(app.port, b"GET /back%5Cx0aslash HTTP/1.1")
        log = app.access_log.read_bytes().decode("utf-8")
    lines = log.splitlines()
    # One line per request, each as the format makes it: none made up by a client.
    assert all(line.startswith('"GET /') or line.startswith('"HEAD /') for line in lines)
    assert not any(line.startswith('"GET /admin/') for line in lines)
    assert '"GET /x\\x0a\\"GET /admin/secret/ HTTP/1.1\\" 200 0 1ms \\"-\\" HTTP/1.1"' in log
    assert "\x00" not in log and "\x1b" not in log and "\r" not in log and "\x7f" not in log
    assert "/nul\\x00here\\x0d\\x1b[2J" in log
    assert "/sep\\u2028line\\u202etxt.exe" in log  # no line separator, no right-to-left trick
    assert '"Agent\\x09\\u2028café \\x5cx0a"' in log  # a tab, a separator, a backslash
    assert "/bücher" in log  # readable, not "/bÃ¼cher"
    assert "/back\\x5cx0aslash" in log  # a backslash the client sent can't pass for an escape
