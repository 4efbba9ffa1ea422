"""Each columnist's queue on the desk in Chromium, on a laptop (1280 × 800) and a phone
(360 × 740): readable, and no sideways scroll (issue 19)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from advice.columnists import Columnist
from advice.models import Letter
from tests import factories
from tests.browser.support import log_in_as_editor

pytestmark = pytest.mark.browser


@pytest.fixture
def three_voices(transactional_db):
    guest = Columnist.objects.create(name="Ruth Adeyemi, guest columnist for the summer")
    persona = Columnist.objects.create(name="Sam Porter", credit_writer=True)
    Columnist.objects.create(name="Jo Kim", active=False)
    for whom in (guest, guest, persona, None):
        factories.letter(status=Letter.Status.NEW, reply=None, columnist=whom)
    factories.letter(status=Letter.Status.DRAFTED, columnist=persona)
    factories.letter(columnist=persona, published_at=timezone.now() + timedelta(days=3))
    return persona


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_desk_shows_each_columnists_queue_and_fits_the_screen(site, three_voices, phone):
    page = site.page(phone=phone)
    username = "queues-phone" if phone else "queues-laptop"
    log_in_as_editor(page, username)
    three_voices.users.add(get_user_model().objects.get(username=username))
    page.reload()
    expect(page.locator("#desk-my-letters")).to_contain_text("Your letters: 1 waiting")
    queues = page.locator("#desk-queues tbody tr")
    expect(queues).to_have_count(3)  # Jo Kim, inactive with nothing queued, isn't listed
    expect(queues.nth(0)).to_contain_text("Ruth Adeyemi")
    expect(queues.nth(1)).to_contain_text("Sam Porter")
    expect(queues.nth(2)).to_contain_text("Not assigned")
    for row in range(3):
        box = queues.nth(row).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the desk scrolls sideways: {width}"
    queues.nth(1).locator("td a").nth(1).click()  # Sam Porter's drafted letters
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
