"""A letter's life after the reply, on a phone (360×740), in Chromium: its writer sends an
update with their receipt code from the status page, an editor publishes it in the admin,
and readers find it under the letter, linked both ways, and on the updates list (the page
cache showing the change at once). A declined letter's private note is read with the code
on the status page, and nowhere else."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.letter_updates import LetterUpdate
from advice.models import Letter, Reply
from tests.browser.support import log_in_as_editor

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my sister and I have not spoken since our mother's funeral last spring. "
    "I miss her, but I do not know how to start again after the things we both said."
)
TITLE = "My sister and I stopped speaking after Mum died"
REPLY = "Grief makes strangers of people who love each other. Write to her first, **briefly**."
UPDATE = (
    "Dear Elizabeth, I wrote to my sister the week your reply came out. She rang me that "
    "evening and we talked for two hours. We are meeting for lunch on her birthday."
)
EDITED = "I wrote to my sister the week your reply came out. She rang that evening and we talked for **two hours**."  # noqa: E501
NOTE = (
    "We can't answer your letter in the column, but we didn't want to leave you with "
    "nothing. Cruse Bereavement Support (0808 808 1677) listens, free, on weekdays."
)


def send_a_letter(page):
    """Send LETTER through the ask form; the receipt code shown."""
    page.goto(reverse("advice:ask"))
    page.get_by_label("Your letter", exact=True).fill(LETTER)
    page.get_by_label("I understand that my letter may be edited").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")
    return page.locator(".receipt-code").inner_text().strip()


def check_status(page, code, *, expected):
    page.goto(reverse("advice:ask_status"))
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", level=2, name=expected)).to_be_visible()


def test_the_writer_sends_an_update_an_editor_publishes_it_and_readers_find_it(
    site, transactional_db
):
    reader = site.page(phone=True)
    code = send_a_letter(reader)
    letter = Letter.objects.get()
    letter.title, letter.status = TITLE, Letter.Status.PUBLISHED
    letter.save()
    Reply.objects.create(letter=letter, body=REPLY)
    reader.goto(letter.get_absolute_url())  # the page is now in the page cache
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)

    check_status(reader, code, expected="Answered")
    invitation = reader.get_by_role("region", name="What happened next?")
    expect(invitation).to_be_in_viewport(ratio=0.1)
    invitation.get_by_role("textbox", name="What happened next?").fill(UPDATE)
    invitation.get_by_label("I understand that my update may be edited").check()
    invitation.get_by_role("button", name="Send my update").click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Your update is with us")
    # Held for the editors: nothing on the letter's page yet. (A new window each time: a
    # browser may keep a public page for PAGE_CACHE_PUBLIC_SECONDS; the server must not.)
    passer_by = site.page(phone=True)
    passer_by.goto(letter.get_absolute_url())
    expect(passer_by.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(passer_by.get_by_text("Update from the letter writer")).to_have_count(0)

    editor = site.page(phone=True)
    log_in_as_editor(editor, "margaret")
    editor.goto(reverse("admin:advice_letterupdate_changelist"))
    editor.locator("#result_list tbody tr", has_text="I wrote to my sister").locator("th a").click()
    # As received, read-only; the copy for readers is edited.
    expect(editor.locator(".field-original_text .readonly")).to_have_text(UPDATE)
    editor.locator("#id_body").fill(EDITED)
    editor.get_by_label("Status:").select_option(label="Published")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist .success").first).to_be_visible()
    expect(editor.locator(".errornote")).to_have_count(0)
    assert LetterUpdate.objects.get().status == LetterUpdate.Status.PUBLISHED

    # The letter's page shows the update at once (the page cache was invalidated).
    reader = site.page(phone=True)
    reader.goto(letter.get_absolute_url())
    update = reader.get_by_role("region", name="Update from the letter writer")
    expect(update).to_contain_text("She rang that evening")
    expect(update.locator("strong")).to_have_text("two hours")  # the one Markdown renderer
    expect(update).not_to_contain_text("lunch on her birthday")  # only the edited copy
    # The letter points to its update, and the update back to the letter.
    reader.get_by_role("link", name="what happened next, from the letter writer").click()
    expect(reader).to_have_url(re.compile(r"#update-\d+$"))
    expect(update).to_be_in_viewport(ratio=0.1)
    update.get_by_role("link", name="the letter above").click()
    expect(reader).to_have_url(re.compile(r"#the-letter$"))
    expect(reader.locator("#the-letter")).to_be_in_viewport(ratio=0.1)
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll

    # The updates list has it, linking to the update and to the letter.
    reader.goto(reverse("advice:update_list"))
    card = reader.locator(".card--update", has_text=TITLE)
    expect(card).to_contain_text("She rang that evening")
    card.get_by_role("link", name=TITLE).click()
    expect(reader).to_have_url(re.compile(r"#update-\d+$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)


def test_a_declined_letters_private_note_is_read_with_the_code_only(site, transactional_db):
    reader = site.page(phone=True)
    code = send_a_letter(reader)

    editor = site.page(phone=True)
    log_in_as_editor(editor, "margaret")
    letter = Letter.objects.get()
    editor.goto(reverse("admin:advice_letter_change", args=[letter.pk]))
    editor.get_by_label("Status:").select_option(label="Declined")
    editor.get_by_label("Private note:").fill(NOTE)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist .success").first).to_be_visible()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DECLINED

    check_status(reader, code, expected="Could not be answered")
    note = reader.locator(".private-note")
    expect(note.get_by_role("heading")).to_have_text("A note from the editors, for you only")
    expect(note).to_contain_text("Cruse Bereavement Support (0808 808 1677)")
    expect(note).to_contain_text("Only you can see this note")

    # Without the code (a new visitor, the same address): no note anywhere.
    stranger = site.page(phone=True)
    stranger.goto(reverse("advice:ask_status"))
    expect(stranger.get_by_text("Cruse Bereavement")).to_have_count(0)
    stranger.get_by_label("Your receipt code").fill("AAAA-BBBB-CCCC-DDDD")
    stranger.get_by_role("button", name="Check").click()
    expect(stranger.get_by_role("alert")).to_contain_text("No letter matches this code")
    expect(stranger.get_by_text("Cruse Bereavement")).to_have_count(0)
