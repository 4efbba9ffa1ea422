"""The Images list in the admin: an editor uploads an image without JavaScript, gets the
Markdown line to copy, and deletes an image with all its widths; and the one rule for that
line, which the Insert image dialog's script follows too."""

import html
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from postbag.editor import ALT_HINT
from postbag.images import image_markdown, one_line
from postbag.markdown import render_markdown
from postbag.models import UploadedImage
from tests import factories
from tests.support import run_script_in_node

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
ADD = "admin:postbag_uploadedimage_add"
URL = "/media/uploads/0123456789abcdef0123456789abcdef.jpg"

# (alt text, caption) as editors might type them, and what Markdown could misread.
MARKDOWN_CASES = [
    ("A mug of tea on the windowsill", ""),
    ("A mug of tea on the windowsill", "The first cup of the day"),
    ('A blue cup, "steaming"', 'Tea [for one], "the good cup"'),
    ("A [bracketed] note", "A caption with *a little* emphasis"),
    (r"A path like C:\letters\draft", r"Back\slash and \"quotes\""),
    ("`code` and *stars* and _under_scores_", ""),
    ("Fish &amp; chips, R&D, &#169;", "Salt & vinegar"),
    ("<b>not bold</b> and <https://example.org>", ""),
    ("Two lines\nof alt text\r\n\r\nand a blank one", "A caption\n\nover lines"),
    ("Ends with a backslash \\", "Ends with one too \\"),
    ("![nested](/other.png)", "A caption (with brackets)"),
    ("Ünïcödé, ĉu ne? 日本の茶", "Ça va — ‘mostly’"),
]


def test_the_markdown_line_escapes_what_markdown_would_misread():
    assert image_markdown(URL, "A mug", "") == f"![A mug]({URL})"
    assert image_markdown(URL, 'A [cup] "hot"', 'Tea "now"') == (
        rf'![A \[cup\] "hot"]({URL} "Tea \"now\"")'
    )
    assert image_markdown(URL, "*a* `b` &amp; <c> & d", "\n") == (
        rf"![\*a\* \`b\` \&amp; \<c> & d]({URL})"
    )


@pytest.mark.parametrize(("alt", "caption"), MARKDOWN_CASES)
def test_the_markdown_line_renders_the_alt_text_exactly_and_the_caption_as_a_figure(alt, caption):
    rendered = str(render_markdown(f"Before.\n\n{image_markdown(URL, alt, caption)}\n\nAfter."))
    image = re.search(r"<img [^>]*>", rendered).group()
    assert html.unescape(re.search(r'alt="([^"]*)"', image).group(1)) == one_line(alt)
    if caption:
        assert "<figure>" in rendered and "<figcaption>" in rendered
    else:
        assert "<figure>" not in rendered
    assert "Before." in rendered and "After." in rendered  # the line stayed one paragraph


def test_the_insert_image_script_writes_the_same_markdown():
    written = run_script_in_node(
        "js/insert-image.js",
        f"{json.dumps(MARKDOWN_CASES)}.map(([alt, caption]) =>"
        f" window.postbagImageMarkdown({json.dumps(URL)}, alt, caption))",
    )
    assert written == [image_markdown(URL, *case) for case in MARKDOWN_CASES]


def picture(size=(1600, 1000), image_format="PNG"):
    image = Image.new("RGB", size, (250, 210, 90))
    image.paste((70, 120, 190), (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def add(client, content=None, name="teacup.png", **fields):
    data = {"alt": "A yellow cup beside a blue one", "caption": "", **fields}
    if content is not None:
        data["image"] = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(reverse(ADD), data)


def stored_files(media_root):
    folder = Path(media_root) / "uploads"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_editors_may_list_add_and_delete_images_but_not_change_one():
    codenames = set(
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__app_label="postbag", codename__endswith="uploadedimage")
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_uploadedimage", "add_uploadedimage", "delete_uploadedimage"}


def test_the_add_form_asks_for_the_file_alt_text_and_a_caption(editor_client):
    page = editor_client.get(reverse(ADD)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="image"' in page
    assert re.search(r'<input type="text" name="alt"[^>]*required', page)
    assert ALT_HINT in page
    assert "Caption (optional)" in page


def test_an_upload_is_stored_at_its_widths_and_shows_the_markdown_to_copy(
    editor_client, media_root
):
    response = add(editor_client, picture(), caption='Tea for two, "one each"')
    image = UploadedImage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:postbag_uploadedimage_change", args=[image.pk])
    assert (image.alt, image.caption) == (
        "A yellow cup beside a blue one",
        'Tea for two, "one each"',
    )
    assert (image.width, image.height, image.widths) == (1600, 1000, [480, 800, 1200])
    assert len(stored_files(media_root)) == 4
    assert image.name.endswith(".png")

    page = editor_client.get(response["Location"]).content.decode()
    line = f'![A yellow cup beside a blue one](/media/{image.name} "Tea for two, \\"one each\\"")'
    assert f"<code>{html.escape(line)}</code>" in page
    assert "Copy its Markdown line below into the text" in page
    stem = image.name.removesuffix(".png")
    assert f'<img src="/media/{stem}-480w.png" width="320" height="200" alt=""' in page
    assert 'name="alt"' not in page  # shown, not editable

    # The copied line, pasted into a text, is a figure with the widths on a reader's page.
    figure = str(render_markdown(line))
    assert "<figcaption>Tea for two, \u201cone each\u201d</figcaption>" in figure
    assert f"/media/{stem}-480w.png 480w" in figure


def test_the_list_shows_a_thumbnail_the_alt_text_the_size_and_the_date(editor_client):
    add(editor_client, picture((900, 600)), alt="Rain on a kitchen window")
    image = UploadedImage.objects.get()
    page = editor_client.get(reverse("admin:postbag_uploadedimage_changelist")).content.decode()
    stem = image.name.removesuffix(".png")
    assert f'<img src="/media/{stem}-480w.png" width="120" height="80" alt=""' in page
    assert "Rain on a kitchen window" in page
    assert "900 × 600 px" in page
    assert "column-uploaded_at" in page
    # Images sit under Postbag in the admin's index, for editors too.
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:postbag_uploadedimage_changelist") in index


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Dear Elizabeth, this is not a picture.", "letter.png", "not a JPEG, PNG, GIF or WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "drawing.svg", "SVG can"),
        (b"", "empty.png", "This file is empty"),
        (None, None, "Choose an image file to upload."),
        (picture()[:300], "cut-short.png", "damaged or incomplete"),
    ],
)
def test_a_refused_file_keeps_the_alt_text_and_caption_with_a_clear_message(
    editor_client, media_root, content, name, message
):
    alt, caption = "Two cups on a table", 'The morning after, "finally"'
    response = add(editor_client, content, name=name or "x.png", alt=alt, caption=caption)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert f'value="{html.escape(alt)}"' in page and f'value="{html.escape(caption)}"' in page
    assert not UploadedImage.objects.exists() and stored_files(media_root) == []


def test_a_file_whose_name_lies_is_stored_as_what_it_is(editor_client, media_root):
    add(editor_client, picture((300, 200), "GIF"), name="holiday.jpg")
    assert UploadedImage.objects.get().name.endswith(".gif")


def test_alt_text_is_required_and_has_a_length_limit(editor_client, media_root):
    page = add(editor_client, picture(), alt="  ").content.decode()
    assert "This field is required" in page and not UploadedImage.objects.exists()
    long_alt = "A very long description of a cup. " * 20
    page = add(editor_client, picture(), alt=long_alt).content.decode()
    assert "at most 500 characters" in page
    assert html.escape(long_alt.strip()) in page
    assert stored_files(media_root) == []


def test_control_characters_and_line_breaks_in_the_alt_text_are_tidied(editor_client):
    add(
        editor_client, picture((300, 200)), alt="A cup\x00 of\ttea\x07\r\non a tray", caption="\x1b"
    )
    image = UploadedImage.objects.get()
    assert (image.alt, image.caption) == ("A cup of tea on a tray", "")


def test_too_much_text_is_refused_without_a_server_error(editor_client):
    response = add(editor_client, picture((300, 200)), alt="x" * 3 * 1024 * 1024)
    assert response.status_code == 400
    assert not UploadedImage.objects.exists()


def test_an_image_cannot_be_changed_after_upload(editor_client):
    add(editor_client, picture((300, 200)))
    image = UploadedImage.objects.get()
    change = reverse("admin:postbag_uploadedimage_change", args=[image.pk])
    editor_client.post(change, {"alt": "Something else"})
    image.refresh_from_db()
    assert image.alt == "A yellow cup beside a blue one"


def test_deleting_an_image_deletes_its_widths_once_committed(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    add(editor_client, picture())
    add(editor_client, picture((1000, 500)), alt="A second cup")
    first, second = UploadedImage.objects.order_by("pk")
    assert len(stored_files(media_root)) == 4 + 3

    delete = reverse("admin:postbag_uploadedimage_delete", args=[first.pk])
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(delete, {"post": "yes"})
        assert response.status_code == 302
        assert len(stored_files(media_root)) == 7  # not before the commit
    for callback in callbacks:
        callback()
    assert stored_files(media_root) == sorted(Path(name).name for name in second.stored_names())

    changelist = reverse("admin:postbag_uploadedimage_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"},
        )
    assert not UploadedImage.objects.exists() and stored_files(media_root) == []


def test_deleting_an_image_in_use_lists_the_pieces_that_show_it(editor_client):
    add(editor_client, picture((300, 200)))
    add(editor_client, picture((300, 200)), alt="A second cup")
    used, unused = UploadedImage.objects.order_by("pk")
    line = image_markdown(f"/media/{used.name}", used.alt)
    letter = factories.letter(title="Tea with my sister", body=f"We talk.\n\n{line}\n")
    factories.article(title="The kettle diaries", body=f"Steam.\n\n{line}\n")
    reply_only = factories.letter(title="A reply with a picture")
    reply_only.reply.body = f"Try this.\n\n{line}"
    reply_only.reply.save()

    delete = reverse("admin:postbag_uploadedimage_delete", args=[used.pk])
    page = editor_client.get(delete).content.decode()
    assert "used in 3 pieces" in page and "will show a missing image" in page
    assert "Tea with my sister" in page and "The kettle diaries" in page
    assert "A reply with a picture</a> (reply)" in page  # a reply: its letter's page
    letter_page = reverse("admin:advice_letter_change", args=[letter.pk])
    assert f'href="{letter_page}"' in page
    assert reverse("admin:advice_letter_change", args=[reply_only.pk]) in page

    quiet = editor_client.get(reverse("admin:postbag_uploadedimage_delete", args=[unused.pk]))
    assert "missing image" not in quiet.content.decode()

    changelist = reverse("admin:postbag_uploadedimage_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    page = editor_client.post(changelist, chosen).content.decode()
    assert "used in 3 pieces" in page and "Are you sure" in page
    assert UploadedImage.objects.count() == 2  # only asked, not deleted
