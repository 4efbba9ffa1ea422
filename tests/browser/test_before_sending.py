"""Before sending, in Chromium (issue 19): the letter's live word count, answered letters
like it as the reader writes, and the same without JavaScript: the limit stated in words and
a "Find letters like mine" step that keeps everything typed. And the closed postbag."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter
from advice.postbag_status import switch_postbag

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my oldest friend only ever gets in touch when she needs a favour. I "
    "always make the plans and I am tired of being the one who tries."
)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_count_follows_the_letter_and_letters_like_it_appear(site, demo, phone):
    page = site.page(phone=phone)
    page.goto(reverse("advice:ask"))
    letter = page.get_by_label("Your letter", exact=True)
    count = page.locator("#id_letter_count")
    expect(count).to_have_text("0 words · 0 of 5,000 characters")
    letter.fill("Dear Elizabeth, thank you.")
    expect(count).to_have_text("4 words · 26 of 5,000 characters")
    assert "id_letter_count" in letter.get_attribute("aria-describedby")

    letter.fill(LETTER)
    like = page.get_by_role("region", name="Letters like yours that have been answered")
    links = like.get_by_role("link")
    expect(links.first).to_be_visible(timeout=10_000)
    assert 1 <= links.count() <= 3
    # Beside the letter, and "Send my letter" is still the button Enter presses.
    assert page.get_by_role("button", name="Find letters like mine").count() == 0
    page.get_by_label("How should we sign your letter?").press("Enter")
    expect(page.locator(".error-summary")).to_contain_text("Please tick this box")
    assert Letter.objects.filter(original_text=LETTER).count() == 0


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_without_javascript_the_limit_is_stated_and_looking_is_a_step(site, demo, phone):
    page = site.page(phone=phone, javascript=False)
    page.goto(reverse("advice:ask"))
    expect(page.get_by_text("Between 50 and 5,000 characters.")).to_be_visible()
    assert page.locator("#id_letter_count").count() == 0
    page.get_by_label("Your letter", exact=True).fill(LETTER)
    page.get_by_label("How should we sign your letter?").fill("Tired in Truro")
    page.get_by_role("button", name="Find letters like mine").click()

    like = page.get_by_role("region", name="Letters like yours that have been answered")
    expect(like.get_by_role("link").first).to_be_visible()
    expect(page.get_by_label("Your letter", exact=True)).to_have_value(LETTER)
    expect(page.get_by_label("How should we sign your letter?")).to_have_value("Tired in Truro")
    assert page.locator(".error-summary").count() == 0
    assert Letter.objects.filter(original_text=LETTER).count() == 0


def test_a_letter_sent_after_the_postbag_closed_comes_back_to_copy(site, demo):
    page = site.page(javascript=False)
    page.goto(reverse("advice:ask"))
    page.get_by_label("Your letter", exact=True).fill(LETTER)
    page.get_by_label("I understand that my letter may be edited").check()
    switch_postbag(closed=True, notice="We're reading the letters we have; back on 3 February.")
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The postbag is closed for now")
    expect(page.get_by_role("alert")).to_contain_text("Your letter was not sent")
    expect(page.get_by_label("Your letter, to copy and keep")).to_have_value(LETTER)
    assert Letter.objects.filter(original_text=LETTER).count() == 0
    switch_postbag(closed=False)
    page.goto(reverse("advice:ask"))
    expect(page.get_by_role("button", name="Send my letter")).to_be_visible()
