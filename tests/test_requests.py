"""Odd requests get a proper answer, never a 500: forms in other charsets, through gunicorn.

Browsers send forms as UTF-8 without a charset; scripts, old devices and hostile clients
declare `latin-1`, `utf8`, `ascii` or anything else. Django refuses those with an error
that became a 500 (gunicorn's bare page, without the security headers).
"""

import re
import sqlite3
from urllib.parse import quote

import pytest

from tests.live import Visitor, form_fields, gunicorn
from tests.support import ask_data

CHARSETS = ["latin-1", "iso-8859-1", "utf8", "UTF-8", "ascii", "utf-16", "cp1252", "nonsense"]
PATHS = ["/", "/letters/", "/ask/", "/ask/status/", "/search/?q=x", "/admin/login/", "/nope/"]


@pytest.fixture(scope="module")
def app(live_database, production_env):
    env = {**production_env, "ASK_MIN_SECONDS": "0", "ASK_RATE_LIMIT": "100/h"}
    with gunicorn(live_database, env=env) as app:
        yield app


@pytest.fixture(scope="module")
def debug_app(live_database):
    with gunicorn(live_database) as app:
        yield app


def post_in(visitor, path, charset):
    return visitor.request(
        "POST",
        path,
        body=b"letter=caf%E9&code=AAAA",
        headers={"Content-Type": f"application/x-www-form-urlencoded; charset={charset}"},
    )


@pytest.mark.parametrize("charset", CHARSETS)
def test_a_form_in_any_charset_is_never_a_500(app, debug_app, charset):
    for path in PATHS:
        answer = post_in(Visitor(app.url), path, charset)
        assert answer.status < 500, (path, answer.status)
        assert answer.headers.get("X-Frame-Options") == "DENY", path
        assert "default-src" in answer.headers.get("Content-Security-Policy", ""), path
        # With debug on, Django's error page used to fail while showing the form's fields.
        assert post_in(Visitor(debug_app.url), path, charset).status < 500, path


def test_a_letter_sent_in_latin_1_arrives_as_written(app, live_database):
    reader = Visitor(app.url)
    fields = {**ask_data(letter=ask_data()["letter"] + " Café, naïve, São Paulo."),
              **form_fields(reader.get("/ask/").text)}  # fmt: skip
    body = "&".join(f"{quote(k, encoding='latin-1')}={quote(v, encoding='latin-1')}"
                    for k, v in fields.items())  # fmt: skip
    answer = reader.request(
        "POST",
        "/ask/",
        body=body.encode("ascii"),
        headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=latin-1",
            "Referer": reader.origin + "/ask/",
        },
    )
    assert answer.status == 200
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", answer.text)
    with sqlite3.connect(live_database.removeprefix("sqlite:///")) as database:
        stored = database.execute(
            "SELECT original_text FROM advice_letter WHERE original_text LIKE '%Paulo.'"
        ).fetchone()
    assert stored[0].endswith("Café, naïve, São Paulo.")
