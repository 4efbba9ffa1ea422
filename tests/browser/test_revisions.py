"""Nothing typed is lost, in Chromium at 1280 × 800: the editor's typing is autosaved as a
draft, leaving with unsaved changes asks first, and an earlier revision comes back in a
click. Without JavaScript the form saves as it always has."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.models import Letter
from postbag.revisions import AUTOSAVED, revisions_of
from tests import factories
from tests.browser.support import log_in_as_editor, screenshots

pytestmark = pytest.mark.browser

READER = (
    "Dear Elizabeth, my brother borrowed my savings two years ago and has never mentioned it since."
)
FIRST_REPLY = (
    "Money between siblings is never only about money.\n\n"
    "Ask him for a coffee, not a meeting, and say plainly that you'd like to talk about it."
)
SHORTER_REPLY = "Ask him, kindly and soon."


def a_new_letter():
    return factories.letter(
        original_text=READER, original_sign_off="Out of Pocket", title="", reply=None,
        status=Letter.Status.NEW,
    )  # fmt: skip


def log_in_again(page, username):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{reverse('admin:index')}")


def test_typing_is_autosaved_leaving_asks_and_a_revision_is_restored(site, settings):
    settings.AUTOSAVE_SECONDS = 1  # 30 s on the real site
    letter = a_new_letter()
    change = reverse("admin:advice_letter_change", args=[letter.pk])
    page = site.page()
    log_in_as_editor(page, "reviser")

    # Two saves: the first reply, then a shorter one. Saving never asks.
    page.goto(change)
    page.locator("#id_title").fill("Money, and a brother who never mentions it")
    page.locator("#id_reply-0-body").fill(FIRST_REPLY)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.locator("#id_reply-0-body").fill(SHORTER_REPLY)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#id_reply-0-body")).to_have_value(SHORTER_REPLY)
    assert site.dialogs == []

    # Typing without saving: a draft is kept within a second or two, the letter unchanged.
    page.locator("#id_reply-0-body").fill(SHORTER_REPLY + " He may be ashamed.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=10_000)
    assert revisions_of(letter).first().comment == AUTOSAVED
    screenshots(page, "revisions-autosaved", sizes=("desktop",))
    letter.refresh_from_db()
    assert letter.reply.body == SHORTER_REPLY

    # Leaving with that unsaved change asks first (the dialog is dismissed: she stays).
    page.get_by_role("link", name="Revisions").click()
    page.wait_for_timeout(500)
    assert [kind for _url, kind, _message in site.dialogs] == ["beforeunload"]
    assert page.url.endswith(change)
    expect(page.locator("#id_reply-0-body")).to_have_value(SHORTER_REPLY + " He may be ashamed.")

    # In another window: the list, with the draft, and the first saved revision restored.
    other = site.page()
    log_in_again(other, "reviser")
    other.goto(reverse("admin:advice_letter_revisions", args=[letter.pk]))
    rows = other.locator("table.revision-list tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Autosaved")
    expect(rows.nth(0)).to_contain_text("reviser")
    expect(rows.nth(0)).to_contain_text("reply +4 words")
    expect(rows.nth(3)).to_contain_text("As it was before the first edit here")
    expect(other.locator(".revision-diff ins").first).to_contain_text("ashamed.")
    screenshots(other, "revisions-list", sizes=("desktop",))
    first_save = rows.nth(2)
    expect(first_save).to_contain_text("Saved")
    first_save.get_by_role("button", name="Restore this revision").click()
    expect(other.locator(".messagelist")).to_contain_text("Restored the revision of")
    expect(other.locator("#id_reply-0-body")).to_have_value(FIRST_REPLY)
    letter.refresh_from_db()
    assert letter.reply.body == FIRST_REPLY and letter.status == Letter.Status.DRAFTED
    assert revisions_of(letter).first().comment.startswith("Restored the revision of")


def test_the_add_form_asks_before_leaving_but_keeps_no_drafts(site, settings):
    settings.AUTOSAVE_SECONDS = 1
    page = site.page()
    log_in_as_editor(page, "adder")
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("On asking twice")
    page.wait_for_timeout(2500)  # longer than the autosave interval
    expect(page.locator("#autosave-status")).to_have_count(0)
    page.locator(".breadcrumbs a").first.click()
    page.wait_for_timeout(500)
    assert [kind for _url, kind, _message in site.dialogs] == ["beforeunload"]


def test_without_javascript_the_form_saves_and_keeps_a_revision(site):
    letter = a_new_letter()
    page = site.page(javascript=False)
    log_in_as_editor(page, "plain")
    page.goto(reverse("admin:advice_letter_change", args=[letter.pk]))
    page.locator("#id_title").fill("Money between brothers")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="Revisions").click()
    expect(page.locator("table.revision-list tbody tr")).to_have_count(2)
    expect(page.locator(".revision-diff ins")).to_have_text("Money between brothers")
