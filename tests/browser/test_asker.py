"""The asker's journeys in Chromium: letters like yours on the receipt page (followed to
one), a refused letter on a phone whose error summary is on screen and has the focus, and
a helpline number that is a link a phone can call."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my oldest friend only ever gets in touch when she needs a favour. I "
    "always make the plans and I am tired of being the one who tries."
)


def fill_in(page, letter):
    page.get_by_label("Your letter", exact=True).fill(letter)
    page.get_by_label("I understand that my letter may be edited").check()


def test_the_receipt_offers_answered_letters_like_yours_and_one_can_be_read(site, demo):
    page = site.page()
    page.goto(reverse("advice:ask"))
    fill_in(page, LETTER)
    page.get_by_role("checkbox", name="Friendship").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")

    similar = page.get_by_role(
        "region", name="Letters like yours that Elizabeth has already answered"
    )
    links = similar.get_by_role("link")
    expect(links.first).to_be_visible()
    assert 1 <= links.count() <= 3
    title = links.first.inner_text()
    links.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("link", name="Write to Elizabeth")).to_be_visible()


def test_a_refused_letter_on_a_phone_shows_its_errors_on_screen_with_the_focus(site, demo):
    page = site.page(phone=True)
    page.goto(reverse("advice:ask"))
    fill_in(page, "Too short.")
    page.get_by_role("button", name="Send my letter").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Your letter is a little short")
    expect(summary).to_be_focused()
    assert page.evaluate("document.activeElement.className") == "error-summary"
    expect(summary).to_be_in_viewport()
    box = summary.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], box
    # What the reader typed is still there.
    expect(page.get_by_label("Your letter", exact=True)).to_have_value("Too short.")

    # The link in the summary takes them to the field.
    summary.get_by_role("link").click()
    expect(page.get_by_label("Your letter", exact=True)).to_be_focused()


def test_a_refused_comment_and_sign_up_on_a_phone_focus_their_summaries(site, demo):
    page = site.page(phone=True)
    page.goto(reverse("newsletter:subscribe"))
    page.get_by_label("Your e-mail address").first.fill("not an address")
    page.locator("main").get_by_role("button", name="Subscribe").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_be_in_viewport()


def test_the_crisis_notice_numbers_are_links_a_phone_can_call(site, demo):
    page = site.page(phone=True)
    page.goto(reverse("advice:ask"))
    notice = page.get_by_role("complementary", name="If you need help now")
    expect(notice.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    expect(notice.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
