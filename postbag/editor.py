"""django-markdownx's preview and upload endpoints, for staff only.

markdownx's own URLs answer anyone; these keep its paths and URL names (the widget posts
to the paths) but refuse everyone who is not staff with a 403, and accept uploads only
when Pillow can read them as one of the allowed raster formats.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.views import View
from markdownx.forms import ImageForm
from PIL import Image

from postbag.markdown import render_markdown

RASTER_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied("The Markdown editor is for editors.")
        return super().dispatch(request, *args, **kwargs)


class MarkdownPreviewView(StaffOnlyMixin, View):
    def post(self, request):
        return HttpResponse(render_markdown(request.POST.get("content", "")))


class RasterImageForm(ImageForm):
    def clean(self):
        upload = super().clean()
        try:
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
        except Exception:  # Pillow raises many kinds of error for a file that is not an image
            raise ValidationError("This file is not an image that can be opened.") from None
        if image_format not in RASTER_FORMATS:
            raise ValidationError("Upload a JPEG, PNG, GIF or WebP image.")
        upload.seek(0)
        return upload


class ImageUploadView(StaffOnlyMixin, View):
    def post(self, request):
        form = RasterImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse(form.errors, status=400)
        return JsonResponse({"image_code": f"![]({form.save(commit=True)})"})
