"""axe-core on every page type a reader meets, and the ask form with the keyboard alone."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter, Theme
from articles.models import Article
from tests import factories
from tests.browser.support import AXE_NOTES, axe_check, screenshots
from tests.support import public_pages

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my flatmate borrows my things without asking and laughs when I bring "
    "it up. How do I say something that actually works?"
)


def pages_to_check():
    """(name, URL, status) of every public page type, with the demo content, and the
    states of some of them: a later page, a search with no results or an error, a 404.
    The ask form and the status page come later, in each of their states."""
    letter = Letter.objects.published().first()
    article = Article.objects.published().exclude(series=None).first()
    theme = Theme.objects.get(slug="friendship")
    search = reverse("search")
    pages = public_pages(letter=letter, article=article, theme=theme)
    return [(name, url, 200) for name, url in pages if name not in {"ask", "status"}] + [
        ("letters-page-2", reverse("advice:letter_list") + "?page=2", 200),
        ("search-no-results", f"{search}?q=xylophone", 200),
        ("search-error", f"{search}?q={'long' * 60}", 200),
        ("not-found", "/letters/no-such-letter/", 404),
    ]


def test_every_page_a_reader_meets_passes_axe(site, demo, request):
    for n in range(settings.PAGE_SIZE):  # enough letters for a second page of the archive
        factories.letter(title=f"Another letter about a friend who drifted away, {n}")
    page = site.page()
    notes = request.config.stash.setdefault(AXE_NOTES, [])
    serious = []

    def check(name):
        serious.extend(axe_check(page, name, notes))
        screenshots(page, f"a11y-{name}")

    for name, url, status in pages_to_check():
        assert page.goto(url).status == status, url
        check(name)

    page.goto(reverse("advice:ask"))
    check("ask")
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("ask-errors")
    page.get_by_label("Your letter", exact=True).fill(LETTER)
    page.get_by_label("I understand that my letter may be edited").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")
    code = page.locator(".receipt-code").inner_text().strip()
    check("ask-receipt")

    page.goto(reverse("advice:ask_status"))
    check("status")
    page.get_by_label("Your receipt code").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("No letter matches this code")
    check("status-not-found")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", level=2, name="Received")).to_be_visible()
    check("status-received")
    page.get_by_role("button", name="Withdraw my letter…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your letter?")
    check("status-withdraw")
    page.get_by_role("button", name="Yes, delete my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letter has been deleted")
    check("status-withdrawn")

    print("\n".join(notes))
    assert not serious, "axe found serious or critical problems:\n" + "\n".join(serious)


# What the focused element looks like: its focus indicator must be visible.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  const box = element.getBoundingClientRect();
  return {
    id: element.id, tag: element.tagName.toLowerCase(), type: element.type || '',
    text: (element.innerText || element.value || '').trim().slice(0, 60),
    ring: outline || style.boxShadow !== 'none',
    onScreen: box.bottom > 0 && box.top < window.innerHeight
      && box.right > 0 && box.left < window.innerWidth,
  };
}"""


def tab_to(page, is_target, *, limit=40):
    """Press Tab until `is_target(focused)`; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["ring"], f"no visible focus indicator on {focused}"
        assert focused["onScreen"], f"the focused element is off screen: {focused}"
        if is_target(focused):
            return focused
    raise AssertionError(f"Tab never reached the target; last stop: {focused}")


def test_the_ask_form_can_be_filled_and_sent_with_the_keyboard(site, demo):
    page = site.page()
    page.goto(reverse("advice:ask"))

    skip = tab_to(page, lambda focused: True, limit=1)
    assert skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    tab_to(page, lambda focused: focused["id"] == "id_letter")
    page.keyboard.type(LETTER)
    tab_to(page, lambda focused: focused["id"] == "id_sign_off")
    page.keyboard.type("Borrowed From in Bristol")
    tab_to(page, lambda focused: focused["type"] == "checkbox" and "themes" in focused["id"])
    page.keyboard.press("Space")
    tab_to(page, lambda focused: focused["id"] == "id_email")
    tab_to(page, lambda focused: focused["id"] == "id_consent")
    page.keyboard.press("Space")
    send = tab_to(page, lambda focused: focused["tag"] == "button")
    assert send["text"] == "Send my letter"
    screenshots(page, "keyboard-ask-filled")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")
    letter = Letter.objects.get(original_text=LETTER)
    assert letter.original_sign_off == "Borrowed From in Bristol"
    assert letter.themes.count() == 1
