"""Corrections and takedowns (issue 19, "After publication"): what readers and editors see.

A taken-down piece leaves every list, theme page, search, sitemap and feed at once (the
page cache included) and its address answers 410 Gone with the editors' note; restoring it
brings it all back. Corrections show at the end of the piece with their date, in its
structured data, and move its feed entry's `updated`. The admin's log says who did what.
The writer of a letter asks for a takedown with their receipt code; the desk counts it.
"""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter, TakedownRequest
from pages.related import answered_letters_like_text
from postbag.takedowns import PublicationLogEntry, add_correction, restore, take_down
from tests import factories
from tests.live import gunicorn, seeded_database
from tests.support import receipt_code, send

pytestmark = pytest.mark.django_db

NOTE = "This letter was removed at its writer's request."


@pytest.fixture
def kindness():
    return factories.theme(name="Kindness", slug="kindness")


def public_places(theme):
    """Every public address that lists pieces, as {name: path}."""
    return {
        "home": reverse("home"),
        "letters": reverse("advice:letter_list"),
        "articles": reverse("articles:article_list"),
        "theme": theme.get_absolute_url(),
        "search": reverse("search") + "?q=marmalade",
        "sitemap": reverse("sitemap_section", args=["letters"]),
        "article sitemap": reverse("sitemap_section", args=["articles"]),
        "feed": reverse("feeds_latest"),
        "theme feed": reverse("feeds_theme", args=[theme.slug]),
    }


def shown_in(client, places, words):
    """The names of the places whose answer has `words` in it."""
    found = []
    for name, path in places.items():
        response = client.get(path)
        assert response.status_code == 200, path
        if words in response.content.decode():
            found.append(name)
    return found


def test_a_taken_down_letter_leaves_every_list_at_once_and_answers_gone(client, kindness):
    letter = factories.letter(
        title="My neighbour's marmalade and my pride",
        body="Dear Elizabeth, my neighbour brings marmalade every week and I can't say no.",
        themes=[kindness],
    )
    sibling = factories.letter(title="A kind word over the fence", themes=[kindness])
    places = public_places(kindness)
    # Seen everywhere first: every one of these answers is in the page cache now.
    assert len(shown_in(client, places, letter.slug)) >= 7
    related_before = client.get(sibling.get_absolute_url()).content.decode()
    assert letter.get_absolute_url() in related_before

    take_down(piece=letter, note=NOTE, reason="The writer asked with their code.")

    assert shown_in(client, places, letter.slug) == []
    assert letter.get_absolute_url() not in client.get(sibling.get_absolute_url()).content.decode()
    assert letter not in answered_letters_like_text("neighbour marmalade pride and saying no")
    gone = client.get(letter.get_absolute_url())
    assert gone.status_code == 410
    html = gone.content.decode()
    assert "This letter has been removed" in html and "removed at its writer&#x27;s request" in html
    assert "marmalade every week" not in html

    restore(piece=letter, reason="Taken down by mistake.")
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert len(shown_in(client, places, letter.slug)) >= 7


def test_a_taken_down_article_answers_gone_at_its_old_address_too(client, kindness):
    article = factories.article(title="On marmalade and gratitude", themes=[kindness])
    old_address = article.get_absolute_url()
    article.slug = "gratitude-and-marmalade"
    article.save()
    take_down(piece=article, note="This article was withdrawn by the editors.")

    assert client.get(article.get_absolute_url()).status_code == 410
    moved = client.get(old_address, follow=True)
    assert moved.redirect_chain and moved.status_code == 410  # never a 404
    assert "withdrawn by the editors" in moved.content.decode()
    assert shown_in(client, public_places(kindness), "gratitude-and-marmalade") == []


def test_staff_still_see_a_taken_down_piece_as_a_preview(editor_client):
    letter = factories.letter(title="Still visible to the desk")
    take_down(piece=letter, note=NOTE)
    response = editor_client.get(letter.get_absolute_url())
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]


def test_only_a_published_piece_comes_down_and_only_with_a_note():
    draft = factories.letter(status=Letter.Status.NEW, reply=None)
    with pytest.raises(ValidationError):
        take_down(piece=draft, note=NOTE)
    letter = factories.letter()
    with pytest.raises(ValidationError, match="note to readers"):
        take_down(piece=letter, note="   ")
    take_down(piece=letter, note=NOTE)
    with pytest.raises(ValidationError):
        take_down(piece=letter, note=NOTE)  # down already


def json_ld(html, kind):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} data")


def test_corrections_show_at_the_end_in_structured_data_and_move_the_feed(client):
    letter = factories.letter(title="The helpline I should have named", days_ago=10)
    article = factories.article(title="Saying sorry well", days_ago=10)
    before = client.get(reverse("feeds_latest")).content.decode()
    add_correction(
        piece=letter,
        text="An earlier version of this reply gave an old helpline number.",
        on=date(2026, 3, 12),
    )
    add_correction(piece=letter, text="The sign-off was misspelt.", on=date(2026, 3, 14))
    add_correction(piece=article, text="The book quoted is from 2019, not 2017.")

    html = client.get(letter.get_absolute_url()).content.decode()
    main = html[html.index("<main") :]
    assert main.index('<h2 id="corrections-heading">Corrections</h2>') > main.index("replies")
    assert '<time datetime="2026-03-12">12 March 2026</time>: An earlier version' in main
    data = json_ld(html, "QAPage")
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version of this reply gave an old helpline number.",
            "datePublished": "2026-03-12",
        },
        {"@type": "CorrectionComment", "text": "The sign-off was misspelt.",
         "datePublished": "2026-03-14"},
    ]  # fmt: skip
    article_html = client.get(article.get_absolute_url()).content.decode()
    assert ">Correction</h2>" in article_html
    assert json_ld(article_html, "Article")["correction"][0]["text"].startswith("The book")

    after = client.get(reverse("feeds_latest")).content.decode()
    today = timezone.localdate().isoformat()
    assert after != before and f"<updated>{today}" in after


def test_a_correction_to_a_draft_is_refused():
    with pytest.raises(ValidationError):
        add_correction(piece=factories.article(status="draft"), text="Not yet public.")


def test_the_admin_takes_down_restores_and_logs_who_and_why(editor_client, editor):
    letter = factories.letter(title="When my brother forgot my birthday")
    changelist = reverse("admin:advice_letter_changelist")
    chosen = {"action": "take_down_pieces", ACTION_CHECKBOX_NAME: [letter.pk]}
    asked = editor_client.post(changelist, chosen)
    assert asked.status_code == 200 and "Note to readers" in asked.content.decode()
    # Without a note: asked again, nothing changes.
    refused = editor_client.post(changelist, {**chosen, "apply": "1", "note": ""})
    assert "Please write a short note" in refused.content.decode()
    assert Letter.objects.published().filter(pk=letter.pk).exists()

    done = editor_client.post(
        changelist,
        {**chosen, "apply": "1", "note": NOTE, "reason": "Writer's request, code checked."},
        follow=True,
    )
    assert "1 piece taken down" in done.content.decode()
    assert not Letter.objects.published().filter(pk=letter.pk).exists()
    editor_client.post(
        changelist, {"action": "restore_pieces", ACTION_CHECKBOX_NAME: [letter.pk]}, follow=True
    )
    assert Letter.objects.published().filter(pk=letter.pk).exists()

    change = reverse("admin:advice_letter_change", args=[letter.pk])
    form = editor_client.get(change).content.decode()
    assert "Corrections (shown with their date" in form

    log = editor_client.get(reverse("admin:postbag_publicationlogentry_changelist"))
    text = log.content.decode()
    assert log.status_code == 200
    assert "Taken down" in text and "Restored" in text and "Writer&#x27;s request" in text
    assert text.count(editor.username) >= 2
    entries = list(PublicationLogEntry.objects.values_list("action", "editor"))
    assert entries == [("restored", editor.pk), ("taken_down", editor.pk)]
    # Read-only, even for the editors.
    entry = PublicationLogEntry.objects.first()
    add = reverse("admin:postbag_publicationlogentry_add")
    assert editor_client.get(add).status_code == 403
    assert (
        editor_client.post(
            reverse("admin:postbag_publicationlogentry_delete", args=[entry.pk])
        ).status_code
        == 403
    )


def published_letter_with_code(client):
    code = receipt_code(send(client))
    letter = Letter.objects.get(receipt_hash__isnull=False)
    letter.title, letter.status = "Too much of me on the page", Letter.Status.PUBLISHED
    letter.save()
    factories.Reply.objects.create(letter=letter, body="It is yours to keep or take back.")
    return letter, code


def test_the_writer_asks_for_a_takedown_with_their_code(client):
    letter, code = published_letter_with_code(client)
    status = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "Would you rather it came down?" in status
    assert f'action="{reverse("advice:ask_takedown")}"' in status

    wrong_code = {"code": "AAAA-BBBB-CCCC-DDDD", "reason": "My sister recognised me."}
    wrong = client.post(reverse("advice:ask_takedown"), wrong_code)
    assert wrong.status_code == 400 and "No letter matches this code" in wrong.content.decode()
    assert "My sister recognised me." in wrong.content.decode()  # kept as typed

    sent = client.post(
        reverse("advice:ask_takedown"), {"code": code, "reason": "My sister recognised me."}
    )
    assert sent.status_code == 200 and "with the editors" in sent.content.decode()
    request = TakedownRequest.objects.get()
    assert (request.letter, request.reason) == (letter, "My sister recognised me.")
    assert TakedownRequest.objects.waiting().count() == 1

    take_down(piece=letter, note=NOTE)
    assert TakedownRequest.objects.waiting().count() == 0
    status = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "Taken down" in status and "Would you rather it came down?" not in status


def test_the_desk_counts_takedown_requests_waiting(client, editor_client):
    letter, _ = published_letter_with_code(client)
    TakedownRequest.objects.create(letter=letter, reason="")
    desk = editor_client.get(reverse("admin:index")).content.decode()
    link = reverse("admin:advice_takedownrequest_changelist")
    assert "Takedown requests waiting" in desk and link in desk
    listed = editor_client.get(link).content.decode()
    assert "Too much of me on the page" in listed and "Still up: waiting" in listed


def test_a_takedown_request_for_an_unanswered_letter_is_refused_kindly(client):
    code = receipt_code(send(client))
    refused = client.post(
        reverse("advice:ask_takedown"), {"code": code, "reason": "Second thoughts."}
    )
    assert refused.status_code == 400
    assert "withdraw it on the status page" in refused.content.decode()
    assert not TakedownRequest.objects.exists()


SEED = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from advice.models import Letter, Reply
letter = Letter.objects.create(title="The gate I keep meaning to mend", status="published",
    original_text="Dear Elizabeth, the gate.", published_at=timezone.now() - timedelta(days=2))
Reply.objects.create(letter=letter, body="Mend it together, on a Saturday.")
print(letter.get_absolute_url())
"""

TAKE_DOWN = """
import django; django.setup()
from advice.models import Letter
from postbag.takedowns import take_down
take_down(piece=Letter.objects.get(), note="This letter was removed at its writer's request.")
"""


def test_through_gunicorn_the_cached_page_and_list_go_at_once(live_database, tmp_path):
    import os
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    url, path = seeded_database(live_database, tmp_path, SEED)
    env = {"REDIS_URL": "redis://127.0.0.1:6379/11", "CACHE_KEY_PREFIX": "takedowns19"}
    with gunicorn(url, env=env) as app:
        for _ in range(2):  # the second answer comes from the page cache
            assert urllib.request.urlopen(app.url + path).status == 200
            assert path in urllib.request.urlopen(app.url + "/letters/").read().decode()
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_"))}
        subprocess.run(
            [sys.executable, "-c", TAKE_DOWN],
            cwd=os.path.dirname(os.path.dirname(__file__)),
            env={**environ, **env, "DJANGO_DEBUG": "1", "DATABASE_URL": url,
                 "DJANGO_SETTINGS_MODULE": "config.settings"},
            check=True,
        )  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(app.url + path)
        assert gone.value.code == 410
        assert "removed at its writer" in gone.value.read().decode()
        assert path not in urllib.request.urlopen(app.url + "/letters/").read().decode()


def test_a_taken_down_piece_is_gone_from_the_podcast_and_cards(client):
    letter = factories.letter(title="A letter read aloud")
    take_down(piece=letter, note=NOTE)
    assert client.get(reverse("letter_card", args=[letter.slug])).status_code == 404
    assert letter.slug not in client.get(reverse("feeds_podcast")).content.decode()
    assert timezone.now() - letter.taken_down_at < timedelta(minutes=1)


def test_an_editor_adds_a_correction_on_the_pieces_page_and_the_log_says_so(
    editor_client, editor, client
):
    from tests.support import change_form_data

    letter = factories.letter(title="The book I misremembered")
    change = reverse("admin:advice_letter_change", args=[letter.pk])
    prefix = "postbag-correction-content_type-object_id"
    data = change_form_data(letter)
    data.update(
        {
            "reply-INITIAL_FORMS": "1",
            "reply-0-id": letter.reply.pk,
            "reply-0-body": letter.reply.body,
            "published_at_0": letter.published_at.strftime("%Y-%m-%d"),
            "published_at_1": letter.published_at.strftime("%H:%M:%S"),
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-corrected_on": "2026-05-04",
            f"{prefix}-0-text": "The book is by Harriet Lerner, not Brené Brown.",
        }
    )
    saved = editor_client.post(change, data)
    assert saved.status_code == 302
    entry = PublicationLogEntry.objects.get()
    assert (entry.action, entry.editor, entry.piece) == ("corrected", editor, letter)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "4 May 2026</time>: The book is by Harriet Lerner" in page
