"""Asking stays quick (issue 15): a new letter's suggested themes are worked out once the
reader has the receipt (advice.suggestions.suggest_after_response), and by the editor's
first look at the letter if that work never ran (a worker restarted in between)."""

import secrets
import sqlite3
import time
from contextlib import closing

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice import suggestions
from advice.models import Letter
from tests import factories
from tests.live import Visitor, form_fields, gunicorn, seeded_database
from tests.support import LETTER, receipt_code, send


def friendship():
    """A theme the test LETTER's words resemble, with a published letter filed under it."""
    theme = factories.theme(name="Friendship", description="Friends who stop replying.")
    factories.letter(title="My best friend stopped replying to my messages", themes=[theme])
    return theme


def counting(monkeypatch):
    """Each call of suggest_themes, as the number of queries run before it ({"at": [...]})."""
    calls = {"at": []}
    real = suggestions.suggest_themes

    def suggest_themes(text, **kwargs):
        calls["at"].append(len(connection.queries))
        return real(text, **kwargs)

    monkeypatch.setattr(suggestions, "suggest_themes", suggest_themes)
    return calls


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_suggestions_are_worked_out_after_the_receipt_is_sent(client, monkeypatch):
    # A real commit, so the work is queued (postbag.after_response) and done when the test
    # client closes the response, as a WSGI server does.
    theme = friendship()
    calls = counting(monkeypatch)
    with CaptureQueriesContext(connection) as captured:
        response = send(client, themes=[theme.slug])
    assert receipt_code(response)
    letter = Letter.objects.get(original_text=LETTER)
    assert list(letter.suggested_themes.all()) == [theme]
    # Worked out once, and only after every query of the page: the letter stored and the
    # receipt's "letters like yours" read.
    [started] = calls["at"]
    sql = [query["sql"] for query in captured.captured_queries]
    page = [
        n
        for n, text in enumerate(sql)
        if "shared_themes" in text or text.startswith('INSERT INTO "advice_letter" ')
    ]
    assert len(page) == 2
    assert page and max(page) < started


@pytest.mark.django_db
def test_the_ask_request_itself_runs_no_suggestion_query(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    friendship()
    calls = counting(monkeypatch)
    with django_capture_on_commit_callbacks() as owed:  # committed, but never run
        response = send(client)
    assert receipt_code(response)
    assert calls["at"] == []
    assert Letter.objects.get(original_text=LETTER).suggested_themes.count() == 0
    assert len(owed) == 2  # grouping alike letters (advice.floods), and the suggestions


@pytest.mark.django_db
def test_the_editors_first_look_fills_in_suggestions_that_were_never_worked_out(
    client, editor_client, monkeypatch
):
    theme = friendship()
    send(client)  # its after-response work never runs here: as after a worker restart
    letter = Letter.objects.get(original_text=LETTER)
    assert letter.suggested_themes.count() == 0
    calls = counting(monkeypatch)

    url = reverse("admin:advice_letter_change", args=[letter.pk])
    html = editor_client.get(url).content.decode()
    assert "<legend>Suggested</legend>" in html
    assert "Friendship" in html.split("<legend>Suggested</legend>")[1].split("</fieldset>")[0]
    assert list(letter.suggested_themes.all()) == [theme]  # stored
    editor_client.get(url)
    assert len(calls["at"]) == 1  # once: the second look reads what is stored


SEED = """
import django; django.setup()
from tests import factories
theme = factories.theme(name="Friendship", description="Friends who stop replying.")
factories.letter(title="My best friend stopped replying to my messages", themes=[theme])
print(theme.pk)
"""


def test_under_gunicorn_the_suggestions_are_stored_after_the_response(live_database, tmp_path):
    url, theme_id = seeded_database(live_database, tmp_path, SEED)
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(40), "ASK_MIN_SECONDS": "0"}
    with gunicorn(url, env=env) as app:
        visitor = Visitor(app.url)
        fields = form_fields(visitor.get("/ask/").text)
        fields.update(letter=LETTER, sign_off="Fading in Frome", consent="on")
        answer = visitor.post_form("/ask/", fields, headers={"Origin": app.url})
        assert answer.status == 200, answer.text[:300]
        assert "Please keep this code" in answer.text
        stored = []
        for _ in range(100):  # the worker does it just after the response: wait up to 10 s
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as database:
                stored = database.execute(
                    "SELECT theme_id FROM advice_letter_suggested_themes"
                ).fetchall()
            if stored:
                break
            time.sleep(0.1)
    assert stored == [(int(theme_id),)]
