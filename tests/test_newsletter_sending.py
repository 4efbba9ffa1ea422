"""`manage.py send_newsletter` against real mail servers: one that works, one that refuses,
one that hangs, and a run killed in the middle; and two runs at once.

Every issue is checked as a reader's mail client sees it: parsed from what the SMTP server
(aiosmtpd, started here) received.
"""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from newsletter.models import Subscriber
from tests import factories
from tests.live import at_once, mail_server, send_mail_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SITE = "https://column.example.org"


@pytest.fixture
def mailbox(settings):
    settings.SITE_URL = SITE
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port, timeout=2)
        yield mailbox


def send(*args):
    """Run send_newsletter; its output, and on stderr the failure line with which it exits
    with status 1 (test_newsletter_refusals.py checks the exit status itself)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("send_newsletter", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"{error}\n")
    return out.getvalue(), err.getvalue()


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()


def test_an_issue_holds_only_what_is_new_in_the_subscribers_themes(mailbox):
    rejection, family = factories.theme(name="Rejection"), factories.theme(name="Family")
    factories.letter(themes=[rejection], title="Old news", days_ago=30)
    new_letter = factories.letter(themes=[rejection], title="When he said “too much”", days_ago=1)
    factories.letter(themes=[family], title="A family letter", days_ago=1)
    article = factories.article(themes=[family, rejection], title="On being left out", days_ago=2)
    factories.letter(themes=[rejection], title="A draft", status="drafted")
    factories.letter(themes=[rejection], title="Tomorrow's", days_ago=-1)  # scheduled
    factories.subscriber("picky@example.org", themes=[rejection])
    factories.subscriber("everything@example.org")

    out, err = send()
    assert "2 issues sent" in out and not err
    [picky] = mailbox.to("picky@example.org")
    text, html = text_of(picky), html_of(picky)
    subject = "New from Ask Elizabeth: When he said “too much” (and 1 more)"
    assert picky["Subject"].strip() == subject
    for expected in ["When he said “too much”", "On being left out"]:
        assert expected in text and expected in html
    for absent in ["Old news", "A family letter", "A draft", "Tomorrow"]:
        assert absent not in text and absent not in html
    for url in [new_letter.get_absolute_url(), article.get_absolute_url()]:
        assert f"{SITE}{url}" in text and f'href="{SITE}{url}"' in html
    # Every link in the HTML names the site; nothing is loaded from anywhere.
    assert all(href.startswith(SITE) for href in _hrefs(html))
    assert "<img" not in html and "<script" not in html
    assert "about Rejection" in text
    [everything] = mailbox.to("everything@example.org")
    assert "A family letter" in text_of(everything) and "Old news" not in text_of(everything)

    # Nothing new: no e-mail at all.
    assert "0 issues sent, 2 of 2 subscribers with nothing new" in send()[0]
    assert len(mailbox.messages) == 2


def _hrefs(html):
    import re

    return re.findall(r'href="([^"]+)"', html)


def test_every_issue_has_a_one_click_unsubscribe_that_works(mailbox, client):
    from urllib.parse import urlsplit

    factories.letter(title="Something new", days_ago=1)
    factories.subscriber("leaving@example.org")
    send()
    [message] = mailbox.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip().strip("<>")  # unfolded, as clients read it
    assert url.startswith(f"{SITE}/newsletter/unsubscribe/")
    assert url in text_of(message) and url in html_of(message)
    assert message.get_content_type() == "multipart/alternative"
    # What a mail provider does for the reader's "Unsubscribe" button: POST, no cookie.
    from django.test import Client

    answer = Client(enforce_csrf_checks=True).post(
        urlsplit(url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200
    assert not Subscriber.objects.exists()
    factories.letter(title="Even newer", days_ago=0)
    send()
    assert len(mailbox.messages) == 1


def test_a_dry_run_shows_what_would_go_and_sends_and_changes_nothing(mailbox):
    factories.letter(title="A letter worth reading", days_ago=1)
    someone = factories.subscriber("someone@example.org")
    Subscriber.objects.create(
        email="stale@example.org", created_at=timezone.now() - timedelta(days=3)
    )
    out, _ = send("--dry-run")
    assert f"#{someone.pk} so…@example.org: 1 new: A letter worth reading" in out
    assert "1 issue would be sent" in out and "1 unconfirmed address would be deleted" in out
    assert "someone@example.org" not in out
    assert not mailbox.messages and Subscriber.objects.count() == 2
    assert Subscriber.objects.get(pk=someone.pk).sent_through == someone.sent_through


def test_a_refusing_server_mid_run_then_the_next_run_sends_only_the_rest(mailbox):
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(6):
        factories.subscriber(f"reader{n}@example.org")
    mailbox.fail_after = 2

    out, err = send()
    assert "2 issues sent" in out and "4 refused" in out
    assert "4 issues refused: the next run tries again." in err

    mailbox.fail_after = None
    send()
    received = [m["X-Envelope-To"] for m in mailbox.messages]
    assert sorted(received) == [f"reader{n}@example.org" for n in range(6)]  # once each


def test_a_hanging_server_stops_the_run_and_the_next_one_resumes(mailbox, caplog, settings):
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(5):
        factories.subscriber(f"reader{n}@example.org")
    mailbox.hang_after = 2

    started = time.monotonic()
    out, err = send()
    assert time.monotonic() - started < 15  # EMAIL_TIMEOUT (2 s), not for ever
    assert "the mail server stopped answering" in err
    assert len(mailbox.messages) == 2
    app_log = [r.getMessage() for r in caplog.records if r.name.startswith("newsletter")]
    assert app_log and not any("reader" in line for line in app_log)  # by id only

    with mail_server() as working:  # the mail server restarted
        settings.EMAIL_PORT = working.port
        send()
    received = sorted(m["X-Envelope-To"] for m in mailbox.messages + working.messages)
    assert received == [f"reader{n}@example.org" for n in range(5)]  # once each, no more


def test_two_runs_at_once_never_send_anyone_twice(mailbox):
    if connection.vendor != "postgresql":
        pytest.skip("two threads on the in-memory SQLite test database share one connection")
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(40):
        factories.subscriber(f"reader{n}@example.org")

    def run():
        try:
            return send()[0]
        finally:
            connection.close()

    outputs = at_once([run, run])
    received = sorted(m["X-Envelope-To"] for m in mailbox.wait_for(40))
    assert received == sorted(f"reader{n}@example.org" for n in range(40))
    assert "40 issues sent" not in outputs[0] or "40 issues sent" not in outputs[1]


def test_progress_per_hundred_and_quiet_at_verbosity_zero(mailbox):
    factories.letter(title="This week's letter", days_ago=1)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", key=f"key-{n}", confirmed_at=timezone.now()
                   - timedelta(days=7), sent_through=timezone.now() - timedelta(days=7))
        for n in range(205)
    )  # fmt: skip
    out, _ = send()
    assert "100 subscribers done, 100 sent" in out and "200 subscribers done" in out
    assert "205 issues sent" in out
    factories.letter(title="Another", days_ago=0)
    out, err = send("-v", "0")
    assert out == "" and err == ""
    assert len(mailbox.messages) == 410


def test_a_long_absence_gets_a_readable_issue(mailbox):
    for n in range(25):
        factories.letter(title=f"Letter number {n}", days_ago=1 + n / 100)
    factories.subscriber("away@example.org", days_ago=60)
    send()
    text = text_of(mailbox.messages[0])
    assert "Letter number 0" in text and "Letter number 24" not in text
    assert "And 5 more since your last e-mail" in text


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a second process needs the test database; the PostgreSQL pass runs it",
)
def test_a_run_killed_mid_send_never_sends_anyone_twice(mailbox):
    """The process dies while the mail server holds one message: that one subscriber
    misses this issue (at most once), everyone else gets it exactly once."""
    factories.letter(title="This week's letter", days_ago=1)
    for n in range(5):
        factories.subscriber(f"reader{n}@example.org")
    mailbox.hang_after = 2
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "EMAIL_TIMEOUT": "60",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "send_newsletter"], cwd=django_settings.BASE_DIR, env=env
    )
    deadline = time.monotonic() + 30
    while mailbox.started < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert mailbox.started == 3  # the third message is with the server, unanswered
    process.send_signal(signal.SIGKILL)
    process.wait()

    mailbox.hang_after = None
    send()
    received = sorted(m["X-Envelope-To"] for m in mailbox.messages)
    assert received == ["reader0@example.org", "reader1@example.org"] + [
        "reader3@example.org",
        "reader4@example.org",
    ]
