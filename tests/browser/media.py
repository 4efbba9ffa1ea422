"""Uploaded images in the browser journeys: the URLs with which the live test server serves
MEDIA_ROOT (nginx does in production; the development server with debug on), for the
`served_media` fixture (conftest.py), and a drawing to upload."""

import io

from django.conf import settings
from django.urls import include, path
from django.views.static import serve
from PIL import Image, ImageDraw


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [path("media/<path:path>", media), path("", include("config.urls"))]


def drawing(name="cup.png"):
    """A 1600×900 PNG (a blue circle on yellow) as Playwright's set_input_files takes it."""
    image = Image.new("RGB", (1600, 900), (245, 215, 110))
    ImageDraw.Draw(image).ellipse((600, 250, 1000, 650), fill=(60, 110, 180))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}
