"""What a hostile tester found in the sign-up: one mailbox signed up twice under two
spellings of its domain, addresses that reach no one, the 48-hour promise kept only weekly,
methods the pages shouldn't take, a theme error linking nowhere, and a 429 that said
"later" without saying when."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.services import confirmation_token, subscribe, unsubscribe_token
from tests import factories
from tests.live import mail_server, send_mail_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIGNUP = reverse("newsletter:subscribe")


@pytest.fixture
def mailbox(settings):
    settings.NEWSLETTER_RATE_LIMIT = (50, 3600)
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port)
        yield mailbox


def sign_up(client, email, **fields):
    return client.post(SIGNUP, {"email": email, "website": "", **fields})


# --- One mailbox, one subscriber ------------------------------------------------------


def test_both_spellings_of_an_international_domain_are_one_subscriber(client, mailbox):
    spellings = [
        "user@bücher.example",
        "user@xn--bcher-kva.example",
        "user@BÜCHER.Example",
    ]
    for email in spellings:
        assert sign_up(client, email).status_code == 200
    [subscriber] = Subscriber.objects.all()
    assert subscriber.email == "user@xn--bcher-kva.example"
    assert len(mailbox.wait_for(2, seconds=2)) == 1  # one confirmation, not one per spelling

    # Confirmed under one spelling, a sign-up under the other changes nothing.
    Subscriber.objects.update(confirmed_at=timezone.now())
    assert sign_up(client, "user@bücher.example").status_code == 200
    assert Subscriber.objects.count() == 1 and Subscriber.objects.get().is_confirmed


def test_the_local_part_is_kept_as_typed(client, mailbox):
    sign_up(client, "Ruth.Smith@Bücher.example")
    assert Subscriber.objects.get().email == "Ruth.Smith@xn--bcher-kva.example"
    assert mailbox.wait_for(1)[0]["X-Envelope-To"] == "Ruth.Smith@xn--bcher-kva.example"


def test_the_migration_merges_the_duplicates_already_stored(settings):
    """Rows stored before the fix: three spellings of one mailbox (the confirmed one kept,
    with its themes) and an address with its domain in capitals."""
    executor = MigrationExecutor(connection)
    executor.migrate([("newsletter", "0002_editors_see_subscribers")])
    apps = executor.loader.project_state([("newsletter", "0002_editors_see_subscribers")]).apps
    Old = apps.get_model("newsletter", "Subscriber")
    grief = factories.theme(name="Grief", slug="grief")
    now = timezone.now()
    Old.objects.create(email="ana@bücher.example", key="k1", created_at=now - timedelta(days=3))
    confirmed = Old.objects.create(
        email="ana@bücher.example.",
        key="k2",
        created_at=now - timedelta(days=2),
        confirmed_at=now - timedelta(days=2),
        sent_through=now - timedelta(days=2),
    )
    confirmed.themes.set([grief.pk])
    Old.objects.create(email="ana@xn--bcher-kva.example", key="k3", created_at=now)
    Old.objects.create(email="Ben@Example.ORG", key="k4", created_at=now)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("newsletter"))

    rows = {row.key: row for row in Subscriber.objects.all()}
    assert sorted(rows) == ["k2", "k4"]
    assert rows["k2"].email == "ana@xn--bcher-kva.example" and rows["k2"].is_confirmed
    assert [t.slug for t in rows["k2"].themes.all()] == ["grief"] and rows["k2"].chose_themes
    assert rows["k4"].email == "Ben@example.org" and not rows["k4"].chose_themes


# --- Addresses that reach no one ------------------------------------------------------

UNMAILABLE = [
    ("user@localhost", "only works inside one computer or network"),
    ("user@[127.0.0.1]", "address in square brackets"),
    ("user@[10.0.0.7]", "address in square brackets"),
    ("user@printer.localhost", "only works inside one computer or network"),
    ("user@nas.local", "only works inside one computer or network"),
    ("user@nowhere.invalid", "only works inside one computer or network"),
]


@pytest.mark.parametrize(("email", "says"), UNMAILABLE)
def test_addresses_that_reach_no_one_are_refused_and_kept_in_the_form(client, mailbox, email, says):
    answer = sign_up(client, email)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert says in html and "Please check" in html
    assert f'value="{email}"' in html  # what was typed is still in the field
    assert not Subscriber.objects.exists()
    assert not mailbox.wait_for(1, seconds=0.5)


# --- The 48-hour promise ---------------------------------------------------------------


def test_a_sign_up_deletes_the_addresses_whose_48_hours_are_over(client, mailbox):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        subscribe(email="waiting@example.org")
        subscribe(email="also-waiting@example.org")
        traveller.shift(timedelta(hours=1))
        subscribe(email="newer@example.org")
        traveller.shift(timedelta(hours=47, minutes=1))
        assert sign_up(client, "someone@example.org").status_code == 200
        left = sorted(Subscriber.objects.values_list("email", flat=True))
    assert left == ["newer@example.org", "someone@example.org"]


def test_purge_unconfirmed_keeps_the_promise_between_newsletters(capsys):
    confirmed = subscribe(email="reader@example.org").subscriber
    Subscriber.objects.filter(pk=confirmed.pk).update(confirmed_at=timezone.now())
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        subscribe(email="waiting@example.org")
        traveller.shift(timedelta(hours=47, minutes=59))
        call_command("purge_unconfirmed", verbosity=0)
        assert Subscriber.objects.count() == 2  # not a minute early
        traveller.shift(timedelta(minutes=2))
        call_command("purge_unconfirmed", verbosity=0)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader@example.org"]
    assert capsys.readouterr().out == "1 unconfirmed address deleted.\n"


def test_the_pages_and_the_e_mail_say_when_an_address_is_deleted(client, mailbox):
    promise = "within the hour after"
    for page in (SIGNUP, reverse("privacy")):
        assert promise in client.get(page).content.decode()
    assert promise in sign_up(client, "reader@example.org").content.decode()
    text = mailbox.wait_for(1)[0].get_body(("plain",)).get_content()
    assert "within the hour after those 48 hours" in " ".join(text.split())
    subscriber = Subscriber.objects.get()
    confirm = client.get(reverse("newsletter:confirm", args=[confirmation_token(subscriber)]))
    assert "within the hour after its 48 hours" in confirm.content.decode()


# --- Methods, the theme error's link, the wait ------------------------------------------


@pytest.mark.parametrize("method", ["put", "delete", "options", "patch"])
def test_the_pages_refuse_methods_they_do_not_take(client, method):
    subscriber = subscribe(email="reader@example.org").subscriber
    paths = [
        SIGNUP,
        reverse("newsletter:confirm", args=[confirmation_token(subscriber)]),
        reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]),
    ]
    for path in paths:
        answer = getattr(client, method)(path, "email=x%40example.org")
        assert answer.status_code == 405, path
        assert set(answer["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert Subscriber.objects.get().confirmed_at is None  # nothing happened to anyone


def test_a_theme_error_in_the_summary_leads_to_the_themes(client, mailbox):
    factories.theme(name="Grief", slug="grief")
    answer = sign_up(client, "reader@example.org", themes=["grief", "gone-theme"])
    assert answer.status_code == 400
    html = answer.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    [target] = re.findall(r'<a href="#([^"]*)">One of those themes', summary)
    assert target and f'id="{target}"' in html  # the checkboxes' group, not "#"
    assert 'value="grief"' in html and 'value="reader@example.org"' in html


def test_a_sign_up_too_soon_says_when_to_try_again(client, mailbox, settings):
    settings.NEWSLETTER_RATE_LIMIT = (1, 3600)
    hour = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(hour + timedelta(minutes=20, seconds=30), tick=False):
        assert sign_up(client, "one@example.org").status_code == 200
        limited = sign_up(client, "two@example.org")
    assert limited.status_code == 429 and limited["Retry-After"] == str(39 * 60 + 30)
    html = limited.content.decode()
    assert "please send it again in about 40 minutes." in html
    assert "try again later" not in html and 'value="two@example.org"' in html
