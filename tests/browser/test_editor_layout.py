"""Writing the reply in Chromium: the preview beside the text at 1280 × 800 and below it at
360 × 740, the word counts as she types, and the themes picked from one list."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter
from tests import factories
from tests.browser.support import log_in_as_editor, screenshots
from tests.test_editor_layout import WORD_CASES

pytestmark = pytest.mark.browser


@pytest.fixture
def letter_to_answer(transactional_db):
    relationships = factories.theme(name="Relationships", slug="relationships")
    rejection = factories.theme(name="Rejection", slug="rejection", parent=relationships)
    factories.theme(name="One-sided effort", slug="one-sided-effort", parent=relationships)
    factories.theme(name="Money worries", slug="money")
    letter = factories.letter(
        status=Letter.Status.SHORTLISTED,
        reply=None,
        title="My friends never ask me along",
        body="Dear Elizabeth, my friends make plans without me and I find out afterwards.",
    )
    letter.suggested_themes.set([rejection])
    return letter


def no_sideways_scroll(page):
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the letter form scrolls sideways: {width}"


def open_letter(site, letter, *, phone=False, javascript=True, name="writer"):
    page = site.page(phone=phone, javascript=javascript)
    log_in_as_editor(page, name)
    page.goto(reverse("admin:advice_letter_change", args=[letter.pk]))
    return page


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_preview_sits_beside_the_reply_on_a_laptop_and_below_on_a_phone(
    site, letter_to_answer, phone
):
    page = open_letter(site, letter_to_answer, phone=phone, name=f"writer-{phone}")
    reply = page.locator("#id_reply-0-body")
    preview = page.locator("#id_reply-0-body ~ .markdownx-preview")
    count = page.locator("#id_reply-0-body_words")
    expect(count).to_have_text("0 words")
    reply.click()
    lines = [f"Line {n}: you deserve friends who ask you along." for n in range(1, 61)]
    reply.press_sequentially("Dear Left Out, ")
    expect(count).to_have_text("3 words")
    reply.fill(reply.input_value() + "\n\n" + "\n\n".join(lines))
    reply.press("End")
    reply.type(" Truly.")
    expect(preview).to_contain_text("Line 60")
    expect(count).to_have_text(f"{3 + 60 * 9 + 1} words")
    column = page.locator(".column-length")
    expect(column).to_contain_text("Letter and reply: 557 words — the column aims for 300–900")
    text_box, preview_box = reply.bounding_box(), preview.bounding_box()
    if phone:
        assert preview_box["y"] >= text_box["y"] + text_box["height"] - 1, "preview below"
    else:
        assert preview_box["x"] >= text_box["x"] + text_box["width"] - 1, "preview to the right"
        assert preview_box["y"] >= 0 and preview_box["y"] < 800, "the preview is in view"
        assert preview_box["y"] + preview_box["height"] <= 800 + 1
        # Kept at the caret: the end of the text, where she is typing, shows in the preview.
        page.wait_for_function(
            "p => p.scrollTop > 0 && p.scrollTop + p.clientHeight >= p.scrollHeight - 60",
            arg=preview.element_handle(),
        )
        screenshots(page, "editor-side-by-side", sizes=("desktop",))
    no_sideways_scroll(page)
    if phone:
        screenshots(page, "editor-stacked", sizes=("phone",))


def test_the_script_counts_words_as_the_server_does(site, letter_to_answer):
    page = open_letter(site, letter_to_answer)
    texts = [text for text, _ in WORD_CASES]
    assert page.evaluate("texts => texts.map(window.postbagCountWords)", texts) == [
        words for _, words in WORD_CASES
    ]


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_a_suggested_theme_is_one_click_and_the_filter_finds_themes(site, letter_to_answer, phone):
    page = open_letter(site, letter_to_answer, phone=phone, name=f"tagger-{phone}")
    suggested = page.locator(".sectioned-checkboxes__group--suggested")
    expect(suggested).to_contain_text("Rejection")
    suggested.get_by_label("Rejection").click()
    expect(suggested.get_by_label("Rejection")).to_be_checked()
    box = page.get_by_label("Filter the themes")
    box.fill("money")
    expect(page.get_by_label("Money worries")).to_be_visible()
    expect(page.get_by_label("One-sided effort")).to_be_hidden()
    box.press("Enter")  # filters; doesn't save
    no_sideways_scroll(page)
    page.locator("#id_reply-0-body").fill("Ask one friend for coffee, just the two of you.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert [t.name for t in letter_to_answer.themes.all()] == ["Rejection"]
    expect(page.get_by_label("Rejection")).to_be_checked()


def test_without_javascript_the_themes_are_ticked_and_saved(site, letter_to_answer):
    page = open_letter(site, letter_to_answer, javascript=False, name="no-script")
    expect(page.get_by_label("Filter the themes")).to_be_hidden()
    expect(page.locator("#id_body_words")).to_have_text("13 words")
    page.get_by_label("Money worries").check()
    page.get_by_label("Rejection").check()
    page.locator("#id_reply-0-body").fill("Tell them, kindly, that you would love to be asked.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert {t.name for t in letter_to_answer.themes.all()} == {"Money worries", "Rejection"}
