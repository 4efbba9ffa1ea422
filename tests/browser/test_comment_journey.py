"""One comment's whole life, in real browsers: a reader comments under a letter (a first
try too short), is told it is held, an editor approves it from the queue, it shows under
the letter, and the reader takes it back with the comment code."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter
from tests.browser.support import log_in_as_editor, screenshots
from tests.support import CODE

pytestmark = pytest.mark.browser

COMMENT = (
    "My sister did the same for years. What helped was one honest, unhurried phone call. "
    "This page helped me too: https://www.samaritans.org/"
)


def test_a_comment_is_sent_held_approved_shown_and_taken_back(site, demo):
    letter = Letter.objects.published().order_by("-published_at").first()
    reader = site.page()
    code = reader_comments(reader, letter)

    editor = site.page()
    editor_approves_from_the_queue(editor)

    reader_sees_the_comment(reader, letter)
    reader_deletes_the_comment(reader, code)
    # Asked of the server: the browser itself may keep the page for a minute.
    assert "unhurried phone call" not in reader.request.get(letter.get_absolute_url()).text()


def reader_comments(page, letter):
    page.goto(letter.get_absolute_url())
    page.get_by_role("link", name="Write a comment").click()
    expect(page.get_by_text("we store no address")).to_be_visible()
    page.get_by_label("Your name (optional)").fill("Jo in Jarrow")
    page.get_by_label("Your comment").fill("Same here.")
    page.get_by_role("button", name="Send my comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Your comment is a little short")
    comment = page.get_by_label("Your comment")
    expect(comment).to_have_value("Same here.")
    expect(comment).to_have_accessible_description(re.compile("a little short"))
    expect(page.get_by_label("Your name (optional)")).to_have_value("Jo in Jarrow")
    screenshots(page, "commenter-1-too-short")

    comment.fill(COMMENT)
    page.get_by_role("button", name="Send my comment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("held for moderation")
    code = page.locator(".receipt-code").inner_text().strip()
    assert CODE.fullmatch(code)
    screenshots(page, "commenter-2-held")
    return code


def editor_approves_from_the_queue(page):
    log_in_as_editor(page, "morag")
    page.goto(reverse("admin:comments_comment_changelist"))
    expect(page.locator(".letter-status-counts")).to_contain_text("Held for moderation: 1")
    page.locator(".letter-status-counts").get_by_role("link", name=re.compile("Held")).click()
    row = page.locator("#result_list tbody tr", has_text="My sister did the same")
    expect(row).to_have_count(1)
    screenshots(page, "editor-4-comments-queue")
    row.locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option(
        label="Approve the selected comments (shown at once)"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved.")


def reader_sees_the_comment(page, letter):
    page.goto(letter.get_absolute_url())
    comments = page.get_by_role("region", name=re.compile("comment"))
    shown = comments.get_by_role("listitem").filter(has_text="unhurried phone call")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("Jo in Jarrow")
    link = shown.get_by_role("link", name="https://www.samaritans.org/")
    expect(link).to_have_attribute("rel", "ugc nofollow noopener")
    screenshots(page, "commenter-3-shown")


def reader_deletes_the_comment(page, code):
    page.goto(reverse("comments:delete"))
    page.get_by_label("Your comment code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Find my comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this comment?")
    screenshots(page, "commenter-4-delete")
    page.get_by_role("button", name="Yes, delete my comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment has been deleted")
