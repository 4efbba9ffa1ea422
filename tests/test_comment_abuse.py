"""Comments the way the world sends them: double clicks over real sockets, a rate limit
shared by every worker, and no trace of the commenter's address anywhere afterwards."""

import io
import logging
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests import factories
from tests.live import Visitor, at_once, form_fields, gunicorn
from tests.support import CODE, COMMENT, cached_text, comment_data, comment_url

ADDRESS = "203.0.113.78"
RACE_SLUG = "a-letter-for-double-clicks"
# A published letter in the live servers' SQLite file, made through the ORM in a subprocess.
CREATE_LETTER = (
    "from django.utils import timezone; from advice.models import Letter; "
    "Letter.objects.get_or_create(slug='a-letter-for-double-clicks', defaults=dict("
    "title='A letter for double clicks', original_text='Dear Elizabeth, a test.', "
    "body='Dear Elizabeth, a test.', status='published', published_at=timezone.now()))"
)


@pytest.mark.django_db
def test_no_trace_of_the_commenters_address_after_commenting(caplog, settings):
    caplog.set_level(logging.DEBUG)
    settings.COMMENT_RATE_LIMIT = (3, 3600)  # the duplicate counts; the refused one doesn't
    letter = factories.letter()
    reader = Client(REMOTE_ADDR=ADDRESS)
    sent = reader.post(comment_url(letter), comment_data())
    code = CODE.search(sent.content.decode()).group(0)
    reader.post(comment_url(letter), comment_data())  # duplicate
    reader.post(comment_url(letter), comment_data(text="short"))  # refused
    reader.post(comment_url(letter), comment_data(text=COMMENT + " Two."))
    assert reader.post(comment_url(letter), comment_data(text=COMMENT + " 3")).status_code == 429
    reader.post(reverse("comments:delete"), {"code": "AAAA-AAAA-AAAA-AAAA"})
    reader.post(reverse("comments:delete"), {"code": code})
    assert Comment.objects.count() == 2
    assert set(reader.cookies) <= {"csrftoken"}  # no cookie but CSRF's

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "Jo in Jarrow" in dump.getvalue()  # the dump does hold the comments
    for secret in (ADDRESS, code):
        assert secret not in dump.getvalue()
        assert secret not in caplog.text
        assert secret not in cached_text()


@pytest.fixture
def race_database(live_database, tmp_path):
    """A copy of the live servers' SQLite file with one published letter to comment on (a
    copy: other tests count what the shared file holds)."""
    path = tmp_path / "db.sqlite3"
    shutil.copy(live_database.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    add_race_letter(url)
    return url


def add_race_letter(database_url):
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CREATE_LETTER],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
    )


def comment_twice_at_once(url, text, source="127.0.0.1"):
    """A reader double-clicks "Send my comment": the two answers."""
    reader = Visitor(url, source)
    path = f"/comments/letter/{RACE_SLUG}/"
    fields = {**comment_data(text=text), **form_fields(reader.get(path).text)}
    visitors = [Visitor(url, source), Visitor(url, source)]
    for visitor in visitors:
        visitor.cookies = dict(reader.cookies)
    return at_once([lambda v=visitor: v.post_form(path, fields) for visitor in visitors])


def count_comments(database_url, text):
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as database:
        query = "SELECT count(*) FROM comments_comment WHERE text = ?"
        return database.execute(query, [text]).fetchone()[0]


def test_a_double_click_stores_one_comment_under_gunicorn(race_database):
    env = {"ASK_MIN_SECONDS": "0", "COMMENT_RATE_LIMIT": "100/h"}
    with gunicorn(race_database, env=env, threads=4) as app:
        for attempt in range(3):  # three chances for the race to show itself
            text = f"{COMMENT} (Double click {attempt}.)"
            answers = comment_twice_at_once(app.url, text, "127.0.0.5")
            assert sorted(a.status for a in answers) == [200, 200]
            # Both answers show the one code: the browser shows whichever came last.
            codes = {CODE.search(a.text).group(0) for a in answers if CODE.search(a.text)}
            assert len(codes) == 1 and all(CODE.search(a.text) for a in answers)
            assert not any("already with us" in a.text for a in answers)
            assert count_comments(race_database, text) == 1
        logs = app.logs()
    assert "POST /comments/letter/" in logs and "127.0.0.5" not in logs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_stores_one_comment_on_postgresql(live_server, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("in-memory SQLite shares one connection between the live server's threads")
    settings.ASK_MIN_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = (100, 3600)
    factories.letter(title="A letter for double clicks", slug=RACE_SLUG)
    for attempt in range(3):
        text = f"{COMMENT} (Double click {attempt}.)"
        answers = comment_twice_at_once(live_server.url, text)
        codes = {CODE.search(a.text).group(0) for a in answers if CODE.search(a.text)}
        assert len(codes) == 1 and all(CODE.search(a.text) for a in answers)
        assert Comment.objects.filter(text=text).count() == 1
        # The code shown deletes the comment stored (its hash is the one kept).
        assert services.find_comment_by_code(codes.pop()) == Comment.objects.get(text=text)


def test_the_rate_limit_holds_across_workers_sharing_the_cache(race_database):
    """Two gunicorn workers count one reader together: through Redis when the run has it
    (REDIS_URL, as in production), else one worker with its own memory."""
    env = {"ASK_MIN_SECONDS": "0", "COMMENT_RATE_LIMIT": "3/h"}
    workers = 1
    if settings.REDIS_URL:
        env.update(REDIS_URL=settings.REDIS_URL, CACHE_KEY_PREFIX="comment-limit-test")
        workers = 2
    path = f"/comments/letter/{RACE_SLUG}/"
    with gunicorn(race_database, env=env, workers=workers, threads=2) as app:
        statuses = []
        for n in range(5):  # each on a new connection: either worker may answer
            reader = Visitor(app.url, "127.0.0.9")
            fields = {
                **comment_data(text=f"{COMMENT} (limit {n})"),
                **form_fields(reader.get(path).text),
            }
            answer = reader.post_form(path, fields)
            statuses.append(answer.status)
        assert statuses == [200, 200, 200, 429, 429]
        assert "(limit 4)" in answer.text and "Retry-After" in answer.headers
