"""Editors' image uploads, the way a browser and a hostile file send them.

Through the real endpoint (markdownx's widget posts to `markdownx_upload`) as a logged-in
editor, then, for what readers get, through the repository's nginx in front of gunicorn.
"""

import io
import os
import re
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from postbag.models import UploadedImage
from tests.live import gunicorn, nginx

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|gif|webp)$")


def image_bytes(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def png_bytes(size=(8, 6)):
    return image_bytes(Image.new("RGB", size, "red"), "PNG")


def upload(client, name, content, content_type):
    """POST a file as markdownx's widget does (multipart, `image`, X-Requested-With)."""
    return client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def stored_file(response, media_root):
    """The one file the upload stored, found from the Markdown the widget inserts."""
    assert response.status_code == 200, response.content
    url = re.fullmatch(r"!\[\]\((\S+)\)", response.json()["image_code"]).group(1)
    assert url.startswith("/media/uploads/")
    path = Path(media_root) / url.removeprefix("/media/")
    assert STORED_NAME.match(path.name), path.name
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    return path


def assert_refused(response, media_root):
    """A 400 whose message markdownx's widget shows: it inserts `image_code` as text."""
    assert response.status_code == 400
    body = response.json()
    message = body["image"][0]
    assert len(message) > 20
    assert message in body["image_code"]
    assert not (Path(media_root) / "uploads").exists()
    return message


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("photo.html", "text/html"),
        ("photo.svg", "image/svg+xml"),
        ("photo.htm", "text/html"),
        ("photo", "application/octet-stream"),
        ("photo.png.html", "image/png"),
    ],
)
def test_a_png_under_any_name_is_stored_as_png_under_a_random_name(
    editor_client, media_root, name, content_type
):
    path = stored_file(upload(editor_client, name, png_bytes(), content_type), media_root)
    assert path.suffix == ".png"
    with Image.open(path) as stored:
        assert stored.format == "PNG"
        assert stored.size == (8, 6)


def test_two_uploads_of_the_same_name_get_different_names(editor_client, media_root):
    first = upload(editor_client, "a.png", png_bytes(), "image/png").json()["image_code"]
    second = upload(editor_client, "a.png", png_bytes(), "image/png").json()["image_code"]
    assert first != second


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "image/svg+xml"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "image/png"),
        ("page.html", b"<!doctype html><script>alert(1)</script>", "text/html"),
        ("page.jpg", b"<!doctype html><script>alert(1)</script>", "image/jpeg"),
        ("notes.txt", b"just some words", "text/plain"),
        ("empty.png", b"", "image/png"),
    ],
)  # fmt: skip
def test_svg_html_and_text_are_refused_with_a_message(
    editor_client, media_root, name, content, content_type
):
    assert_refused(upload(editor_client, name, content, content_type), media_root)


def test_a_truncated_image_is_refused(editor_client, media_root):
    noise = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    for image_format, name in (("PNG", "cut.png"), ("JPEG", "cut.jpg")):
        content = image_bytes(noise, image_format)
        response = upload(editor_client, name, content[: len(content) // 2], "image/png")
        assert_refused(response, media_root)


def test_a_decompression_bomb_is_refused(editor_client, media_root):
    # A real PNG whose header claims 40,000 × 40,000 pixels (1.6 billion): Pillow's
    # DecompressionBombError, raised before a pixel is decoded.
    content = bytearray(png_bytes(size=(1, 1)))
    header = bytearray(content[16:29])
    header[0:8] = (40_000).to_bytes(4, "big") * 2
    content[16:29] = header
    content[29:33] = zlib.crc32(b"IHDR" + header).to_bytes(4, "big")
    message = assert_refused(upload(editor_client, "bomb.png", bytes(content), "image/png"),
                             media_root)  # fmt: skip
    assert "pixels" in message


def test_a_file_over_the_size_cap_is_refused(editor_client, media_root, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 100
    message = assert_refused(upload(editor_client, "a.png", png_bytes((64, 64)), "image/png"),
                             media_root)  # fmt: skip
    assert "100" in message


def test_a_gif_comment_carrying_html_is_not_stored(editor_client, media_root):
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    image = Image.new("P", (10, 10), 1)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    content = image_bytes(image, "GIF", comment=html)
    assert html in content
    path = stored_file(upload(editor_client, "funny.gif", content, "image/gif"), media_root)
    assert path.suffix == ".gif"
    data = path.read_bytes()
    assert b"<script" not in data and b"<html" not in data and b"alert(" not in data
    with Image.open(path) as stored:
        assert stored.format == "GIF"
        assert stored.convert("RGB").getpixel((5, 5)) == (200, 0, 0)


def test_an_rgba_png_named_jpg_keeps_its_transparency(editor_client, media_root):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.paste((0, 128, 255, 255), (0, 0, 10, 20))
    response = upload(editor_client, "IMG_0001.jpg", image_bytes(image, "PNG"), "image/jpeg")
    path = stored_file(response, media_root)
    assert path.suffix == ".png"
    with Image.open(path) as stored:
        pixels = stored.convert("RGBA")
        assert pixels.getpixel((15, 10))[3] == 0
        assert pixels.getpixel((5, 10)) == (0, 128, 255, 255)


def test_a_transparent_webp_stays_a_transparent_webp(editor_client, media_root):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 10, 20))
    content = image_bytes(image, "WEBP", lossless=True)
    path = stored_file(upload(editor_client, "sticker", content, ""), media_root)
    assert path.suffix == ".webp"
    with Image.open(path) as stored:
        assert stored.convert("RGBA").getpixel((15, 10))[3] == 0


def phone_photo(size=(40, 20), orientation=1):
    """A JPEG as a phone writes it: camera model, GPS position and orientation in EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
    }
    image = Image.new("RGB", size, "white")
    image.paste((0, 0, 0), (0, 0, size[0] // 2, size[1]))  # left half black
    content = image_bytes(image, "JPEG", exif=exif, quality=95)
    with Image.open(io.BytesIO(content)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def test_a_phone_photo_loses_its_gps_position_and_all_exif(editor_client, media_root):
    path = stored_file(upload(editor_client, "IMG_1234.JPG", phone_photo(), "image/jpeg"),
                       media_root)  # fmt: skip
    assert path.suffix == ".jpg"
    data = path.read_bytes()
    assert b"Exif" not in data and b"PhoneMaker" not in data
    with Image.open(path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_exif_orientation_is_applied_before_it_is_dropped(editor_client, media_root):
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to show it.
    content = phone_photo(size=(40, 20), orientation=6)
    path = stored_file(upload(editor_client, "portrait.jpg", content, "image/jpeg"), media_root)
    with Image.open(path) as stored:
        assert stored.size == (20, 40)
        # The left half (black) is now at the top.
        assert stored.convert("L").getpixel((10, 5)) < 60
        assert stored.convert("L").getpixel((10, 35)) > 200


def test_large_images_are_scaled_to_fit_the_configured_box(editor_client, media_root, settings):
    settings.MARKDOWNX_IMAGE_MAX_SIZE = {"size": (100, 100), "quality": 85}
    content = image_bytes(Image.new("RGB", (400, 200), "blue"), "JPEG")
    path = stored_file(upload(editor_client, "wide.jpg", content, "image/jpeg"), media_root)
    with Image.open(path) as stored:
        assert stored.size == (100, 50)


def test_an_animated_gif_keeps_its_first_frame(editor_client, media_root):
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    path = stored_file(upload(editor_client, "a.gif", buffer.getvalue(), "image/gif"),
                       media_root)  # fmt: skip
    with Image.open(path) as stored:
        assert getattr(stored, "n_frames", 1) == 1
        assert stored.convert("RGB").getpixel((5, 5)) == (255, 0, 0)


def test_anonymous_visitors_and_non_staff_users_cannot_upload(client, django_user_model,
                                                              media_root):  # fmt: skip
    assert upload(client, "a.png", png_bytes(), "image/png").status_code == 403
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    assert upload(client, "a.png", png_bytes(), "image/png").status_code == 403
    assert not Path(media_root).exists()


def test_nginx_serves_uploads_as_images_and_nothing_else_from_media(
    editor_client, media_root, live_database, nginx_binary
):
    path = stored_file(upload(editor_client, "x.html", png_bytes(), "text/html"), media_root)
    url_path = "/media/" + path.relative_to(media_root).as_posix()
    script = "<html><script>alert(document.cookie)</script></html>"
    (media_root / "evil.html").write_text(script)
    (media_root / "uploads" / "evil.svg").write_text(f"<svg>{script}</svg>")
    (media_root / "uploads" / "evil").write_text(script)

    with gunicorn(live_database) as app, nginx(app.port, media_root=media_root) as proxy:
        with urllib.request.urlopen(proxy.url + url_path) as served:
            assert served.status == 200
            assert served.headers["Content-Type"] == "image/png"
            assert served.headers["X-Content-Type-Options"] == "nosniff"
            assert served.headers["Content-Security-Policy"] == "default-src 'none'"
            assert served.read() == path.read_bytes()

        refused_paths = ["/media/evil.html", "/media/uploads/evil.svg", "/media/uploads/evil",
                         "/media/uploads/", "/media/nothere.png"]  # fmt: skip
        for refused_path in refused_paths:
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(proxy.url + refused_path)
            assert refused.value.code in (403, 404), refused_path
            assert "alert(" not in refused.value.read().decode(errors="replace")
            assert refused.value.headers["X-Content-Type-Options"] == "nosniff"
            assert refused.value.headers["Content-Security-Policy"] == "default-src 'none'"


def test_staff_who_may_only_view_images_cannot_upload(client, django_user_model, media_root):
    # The Images admin refuses them an upload; the editor's endpoint must too.
    viewer = django_user_model.objects.create_user("viewer", password="x" * 12, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_uploadedimage"))
    client.force_login(viewer)
    assert upload(client, "a.png", png_bytes(), "image/png").status_code == 403
    assert not Path(media_root).exists() and not UploadedImage.objects.exists()
    viewer.user_permissions.add(Permission.objects.get(codename="add_uploadedimage"))
    client.force_login(django_user_model.objects.get(pk=viewer.pk))  # fresh permission cache
    assert upload(client, "a.png", png_bytes(), "image/png").status_code == 200


def test_the_insert_image_dialog_stores_the_alt_text_and_caption(editor_client, media_root):
    fields = {"alt": "A teapot\x00 in\ta\r\nknitted cosy", "caption": "Sunday\x07 tea"}
    response = editor_client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile("pot.png", png_bytes(), "image/png"), **fields},
    )
    assert response.status_code == 200, response.content
    image = UploadedImage.objects.get()
    assert (image.alt, image.caption) == ("A teapot in a knitted cosy", "Sunday tea")


def test_an_alt_text_too_long_is_refused_with_a_message(editor_client, media_root):
    response = editor_client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile("pot.png", png_bytes(), "image/png"), "alt": "cosy " * 200},
    )
    assert response.status_code == 400
    assert "Alt text: Ensure this value has at most 500 characters" in " ".join(
        response.json()["image"]
    )
    assert not UploadedImage.objects.exists()


def test_a_text_too_long_to_preview_gets_a_short_message_quickly(editor_client, settings):
    preview = reverse("markdownx_markdownify")
    started = time.monotonic()
    response = editor_client.post(preview, {"content": "a\n\n" * 200_000})  # 800 KB
    assert time.monotonic() - started < 1.0  # it took 6 s to render
    page = response.content.decode()
    assert response.status_code == 200 and "too long to preview" in page and "<p>a</p>" not in page
    settings.MARKDOWN_PREVIEW_MAX_CHARS = 40
    assert "<em>" in editor_client.post(preview, {"content": "*a* " * 10}).content.decode()
    longer = editor_client.post(preview, {"content": "*a* " * 10 + "!"}).content.decode()
    assert "longer than 40 characters" in longer
