"""An editor merges two themes in the admin; a reader's old bookmark still finds them."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.browser.support import log_in_as_editor

pytestmark = pytest.mark.browser


def test_an_editor_merges_a_theme_and_the_readers_bookmark_lands_on_the_new_one(site):
    breakups = factories.theme(name="Breakups", slug="breakups")
    factories.theme(name="Heartbreak", slug="heartbreak")
    letter = factories.letter(title="He left on our anniversary", themes=[breakups])

    reader = site.page()
    reader.goto("/themes/breakups/")  # the page the reader bookmarks
    expect(reader.get_by_role("heading", level=1)).to_have_text("Breakups")

    editor = site.page()
    log_in_as_editor(editor, "merging-editor")
    editor.goto(reverse("admin:advice_theme_changelist"))
    editor.get_by_role("checkbox", name=re.compile("Breakups$")).check()
    editor.get_by_role("combobox", name="Action").select_option(
        label="Merge the selected themes into another theme"
    )
    editor.get_by_role("button", name="Go").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Merge themes")
    editor.get_by_label("Merge into").select_option(label="Heartbreak")
    editor.get_by_role("button", name="Merge themes").click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "“Breakups” was merged into “Heartbreak”"
    )
    expect(editor.get_by_role("link", name="Breakups", exact=True)).to_have_count(0)

    # The reader comes back another day: a browser keeps a page only a minute
    # (PAGE_CACHE_PUBLIC_SECONDS), so this is a window with nothing kept.
    reader = site.page()
    reader.goto("/themes/breakups/")
    expect(reader).to_have_url(re.compile(r"/themes/heartbreak/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text("Heartbreak")
    reader.get_by_role("link", name=letter.title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(letter.title)
