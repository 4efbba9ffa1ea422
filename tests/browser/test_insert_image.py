"""An editor inserts an image with alt text and a caption; readers see a figure, and a
phone fetches a small width of it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests import factories
from tests.browser.media import drawing
from tests.browser.support import log_in_as_editor, screenshots

pytestmark = pytest.mark.browser

ALT = 'A blue cup on a yellow table, "steaming"'
CAPTION = 'Tea [for one], "the good cup"'


def test_an_editor_inserts_a_captioned_image_that_readers_see_as_a_figure(site, served_media):
    article = factories.article(
        title="A cup of tea, alone", body="Start the evening slowly.", status=Article.Status.DRAFT
    )
    editor = site.page()
    log_in_as_editor(editor, "rosa")
    editor.goto(reverse("admin:articles_article_change", args=[article.pk]))

    body = editor.locator("#id_body")
    body.click()
    editor.keyboard.press("End")
    editor.locator(".insert-image-bar:has(+ .markdownx #id_body)").get_by_role(
        "button", name="Insert image"
    ).click()
    dialog = editor.get_by_role("dialog", name="Insert image")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Alt text")).to_have_accessible_description(
        "Describe the image for someone who can't see it."
    )

    # A file that isn't an image: the server's message, and what was typed stays.
    dialog.get_by_label("Image file").set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"just some words"}
    )
    dialog.get_by_label("Alt text").fill(ALT)
    dialog.get_by_label("Caption (optional)").fill(CAPTION)
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_contain_text("not a JPEG, PNG, GIF or WebP")
    expect(dialog.get_by_label("Alt text")).to_have_value(ALT)
    expect(dialog.get_by_label("Caption (optional)")).to_have_value(CAPTION)
    screenshots(editor, "insert-image-1-refused")

    dialog.get_by_label("Image file").set_input_files(drawing())
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()
    text = body.input_value()
    assert text.startswith("Start the evening slowly.\n\n![A blue cup on a yellow table, ")
    assert '\\"steaming\\"' not in text and '"steaming"' in text  # alt: quotes as they are
    assert text.endswith('.png "Tea [for one], \\"the good cup\\"")')
    preview = editor.locator(".markdownx:has(#id_body) .markdownx-preview")
    expect(preview.locator("figure figcaption")).to_have_text("Tea [for one], “the good cup”")
    expect(preview.locator("figure img")).to_have_attribute("alt", ALT)
    screenshots(editor, "insert-image-2-inserted")

    editor.get_by_label("Status:").select_option(label="Published")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist .success").first).to_contain_text("changed successfully")

    url = Article.objects.get(pk=article.pk).get_absolute_url()
    for phone, expected in ((False, "-800w.png"), (True, "-480w.png")):
        reader = site.page(phone=phone)
        reader.goto(url)
        figure = reader.locator("main figure")
        expect(figure.locator("figcaption")).to_have_text("Tea [for one], “the good cup”")
        image = figure.get_by_role("img", name=ALT)
        image.scroll_into_view_if_needed()
        reader.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        assert image.evaluate("img => img.currentSrc").endswith(expected)
    screenshots(reader, "insert-image-3-figure")

    # The one refusal was the point of the first try, not a file a page failed to load.
    upload = reverse("markdownx_upload")
    assert [status for url, status in site.failed_requests if url.endswith(upload)] == [400]
    site.failed_requests[:] = [r for r in site.failed_requests if not r[0].endswith(upload)]
