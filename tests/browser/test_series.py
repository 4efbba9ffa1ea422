"""A reader follows "Part 2 of 3" from an article card to its series and reads on."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.browser.support import screenshots

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_a_card_to_the_series_and_on_to_the_next_part(site):
    series = factories.series(
        title="Starting over", slug="starting-over", description="Three steps, *in order*."
    )
    titles = ["The first month", "Your own company", "Ready to date again?"]
    for part, title in enumerate(titles, start=1):
        factories.article(title=title, series=series, series_part=part, days_ago=10 - part)
    factories.article(title="Not out yet", series=series, series_part=4, status="draft")

    page = site.page(phone=True)
    page.goto(reverse("articles:article_list"))
    page.get_by_role("link", name="Part 2 of 3 · Starting over").click()
    expect(page).to_have_url(re.compile(r"/series/starting-over/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Starting over")
    expect(page.locator(".lede em")).to_have_text("in order")
    parts = page.locator(".series-parts").get_by_role("heading", level=2)
    expect(parts).to_have_text(titles)
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Articles")
    screenshots(page, "series-page", sizes=("phone",))

    page.get_by_role("link", name="Ready to date again?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to date again?")
    expect(page.get_by_role("link", name="Part 3 of 3 · Starting over")).to_be_visible()
    box = page.get_by_role("navigation", name="Starting over")
    box.get_by_role("link", name="Starting over").click()
    expect(page).to_have_url(re.compile(r"/series/starting-over/$"))
