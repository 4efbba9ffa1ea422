"""django-markdownx's preview and upload endpoints are for staff only; the preview sanitises.

What an upload may be, and what is stored of it: tests/test_uploads.py.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_anonymous_preview_and_upload_are_refused(client):
    preview = client.post(reverse("markdownx_markdownify"), {"content": "**hi**"})
    assert preview.status_code == 403
    upload = client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")},
    )
    assert upload.status_code == 403


def test_non_staff_user_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    assert client.post(reverse("markdownx_markdownify"), {"content": "x"}).status_code == 403


def test_preview_renders_for_editors_through_the_sanitising_renderer(editor_client):
    response = editor_client.post(
        reverse("markdownx_markdownify"), {"content": "**bold** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert b"<strong>bold</strong>" in response.content
    assert b"<script" not in response.content
    assert editor_client.post(reverse("markdownx_markdownify"), {}).status_code == 200
