"""An editor's morning at the desk, end to end in Chromium, on a 1280 × 800 laptop and on a
360 × 740 phone: the desk's counts, the inbox without sideways scroll, a reply typed with its
preview beside it (below it on the phone), a suggested theme ticked in one click, leaving
asks first, an autosaved draft and a restored revision, an image inserted with alt text and a
caption, the identifying-details check before publishing, and "view it" to the public page,
where the image is a figure with its caption."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advice.models import Letter
from postbag.revisions import AUTOSAVED, revisions_of
from tests import factories
from tests.browser.media import drawing
from tests.browser.support import log_in_as_editor

pytestmark = pytest.mark.browser

LETTER = (
    "Dear Elizabeth, my colleague Karen at the garden centre in Sheffield presents my ideas "
    "as her own in every team meeting. I'm 29 and I don't want to be the difficult one. How "
    "do I speak up without making a scene?"
)
FIRST_REPLY = (
    "Being the quiet one doesn't mean being the invisible one.\n\n"
    "- **Put your ideas in writing** before the meeting, to the whole team.\n"
    "- When she presents one, say warmly: *I'm glad you liked my idea, here's the rest of it.*"
)
SECOND_REPLY = "Speak up. You have every right to."
ALT = "Two mugs of tea on a garden centre counter"
CAPTION = "Ideas grow best where they're *named*"


@pytest.fixture
def morning(transactional_db):
    """Three new letters (one to answer), one shortlisted, one scheduled: the desk's day."""
    now = timezone.now()
    work = factories.theme(name="Work", slug="work")
    factories.theme(name="Self-worth", slug="self-worth")
    factories.theme(name="Family", slug="family")
    for days in (1, 3):
        factories.letter(status=Letter.Status.NEW, reply=None, received_at=now - timedelta(days))
    factories.letter(status=Letter.Status.SHORTLISTED, reply=None)
    factories.letter(title="A letter for Thursday", published_at=now + timedelta(days=2))
    letter = factories.letter(
        status=Letter.Status.NEW,
        reply=None,
        title="",
        original_text=LETTER,
        body=LETTER,
        original_sign_off="Quiet in Sheffield",
        sign_off="Quiet in Sheffield",
        received_at=now - timedelta(hours=2),
    )
    letter.suggested_themes.set([work])
    return letter


WIDER_THAN_THE_WINDOW = """Array.from(document.querySelectorAll("body *"))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""


def no_sideways_scroll(page, where):
    # Measured once the page's stylesheets are in: before, an image is as wide as its file.
    page.wait_for_load_state("load")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    wider = page.evaluate(WIDER_THAN_THE_WINDOW) if width[0] > width[1] else []
    assert width[0] <= width[1], f"{where} scrolls sideways: {width}, {wider}"


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_an_editor_answers_a_letter_from_desk_to_public_page(
    site, morning, served_media, settings, phone
):
    settings.AUTOSAVE_SECONDS = 1  # 30 s on the real site
    letter = morning
    page = site.page(phone=phone)
    log_in_as_editor(page, "journey-phone" if phone else "journey")

    # The desk: the day's counts, each a link to the inbox filtered to them.
    waiting = page.locator("#desk-waiting")
    for row in ["New 3", "Shortlisted 1", "Scheduled 1"]:
        expect(waiting.get_by_role("row", name=row, exact=True)).to_be_visible()
    no_sideways_scroll(page, "the desk")
    waiting.get_by_role("link", name="New", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    no_sideways_scroll(page, "the inbox")
    row = page.locator("#result_list tbody tr", has_text="my colleague Karen")
    expect(row).to_contain_text("suggested: Work")
    row.get_by_role("link").first.click()

    # Writing: a title, the reply, and its preview beside it (below it on a phone).
    page.get_by_label("Title:").fill("She takes the credit for my ideas")
    reply = page.locator("#id_reply-0-body")
    reply.fill(FIRST_REPLY)
    preview = page.locator(".markdownx:has(#id_reply-0-body) .markdownx-preview")
    expect(preview.locator("li strong")).to_have_text("Put your ideas in writing")
    # Set as the public page sets it: the paragraphs and list in the preview's serif, not
    # in the admin's face for `.form-row p`.
    faces = preview.evaluate(
        "box => [box, box.querySelector('p'), box.querySelector('li')]"
        ".map(e => getComputedStyle(e).fontFamily)"
    )
    assert faces[0].startswith('"Iowan Old Style"') and len(set(faces)) == 1, faces
    text_box, preview_box = reply.bounding_box(), preview.bounding_box()
    if phone:
        assert preview_box["y"] >= text_box["y"] + text_box["height"] - 1, "preview not below"
    else:
        assert preview_box["x"] >= text_box["x"] + text_box["width"] - 1, "preview not beside"
        assert abs(preview_box["y"] - text_box["y"]) < 80, "preview not level with the text"
    expect(page.locator("#id_reply-0-body_words")).to_have_text(re.compile(r"^\d+ words"))
    no_sideways_scroll(page, "the letter form")

    # The suggested theme, in one click.
    suggested = page.locator(".sectioned-checkboxes__group--suggested")
    suggested.get_by_label("Work").check()
    expect(suggested.get_by_label("Work")).to_be_checked()

    # Leaving with all that unsaved asks first; the dismissed question keeps her here.
    page.locator(".breadcrumbs a").first.click()
    page.wait_for_timeout(500)
    assert [kind for _url, kind, _message in site.dialogs] == ["beforeunload"]
    expect(reply).to_have_value(FIRST_REPLY)
    site.dialogs.clear()

    # Saved once; then a shorter reply, kept as a draft by the autosave before she saves it.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    reply.fill(SECOND_REPLY)
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=10_000)
    assert revisions_of(letter).first().comment == AUTOSAVED
    page.get_by_role("button", name="Save and continue editing").click()
    expect(reply).to_have_value(SECOND_REPLY)

    # She prefers the first reply: restored from the revisions, in one click.
    page.get_by_role("link", name="Revisions").click()
    rows = page.locator("table.revision-list tbody tr")
    saved = rows.filter(has=page.locator("td[data-label=What]", has_text=re.compile("^Saved$")))
    expect(saved).to_have_count(2)  # newest first: the shorter reply, then the first one
    earlier = saved.nth(1)
    earlier.get_by_role("button", name="Restore this revision").click()
    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    expect(reply).to_have_value(FIRST_REPLY)

    # An image with alt text and a caption, at the end of the reply.
    reply.click()
    page.keyboard.press("Control+End")
    page.locator(".insert-image-bar:has(+ .markdownx #id_reply-0-body)").get_by_role(
        "button", name="Insert image"
    ).click()
    dialog = page.get_by_role("dialog", name="Insert image")
    dialog.get_by_label("Image file").set_input_files(drawing("counter.png"))
    dialog.get_by_label("Alt text").fill(ALT)
    dialog.get_by_label("Caption (optional)").fill(CAPTION)
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()
    expect(preview.locator("figure figcaption")).to_have_text("Ideas grow best where they’re named")

    # Publishing: Karen, the garden centre, Sheffield and her age are still in the letter.
    page.get_by_label("Status:").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    check = page.locator("#identifying-check")
    expect(check.locator(".errorlist")).to_contain_text("could identify someone")
    for detail in ["Karen (name)", "Sheffield (place)"]:
        expect(check.locator("mark", has_text=detail).first).to_be_visible()
    expect(reply).to_contain_text(ALT)  # nothing she typed was lost
    assert Letter.objects.get(pk=letter.pk).status != Letter.Status.PUBLISHED
    page.get_by_label("I have checked the highlighted details").check()
    page.get_by_role("button", name="Save", exact=True).click()
    done = page.locator(".messagelist .success").nth(1)
    expect(done).to_contain_text("Published — view it")
    assert site.dialogs == [], "saving asked before leaving"

    # "view it": the public page, with the reply and its figure.
    done.get_by_role("link", name="view it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("She takes the credit for my ideas")
    figure = page.locator("main figure")
    expect(figure.locator("figcaption")).to_have_text("Ideas grow best where they’re named")
    expect(figure.get_by_role("img", name=ALT)).to_be_visible()
    no_sideways_scroll(page, "the published letter")
