"""A reader's newsletter, in a real browser and through a real mail server: they sign up at
the end of a letter (a typo first, kept and explained), confirm from the e-mail the test's
SMTP server received, get an issue with the next letter, follow it, and unsubscribe."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests import factories
from tests.browser.support import screenshots
from tests.live import mail_server, send_mail_to

pytestmark = pytest.mark.browser

READER = "ruth@example.org"


@pytest.fixture
def mailbox(settings, live_server):
    settings.SITE_URL = live_server.url  # every link in the e-mail leads to this server
    with mail_server() as mailbox:
        send_mail_to(settings, mailbox.port)
        yield mailbox


def link_in(message, kind):
    text = message.get_body(("plain",)).get_content()
    url = re.search(rf"https?://\S+/newsletter/{kind}/\S+/", text).group(0)
    return urlsplit(url).path


def test_a_reader_subscribes_confirms_gets_an_issue_and_unsubscribes(
    site, transactional_db, mailbox
):
    theme = factories.theme(name="Friendship", slug="friendship")
    letter = factories.letter(themes=[theme], title="My friend forgot my birthday")
    reader = site.page()

    reader.goto(letter.get_absolute_url())
    form = reader.locator("form.signup--piece")
    expect(form.get_by_role("heading")).to_have_text(
        "Liked reading this? Get new letters by e-mail"
    )
    form.get_by_label("Your e-mail address").fill("ruth@example")
    form.get_by_role("button", name="Subscribe").click()
    expect(reader.get_by_role("alert")).to_contain_text("doesn’t look like an e-mail address")
    field = reader.locator("#id_email")
    expect(field).to_have_value("ruth@example")  # what was typed is still there
    field.fill(READER)
    reader.get_by_role("checkbox", name="Friendship").check()
    reader.get_by_role("button", name="Subscribe").first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    screenshots(reader, "newsletter-check-email", sizes=("phone",))

    [confirmation] = mailbox.wait_for(1)
    assert confirmation["X-Envelope-To"] == READER
    reader.goto(link_in(confirmation, "confirm"))
    reader.get_by_role("button", name="Yes, send me new letters").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("You’re subscribed")
    expect(reader.locator("main")).to_contain_text("about Friendship")

    new = factories.letter(themes=[theme], title="She never asks how I am", days_ago=0)
    factories.letter(title="Not about friendship", days_ago=0)
    call_command("send_newsletter", verbosity=0)
    issue = mailbox.wait_for(2)[1]
    assert "She never asks how I am" in issue["Subject"]
    html = issue.get_body(("html",)).get_content()
    assert "Not about friendship" not in html
    reader.goto("about:blank")  # the issue as a mail client shows it: not on the site,
    reader.set_content(html)  # so the site's CSP (no inline styles) is not the mail's
    reader.get_by_role("link", name="She never asks how I am").click()
    expect(reader).to_have_url(re.compile(re.escape(new.get_absolute_url()) + "$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text("She never asks how I am")

    reader.goto(link_in(issue, "unsubscribe"))
    reader.get_by_role("button", name="Unsubscribe me").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("You’re unsubscribed")
    assert not Subscriber.objects.exists()
    assert len(mailbox.messages) == 2  # the confirmation and one issue, nothing else
