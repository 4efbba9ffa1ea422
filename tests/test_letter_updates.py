"""Issue 19: a letter's writer sends an update with their receipt code; the editors publish
it under the letter; a declined letter's private note is seen only with the code."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advice.letter_updates import LetterUpdate
from advice.models import Letter
from advice.updates import publish_update, purge_private_notes
from tests import factories
from tests.support import receipt_code, send, shown_seconds_ago

pytestmark = pytest.mark.django_db

UPDATE = (
    "Dear Elizabeth, I took your advice and asked my sister to meet me halfway. We had "
    "coffee last Sunday and talked for three hours. It isn't fixed, but it's a start."
)


def published_letter_with_code(client):
    """A letter sent through the form, then published by the column; (letter, code)."""
    code = receipt_code(send(client))
    letter = Letter.objects.get(receipt_hash__isnull=False)
    letter.title, letter.status = "When my sister stopped calling", Letter.Status.PUBLISHED
    letter.save()
    factories.Reply.objects.create(letter=letter, body="Meet her halfway, **gently**.")
    return letter, code


def update_data(code, **changes):
    data = {"code": code, "update": UPDATE, "consent": "on", "website": ""}
    data["shown_at"] = shown_seconds_ago()
    return {**data, **changes}


def send_update(client, code, **changes):
    return client.post(reverse("advice:send_update"), update_data(code, **changes))


def test_an_update_goes_from_the_writer_to_the_page_and_the_feed(client, editor_client):
    letter, code = published_letter_with_code(client)
    status = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "What happened next?" in status and 'action="/ask/status/update/"' in status

    sent = send_update(client, code)
    assert sent.status_code == 200
    assert "Your update is with us" in sent.content.decode()
    update = LetterUpdate.objects.get()
    assert (update.letter, update.original_text, update.status) == (letter, UPDATE, "new")
    # Held for the editors: not on the page yet.
    assert (
        "Update from the letter writer"
        not in client.get(letter.get_absolute_url()).content.decode()
    )

    desk = editor_client.get(reverse("admin:index")).content.decode()
    assert "Writers&#x27; updates" in desk or "Writers' updates" in desk
    change = reverse("admin:advice_letterupdate_change", args=[update.pk])
    edited = "We had coffee on Sunday and talked for **three hours**. It's a start."
    response = editor_client.post(change, {"body": edited, "status": "published"})
    assert response.status_code == 302, response.content.decode()[:2000]
    update.refresh_from_db()
    assert update.status == "published" and update.published_at is not None

    page = client.get(letter.get_absolute_url()).content.decode()
    assert f'id="{update.anchor}"' in page
    assert "Update from the letter writer" in page
    assert "<strong>three hours</strong>" in page  # the one Markdown renderer
    assert f'href="#{update.anchor}"' in page  # the letter links to its update …
    assert 'href="#the-letter"' in page and 'id="the-letter"' in page  # … and back
    data = [json.loads(block) for block in re.findall(r'ld\+json">(.*?)</script>', page, re.S)]
    question = next(d for d in data if d["@type"] == "QAPage")["mainEntity"]
    assert question["dateModified"] >= update.published_at.isoformat()[:19]

    listing = client.get(reverse("advice:update_list")).content.decode()
    assert update.get_absolute_url() in listing and letter.get_absolute_url() in listing

    feed = client.get(reverse("feeds_latest")).content.decode()
    assert f":update-{update.pk}</id>" in feed
    assert update.get_absolute_url().replace("#", "#") in feed


def test_a_wrong_code_is_refused_and_the_update_kept(client):
    published_letter_with_code(client)
    response = send_update(client, "AAAA-BBBB-CCCC-DDDD")
    html = response.content.decode()
    assert response.status_code == 400
    assert "No letter matches this code" in html and "three hours" in html
    assert not LetterUpdate.objects.exists()


def test_an_unpublished_letter_takes_no_update(client):
    code = receipt_code(send(client))
    response = send_update(client, code)
    html = response.content.decode()
    assert response.status_code == 400
    assert "hasn't been published yet" in html and "three hours" in html
    assert not LetterUpdate.objects.exists()


def test_a_short_update_is_refused_with_its_words_kept(client):
    _, code = published_letter_with_code(client)
    response = send_update(client, code, update="It went well.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your update is a little short" in html and "It went well." in html
    assert not LetterUpdate.objects.exists()


def test_updates_are_rate_limited_as_letters_are(client, settings):
    settings.ASK_RATE_LIMIT = (1, 3600)
    _, code = published_letter_with_code(client)
    assert send_update(client, code).status_code == 200
    again = send_update(client, code, update=UPDATE + " And then she called me back.")
    assert again.status_code == 429 and "And then she called me back." in again.content.decode()
    assert LetterUpdate.objects.count() == 1


def test_the_same_update_sent_twice_is_stored_once(client):
    _, code = published_letter_with_code(client)
    send_update(client, code)
    send_update(client, code)
    assert LetterUpdate.objects.count() == 1


def test_an_update_stays_off_the_site_until_published_and_its_letter_too(client):
    letter = factories.letter()
    update = LetterUpdate.objects.create(letter=letter, original_text=UPDATE)
    assert not LetterUpdate.objects.published().exists()
    publish_update(update=update)
    assert list(LetterUpdate.objects.published()) == [update]
    Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.DRAFTED)
    assert not LetterUpdate.objects.published().exists()
    assert (
        update.get_absolute_url() not in client.get(reverse("advice:update_list")).content.decode()
    )


def test_the_updates_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(12):
        publish_update(
            update=LetterUpdate.objects.create(letter=factories.letter(), original_text=UPDATE)
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("advice:update_list")).status_code == 200


# --- The private note on a declined letter --------------------------------------------------


def declined_with_note(client, note="You may find [this letter](/letters/) helps."):
    code = receipt_code(send(client))
    letter = Letter.objects.get(receipt_hash__isnull=False)
    letter.status, letter.private_note = Letter.Status.DECLINED, note
    letter.save()
    return letter, code


def test_the_private_note_is_shown_with_the_code_only(client):
    letter, code = declined_with_note(client)
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "A note from the editors, for you only" in html
    assert 'href="/letters/" rel="noopener noreferrer nofollow">this letter</a>' in html
    letter.refresh_from_db()
    assert letter.private_note_written_at is not None
    # Nowhere else: not the feeds, the search, the lists.
    for url in (reverse("feeds_latest"), reverse("advice:letter_list"), "/search/?q=letter"):
        assert "this letter</a> helps" not in client.get(url).content.decode()


def test_the_private_note_is_purged_after_private_note_days(client, settings):
    settings.PRIVATE_NOTE_DAYS = 60
    letter, code = declined_with_note(client)
    Letter.objects.filter(pk=letter.pk).update(
        private_note_written_at=timezone.now() - timedelta(days=61)
    )
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "for you only" not in html  # past its days even before the purge has run
    call_command("send_letter_notifications", verbosity=0)
    letter.refresh_from_db()
    assert (letter.private_note, letter.private_note_written_at) == ("", None)
    assert purge_private_notes() == 0


def test_a_recent_private_note_survives_the_purge(client):
    letter, _ = declined_with_note(client)
    assert purge_private_notes() == 0
    letter.refresh_from_db()
    assert letter.private_note


def test_updates_published_in_the_same_second_show_in_one_order_everywhere(client, monkeypatch):
    """Issue 19 (found by a tester): two updates published within one second showed oldest
    first on the letter, newest first on /letters/updates/, and the "Updated" link pointed at
    the other one. Newest first everywhere; in the same second, the later id first."""
    letter, _code = published_letter_with_code(client)
    second = timezone.now().replace(microsecond=0)
    updates = [
        LetterUpdate.objects.create(letter=letter, original_text=f"{UPDATE} Part {n}.")
        for n in (1, 2)
    ]
    # The later id is published a few microseconds earlier, inside the same second.
    for update, microsecond in zip(reversed(updates), (1000, 900000), strict=True):
        monkeypatch.setattr(timezone, "now", lambda m=microsecond: second.replace(microsecond=m))
        publish_update(update=update)
    monkeypatch.undo()
    newer, older = updates[1].anchor, updates[0].anchor
    page = client.get(letter.get_absolute_url()).text
    assert page.index(f'id="{newer}"') < page.index(f'id="{older}"')
    assert re.search(rf'Updated .*?<a href="#{newer}"', page, re.DOTALL)
    listing = client.get(reverse("advice:update_list")).text
    assert listing.index(f"#{newer}") < listing.index(f"#{older}")
