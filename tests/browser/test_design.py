"""The reading design in Chromium: the phone's compact header and its menu without
JavaScript, dark mode, and the desktop's centred reading column."""

import pytest
from playwright.sync_api import expect

from advice.models import Letter
from tests.browser.support import screenshots

pytestmark = pytest.mark.browser

BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def luminance(css_colour):
    """0 (black) to 255 (white): the mean of an `rgb(r, g, b)` colour's channels."""
    channels = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    return sum(float(value) for value in channels[:3]) / 3


def test_the_phone_header_is_one_compact_bar_whose_menu_opens_without_javascript(site, demo):
    page = site.page(phone=True, javascript=False)
    letter = Letter.objects.published().first()
    page.goto(letter.get_absolute_url())
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 100, header
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    page.get_by_role("link", name="Menu").click()
    expect(nav).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search letters and articles")).to_be_visible()
    screenshots(page, "design-phone-menu-open", sizes=["phone"])
    nav.get_by_role("link", name="Articles").click()
    assert page.url.endswith("/articles/")
    page.go_back()
    page.get_by_role("link", name="Close the menu").click()
    expect(nav).to_be_hidden()


def test_on_a_desktop_the_menu_is_always_open_and_the_letter_is_centred(site, demo):
    page = site.page()
    letter = Letter.objects.published().first()
    page.goto(letter.get_absolute_url())
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("link", name="Menu")).to_be_hidden()
    box = page.locator("article.letter").bounding_box()
    left, right = box["x"], 1280 - box["x"] - box["width"]
    assert abs(left - right) < 2, (left, right)
    # About 70 characters a line, and the reader's letter set upright, not in italics.
    assert 560 <= box["width"] <= 720, box
    question = page.locator(".letter__question p").first
    assert question.evaluate("p => getComputedStyle(p).fontStyle") == "normal"


def test_dark_mode_follows_the_readers_setting(site, demo):
    page = site.page(phone=True)
    letter = Letter.objects.published().first()
    page.goto(letter.get_absolute_url())
    assert luminance(page.evaluate(BACKGROUND)) > 200
    page.emulate_media(color_scheme="dark")
    assert luminance(page.evaluate(BACKGROUND)) < 50
    ink = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert luminance(ink) > 200
    screenshots(page, "design-dark", sizes=["phone"])


def test_printing_leaves_the_piece_alone_with_its_links_written_out(site, demo):
    page = site.page()
    letter = Letter.objects.published().first()
    page.goto(letter.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", "form"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
