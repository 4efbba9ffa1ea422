"""On a 360×740 phone: no page scrolls sideways, every control can be reached, no text is
cut off."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter, Theme
from articles.models import Article
from tests import factories
from tests.browser.support import log_in_as_editor, screenshots
from tests.support import public_pages

pytestmark = pytest.mark.browser

# Whether `element` sticks out of the screen, or out of a box that hides what overflows it.
# Inside a box that scrolls sideways on its own (a wide table) it can be scrolled to, so
# then that box is what must be within reach.
OUT_OF_REACH = """(element) => {
  let box = element.getBoundingClientRect();
  for (let outer = element.parentElement; outer; outer = outer.parentElement) {
    const overflow = getComputedStyle(outer).overflowX;
    if (overflow === 'visible') continue;
    const edges = outer.getBoundingClientRect();
    if (overflow === 'auto' || overflow === 'scroll') {
      box = edges;
    } else if (box.left < edges.left - 1 || box.right > edges.right + 1) {
      return 'cut off by ' + outer.outerHTML.slice(0, 60);
    }
  }
  if (box.left < -1 || box.right > window.innerWidth + 1) {
    return `from ${Math.round(box.left)} to ${Math.round(box.right)} px`;
  }
  return null;
}"""

# Every control that is shown (not display:none, hidden or transparent) is scrolled to, as a
# reader would. It must then be within reach, and be what a tap on it reaches (not covered).
UNREACHABLE_CONTROLS = f"""() => {{
  const outOfReach = {OUT_OF_REACH};
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const problems = [];
  for (const control of document.querySelectorAll(selector)) {{
    if (!control.checkVisibility({{checkOpacity: true, visibilityProperty: true}})) continue;
    if (control.closest('.visually-hidden')) continue;
    let box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    window.scrollBy(0, box.top + box.height / 2 - window.innerHeight / 2);
    const problem = outOfReach(control);
    if (problem) {{
      problems.push(control.outerHTML.slice(0, 120) + ': ' + problem);
      continue;
    }}
    control.scrollIntoView({{block: 'center', inline: 'center'}});
    box = control.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (y < 0 || y >= window.innerHeight) continue;  // taller than the screen
    const hit = document.elementFromPoint(x, y);
    if (hit && !control.contains(hit) && !hit.contains(control) && !hit.closest('label')) {{
      problems.push(control.outerHTML.slice(0, 120) + ': covered by ' + hit.outerHTML.slice(0, 60));
    }}
  }}
  window.scrollTo(0, 0);
  return problems;
}}"""

CUT_OFF_TEXT = f"""(leaveOut) => {{
  const outOfReach = {OUT_OF_REACH};
  const problems = [];
  const blocks = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, dt, dd, label, legend';
  for (const block of document.querySelectorAll(blocks)) {{
    if (!block.checkVisibility({{checkOpacity: true, visibilityProperty: true}})) continue;
    if (block.closest('.visually-hidden') || (leaveOut && block.closest(leaveOut))) continue;
    const problem = outOfReach(block);
    if (problem) problems.push(block.outerHTML.slice(0, 80) + ': ' + problem);
  }}
  return problems;
}}"""


def assert_fits_a_phone(page, *, leave_out=None):
    sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], f"{page.url} scrolls sideways: {sizes}"
    problems = page.evaluate(UNREACHABLE_CONTROLS)
    assert not problems, f"{page.url}: controls out of reach:\n" + "\n".join(problems)
    problems = page.evaluate(CUT_OFF_TEXT, leave_out)
    assert not problems, f"{page.url}: text cut off:\n" + "\n".join(problems)


def test_public_pages_and_the_ask_form_fit_a_phone(site, demo):
    page = site.page(phone=True)
    letter = Letter.objects.published().first()
    for name, url in [
        ("home", reverse("home")),
        ("letter", letter.get_absolute_url()),
        ("ask", reverse("advice:ask")),
    ]:
        page.goto(url)
        assert_fits_a_phone(page)
        screenshots(page, f"phone-{name}", sizes=["phone"])

    page.get_by_role("button", name="Send my letter").click()  # nothing filled in: errors
    assert_fits_a_phone(page)
    screenshots(page, "phone-ask-errors", sizes=["phone"])


def test_no_public_page_scrolls_sideways_on_a_320_px_phone(site, demo):
    """The narrowest phones still sold: every public page type, nothing wider than 320 px."""
    page = site.page(phone=True)
    page.set_viewport_size({"width": 320, "height": 640})
    content = {
        "letter": Letter.objects.published().first(),
        "article": Article.objects.published().filter(series__isnull=False).first(),
        "theme": Theme.objects.filter(letters__isnull=False).first(),
    }
    for _name, url in public_pages(**content):
        page.goto(url)
        sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes == [320, 320], f"{url} scrolls sideways at 320 px: {sizes}"


# The innermost elements that reach past 320 px: what to fix when a page is too wide.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > 321
    && ![...e.children].some((c) => c.getBoundingClientRect().right > 321))
  .map((e) => e.outerHTML.slice(0, 80))"""


def test_a_long_word_never_widens_a_page_at_320_px(site, transactional_db):
    """A theme named with one 80-letter word (a pasted URL, a German compound) wraps in tags,
    titles, breadcrumbs and cards rather than pushing the page sideways."""
    word = "Freundschaftsbeziehungsschwierigkeiten" + "x" * 42
    section = factories.theme(name=f"Section{word}", slug="long-section")
    theme = factories.theme(name=word, slug="long-theme", parent=section)
    letter = factories.letter(title=f"About {word}", themes=[theme, factories.theme()])
    series = factories.series(title=word, slug="long-series")
    article = factories.article(
        title=f"On {word}", standfirst=word, themes=[theme], series=series, series_part=1
    )
    factories.article(title=f"{word} 2", themes=[theme], series=series, series_part=2)
    page = site.page(phone=True)
    page.set_viewport_size({"width": 320, "height": 640})
    for piece in (
        reverse("home"),
        letter.get_absolute_url(),
        article.get_absolute_url(),
        theme.get_absolute_url(),
        section.get_absolute_url(),
        reverse("theme_list"),
        series.get_absolute_url(),
        reverse("search") + f"?q={word}",
    ):
        page.goto(piece)
        assert word in page.locator("main").inner_text(), piece
        sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        wide = page.evaluate(TOO_WIDE)
        assert sizes == [320, 320], f"{piece} is {sizes[0]} px wide at 320 px: {wide}"


def open_a_new_letter_in_the_admin(site):
    page = site.page(phone=True)
    log_in_as_editor(page, "phoebe")
    letter = Letter.objects.filter(status=Letter.Status.NEW).first()
    page.goto(reverse("admin:advice_letter_change", args=[letter.pk]))
    return page


def test_the_admin_letter_page_fits_a_phone(site, demo):
    page = open_a_new_letter_in_the_admin(site)
    assert_fits_a_phone(page, leave_out=".markdownx-preview")
    screenshots(page, "phone-admin-letter", sizes=["phone"])


def test_the_admin_markdown_preview_fits_a_phone(site, demo):
    page = open_a_new_letter_in_the_admin(site)
    # The editor's script fetches the preview of the letter's text once the page has loaded.
    expect(page.locator(".markdownx-preview p").first).to_be_visible()
    assert page.evaluate(CUT_OFF_TEXT, None) == []
