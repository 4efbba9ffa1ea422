"""A reader, in a real browser: from the front page through themes, letters and search."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter
from tests.browser.support import screenshots
from tests.support import CODE

pytestmark = pytest.mark.browser

# A demo letter about friendship, and a word that only its text contains.
LETTER_TITLE = "My best friend only calls when she needs something"
WORD_FROM_LETTER = "bridesmaid"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_reader_browses_reads_searches_and_finds_the_feed(site, demo):
    page = site.page()
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask Elizabeth")
    # The stylesheet arrived and applies: the page is set in the site's serif.
    assert "Georgia" in page.evaluate("getComputedStyle(document.body).fontFamily")
    screenshots(page, "reader-1-home")

    themes = page.get_by_role("region", name="Browse by theme")
    themes.get_by_role("link", name="Friendship").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Friendship")
    screenshots(page, "reader-2-theme")

    page.get_by_role("link", name=LETTER_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LETTER_TITLE)
    expect(page.get_by_role("region", name="The letter")).to_contain_text(WORD_FROM_LETTER)
    expect(page.get_by_role("heading", name="Elizabeth replies")).to_be_visible()
    screenshots(page, "reader-3-letter")

    related = page.get_by_role("complementary", name="Related reading").get_by_role("link").first
    related_title = related.inner_text()
    related.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related_title)
    screenshots(page, "reader-4-related")

    page.get_by_role("searchbox", name="Search letters and articles").fill(WORD_FROM_LETTER)
    page.get_by_role("searchbox", name="Search letters and articles").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    hits = page.locator(".search-hits")
    expect(hits.get_by_role("heading", level=2)).to_contain_text(f"for “{WORD_FROM_LETTER}”")
    screenshots(page, "reader-5-search")

    hits.get_by_role("link", name=LETTER_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LETTER_TITLE)

    feed_link = page.locator('head link[rel="alternate"][type="application/atom+xml"]').first
    feed = page.request.get(feed_link.get_attribute("href"))
    assert feed.ok
    assert "xml" in feed.headers["content-type"]
    root = ET.fromstring(feed.body())
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert LETTER_TITLE in titles


def test_without_javascript_a_reader_can_read_browse_search_and_write(site, demo):
    page = site.page(javascript=False)
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes")
    page.get_by_role("main").get_by_role("link", name="Friendship").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Friendship")
    page.get_by_role("link", name=LETTER_TITLE).click()
    expect(page.get_by_role("heading", name="Elizabeth replies")).to_be_visible()
    screenshots(page, "nojs-1-letter")

    page.get_by_role("searchbox", name="Search letters and articles").fill(WORD_FROM_LETTER)
    page.get_by_role("searchbox", name="Search letters and articles").press("Enter")
    page.locator(".search-hits").get_by_role("link", name=LETTER_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LETTER_TITLE)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask Elizabeth").click()
    letter = (
        "Dear Elizabeth, my brother never answers my messages unless he needs a favour, "
        "and I am tired of always being the one who reaches out first."
    )
    page.get_by_label("Your letter", exact=True).fill(letter)
    page.get_by_label("I understand that my letter may be edited").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")
    expect(page.locator(".receipt-code")).to_have_text(CODE)
    screenshots(page, "nojs-2-receipt")
    assert Letter.objects.get(original_text=letter).status == Letter.Status.NEW
