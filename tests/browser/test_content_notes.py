"""A reader meets a letter behind a content note: the note first, the letter and its reply
closed until they choose to open them, with or without JavaScript, on a laptop and a phone;
a classic re-run says when it was first published."""

import pytest
from playwright.sync_api import expect

from postbag.after_publication import rerun_as_classic
from tests import factories

pytestmark = pytest.mark.browser

BODY = "Dear Elizabeth, on the bad evenings I hurt myself, and nobody knows."
REPLY = "Thank you for trusting me with this. Tonight, please tell one person."


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("phone", [False, True])
def test_the_note_comes_first_and_the_reader_opens_the_letter(
    site, transactional_db, javascript, phone
):
    letter = factories.letter(
        title="Nobody knows what I do on bad nights",
        body=BODY,
        reply=REPLY,
        content_note="Mentions self-harm.",
        days_ago=800,
    )
    factories.letter(title="A newer letter about a noisy flatmate")
    rerun_as_classic(piece=letter)
    page = site.page(phone=phone, javascript=javascript)
    page.goto(letter.get_absolute_url())
    expect(page.get_by_label("Content note")).to_contain_text("Mentions self-harm.")
    expect(page.get_by_text("First published")).to_be_visible()
    expect(page.get_by_text("on the bad evenings")).to_be_hidden()
    expect(page.get_by_text("please tell one person")).to_be_hidden()
    page.get_by_text("Read the letter and reply").click()
    expect(page.get_by_text("on the bad evenings")).to_be_visible()
    expect(page.get_by_text("please tell one person")).to_be_visible()

    page.goto("/")
    card = page.locator(".card").first  # the classic leads the list
    expect(card).to_contain_text("Nobody knows what I do on bad nights")
    expect(card).to_contain_text("Content note: Mentions self-harm.")
    expect(card).not_to_contain_text("on the bad evenings")
    assert not site.csp_violations and not site.script_errors
