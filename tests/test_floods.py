"""Hoaxes and floods (advice.floods): incoming letters telling the same story are grouped in
the inbox, and a burst of letters from one connection is flagged, with nothing that names
the connection stored."""

import io
import re
import secrets
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from advice import floods
from advice.models import Letter, LetterLikeness
from advice.services import submit_letter
from postbag.ratelimit import client_fingerprint
from tests.floods_letters import OTHER_SCRIPTS, REWORDED
from tests.live import Visitor, form_fields, gunicorn, seeded_database
from tests.support import ask_data, cached_text

pytestmark = pytest.mark.django_db
DEMO_INBOX = Path(__file__).resolve().parent.parent / "demo" / "content" / "inbox"


def demo_letter(name):
    return (DEMO_INBOX / f"{name}.md").read_text().split("+++", 2)[2].strip()


def arrive(texts, capture):
    """Each text sent as a letter, grouped as after the response: {name: Letter}."""
    letters = {}
    for name, text in texts.items():
        with capture(execute=True):
            letters[name] = submit_letter(text=text, sign_off=name).letter
    return letters


def story(name):
    return name.split("~")[0]


def test_reworded_letters_group_and_other_stories_do_not(django_capture_on_commit_callbacks):
    texts = {name: demo_letter(name) for name in ("pushed-out-in-plymouth", "uptight-in-sheffield")}
    letters = arrive({**texts, **REWORDED, **OTHER_SCRIPTS}, django_capture_on_commit_callbacks)
    alike = {
        (pair.letter.original_sign_off, pair.other.original_sign_off)
        for pair in LetterLikeness.objects.select_related("letter", "other")
    }
    expected = {
        (a, b) for a in letters for b in letters if a != b and story(a) == story(b)
    }  # the Plymouth story three times, Sheffield twice, the Hindi letter twice
    assert alike == expected
    assert ("uptight-in-sheffield", "noisy-flatmate-in-hull") not in alike  # same theme only
    plymouth = letters["pushed-out-in-plymouth"]
    shown = list(floods.letters_like(plymouth))
    assert [letter.original_sign_off for letter in shown] == [
        "pushed-out-in-plymouth~twice",
        "pushed-out-in-plymouth~reworded",
    ]
    assert 0.5 < shown[1].similarity < shown[0].similarity <= 1


def test_a_published_letter_leaves_the_group(django_capture_on_commit_callbacks):
    letters = arrive(
        {"a": demo_letter("uptight-in-sheffield"), "b": REWORDED["uptight-in-sheffield~reworded"]},
        django_capture_on_commit_callbacks,
    )
    assert list(floods.letters_like(letters["a"])) == [letters["b"]]
    Letter.objects.filter(pk=letters["b"].pk).update(status=Letter.Status.SPAM)
    assert list(floods.letters_like(letters["a"])) == []


def test_the_inbox_shows_and_filters_similar_letters(
    admin_client, django_capture_on_commit_callbacks
):
    letters = arrive(
        {
            "Pushed Out in Plymouth": demo_letter("pushed-out-in-plymouth"),
            "Still Pushed Out": REWORDED["pushed-out-in-plymouth~reworded"],
            "Sleepless in Hull": REWORDED["noisy-flatmate-in-hull"],
        },
        django_capture_on_commit_callbacks,
    )
    inbox = admin_client.get(reverse("admin:advice_letter_changelist"), {"similar": "yes"})
    html = inbox.content.decode()
    assert "Like another letter in the postbag" in html
    assert "Pushed Out in Plymouth" in html and "Still Pushed Out" in html
    assert "Sleepless in Hull" not in html
    page = admin_client.get(
        reverse("admin:advice_letter_change", args=[letters["Pushed Out in Plymouth"].pk])
    ).content.decode()
    assert "Letters like this one in the postbag" in page
    assert "% alike · New</li>" in page
    # Each link tells its letter apart (Issue 19, a tester): number, time, opening words.
    links = re.findall(r'<li><a href="/admin/advice/letter/\d+/change/">([^<]*)</a>', page)
    assert links and len(set(links)) == len(links)
    assert all(re.match(r"No\. \d+, received .*\d\d:\d\d:\d\d: “", link) for link in links)
    lonely = admin_client.get(
        reverse("admin:advice_letter_change", args=[letters["Sleepless in Hull"].pk])
    ).content.decode()
    assert "no letter waiting in the postbag tells this story" in lonely


def test_a_burst_through_the_ask_form_is_flagged(admin_client, settings):
    settings.ASK_BURST_LETTERS = 3
    flooder, reader = Client(REMOTE_ADDR="203.0.113.91"), Client(REMOTE_ADDR="203.0.113.92")
    for n in range(3):
        text = f"Dear Elizabeth, this is letter number {n} about my neighbour's hedge growing."
        assert flooder.post(reverse("advice:ask"), ask_data(letter=text)).status_code == 200
    reader.post(reverse("advice:ask"), ask_data())
    burst = Letter.objects.filter(burst_size=3)
    assert burst.count() == 3
    assert len(set(burst.values_list("burst_token", flat=True))) == 1
    assert Letter.objects.get(burst_size__isnull=True).original_sign_off == "Fading in Frome"

    inbox = admin_client.get(reverse("admin:advice_letter_changelist"), {"burst": "yes"})
    assert inbox.content.decode().count("Burst of 3") == 3
    page = admin_client.get(reverse("admin:advice_letter_change", args=[burst.first().pk]))
    assert (
        "One of 3 letters sent within 10 minutes from the same connection" in page.content.decode()
    )
    # Issue 19 (a tester): not "The others: Anonymous, Anonymous", one text for two letters.
    others = re.findall(r'<a href="/admin/advice/letter/\d+/change/">([^<]*)</a>', page.text)
    others = [text for text in others if text.startswith("No. ")]
    assert len(others) == 2 and len(set(others)) == 2
    assert all("“this is letter number" in text for text in others)


def test_bursts_store_nothing_that_names_the_connection(settings, rf):
    settings.ASK_BURST_LETTERS = 2
    address = "203.0.113.93"
    client = Client(REMOTE_ADDR=address)
    for text in ("My brother never calls back, whatever I do.", "My aunt won't speak to me."):
        client.post(reverse("advice:ask"), ask_data(letter=f"Dear Elizabeth, {text} " * 3))
    assert Letter.objects.filter(burst_size=2).count() == 2
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    fingerprint = client_fingerprint(rf.get("/", REMOTE_ADDR=address))
    assert address not in dump.getvalue() and fingerprint not in dump.getvalue()
    assert address not in cached_text()  # the cache holds the keyed hash only, for a while


def test_twice_from_one_connection_of_a_real_server(live_database, tmp_path):
    """gunicorn with ASK_BURST_LETTERS=2: two letters from 127.0.0.2 are one burst, the one
    from 127.0.0.3 is not; the database holds no address."""
    url, _ = seeded_database(live_database, tmp_path, "pass")
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(40), "ASK_BURST_LETTERS": "2",
           "ASK_MIN_SECONDS": "0"}  # fmt: skip
    with gunicorn(url, env=env) as app:
        for source, words in [("127.0.0.2", "my sister"), ("127.0.0.2", "my cousin"),
                              ("127.0.0.3", "my uncle")]:  # fmt: skip
            visitor = Visitor(app.url, source)
            fields = form_fields(visitor.get("/ask/").text)
            fields.update(
                letter=f"Dear Elizabeth, {words} has not spoken to me since the funeral. " * 2,
                sign_off="Hurting in Hove",
                consent="on",
            )
            answer = visitor.post_form("/ask/", fields, headers={"Origin": app.url})
            assert answer.status == 200, answer.text[:300]
    database = sqlite3.connect(url.removeprefix("sqlite:///"))
    rows = database.execute("SELECT original_text, burst_size FROM advice_letter").fetchall()
    sizes = sorted((size or 0) for _, size in rows)
    assert sizes == [0, 2, 2]
    everything = "\n".join(database.iterdump())
    assert "127.0.0.2" not in everything and "127.0.0.3" not in everything
