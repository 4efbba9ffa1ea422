"""From a new letter to a published reply: the editors' inbox, notifications and limits."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advice import services
from advice.models import Letter, Reply
from tests import factories
from tests.support import LETTER, change_form_data, receipt_code, send

pytestmark = pytest.mark.django_db


def test_the_whole_journey(client, editor_client, django_capture_on_commit_callbacks):
    friendship = factories.theme(name="Friendship", slug="friendship")
    code = receipt_code(send(client, email="reader@example.org"))
    status = client.post(reverse("advice:ask_status"), {"code": code})
    assert "Received" in status.content.decode()

    letter = Letter.objects.get()
    inbox = editor_client.get(reverse("admin:advice_letter_changelist") + "?status__exact=new")
    assert "Dear Elizabeth, my best friend" in inbox.content.decode()

    change_url = reverse("admin:advice_letter_change", args=[letter.pk])
    editor_client.post(
        change_url,
        change_form_data(
            letter,
            title="My oldest friend has gone quiet",
            body="Dear Elizabeth, my best friend has stopped replying.",
            sign_off="Fading",
            themes=[friendship.pk],
            **{"reply-0-body": "Dear Fading, **send one last kind message.**"},
        ),
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFTED  # saving a reply moves it on
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:advice_letter_changelist"),
            {"action": "publish_now", "_selected_action": [letter.pk]},
        )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.is_published
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]
    assert letter.get_absolute_url() in mail.outbox[0].body
    assert letter.email == ""  # erased once sent

    status = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "Answered" in status and letter.get_absolute_url() in status
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "<strong>send one last kind message.</strong>" in page

    call_command("send_letter_notifications", verbosity=0)
    assert len(mail.outbox) == 1  # once, not again

    client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert not Letter.objects.exists() and not Reply.objects.exists()
    assert client.get(letter.get_absolute_url()).status_code == 404


def test_declining_tells_the_reader_kindly_and_erases_the_address(
    client, editor_client, django_capture_on_commit_callbacks
):
    send(client, email="reader@example.org")
    letter = Letter.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:advice_letter_changelist"),
            {"action": "decline", "_selected_action": [letter.pk]},
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DECLINED and letter.email == ""
    assert len(mail.outbox) == 1 and "won't be able to answer" in mail.outbox[0].body


def test_a_failed_send_is_retried_later_and_never_blocks_publishing(
    client, settings, django_capture_on_commit_callbacks
):
    send(client, email="reader@example.org")
    letter = Letter.objects.get()
    letter.title = "A title"
    letter.save()
    Reply.objects.create(letter=letter, body="A reply.")
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_letter(letter=letter)
    letter.refresh_from_db()
    assert letter.is_published and letter.email == "reader@example.org"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_letter_notifications", verbosity=0)
    letter.refresh_from_db()
    assert letter.email == "" and len(mail.outbox) == 1


def test_a_scheduled_letter_emails_only_once_it_is_public(
    client, django_capture_on_commit_callbacks
):
    send(client, email="reader@example.org")
    letter = Letter.objects.get()
    letter.title = "Later"
    letter.save()
    Reply.objects.create(letter=letter, body="A reply.")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_letter(letter=letter, published_at=timezone.now() + timedelta(days=1))
    assert mail.outbox == []
    Letter.objects.filter(pk=letter.pk).update(published_at=timezone.now())
    call_command("send_letter_notifications", verbosity=0)
    assert len(mail.outbox) == 1


def test_publishing_refuses_a_letter_without_a_reply(editor_client):
    letter = factories.letter(status=Letter.Status.NEW, reply=None)
    response = editor_client.post(
        reverse("admin:advice_letter_changelist"),
        {"action": "publish_now", "_selected_action": [letter.pk]},
        follow=True,
    )
    assert "cannot be published without a reply" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.NEW


def test_inbox_shows_counts_excerpts_and_suggested_themes(
    client, editor_client, django_capture_on_commit_callbacks
):
    friendship = factories.theme(
        name="Friendship", slug="friendship", description="Friends who drift away."
    )
    factories.letter(themes=[friendship], title="My best friend stopped replying")
    with django_capture_on_commit_callbacks(execute=True):  # the suggestions come after
        send(client)
    letter = Letter.objects.filter(status=Letter.Status.NEW).get()
    assert friendship in letter.suggested_themes.all()
    assert friendship not in letter.themes.all()  # suggested, never applied

    html = editor_client.get(reverse("admin:advice_letter_changelist")).content.decode()
    assert "New: <strong>1</strong>" in html
    assert "Published: <strong>1</strong>" in html
    assert "my best friend of twenty years" in html
    change = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk]))
    html = change.content.decode()
    assert "Published pieces most like this letter" in html
    assert "My best friend stopped replying" in html


def test_mark_as_spam_and_shortlist_actions(client, editor_client):
    send(client, email="reader@example.org")
    letter = Letter.objects.get()
    changelist = reverse("admin:advice_letter_changelist")
    editor_client.post(changelist, {"action": "shortlist", "_selected_action": [letter.pk]})
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SHORTLISTED
    editor_client.post(changelist, {"action": "mark_spam", "_selected_action": [letter.pk]})
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SPAM and letter.email == ""


def test_ask_rate_limit_counts_sent_letters_and_duplicates_but_not_rejections(client, settings):
    settings.ASK_RATE_LIMIT = (3, 3600)
    for n in range(2):
        assert send(client, letter=f"{LETTER} Letter number {n}.").status_code == 200
    assert send(client, letter="short").status_code == 400  # not counted
    assert send(client, letter=f"{LETTER} Letter number 1.").status_code == 200  # duplicate
    limited = send(client, letter=f"{LETTER} One more.", sign_off="Still Here")
    assert limited.status_code == 429
    html = limited.content.decode()
    assert "Please wait a little" in html and "One more." in html and "Still Here" in html
    assert Letter.objects.count() == 2

    other_client = client_from("198.51.100.9")
    assert send(other_client, letter=f"{LETTER} From elsewhere.").status_code == 200


def client_from(address):
    return Client(REMOTE_ADDR=address)


def test_code_guessing_is_limited_per_client(client, settings):
    settings.ASK_STATUS_RATE_LIMIT = (5, 3600)
    code = receipt_code(send(client))
    for _ in range(5):
        wrong = client.post(reverse("advice:ask_status"), {"code": "AAAA-BBBB-CCCC-DDDD"})
        assert wrong.status_code == 200
    blocked = client.post(reverse("advice:ask_status"), {"code": code})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()


def test_a_client_limited_by_one_process_is_limited_by_another(client, settings, monkeypatch):
    settings.ASK_RATE_LIMIT = (1, 3600)
    assert send(client).status_code == 200
    # A second, separate connection to the configured cache, as another server would have.
    monkeypatch.setattr("postbag.ratelimit.cache", caches.create_connection("default"))
    assert send(client, letter=f"{LETTER} Again.").status_code == 429


def test_editors_group_may_change_content_but_not_accounts():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    for model in ["letter", "reply", "theme", "article", "series"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"{action}_{model}" in codenames
    account_permissions = Permission.objects.filter(
        content_type__app_label__in=["auth", "contenttypes"]
    )
    assert not editors.permissions.filter(pk__in=account_permissions).exists()
