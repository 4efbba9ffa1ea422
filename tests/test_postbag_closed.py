"""Closing the postbag, and looking for answered letters before sending (issue 19).

Editors close the ask form with a notice; readers see it instead of the form, a letter
sent from a page opened before closing comes back to copy and is never stored; reopening
is one switch. Before sending, a reader can find published letters like theirs, with or
without JavaScript, and what they typed to look is kept nowhere.
"""

import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from advice.models import Letter, PostbagStatus
from advice.postbag_status import DEFAULT_NOTICE, switch_postbag
from postbag.versioning import VERSION_KEY
from tests import factories
from tests.live import Visitor, form_fields, gunicorn, seeded_database
from tests.support import LETTER, ask_data, cached_text, database_text, send

pytestmark = pytest.mark.django_db

NOTICE = "We're reading the letters we have; the postbag opens again on **3 February**."


def close(**changes):
    fields = {"notice": NOTICE, "reopens_on": None, **changes}
    return switch_postbag(closed=True, **fields)


# --- Closed and open ---------------------------------------------------------------------------


def test_the_postbag_is_open_until_an_editor_closes_it(client):
    assert not PostbagStatus.current().is_closed
    html = client.get(reverse("advice:ask")).content.decode()
    assert "Send my letter" in html and "postbag is closed" not in html


def test_a_closed_postbag_shows_its_notice_and_where_to_read_instead(client):
    close(reopens_on=date(2030, 2, 3))
    response = client.get(reverse("advice:ask"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The postbag is closed for now" in html
    assert "the postbag opens again on <strong>3 February</strong>" in html
    assert "Sunday 3 February 2030" in html  # the reopening date, in words
    assert "Send my letter" not in html and 'name="letter"' not in html
    assert reverse("advice:letter_list") in html and reverse("search") in html
    assert reverse("advice:ask_status") in html


def test_an_empty_notice_says_something_kind(client):
    close(notice="")
    html = client.get(reverse("advice:ask")).content.decode()
    assert "the letters we already have" in html and DEFAULT_NOTICE.startswith("We")


def test_a_letter_sent_after_closing_is_not_stored_and_comes_back_to_copy(client):
    close()
    response = send(client, letter=LETTER + " <b>Still here?</b>", sign_off="Patient in Perth")
    html = response.content.decode()
    assert response.status_code == 409
    assert Letter.objects.count() == 0
    assert "Your letter was not sent" in html
    assert "opens again on <strong>3 February</strong>" in html
    assert "my best friend of twenty years has stopped replying" in html
    assert "&lt;b&gt;Still here?&lt;/b&gt;" in html  # shown as typed, never as HTML
    assert 'value="Patient in Perth"' in html
    assert "no-store" in response["Cache-Control"]


def test_reopening_is_one_switch_and_letters_arrive_again(client):
    close()
    assert send(client).status_code == 409
    switch_postbag(closed=False)
    assert "Send my letter" in client.get(reverse("advice:ask")).content.decode()
    assert send(client).status_code == 200
    assert Letter.objects.count() == 1
    assert PostbagStatus.current().notice == NOTICE  # kept for next time


def test_closed_since_is_kept_while_it_stays_closed():
    first = close().closed_at
    assert close(notice="Back soon.").closed_at == first
    assert switch_postbag(closed=False).closed_at is None


def test_the_status_page_and_withdrawal_keep_working_while_closed(client):
    from tests.support import receipt_code

    code = receipt_code(send(client))
    close()
    status = client.post(reverse("advice:ask_status"), {"code": code})
    assert status.status_code == 200 and "postbag is closed" not in status.content.decode()
    client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert Letter.objects.count() == 0


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "postbag-closed",
        }
    }
)
def test_switching_the_postbag_shows_at_once_and_makes_cached_pages_fresh(client):
    client.get(reverse("advice:ask"))
    cache.set(VERSION_KEY, (1, None), timeout=None)
    close()
    assert cache.get(VERSION_KEY)[0] != 1  # every cached page and remembered answer is stale
    assert "postbag is closed" in client.get(reverse("advice:ask")).content.decode()
    switch_postbag(closed=False)
    assert "Send my letter" in client.get(reverse("advice:ask")).content.decode()


# --- The editors' side -------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def test_the_desk_says_when_the_postbag_closed_and_links_to_reopen(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Postbag: open" in html and "Close…" in html
    close()
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Postbag: <strong>closed</strong> since" in html and "Reopen…" in html
    assert reverse("admin:advice_postbagstatus_changelist") in html


def test_an_editor_closes_and_reopens_with_one_tick_box(editor_client):
    assert (
        Group.objects.get(name="Editors")
        .permissions.filter(codename="change_postbagstatus")
        .exists()
    )
    page = editor_client.get(reverse("admin:advice_postbagstatus_changelist"), follow=True)
    assert page.status_code == 200 and "postbag closed" in page.content.decode().lower()
    add = reverse("admin:advice_postbagstatus_add")
    editor_client.post(add, {"is_closed": "on", "notice": NOTICE, "reopens_on": "2030-02-03"})
    assert PostbagStatus.current().is_closed and PostbagStatus.current().closed_at
    change = reverse("admin:advice_postbagstatus_change", args=[1])
    editor_client.post(change, {"notice": NOTICE, "reopens_on": ""})
    assert not PostbagStatus.current().is_closed
    assert (
        editor_client.post(reverse("admin:advice_postbagstatus_delete", args=[1])).status_code
        == 403
    )


# --- Letters like yours ------------------------------------------------------------------------

DRAFT = (
    "Dear Elizabeth, my sister never returns my calls and skipped my wedding. Our mother "
    "says I should let it go, but the silence between us hurts and I miss my sister."
)


@pytest.fixture
def answered():
    like = factories.letter(
        title="My sister stopped speaking to me after my wedding",
        body="My sister skipped my wedding and has not returned my calls since.",
    )
    factories.letter(title="My flatmate eats my food", body="The fridge is a battlefield.")
    return like


def test_find_letters_like_mine_without_javascript_keeps_everything_typed(client, answered):
    data = ask_data(letter=DRAFT, sign_off="Silent in Swansea", email="me@example.org")
    data["action"] = "like"
    response = client.post(reverse("advice:ask"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert Letter.objects.count() == 2  # nothing sent: only the two published ones
    assert answered.get_absolute_url() in html
    assert "My flatmate eats my food" not in html
    assert "the silence between us hurts" in html
    assert 'value="Silent in Swansea"' in html and 'value="me@example.org"' in html
    assert "field__error" not in html  # a step, not a refusal


def test_the_like_endpoint_answers_with_a_fragment(client, answered):
    response = client.post(reverse("advice:ask_like"), {"letter": DRAFT})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert answered.get_absolute_url() in html and "<mark>" in html
    assert "no-store" in response["Cache-Control"]


def test_a_few_words_are_not_enough_to_look(client, answered):
    html = client.post(reverse("advice:ask_like"), {"letter": "Help"}).content.decode()
    assert "Write a few more sentences first" in html


def test_the_like_endpoint_takes_no_get_and_no_text_in_a_url(client):
    assert client.get(reverse("advice:ask_like"), {"letter": DRAFT}).status_code == 405


@override_settings(ASK_LIKE_RATE_LIMIT=(2, 3600))
def test_looking_too_often_is_limited_with_words(client, answered):
    for _ in range(2):
        assert client.post(reverse("advice:ask_like"), {"letter": DRAFT}).status_code == 200
    response = client.post(reverse("advice:ask_like"), {"letter": DRAFT})
    assert response.status_code == 429 and "Retry-After" in response
    assert "please try again in" in response.content.decode()


def test_the_text_looked_with_is_stored_nowhere(client, answered, caplog, django_db_blocker):
    secret = "Zanzibarquetzal"
    caplog.set_level("DEBUG")
    client.post(reverse("advice:ask_like"), {"letter": f"{DRAFT} {secret} {secret}"})
    data = ask_data(letter=f"{DRAFT} {secret}")
    client.post(reverse("advice:ask"), {**data, "action": "like"})
    assert Letter.objects.count() == 2
    assert secret not in caplog.text
    assert secret.lower() not in cached_text().lower()  # Redis or this process's memory
    assert secret.lower() not in database_text().lower()


# --- Through gunicorn ----------------------------------------------------------------------------


def test_gunicorn_refuses_a_letter_once_closed_and_gives_it_back(live_database, tmp_path):
    url, _ = seeded_database(live_database, tmp_path, "import django; django.setup()")
    with gunicorn(url) as server:
        visitor = Visitor(server.url)
        page = visitor.get("/ask/")
        assert "Send my letter" in page.text
        fields = {**form_fields(page.text), **ask_data()}
        fields["shown_at"] = form_fields(page.text)["shown_at"]
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); "
             "from advice.postbag_status import switch_postbag; "
             f"switch_postbag(closed=True, notice={NOTICE!r})"],
            cwd=settings.BASE_DIR,
            env={"DJANGO_DEBUG": "1", "DATABASE_URL": url, "PATH": "/usr/bin:/bin",
                 "DJANGO_SETTINGS_MODULE": "config.settings"},
            check=True,
        )  # fmt: skip
        refused = visitor.post_form("/ask/", fields)
        assert refused.status == 409
        assert "Your letter was not sent" in refused.text
        assert "my best friend of twenty years" in refused.text
        assert "opens again on <strong>3 February</strong>" in refused.text
        assert "best friend" not in server.logs()
    with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
        assert database.execute("SELECT count(*) FROM advice_letter").fetchone() == (0,)
