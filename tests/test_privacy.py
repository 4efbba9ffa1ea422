"""The privacy promise: the client's address is never stored or logged; nothing is lost."""

import io
import logging
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from advice.models import Letter
from tests.support import LETTER, ask_data, cached_text, database_down, receipt_code

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


def test_the_client_address_is_never_stored_or_logged(caplog, settings):
    caplog.set_level(logging.DEBUG)
    settings.ASK_RATE_LIMIT = (2, 3600)
    reader = Client(REMOTE_ADDR=ADDRESS)
    code = receipt_code(reader.post(reverse("advice:ask"), ask_data(email="me@example.org")))
    reader.post(reverse("advice:ask"), ask_data())  # duplicate
    reader.post(reverse("advice:ask"), ask_data(letter="short"))  # rejected
    reader.post(reverse("advice:ask"), ask_data(letter=LETTER + " Another."))  # limited: 429
    reader.post(reverse("advice:ask_status"), {"code": code})
    reader.post(reverse("advice:ask_status"), {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert Letter.objects.count() == 1

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "me@example.org" in dump.getvalue()  # the dump does hold the letters
    assert ADDRESS not in dump.getvalue()
    assert ADDRESS not in caplog.text
    assert code not in caplog.text and code not in dump.getvalue()
    assert ADDRESS not in cached_text()


def test_database_down_keeps_the_letter_and_says_try_again(client, database_unavailable):
    response = client.post(
        reverse("advice:ask"), ask_data(sign_off="Hopeful in Hull", themes=["friendship"])
    )
    assert response.status_code == 503
    html = response.content.decode()
    assert "We couldn't save your letter just now" in html
    assert LETTER[:60] in html and "Hopeful in Hull" in html
    assert '<input type="hidden" name="themes" value="friendship">' in html
    assert client.get(reverse("advice:ask")).status_code == 503
    status = client.post(reverse("advice:ask_status"), {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert status.status_code == 503


def test_the_letter_goes_through_once_the_database_is_back(client):
    with database_down():
        assert client.post(reverse("advice:ask"), ask_data()).status_code == 503
    response = client.post(reverse("advice:ask"), ask_data())
    assert response.status_code == 200 and receipt_code(response)
    assert Letter.objects.get().original_text == LETTER


def test_a_withdrawn_letter_leaves_no_word_behind_revisions_included(client, editor):
    """The reader sends a letter; the editor edits it, drafts a reply (saved, then an
    autosaved draft), and restores a revision; the reader withdraws it with the receipt code.
    Nothing of it is left in the database: not the letter, its reply or any revision of
    either, nor its title in the admin's log."""
    from reversion.models import Revision

    from tests.support import change_form_data

    code = receipt_code(client.post(reverse("advice:ask"), ask_data()))
    letter = Letter.objects.get()
    desk = Client()
    desk.force_login(editor)
    change = reverse("admin:advice_letter_change", args=[letter.pk])
    edited = {
        "title": "Twenty years of friendship, gone quiet",
        "body": "My oldest friend went silent.",
    }
    reply = "Send one last warm message, then let the silence answer for her."
    response = desk.post(change, change_form_data(letter, **edited, **{"reply-0-body": reply}))
    assert response.status_code == 302
    autosave = reverse("admin:advice_letter_autosave", args=[letter.pk])
    assert desk.post(autosave, {"reply-0-body": reply + " Mourn it gently."}).json()["saved"]
    first = Revision.objects.order_by("pk").first()
    restore = reverse("admin:advice_letter_restore_revision", args=[letter.pk, first.pk])
    assert desk.post(restore).status_code == 302
    words = ["stopped replying", "Fading in Frome", "Twenty years of friendship", "went silent",
             "one last warm message", "Mourn it gently"]  # fmt: skip
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert all(word in dump.getvalue() for word in words)  # the dump does hold them all

    client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert not Letter.objects.exists() and not Revision.objects.exists()
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for word in words:
        assert word not in dump.getvalue(), word


@pytest.fixture
def gunicorn_log(tmp_path):
    """A real gunicorn with the repository's config, its access log captured."""
    log = tmp_path / "access.log"
    port = 8700 + int(time.time()) % 200
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log), "config.wsgi"],
        cwd=settings.BASE_DIR,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        yield log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_access_log_has_no_client_address(gunicorn_log):
    time.sleep(0.5)
    text = gunicorn_log.read_text()
    assert "GET /healthz" in text
    assert "127.0.0.1" not in text


def send_raw(url, data, source):
    """Bytes straight onto a socket from `source`, as a broken or hostile client sends them."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10, source_address=(source, 0)) as s:
        s.sendall(data)
        return s.recv(65536)


def test_no_log_names_a_client_even_for_malformed_requests(live_database, nginx_binary):
    """gunicorn's error log and nginx's access log, through real malformed requests."""
    from tests.live import Visitor, gunicorn, nginx

    with gunicorn(live_database) as app, nginx(app.port) as proxy:
        # Malformed request lines and headers, straight to gunicorn and through nginx.
        for target in (app.url, proxy.url):
            assert send_raw(target, b"GARBAGE\r\n\r\n", "127.0.0.7")
            assert send_raw(target, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", "127.0.0.7")
        reader = Visitor(proxy.url, "127.0.0.7")
        assert reader.get("/letters/?from=203.0.113.9").status == 200
        time.sleep(0.5)  # let both servers write their logs
        gunicorn_logs, nginx_logs = app.logs(), proxy.access_log.read_text()
    assert "Invalid request" in gunicorn_logs  # the malformed requests were logged...
    assert "GET /letters/" in nginx_logs
    for text in (gunicorn_logs, nginx_logs):
        assert "127.0.0.7" not in text  # ...without the client's address
        assert "203.0.113.9" not in text  # nor a query string that carries one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscribing_stores_and_logs_no_client_address(caplog, settings):
    """A sign-up, its confirmation (e-mailed through a real SMTP server), a refused and a
    rate-limited sign-up, and an unsubscribe: the address is nowhere, and once unsubscribed
    the e-mail address is gone too."""
    import re
    from urllib.parse import urlsplit

    from newsletter.models import Subscriber
    from tests.live import mail_server, send_mail_to

    caplog.set_level(logging.DEBUG)
    settings.NEWSLETTER_RATE_LIMIT = (1, 3600)
    reader = Client(REMOTE_ADDR=ADDRESS)
    signup = reverse("newsletter:subscribe")
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port)
        assert reader.post(signup, {"email": "me@example.org"}).status_code == 200
        assert reader.post(signup, {"email": "bad address"}).status_code == 400
        assert reader.post(signup, {"email": "other@example.org"}).status_code == 429
        text = mailbox.wait_for(1)[0].get_body(("plain",)).get_content()
    confirm = urlsplit(re.search(r"http\S+/confirm/\S+/", text).group(0)).path
    assert reader.post(confirm).status_code == 200
    assert Subscriber.objects.get().confirmed_at

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "me@example.org" in dump.getvalue()  # the dump does hold the subscriber
    app_log = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    for place in (dump.getvalue(), app_log, cached_text()):
        assert ADDRESS not in place
    assert "me@example.org" not in app_log

    unsubscribe = urlsplit(re.search(r"http\S+/unsubscribe/\S+/", text).group(0)).path
    assert reader.post(unsubscribe).status_code == 200
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "me@example.org" not in dump.getvalue()  # deleted for real


def test_text_looked_up_for_letters_like_yours_is_kept_nowhere(caplog, client):
    """Issue 19: "Find letters like mine" (a step of the form, or the script's endpoint)
    searches with the unsent letter and forgets it: no row, no cache entry, no log line."""
    caplog.set_level(logging.DEBUG)
    draft = LETTER + " Quillwortsomething worries me every single night."
    reader = Client(REMOTE_ADDR=ADDRESS)
    reader.post(reverse("advice:ask_like"), {"letter": draft})
    reader.post(reverse("advice:ask"), {**ask_data(letter=draft), "action": "like"})
    assert Letter.objects.count() == 0
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for kept in (dump.getvalue(), caplog.text, cached_text()):
        assert "quillwort" not in kept.lower() and ADDRESS not in kept


def test_a_withdrawn_letter_takes_its_updates_and_private_note_with_it(client):
    """Issue 19: the writer's updates (published or not) and the editors' private note are
    deleted with the letter, for real; an update stores nothing but its text."""
    from advice.letter_updates import LetterUpdate
    from advice.updates import publish_update, submit_update

    code = receipt_code(client.post(reverse("advice:ask"), ask_data()))
    letter = Letter.objects.get()
    letter.title, letter.status = "A friendship gone quiet", Letter.Status.PUBLISHED
    letter.private_note = "Old note: see the letters on grief."
    letter.save()
    words = ["She wrote back in March", "we are planning a walk", "Old note: see the letters"]
    publish_update(update=submit_update(letter=letter, text=f"{words[0]} and {words[1]}."))
    submit_update(letter=letter, text="A second update, still waiting for the editors here.")
    stored = {field.name for field in LetterUpdate._meta.concrete_fields}
    assert stored == {"id", "letter", "original_text", "body", "status", "received_at",
                      "published_at", "updated_at"}  # fmt: skip

    client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert not Letter.objects.exists() and not LetterUpdate.objects.exists()
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for word in words:
        assert word not in dump.getvalue(), word


def test_a_withdrawn_letter_takes_its_takedown_requests_log_and_corrections_with_it(client):
    """Issue 19: a takedown request stores nothing but its reason, and withdrawing the
    letter deletes its requests, its corrections and the log's reasons about it, for real."""
    from advice.takedown_requests import TakedownRequest
    from postbag.takedowns import PublicationLogEntry, add_correction, take_down

    code = receipt_code(client.post(reverse("advice:ask"), ask_data()))
    letter = Letter.objects.get()
    letter.title, letter.status = "A story only my cousin would know", Letter.Status.PUBLISHED
    letter.save()
    words = ["my cousin read it on the bus", "Named the bakery by mistake", "cousin's bakery"]
    sent = client.post(reverse("advice:ask_takedown"), {"code": code, "reason": words[0]})
    assert sent.status_code == 200
    stored = {field.name for field in TakedownRequest._meta.concrete_fields}
    assert stored == {"id", "letter", "reason", "received_at"}
    add_correction(piece=letter, text=f"{words[1]}: removed.")
    take_down(piece=letter, note="This letter was removed at its writer's request.",
              reason=f"Writer asked: {words[2]} identifiable.")  # fmt: skip
    assert PublicationLogEntry.objects.count() == 2

    client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert not Letter.objects.exists() and not TakedownRequest.objects.exists()
    assert not PublicationLogEntry.objects.exists()
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for word in words:
        assert word not in dump.getvalue(), word


def test_a_columnists_account_is_never_shown_to_readers(client):
    """Assigning a letter names a columnist on the site, never the staff account behind it."""
    from django.contrib.auth import get_user_model

    from advice.columnists import Columnist
    from tests import factories

    account = get_user_model().objects.create_user(
        "sporter-staff", email="sam.private@example.org", is_staff=True
    )
    sam = Columnist.objects.create(name="Sam Porter", credit_writer=True)
    sam.users.add(account)
    letter = factories.letter(columnist=sam)
    assert "Written this week by Sam Porter" in client.get(letter.get_absolute_url()).text
    for url in [letter.get_absolute_url(), reverse("feeds_latest")]:
        page = client.get(url).content.decode()
        assert "sporter-staff" not in page and "sam.private@example.org" not in page


@pytest.mark.parametrize("how", ["withdrawn", "queryset"])
def test_a_withdrawn_letter_leaves_no_title_in_the_admin_log_of_what_went_with_it(
    client, editor, how
):
    """Issue 19 (found by a tester): an update, a takedown request, a correction and a reply
    edited in the admin keep log entries naming the letter ("Update to …"); deleting the
    letter, by the writer's withdrawal or a queryset delete, renames them all."""
    from django.contrib import admin
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.test import RequestFactory

    from advice.models import Reply
    from advice.takedown_requests import TakedownRequest
    from advice.updates import submit_update
    from postbag.takedowns import add_correction
    from tests.support import database_text

    code = receipt_code(client.post(reverse("advice:ask"), ask_data()))
    letter = Letter.objects.get()
    letter.title, letter.status = "My sister borrows money again", Letter.Status.PUBLISHED
    letter.save()
    client.post(reverse("advice:ask_takedown"), {"code": code, "reason": "Too close to home."})
    dependants = [
        submit_update(letter=letter, text="We talked it through over tea."),
        TakedownRequest.objects.get(letter=letter),
        add_correction(piece=letter, text="Her town was named: removed."),
        Reply.objects.create(letter=letter, body="Lend only what you can give."),
    ]
    request = RequestFactory().post("/")
    request.user = editor
    for obj in dependants:
        model_admin = admin.site._registry.get(type(obj)) or admin.ModelAdmin(type(obj), admin.site)
        model_admin.log_change(request, obj, [{"changed": {"name": str(obj), "fields": ["body"]}}])
    LogEntry.objects.log_actions(
        editor.pk, dependants[:1], CHANGE, change_message="Edited the sister borrows money update"
    )
    assert "sister borrows money" in database_text()  # the log does hold it

    if how == "withdrawn":
        client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    else:
        Letter.objects.filter(pk=letter.pk).delete()
    assert not Letter.objects.exists()
    assert LogEntry.objects.count() >= len(dependants)  # who did what, when, stays
    text = database_text()
    for word in ["sister borrows money", "Too close to home", "over tea", "Her town was named",
                 "only what you can give"]:  # fmt: skip
        assert word not in text, word
