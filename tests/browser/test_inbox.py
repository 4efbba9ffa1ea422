"""The letters inbox as an editor sees it on a 1280 × 800 laptop, full of long titles,
sign-offs and themes: it fits the window, with no sideways scroll; on a 360 px phone the
page keeps its width and only the table scrolls, inside its own box."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter
from tests import factories
from tests.browser.support import log_in_as_editor, screenshots

pytestmark = pytest.mark.browser

LONG = "Unbelievably-long-words-that-do-not-wrap-easily " * 3


@pytest.fixture
def full_inbox(transactional_db):
    themes = [
        factories.theme(name=f"Relationships with families far away and near {n}") for n in range(4)
    ]
    statuses = [
        Letter.Status.NEW,
        Letter.Status.SHORTLISTED,
        Letter.Status.DRAFTED,
        Letter.Status.PUBLISHED,
    ]
    for n in range(30):
        status = statuses[n % 4]
        fields = {"status": status, "reply": None if status == Letter.Status.NEW else "Yes."}
        if status == Letter.Status.PUBLISHED:
            fields["published_at"] = timezone.now() + timedelta(days=(n % 3) - 1)
        letter = factories.letter(
            title=f"My mother-in-law keeps rearranging my kitchen cupboards, letter {n}",
            original_sign_off=f"Exasperated and Worn Out in Kirkby-in-Ashfield {n}",
            sign_off=f"Exasperated and Worn Out in Kirkby-in-Ashfield {n}",
            original_text=f"Dear Elizabeth, {LONG} my mother-in-law visits every Sunday. " * 4,
            themes=themes[: 1 + n % 3],
            **fields,
        )
        letter.suggested_themes.set(themes[2:])


def test_the_inbox_fits_a_laptop_and_a_phone(site, full_inbox):
    page = site.page()
    log_in_as_editor(page, "agnes")
    page.goto(reverse("admin:advice_letter_changelist"))
    assert page.locator("#result_list tbody tr").count() == 30
    assert page.get_by_text("Scheduled for ").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the inbox is {width} px wide in a 1280 px window"
    # Every column, the last included, is inside the window.
    right = page.evaluate(
        "document.querySelector('#result_list th.column-theme_names').getBoundingClientRect().right"
    )
    assert right <= 1280

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 40, f"the phone page is {width} px wide"
    box = page.evaluate(
        "(() => { const el = document.querySelector('#result_list').parentElement;"
        " return [el.clientWidth, el.scrollWidth, getComputedStyle(el).overflowX]; })()"
    )
    assert box[0] <= 360 and box[2] in {"auto", "scroll"}, box
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshots(page, "inbox")
