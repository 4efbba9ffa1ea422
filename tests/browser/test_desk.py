"""The editor's desk in Chromium, on a laptop (1280 × 800) and a phone (360 × 740)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advice.models import Letter
from tests import factories
from tests.browser.support import log_in_as_editor, screenshots

pytestmark = pytest.mark.browser


@pytest.fixture
def day_of_work(transactional_db):
    now = timezone.now()
    for days in (1, 2, 4):
        factories.letter(status=Letter.Status.NEW, reply=None, received_at=now - timedelta(days))
    factories.letter(status=Letter.Status.SHORTLISTED, reply=None)
    factories.letter(status=Letter.Status.DRAFTED)
    factories.letter(
        title="When my mother moved in with us and nothing was the same again afterwards",
        published_at=now + timedelta(days=2),
    )
    factories.article(title="Saying no kindly", published_at=now + timedelta(hours=20))
    factories.letter(title="My brother borrows and never pays back")
    factories.article(title="How to write to the column")


def no_sideways_scroll(page):
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the desk scrolls sideways: {width}"


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_desk_shows_the_days_work_and_fits_the_screen(site, day_of_work, phone):
    page = site.page(phone=phone)
    log_in_as_editor(page, "desk-phone" if phone else "desk-laptop")
    waiting = page.locator("#desk-waiting")
    for row in ["New 3", "Shortlisted 1", "Reply drafted 1", "Scheduled 1"]:
        expect(waiting.get_by_role("row", name=row, exact=True)).to_be_visible()
    oldest = waiting.get_by_role("row", name=re.compile("^Oldest waiting letter"))
    expect(oldest).to_contain_text(re.compile(r"4\s+days"))
    scheduled = page.locator("#desk-scheduled tr")
    expect(scheduled.first).to_contain_text("Saying no kindly")
    expect(scheduled.nth(1)).to_contain_text("When my mother moved in")
    expect(page.locator("#desk-latest")).to_contain_text("My brother borrows")
    no_sideways_scroll(page)
    if not phone:
        screenshots(page, "desk")
    page.locator("#desk-waiting").get_by_role("link", name="New", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
