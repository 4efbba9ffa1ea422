"""The newsletter after publication: a classic re-run since a subscriber's last issue is in
their next one, once, with "First published …"; a re-run scheduled for later waits for its
time; a piece with a content note shows the note, not its opening words.

Issues go through send_newsletter to a real mail server, as in test_newsletter_sending.py.
"""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from postbag.after_publication import first_published, rerun_as_classic
from tests import factories
from tests.live import mail_server, send_mail_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SITE = "https://column.example.org"


@pytest.fixture
def mailbox(settings):
    settings.SITE_URL = SITE
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port, timeout=2)
        yield mailbox


def send():
    out = io.StringIO()
    call_command("send_newsletter", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def parts(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def test_a_classic_rerun_since_the_last_issue_is_in_the_next_one_once(mailbox):
    classic = factories.letter(
        title="My sister never says sorry",
        body="We have not spoken since the wedding.",
        days_ago=700,
    )
    factories.letter(title="An old letter nobody re-ran", days_ago=600)
    fresh = factories.letter(title="The friend who only calls when she needs something")
    factories.subscriber("reader@example.org", days_ago=7)
    rerun_as_classic(piece=classic, at=timezone.now() - timedelta(days=2))

    assert "1 issue sent" in send()
    [issue] = mailbox.to("reader@example.org")
    text, html = parts(issue)
    since = f"Classic · First published {first_published(classic.published_at)}"
    for expected in ["My sister never says sorry", since, "We have not spoken since the wedding."]:
        assert expected in text and expected in html
    # Its one address, not a copy; newest last: the re-run (2 days ago) before the new letter.
    assert text.count(f"{SITE}{classic.get_absolute_url()}") == 1
    assert text.index("My sister never says sorry") < text.index("The friend who only calls")
    assert fresh.title in text and "An old letter nobody re-ran" not in text
    # The new letter is not marked as a classic.
    assert text.count("First published") == 1

    # The next run has nothing new: the classic isn't sent twice.
    assert "0 issues sent" in send()
    assert len(mailbox.messages) == 1


def test_a_rerun_scheduled_for_later_waits_for_its_time(mailbox):
    classic = factories.article(title="On saying no without a speech", days_ago=400)
    factories.subscriber("reader@example.org", days_ago=7)
    rerun_as_classic(piece=classic, at=timezone.now() + timedelta(days=3))

    assert "0 issues sent" in send()
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=True):
        assert "1 issue sent" in send()
    [issue] = mailbox.to("reader@example.org")
    text, html = parts(issue)
    assert "On saying no without a speech" in text
    assert f"First published {first_published(classic.published_at)}" in html


def test_a_piece_with_a_content_note_shows_the_note_not_its_text(mailbox):
    factories.letter(
        title="After my brother's overdose",
        body="The night it happened I found him on the bathroom floor.",
        content_note="Mentions an overdose",
    )
    factories.subscriber("reader@example.org", days_ago=7)

    assert "1 issue sent" in send()
    [issue] = mailbox.to("reader@example.org")
    for part in parts(issue):
        assert "After my brother" in part and "Content note: Mentions an overdose" in part
        assert "bathroom floor" not in part
