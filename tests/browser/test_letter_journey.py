"""One letter's whole life, in real browsers: a reader asks, an editor answers, the reader
reads the reply and withdraws the letter. The editor's part happens between the two halves
of the reader's, as it does on the real site."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import log_in_as_editor, screenshots
from tests.support import CODE

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my closest friend has stopped answering my messages since she moved "
    "away last spring. I can't tell whether to keep trying or to let the friendship go."
)
TITLE = "My closest friend has gone quiet"
EDITED = "Dear Elizabeth, my closest friend stopped answering when she moved away. Do I let go?"
# Markdown as an editor types it, with a script that must never run anywhere.
REPLY = (
    "Dear Quiet, **one last kind message** is worth sending.\n\n"
    "- say that you miss her\n"
    "- ask for nothing back\n\n"
    "Then [talk to someone](https://www.samaritans.org/) if it weighs on you.\n\n"
    '<script>window.replyScriptRan = true; alert("the reply ran a script")</script>'
)


def test_a_letter_is_asked_answered_read_and_withdrawn(site, demo):
    reader = site.page()
    code = reader_sends_a_letter(reader)
    reader_checks_the_status(reader, code, expected="Received")

    editor = site.page()
    themes = editor_answers_and_publishes(editor)

    reader_checks_the_status(reader, code, expected="Answered")
    letter_url = reader_reads_the_reply(reader, themes)
    reader_withdraws_the_letter(reader, code)
    # Asked of the server: the browser itself may keep the page for PAGE_CACHE_PUBLIC_SECONDS.
    assert reader.request.get(letter_url).status == 404

    assert site.dialogs == [], "a script typed into the reply ran"


def reader_sends_a_letter(page):
    page.goto(reverse("advice:ask"))
    page.get_by_label("Your letter", exact=True).fill("Too short to answer.")
    page.get_by_label("How should we sign your letter?").fill("Quiet in Quorn")
    page.get_by_label("I understand that my letter may be edited").check()
    page.get_by_role("button", name="Send my letter").click()

    expect(page.get_by_role("alert")).to_contain_text("Your letter is a little short")
    letter = page.get_by_label("Your letter", exact=True)
    expect(letter).to_have_value("Too short to answer.")
    expect(letter).to_have_accessible_description(re.compile("Your letter is a little short"))
    expect(letter).to_have_css("border-top-color", "rgb(176, 0, 32)")  # marked in red
    expect(page.get_by_label("How should we sign your letter?")).to_have_value("Quiet in Quorn")
    screenshots(page, "asker-1-too-short")

    page.get_by_label("Your letter", exact=True).fill(LETTER)
    page.get_by_label("I understand that my letter may be edited").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. Your letter is with us.")
    code = page.locator(".receipt-code").inner_text().strip()
    assert CODE.fullmatch(code)
    screenshots(page, "asker-2-receipt")
    return code


def reader_checks_the_status(page, code, *, expected):
    page.goto(reverse("advice:ask_status"))
    # As people type codes: lower case, spaces instead of hyphens.
    page.get_by_label("Your receipt code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", level=2, name=expected)).to_be_visible()
    screenshots(page, f"asker-3-status-{expected.lower()}")


def editor_answers_and_publishes(page):
    editor = log_in_as_editor(page, "agnes")
    assert not editor.is_superuser

    page.goto(reverse("admin:advice_letter_changelist"))
    page.locator("#changelist-filter").get_by_role("link", name="New", exact=True).click()
    expect(page).to_have_url(re.compile(r"status__exact=new"))
    row = page.locator("#result_list tbody tr", has_text="my closest friend has stopped")
    expect(row).to_have_count(1)
    screenshots(page, "editor-1-inbox")
    row.locator("th a").click()

    # What the reader sent is shown as it came, and can't be edited.
    original = page.locator(".field-original_text .readonly")
    expect(original).to_have_text(LETTER)
    expect(page.locator("[name=original_text]")).to_have_count(0)

    page.get_by_label("Title:").fill(TITLE)
    page.get_by_label("Letter for publication:").fill(EDITED)

    reply = page.locator("#id_reply-0-body")
    reply.fill(REPLY)
    preview = page.locator(".markdownx:has(#id_reply-0-body) .markdownx-preview")
    expect(preview.locator("strong")).to_have_text("one last kind message")
    expect(preview.locator("li")).to_have_text(["say that you miss her", "ask for nothing back"])
    expect(preview.get_by_role("link", name="talk to someone")).to_have_attribute(
        "href", "https://www.samaritans.org/"
    )
    expect(preview.locator("script")).to_have_count(0)

    # The suggestions come first in the themes list, one click each (postbag.admin_widgets).
    offered = page.locator(".sectioned-checkboxes__group--suggested label")
    suggestions = [text.removesuffix("suggested").strip() for text in offered.all_inner_texts()]
    assert suggestions, "no themes were suggested for a letter about a friend"
    for box in offered.locator("input").all():
        box.check()
        expect(box).to_be_checked()
    screenshots(page, "editor-2-letter")

    page.get_by_label("Status:").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    # The reply links to a helpline's web address: the identifying-details check asks.
    expect(page.locator("#identifying-check .errorlist")).to_contain_text("web address")
    page.get_by_label("I have checked the highlighted details").check()
    page.get_by_role("button", name="Save", exact=True).click()
    saved = page.locator(".messagelist .success")
    expect(saved.first).to_contain_text("was changed successfully")
    expect(saved.nth(1)).to_contain_text("Published — view it")
    screenshots(page, "editor-3-published")
    assert page.evaluate("window.replyScriptRan") is None
    return suggestions


def reader_reads_the_reply(page, themes):
    page.get_by_role("link", name=f"Read Elizabeth's reply: “{TITLE}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    tags = page.locator(".page-header").get_by_role("list", name="Themes").get_by_role("link")
    expect(tags).to_have_text(themes)  # the themes the editor picked
    expect(page.get_by_role("region", name="The letter")).to_contain_text("Do I let go?")
    reply = page.get_by_role("region", name="Elizabeth replies")
    expect(reply.locator("strong")).to_have_text("one last kind message")
    expect(reply.locator("li")).to_have_count(2)
    expect(reply.get_by_role("link", name="talk to someone")).to_be_visible()
    # The script is gone, or at most shown as text: never run.
    expect(reply.locator("script")).to_have_count(0)
    assert page.evaluate("window.replyScriptRan") is None
    screenshots(page, "asker-4-reply")
    return page.url


def reader_withdraws_the_letter(page, code):
    reader_checks_the_status(page, code, expected="Answered")
    page.get_by_role("button", name="Withdraw my letter…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your letter?")
    screenshots(page, "asker-5-withdraw")
    page.get_by_role("button", name="Yes, delete my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letter has been deleted")

    page.goto(reverse("advice:ask_status"))
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("No letter matches this code")
