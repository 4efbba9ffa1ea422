"""The identifying-details check in Chromium, on a laptop (1280×800) and a phone (360×740):
the highlighted panel is visible, publishing asks, and after the tick it publishes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter, Reply
from tests.browser.support import log_in_as_editor, screenshots

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_publishing_asks_about_the_highlighted_details(site, phone):
    letter = Letter.objects.create(
        original_text="Dear Elizabeth, my sister Kerry in Swindon never pays me back.",
        title="My sister never pays me back",
        body="Dear Elizabeth, my sister Kerry in Swindon never pays me back.",
        status=Letter.Status.DRAFTED,
    )
    Reply.objects.create(letter=letter, body="Ask Kerry for a date she can manage.")
    page = site.page(phone=phone)
    log_in_as_editor(page, "identifying-phone" if phone else "identifying")
    page.goto(reverse("admin:advice_letter_change", args=[letter.pk]))

    panel = page.locator("#identifying-check")
    expect(panel.get_by_role("heading", name="Check before publishing")).to_be_visible()
    panel.scroll_into_view_if_needed()
    kerry = panel.locator("mark", has_text="Kerry").first
    expect(kerry).to_be_visible()
    expect(kerry).to_have_text("Kerry (name)")
    expect(panel.locator("mark", has_text="Swindon").first).to_have_text("Swindon (place)")
    # Highlighted, and no wider than the window.
    assert kerry.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert panel.bounding_box()["width"] <= width
    screenshots(page, "identifying-panel", sizes=("phone",) if phone else ("desktop",))

    page.get_by_label("Status:").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    error = panel.locator(".errorlist")
    expect(error).to_contain_text("could identify someone (name, place)")
    expect(page.get_by_label("Letter for publication:")).to_have_value(
        "Dear Elizabeth, my sister Kerry in Swindon never pays me back."
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFTED

    page.get_by_label("I have checked the highlighted details").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    letter.refresh_from_db()
    assert letter.is_published
