"""The newsletter sign-up, as readers meet it: the forms, the confirmation e-mail a real mail
server receives, the link (and its expiry), one-click unsubscribe, and what the forms refuse.

Sending issues is tested in test_newsletter_sending.py; the privacy checks are in
test_privacy.py, the pages' HTML in test_html_validity.py.
"""

import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.services import confirmation_token, subscribe, unsubscribe_token
from tests import factories
from tests.live import at_once, gunicorn, mail_server, send_mail_to

# Sign-ups send their confirmation after the response commits: real commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READER = "reader@example.org"
SIGNUP = reverse("newsletter:subscribe")


@pytest.fixture
def mailbox(settings):
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port)
        yield mailbox


def sign_up(client, email=READER, **fields):
    return client.post(SIGNUP, {"email": email, "website": "", **fields})


def link(message, kind):
    """The path of the `kind` ("confirm", "unsubscribe") link in a message's text part."""
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(rf"https?://\S+/newsletter/{kind}/\S+/", text).group(0)).path


def test_signing_up_sends_one_confirmation_with_a_link_that_confirms(client, mailbox):
    rejection = factories.theme(name="Rejection")
    answer = sign_up(client, "Reader@Example.ORG", themes=[rejection.slug])
    assert answer.status_code == 200
    assert "Check your e-mail" in answer.content.decode()

    [message] = mailbox.wait_for(1)
    assert message["X-Envelope-To"] == "Reader@example.org"  # the domain, not the mailbox, folded
    assert message["Subject"] == "Ask Elizabeth: please confirm your subscription"
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None

    confirm = link(message, "confirm")
    page = client.get(confirm)  # a mail scanner opening the link confirms nothing
    assert "Yes, send me new letters" in page.content.decode()
    assert Subscriber.objects.get().confirmed_at is None
    done = client.post(confirm)
    assert done.status_code == 200
    assert "You’re subscribed" in done.content.decode() and "Rejection" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at and list(subscriber.themes.all()) == [rejection]
    assert subscriber.sent_through == subscriber.confirmed_at  # not the whole archive
    # Twice is fine, and a third look still says so.
    assert client.post(confirm).status_code == 200
    assert "You’re subscribed" in client.get(confirm).content.decode()
    assert len(mailbox.messages) == 1  # nothing but the confirmation, ever, unconfirmed


def test_the_confirmation_link_expires_after_48_hours_and_offers_a_new_one(client, mailbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_up(client)
        confirm = link(mailbox.wait_for(1)[0], "confirm")
        traveller.shift(timedelta(hours=47, minutes=59))
        assert "Yes, send me new letters" in client.get(confirm).content.decode()
        traveller.shift(timedelta(minutes=2))
        expired = client.post(confirm)
    assert expired.status_code == 410
    html = expired.content.decode()
    assert "This link has expired" in html and "Send me a new link" in html
    assert Subscriber.objects.get().confirmed_at is None
    # A made-up or cut-short link says so, too.
    broken = client.get(confirm[:-8] + "/")
    assert broken.status_code == 404 and "This link doesn’t work" in broken.content.decode()


def test_the_same_calm_answer_whoever_is_subscribed(client, mailbox, settings):
    settings.NEWSLETTER_RATE_LIMIT = (50, 3600)
    confirmed = subscribe(email="known@example.org").subscriber
    Subscriber.objects.filter(pk=confirmed.pk).update(confirmed_at=timezone.now())
    answers = [sign_up(client, email) for email in ("known@example.org", "new@example.org")]
    again = sign_up(client, "new@example.org")  # within the hour: no second e-mail
    pages = [a.content.decode() for a in [*answers, again]]
    assert {a.status_code for a in [*answers, again]} == {200}
    # The pages differ only in nothing: same words for subscribed, new and waiting.
    assert pages[0] == pages[1] == pages[2]
    mailbox.wait_for(2, seconds=2)
    assert [m["X-Envelope-To"] for m in mailbox.messages] == ["new@example.org"]
    assert Subscriber.objects.get(email="known@example.org").confirmed_at is not None


def test_the_footer_form_of_a_cached_page_works_for_the_next_visitor(live_database, tmp_path):
    """gunicorn with the page cache on: the second visitor gets the first one's copy of the
    home page, and signs up from its footer (no cookie, no token), as browsers send it."""
    from tests.live import Visitor

    with mail_server() as mailbox:
        env = {"EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}", "PAGE_CACHE_SECONDS": "600"}
        with gunicorn(live_database, env=env) as app:
            first, second = Visitor(app.url, "127.0.0.2"), Visitor(app.url, "127.0.0.3")
            assert first.get("/").headers["X-Page-Cache"] == "miss"
            home = second.get("/")
            assert home.headers["X-Page-Cache"] == "hit"
            assert 'action="/newsletter/"' in home.text and "csrfmiddlewaretoken" not in home.text
            browser = {"Origin": app.url, "Sec-Fetch-Site": "same-origin"}
            address = f"footer-{time.time_ns()}@example.org"
            answer = second.post_form(
                "/newsletter/", {"email": address, "website": ""}, headers=browser
            )
            assert answer.status == 200 and "Check your e-mail" in answer.text
            assert not second.cookies  # nothing was set on the reader either
            assert mailbox.wait_for(1)[0]["X-Envelope-To"] == address
            # The same form posted by another site's page is refused, the address kept.
            forged = Visitor(app.url, "127.0.0.4").post_form(
                "/newsletter/",
                {"email": "victim@example.org"},
                headers={"Origin": "https://elsewhere.example", "Sec-Fetch-Site": "cross-site"},
            )
            assert forged.status == 403 and "victim@example.org" in forged.text
            assert "This form came from another website" in forged.text
    assert len(mailbox.messages) == 1


def test_unsubscribing_takes_one_click_and_deletes_the_address(client):
    subscriber = subscribe(email=READER).subscriber
    path = reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
    page = client.get(path)  # following the link only asks
    assert "Unsubscribe me" in page.content.decode() and Subscriber.objects.exists()
    # RFC 8058: a POST with this body, no cookie, no CSRF token, deletes at once.
    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200 and "You’re unsubscribed" in answer.content.decode()
    assert not Subscriber.objects.exists()
    assert not answer.cookies
    assert strict.post(path).status_code == 200  # a second click is calm too
    assert "You’re not subscribed" in client.get(path).content.decode()
    # The confirmation link of a deleted address can't bring it back.
    expired = client.post(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))
    assert expired.status_code == 410 and not Subscriber.objects.exists()


def test_unconfirmed_addresses_are_deleted_after_48_hours(mailbox, settings):
    from django.core.management import call_command

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        subscribe(email="waiting@example.org")
        traveller.shift(timedelta(hours=24))
        subscribe(email="later@example.org")
        traveller.shift(timedelta(hours=24, minutes=1))
        call_command("send_newsletter", verbosity=0)
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["later@example.org"]
        traveller.shift(timedelta(hours=24))
        call_command("send_newsletter", verbosity=0)
    assert not Subscriber.objects.exists()
    assert not mailbox.messages  # an unconfirmed address gets no issue


HOSTILE = [
    ("reader@example.org\r\nBcc: everyone@example.org", "doesn’t look like an e-mail"),
    ("reader@example.org\nSubject: hello", "doesn’t look like an e-mail"),
    ("reader\x00@example.org", "Null characters are not allowed"),
    ("rea\x07der@example.org", "doesn’t look like an e-mail"),
    ("x" * 290 + "@example.org", "longer than e-mail addresses can be"),
    ("читатель@example.org", "doesn’t look like an e-mail"),
    ("", "Please type the e-mail address"),
]


@pytest.mark.parametrize(("email", "says"), HOSTILE)
def test_hostile_addresses_come_back_with_a_clear_message(client, mailbox, email, says):
    answer = sign_up(client, email)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert says in html
    if email and "\x00" not in email:
        typed = email.replace("\r", "").split("\n")[0][:40]
        assert typed in html  # what was typed is still there
    assert not Subscriber.objects.exists() and not mailbox.messages


def test_an_address_in_another_script_and_an_idn_domain_is_welcome(client, mailbox):
    assert sign_up(client, "reader@bücher.example").status_code == 200
    [message] = mailbox.wait_for(1)
    assert message["X-Envelope-To"] == "reader@xn--bcher-kva.example"  # IDNA on the wire
    # Stored in its one spelling, so the ASCII form of the same domain finds it.
    assert Subscriber.objects.get().email == "reader@xn--bcher-kva.example"


def test_the_honeypot_and_the_rate_limit(client, mailbox, settings):
    settings.NEWSLETTER_RATE_LIMIT = (2, 3600)
    caught = client.post(SIGNUP, {"email": READER, "website": "http://spam.example"})
    assert caught.status_code == 400 and "filled in by a program" in caught.content.decode()
    assert sign_up(client, "one@example.org").status_code == 200
    assert sign_up(client, "two@example.org").status_code == 200
    limited = sign_up(client, "three@example.org")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "three@example.org" in limited.content.decode()
    assert "Please wait a little" in limited.content.decode()
    assert Subscriber.objects.count() == 2


def test_a_double_click_makes_one_subscriber_and_one_e_mail(live_server, mailbox, settings):
    import urllib.parse
    import urllib.request

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("in-memory SQLite shares one connection between the live server's threads")

    settings.NEWSLETTER_RATE_LIMIT = (10, 3600)
    body = urllib.parse.urlencode({"email": READER}).encode()

    def click():
        with urllib.request.urlopen(live_server.url + SIGNUP, body, timeout=30) as answer:
            return answer.status

    assert at_once([click, click]) == [200, 200]
    mailbox.wait_for(2, seconds=3)
    assert Subscriber.objects.count() == 1 and len(mailbox.messages) == 1


def test_the_newsletter_page_offers_themes_and_the_feeds(client):
    factories.theme(name="Self-worth", slug="self-worth")
    html = client.get(SIGNUP).content.decode()
    assert "Get new letters by e-mail" in html
    assert 'value="self-worth"' in html  # a theme to choose
    assert reverse("feeds_latest") in html
    assert reverse("feeds_theme", args=["self-worth"]) in html
    # Every page's footer: the form, the feed and the privacy page.
    home = client.get(reverse("home")).content.decode()
    footer = home[home.index("<footer") :]
    for expected in ['id="signup-footer-email"', reverse("feeds_latest"), reverse("privacy")]:
        assert expected in footer


def test_the_end_of_each_letter_and_article_invites_to_subscribe(client):
    for piece in (factories.letter(), factories.article()):
        html = client.get(piece.get_absolute_url()).content.decode()
        # One form to a page: the piece's own stands in for the footer's.
        assert 'id="signup-piece-email"' in html and 'id="signup-footer-email"' not in html


def test_a_sign_up_with_the_database_down_keeps_the_address(client, settings):
    from tests.support import database_down

    with database_down():
        answer = Client(raise_request_exception=False).post(SIGNUP, {"email": READER})
    assert answer.status_code == 503 and READER in answer.content.decode()


def test_editors_see_subscribers_but_add_or_change_none(client):
    rejection = factories.theme(name="Rejection")
    waiting = subscribe(email="waiting@example.org", themes=[rejection]).subscriber
    client.force_login(factories.editor())
    listing = client.get(reverse("admin:newsletter_subscriber_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "waiting@example.org" in html and "Rejection" in html
    assert client.get(reverse("admin:newsletter_subscriber_add")).status_code == 403
    change = client.get(reverse("admin:newsletter_subscriber_change", args=[waiting.pk]))
    assert change.status_code == 200 and "Save" not in change.content.decode()
