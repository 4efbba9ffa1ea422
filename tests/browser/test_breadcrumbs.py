"""A reader arriving on a letter from elsewhere (a search engine, a shared link) finds where
it sits in the column through its breadcrumb: up to its theme, up to the section, and down
again to another piece."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import screenshots

pytestmark = pytest.mark.browser

# A demo letter; its themes are Dating, Rejection and Self-worth, and it goes by the first
# in alphabetical order: Dating, in the section Relationships.
LETTER = "He ghosted me after three perfect dates"
LETTER_URL = reverse("advice:letter_detail", args=["ghosted-after-three-perfect-dates"])
# A demo article about Breakups and Dating (Breakups first), among the section's newest.
ARTICLE = "Starting Over: Are You Ready to Date Again?"


def crumbs(page):
    """The breadcrumb's links, as a screen reader meets them (the navigation landmark)."""
    return page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")


def test_a_reader_follows_the_breadcrumb_up_to_the_section_and_back_to_a_piece(site, demo):
    page = site.page()
    page.goto(LETTER_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(LETTER)
    expect(crumbs(page)).to_have_text(["Home", "Relationships", "Dating", LETTER])
    expect(crumbs(page).last).to_have_attribute("aria-current", "page")
    screenshots(page, "breadcrumbs-1-letter")

    crumbs(page).get_by_text("Dating", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dating")
    expect(crumbs(page)).to_have_text(["Home", "Relationships", "Dating"])
    expect(page.get_by_role("link", name=LETTER)).to_be_visible()  # the letter is listed

    # By keyboard this time: the section's link takes focus and Enter follows it.
    crumbs(page).get_by_text("Relationships", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationships")
    expect(crumbs(page)).to_have_text(["Home", "Relationships"])
    section_themes = page.get_by_role("region", name="Themes in Relationships")
    for theme in ["Breakups", "Dating", "Jealousy", "One-sided effort"]:
        expect(section_themes.get_by_role("heading", name=theme, exact=True)).to_be_visible()
    screenshots(page, "breadcrumbs-2-section")

    # Down again, to a piece from another of the section's themes.
    page.locator(".cards").get_by_role("link", name=ARTICLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(crumbs(page)).to_have_text(["Home", "Relationships", "Breakups", ARTICLE])

    crumbs(page).first.click()
    expect(page).to_have_url(site.base_url + reverse("home"))


def test_the_breadcrumb_fits_a_phone_and_the_themes_index_shows_the_sections(site, demo):
    page = site.page(phone=True)
    page.goto(LETTER_URL)
    nav = page.get_by_role("navigation", name="Breadcrumb")
    expect(nav).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the letter scrolls sideways: {width}"
    screenshots(page, "breadcrumbs-3-phone", sizes=["phone"])

    page.goto(reverse("theme_list"))
    for section in ["Friends & family", "Relationships", "Self"]:
        region = page.get_by_role("region", name=section)
        expect(region.get_by_role("heading", level=2)).to_have_text(section)
    family = page.get_by_role("region", name="Friends & family")
    expect(family.get_by_role("link", name="Family", exact=True)).to_be_visible()
