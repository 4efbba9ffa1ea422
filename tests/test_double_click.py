"""A double click stores one letter and shows its receipt code on every answer: two sends
of the same form at the same moment.

Real requests over real sockets, each with its own connection and transaction: to
pytest-django's threaded live server on PostgreSQL (the test database), and to gunicorn
on a SQLite file (pytest-django's SQLite test database lives in memory, where the live
server's threads would share one connection and so one transaction).
"""

import sqlite3

import pytest

from advice.models import Letter
from tests.live import Visitor, at_once, form_fields, gunicorn
from tests.support import CODE, ask_data

# Serialized rollback, like every live-server test: the flush after a transactional test
# must bring back what migrations wrote (the Editors group) for the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send_at_once(url, fields, cookies):
    """POST the same ask form twice at the same moment, as a double click does."""
    visitors = [Visitor(url), Visitor(url)]
    for visitor in visitors:
        visitor.cookies = dict(cookies)
    return at_once([lambda v=visitor: v.post_form("/ask/", fields) for visitor in visitors])


def send_twice_at_once_then_withdraw(url, attempt):
    """A reader double-clicks "Send", then withdraws with the code shown; the answers."""
    reader = Visitor(url)
    page = reader.get("/ask/")
    fields = {
        **ask_data(letter=f"{ask_data()['letter']} (Attempt {attempt}.)"),
        **form_fields(page.text),
    }
    answers = send_at_once(url, fields, reader.cookies)
    assert sorted(a.status for a in answers) == [200, 200]
    # Every answer shows the one code: the browser shows the last one to arrive.
    codes = {CODE.search(a.text).group(0) for a in answers if CODE.search(a.text)}
    assert len(codes) == 1 and all(CODE.search(a.text) for a in answers), "the same code"
    assert not any("already with us" in a.text for a in answers)
    codes = sorted(codes)
    status = reader.get("/ask/status/")
    token = form_fields(status.text)["csrfmiddlewaretoken"]
    withdrawn = reader.post_form(
        "/ask/status/",
        {"csrfmiddlewaretoken": token, "code": codes[0], "action": "withdraw-confirmed"},
    )
    assert withdrawn.status == 200


def test_two_sends_at_once_store_one_letter_on_postgresql(live_server, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("in-memory SQLite shares one connection between the live server's threads")
    settings.ASK_MIN_SECONDS = 0
    settings.ASK_RATE_LIMIT = (100, 3600)
    for attempt in range(3):  # three chances for the race to show itself
        send_twice_at_once_then_withdraw(live_server.url, attempt)
        # Withdrawing with the one code the reader saw leaves nothing behind.
        assert Letter.objects.count() == 0


def test_two_sends_at_once_store_one_letter_under_gunicorn_on_sqlite(live_database):
    with gunicorn(
        live_database, env={"ASK_MIN_SECONDS": "0", "ASK_RATE_LIMIT": "100/h"}, threads=4
    ) as app:
        for attempt in range(3):
            send_twice_at_once_then_withdraw(app.url, f"gunicorn {attempt}")
    path = live_database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as database:
        left = database.execute(
            "SELECT count(*) FROM advice_letter WHERE original_text LIKE '%(Attempt gunicorn%'"
        ).fetchone()[0]
    assert left == 0
