"""The reader's one e-mail against real mail servers: one that works, one that hangs.

The servers run on 127.0.0.1 inside the test (tests/live.py, by way of the `smtp_server`
and `silent_smtp_server` fixtures): aiosmtpd for a working SMTP server, and a plain
listening socket that accepts connections and never sends the SMTP greeting (a mail server
that is up but stuck). Editors publish over real HTTP (`live_server`).
"""

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from advice.models import Letter
from tests import factories
from tests.live import gunicorn, seeded_database, send_mail_to
from tests.support import change_form_data, check_deploy

READER = "reader@example.org"
# Seconds the app waits on a silent mail server; the editor must never wait that long.
TIMEOUT = 3


def text(message):
    """The text the reader reads: the plain-text body of a parsed message."""
    return message.get_body(("plain",)).get_content()


def app_log(caplog):
    """What the app logged (not the test's own mail server, which logs every address)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("advice"))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class EditorBrowser:
    """An editor's browser as far as HTTP goes: cookies, CSRF tokens, redirects not followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.read().decode()

    def post_form(self, path, data):
        """POST the form found at `path` with `data`; returns (status, seconds taken)."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path))
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}, doseq=True)
        started = time.monotonic()
        try:
            with self.opener.open(self.base_url + path, body.encode(), timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as answer:
            status = answer.code
        return status, time.monotonic() - started

    def log_in(self, username, password):
        status, _ = self.post_form(
            reverse("admin:login"), {"username": username, "password": password, "next": "/"}
        )
        assert status == 302, "the editor could not log in"


# Real requests commit for real; serialized rollback brings back what migrations wrote (the
# Editors group) after each test's flush.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editor_browser(live_server):
    """An editor logged in through the admin's log-in form on the live server."""
    factories.editor(username="editor", password="a-long-test-password")
    browser = EditorBrowser(live_server.url)
    browser.log_in("editor", "a-long-test-password")
    return browser


def letter_awaiting_publication(**fields):
    """A letter with a reply, ready to publish, whose reader left an address."""
    return factories.letter(status=Letter.Status.DRAFTED, email=READER, **fields)


def publish_with_the_action(browser, letter):
    return browser.post_form(
        reverse("admin:advice_letter_changelist"),
        {"action": "publish_now", "_selected_action": [letter.pk], "index": "0"},
    )


def publish_with_the_change_form(browser, letter):
    return browser.post_form(
        reverse("admin:advice_letter_change", args=[letter.pk]),
        change_form_data(
            letter,
            status=Letter.Status.PUBLISHED,
            **{
                "reply-INITIAL_FORMS": "1",
                "reply-0-id": letter.reply.pk,
                "reply-0-body": letter.reply.body,
            },
        ),
    )


@live
def test_the_answered_email_reaches_the_mail_server_and_the_address_is_erased(
    editor_browser, smtp_server, settings, live_server
):
    send_mail_to(settings, smtp_server.port, timeout=TIMEOUT)
    letter = letter_awaiting_publication()

    status, _ = publish_with_the_change_form(editor_browser, letter)
    assert status == 302

    [message] = smtp_server.wait_for(1)
    letter.refresh_from_db()
    assert message["X-Envelope-To"] == READER and message["To"] == READER
    assert message["Subject"].endswith("your letter has been answered")
    # Debug on and no SITE_URL: the link names the address the editor published from.
    assert live_server.url + letter.get_absolute_url() in text(message)
    assert "Your letter has been answered" in text(message)
    deadline = time.monotonic() + 5
    while letter.email and time.monotonic() < deadline:  # erased once the send commits
        time.sleep(0.05)
        letter.refresh_from_db()
    assert letter.is_published and letter.email == ""


@live
@pytest.mark.parametrize(
    "publish", [publish_with_the_action, publish_with_the_change_form], ids=["action", "save"]
)
def test_a_hung_mail_server_never_makes_the_editor_wait_and_the_send_is_retried(
    publish, editor_browser, silent_smtp_server, smtp_server, settings, caplog
):
    send_mail_to(settings, silent_smtp_server.port, timeout=TIMEOUT)
    letter = letter_awaiting_publication()

    status, seconds = publish(editor_browser, letter)
    assert status == 302
    assert seconds < TIMEOUT / 2, f"publishing waited {seconds:.1f} s on the mail server"

    # While the send still hangs, the editor keeps working on the same letter: no row lock.
    assert not silent_smtp_server.abandoned.is_set()
    status, seconds = editor_browser.post_form(
        reverse("admin:advice_letter_change", args=[letter.pk]),
        change_form_data(
            Letter.objects.get(pk=letter.pk),
            title="A better title",
            **{
                "reply-INITIAL_FORMS": "1",
                "reply-0-id": letter.reply.pk,
                "reply-0-body": letter.reply.body,
            },
        ),
    )
    assert status == 302
    assert seconds < TIMEOUT / 2, f"saving waited {seconds:.1f} s on the mail server"

    # The app gives up on the mail server after EMAIL_TIMEOUT, and keeps the address.
    assert silent_smtp_server.abandoned.wait(TIMEOUT * 3)
    assert silent_smtp_server.connections == 1
    time.sleep(0.2)
    letter.refresh_from_db()
    assert letter.is_published and letter.title == "A better title"
    assert letter.email == READER
    logged = app_log(caplog)
    assert f"letters [{letter.pk}] will be retried" in logged and "@" not in logged

    # Once the mail server works, the retry command sends it, once.
    send_mail_to(settings, smtp_server.port, timeout=TIMEOUT)
    call_command("send_letter_notifications", verbosity=0)
    [message] = smtp_server.messages
    assert message["X-Envelope-To"] == READER and letter.get_absolute_url() in text(message)
    letter.refresh_from_db()
    assert letter.email == ""
    call_command("send_letter_notifications", verbosity=0)
    assert len(smtp_server.messages) == 1


SEED = """
import django
django.setup()
from advice.models import Letter
from tests import factories
factories.editor(username="editor", password="a-long-test-password")
print(factories.letter(status=Letter.Status.DRAFTED, email="reader@example.org").pk)
"""


def database_with_a_letter_to_publish(live_database, tmp_path):
    """A copy of the live servers' database with the editor and a reply-drafted letter
    whose reader left an address: (path of the SQLite file, the letter's id)."""
    url, letter_id = seeded_database(live_database, tmp_path, SEED)
    return Path(url.removeprefix("sqlite:///")), int(letter_id)


def test_under_gunicorn_the_editor_gets_the_answer_before_the_mail_server_is_tried(
    live_database, tmp_path, silent_smtp_server
):
    """The repository's gunicorn (gthread workers) sends the response before the e-mail."""
    database, letter_id = database_with_a_letter_to_publish(live_database, tmp_path)
    env = {"DATABASE_URL": f"sqlite:///{database}", "EMAIL_TIMEOUT": str(TIMEOUT)}

    def stored_email():
        with closing(sqlite3.connect(database)) as db:
            [(email,)] = db.execute("SELECT email FROM advice_letter WHERE id = ?", [letter_id])
        return email

    env["EMAIL_URL"] = f"smtp://127.0.0.1:{silent_smtp_server.port}"
    with gunicorn(env["DATABASE_URL"], env=env) as app:
        browser = EditorBrowser(app.url)
        browser.log_in("editor", "a-long-test-password")
        status, seconds = browser.post_form(
            reverse("admin:advice_letter_changelist"),
            {"action": "publish_now", "_selected_action": [letter_id], "index": "0"},
        )
        assert status == 302
        assert seconds < TIMEOUT / 2, f"publishing waited {seconds:.1f} s on the mail server"
        assert silent_smtp_server.abandoned.wait(TIMEOUT * 3)  # tried after the response
        assert stored_email() == READER  # kept for the retry command


def test_in_development_the_link_names_the_address_the_editor_published_on(
    live_database, tmp_path, smtp_server
):
    """Debug on and no SITE_URL, as `PORT=8777 make run` serves: the e-mail, sent after the
    response, links to the server's own port, not to 8000."""
    database, letter_id = database_with_a_letter_to_publish(live_database, tmp_path)
    env = {"DATABASE_URL": f"sqlite:///{database}"}
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_server.port}"
    with gunicorn(env["DATABASE_URL"], env=env) as app:  # no SITE_URL
        browser = EditorBrowser(app.url)
        browser.log_in("editor", "a-long-test-password")
        status, _ = browser.post_form(
            reverse("admin:advice_letter_changelist"),
            {"action": "publish_now", "_selected_action": [letter_id], "index": "0"},
        )
        assert status == 302
        [message] = smtp_server.wait_for(1)
    link = rf"^{re.escape(app.url)}/letters/[a-z0-9-]+/\r?$"
    assert re.search(link, text(message), re.MULTILINE), text(message)


@pytest.mark.django_db
def test_the_retry_command_gives_up_on_a_hung_mail_server_once_not_per_letter(
    silent_smtp_server, settings
):
    send_mail_to(settings, silent_smtp_server.port, timeout=TIMEOUT)
    letters = [factories.letter(email=f"reader{n}@example.org") for n in range(3)]

    started = time.monotonic()
    call_command("send_letter_notifications", verbosity=0)
    seconds = time.monotonic() - started

    assert seconds < TIMEOUT * 1.5, f"the command took {seconds:.1f} s"
    for letter in letters:
        letter.refresh_from_db()
        assert letter.email.startswith("reader")  # kept for the next run


@pytest.mark.django_db
def test_a_refused_recipient_does_not_hold_back_the_others(smtp_server, settings, caplog):
    """One address the mail server refuses doesn't stop the rest of the run, and the log
    names the letter, not the address (smtplib's error quotes it)."""
    send_mail_to(settings, smtp_server.port, timeout=TIMEOUT)
    refused = factories.letter(email="nobody@refused.example")
    welcome = factories.letter(email=READER)

    async def refuse_some(server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = refuse_some
    call_command("send_letter_notifications", verbosity=0)

    refused.refresh_from_db()
    welcome.refresh_from_db()
    assert refused.email == "nobody@refused.example" and welcome.email == ""
    assert [message["X-Envelope-To"] for message in smtp_server.messages] == [READER]
    logged = app_log(caplog)
    assert f"letter {refused.pk} not sent" in logged and "@" not in logged


def settings_value(name, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    result = subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print(s.{name})"],
        capture_output=True,
        text=True,
        env={**environ, "DJANGO_DEBUG": "1", **env},
        cwd=django_settings.BASE_DIR,
    )
    return result.stdout.strip() or result.stderr


def test_email_timeout_defaults_to_ten_seconds_and_is_settable_with_either_style():
    assert settings_value("EMAIL_TIMEOUT") == "10"
    assert settings_value("EMAIL_TIMEOUT", EMAIL_TIMEOUT="4") == "4"
    url = "smtp://mail.example.org:587"
    assert settings_value("EMAIL_TIMEOUT", EMAIL_URL=url) == "10"
    assert settings_value("EMAIL_TIMEOUT", EMAIL_URL=url, EMAIL_TIMEOUT="4") == "4"
    assert "EMAIL_TIMEOUT must be" in settings_value("EMAIL_TIMEOUT", EMAIL_TIMEOUT="0")


def test_check_deploy_refuses_printing_readers_addresses_to_the_log():
    refused = check_deploy(without=("EMAIL_",))
    assert refused.returncode != 0
    assert "postbag.E020" in refused.stderr
    assert "readers' e-mail addresses" in refused.stderr and "EMAIL_URL" in refused.stderr

    with_smtp = check_deploy(without=("EMAIL_",), EMAIL_URL="smtp://mail.example.org:587")
    assert with_smtp.returncode == 0 and "postbag.E020" not in with_smtp.stdout + with_smtp.stderr
