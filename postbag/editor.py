"""django-markdownx's preview and upload endpoints, for staff only.

markdownx's own URLs answer anyone; these keep its paths and URL names (the widget posts
to the paths) but refuse everyone who is not staff with a 403. An upload is stored only
as what Pillow decoded and encoded again (`prepare_image`), under a random name whose
extension comes from the format Pillow found: never the client's file name or content
type, which a browser takes from the name and an attacker chooses.
"""

import io
import logging
import re
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.views import View
from PIL import Image, ImageOps, UnidentifiedImageError

from postbag.images import one_line, scaled_versions, store_image
from postbag.markdown import render_preview

logger = logging.getLogger(__name__)

# Pillow's format name → the extension the stored file gets (nginx serves only these).
RASTER_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# A 5 MB file can declare a billion pixels; decoding one costs 4 bytes a pixel. 50 million
# is more than a phone's photo that fits the upload size; Pillow itself refuses 179 million.
MAX_PIXELS = 50_000_000

NOT_AN_IMAGE = "This file is not a JPEG, PNG, GIF or WebP image (SVG can't be uploaded)."
DAMAGED = "This image could not be read: the file is damaged or incomplete."
TOO_MANY_PIXELS = (
    f"This image has more pixels than can be processed (the limit is {MAX_PIXELS:,}). "
    "Export it at a smaller size and upload it again."
)


class StaffOnlyMixin:
    """A 403 for everyone but active staff who hold `permission` ("app_label.codename";
    empty: any staff member), as the admin page for the same thing would refuse them."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            raise PermissionDenied("The Markdown editor is for editors.")
        if self.permission and not user.has_perm(self.permission):
            raise PermissionDenied("You may not do this here.")
        return super().dispatch(request, *args, **kwargs)


def preview_limit():
    """The longest text (characters) the live preview renders: MARKDOWN_PREVIEW_MAX_CHARS,
    100,000 unless set. Rendering grows with the text (800 KB took 6 s); the longest piece
    of the column is a fifth of this."""
    return settings.MARKDOWN_PREVIEW_MAX_CHARS


class MarkdownPreviewView(StaffOnlyMixin, View):
    """markdownx's preview endpoint: the HTML of `content`, or, for a text longer than
    `preview_limit()`, a short message in its place (the widget shows whatever comes)."""

    # Rendering shows nothing that isn't already the editor's; any staff member may.

    def post(self, request):
        content = request.POST.get("content", "")
        limit = preview_limit()
        if len(content) > limit:
            return HttpResponse(
                format_html(
                    '<p class="preview-too-long">This text is longer than {} characters, '
                    "too long to preview as you type. It is still saved as usual.</p>",
                    f"{limit:,}",
                )
            )
        return HttpResponse(render_preview(content))


@dataclass(frozen=True)
class PreparedImage:
    """An image ready to store: its encoded bytes, the extension for its format, its size
    in pixels, and the same image encoded at smaller widths ({width in pixels: bytes},
    postbag.images.scaled_versions; empty unless asked for)."""

    content: bytes
    extension: str
    width: int = 0
    height: int = 0
    widths: dict = field(default_factory=dict)


def prepare_image(file, *, size, quality=85, widths=()):
    """Decode `file` with Pillow and encode it again in the format Pillow detected.

    `file` is a binary file object (an UploadedFile). Only JPEG, PNG, GIF and WebP are
    opened (`Image.open(formats=...)`). The first frame is kept (an animated GIF or WebP
    becomes a still image: simple to re-encode soundly, and bounded in cost); EXIF
    orientation is applied (`ImageOps.exif_transpose`) before everything else in the file
    is dropped: EXIF (GPS position, camera), comments, colour profiles (a wide-gamut photo
    shows slightly less saturated) and whatever bytes a polyglot hid in them. The image is
    scaled down to fit `size` (width, height in pixels; never enlarged), transparency is
    kept (PNG, GIF, WebP; a JPEG has none), and JPEG and WebP are written at `quality`
    (1–95, Pillow's scale). The image is also encoded, the same way, at each of `widths`
    (pixels) smaller than itself (postbag.images.scaled_versions: never enlarged).

    Returns a PreparedImage. Raises ValidationError with a message for the editor when
    the file is not one of those formats, is damaged or truncated, or has more than
    MAX_PIXELS pixels (or is a decompression bomb by Pillow's own measure).
    """
    file.seek(0)
    try:
        with Image.open(file, formats=tuple(RASTER_FORMATS)) as opened:
            image_format = opened.format
            if opened.width * opened.height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            opened.load()
            image = _normalised(ImageOps.exif_transpose(opened), image_format)
        image.thumbnail(size, Image.Resampling.LANCZOS)
        # convert(), transpose() and thumbnail() carry the source's metadata along.
        image.info = {}

        def encoded(picture):
            buffer = io.BytesIO()
            options = {"quality": quality} if image_format in ("JPEG", "WEBP") else {}
            picture.save(buffer, image_format, **options)
            return buffer.getvalue()

        content = encoded(image)
        smaller = scaled_versions(image, widths=widths, encode=encoded)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE) from None
    except Exception as error:
        # Pillow reports a damaged file with many kinds of error (OSError, SyntaxError,
        # ValueError, EOFError, struct.error…); each means this file can't be used.
        logger.info("Image upload refused: %s: %s", type(error).__name__, error)
        raise ValidationError(DAMAGED) from None
    return PreparedImage(
        content=content,
        extension=RASTER_FORMATS[image_format],
        width=image.width,
        height=image.height,
        widths=smaller,
    )


def _normalised(image, image_format):
    """`image` as 8-bit RGB or RGBA (L stays L for JPEG): modes every encoder here writes."""
    if image.mode.startswith("I"):
        # 16-bit greyscale PNG: convert("L") would clip every value above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image_format == "JPEG":
        return image if image.mode == "L" else image.convert("RGB")  # CMYK, YCbCr
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def image_file_field():
    """The form field for an image file, with its messages for a missing or empty file:
    the one the upload endpoint and the Images admin (postbag.image_admin) both use."""
    return forms.FileField(
        error_messages={
            "required": "Choose an image file to upload.",
            "empty": "This file is empty: choose an image file to upload.",
        }
    )


def prepare_upload(upload):
    """An uploaded image file (an UploadedFile) checked and prepared for storing, as the
    settings say: a PreparedImage, or ValidationError with a message for the editor.

    Settings: MARKDOWNX_UPLOAD_MAX_SIZE (bytes), MARKDOWNX_IMAGE_MAX_SIZE (`size`, a
    (width, height) box, and `quality`), IMAGE_WIDTHS (the smaller widths also stored, in
    pixels). The one path every upload of an editor's image takes.
    """
    limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; "
            f"images up to {filesizeformat(limit)} can be uploaded."
        )
    options = settings.MARKDOWNX_IMAGE_MAX_SIZE
    return prepare_image(
        upload,
        size=options["size"],
        quality=options.get("quality", 85),
        widths=settings.IMAGE_WIDTHS,
    )


# C0 controls and DEL: invisible, meaningless in alt text or a caption (and NUL can't be
# stored in PostgreSQL); a tab is a space.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ALT_HINT = "Describe the image for someone who can't see it."
CAPTION_HINT = "Shown under the image on the page, as its caption. Leave empty for none."
# The longest alt text or caption, in characters (UploadedImage's fields are this long).
LINE_LENGTH = 500


class OneLineField(forms.CharField):
    """Text on one line: line breaks and tabs become spaces, control characters go."""

    def to_python(self, value):
        text = super().to_python(value)
        return one_line(CONTROL_CHARACTERS.sub("", text.replace("\t", " ")))


def alt_field(*, required):
    """An image's alt text: one line of at most LINE_LENGTH characters (OneLineField), the
    rule of the Images admin and the upload endpoint alike."""
    return OneLineField(
        label="Alt text",
        max_length=LINE_LENGTH,
        required=required,
        help_text=ALT_HINT,
    )


def caption_field():
    """An image's optional caption, with the same rule as its alt text (`alt_field`)."""
    return OneLineField(
        label="Caption (optional)",
        max_length=LINE_LENGTH,
        required=False,
        help_text=CAPTION_HINT,
    )


class ImageUploadForm(forms.Form):
    """The file markdownx's widget posts as `image`, checked and prepared for storing
    (`prepare_upload`), with the alt text and caption the Insert image dialog sends (a
    drag and drop onto the editor sends none); MARKDOWNX_MEDIA_PATH is the folder in the
    storage."""

    image = image_file_field()
    alt = alt_field(required=False)
    caption = caption_field()

    def clean_image(self):
        upload = self.cleaned_data["image"]
        self.prepared = prepare_upload(upload)
        return upload

    def save(self):
        """Store the prepared image and its widths (postbag.images.store_image) under a new
        random name, with its alt text and caption; return the UploadedImage recording
        them."""
        data = self.cleaned_data
        return store_image(self.prepared, alt=data["alt"], caption=data["caption"])


class ImageUploadView(StaffOnlyMixin, View):
    """markdownx's upload endpoint: 200 `{"image_code": "![](URL)", "url": URL}`, or a 400.

    `url` is for the Insert image dialog (static/js/insert-image.js), which writes the
    Markdown itself, with the alt text and caption the editor typed.

    markdownx's widget inserts `image_code` into the text whatever the status, and
    "Invalid response" when there is none; so a refusal carries its message there too
    (the editor sees it where the image would have gone) and, as a form error, in
    `image`.
    """

    # As the Images admin's add form asks (postbag.image_admin).
    permission = "postbag.add_uploadedimage"

    def post(self, request):
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages = [
                str(message) if name == "image" else f"{form[name].label}: {message}"
                for name, errors in form.errors.items()
                for message in errors
            ]
            return JsonResponse(
                {"image": messages, "image_code": f"[Image not uploaded: {' '.join(messages)}]"},
                status=400,
            )
        url = default_storage.url(form.save().name)
        return JsonResponse({"image_code": f"![]({url})", "url": url})
