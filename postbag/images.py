"""Editors' uploaded images at a few widths, and the `srcset` readers' pages get for them.

At upload (postbag.editor's ImageUploadForm), the image Pillow decoded and encoded again
is also encoded at each width of settings.IMAGE_WIDTHS smaller than itself
(`scaled_versions`: never enlarged, the same format, no metadata), and `store_image` saves
them all under one random stem, `uploads/<hex>.jpg` beside `uploads/<hex>-480w.jpg`, and
records them as an UploadedImage.

On the page, `with_image_sizes` runs on the HTML after nh3 has cleaned it: every `<img>`
whose src is a recorded upload gets `srcset` (its stored widths), `sizes` (the page's
measure), `width` and `height` (so nothing moves as it loads), `loading="lazy"` and
`decoding="async"`. All of it comes from the database record: the allow-list removes any
srcset or sizes written in the text, so no address a writer chose gets into a srcset, and a
width or height written in the text gives way to the record's.
"""

import html as html_entities
import posixpath
import re
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.html import escape
from PIL import Image

from postbag.models import UploadedImage

# How wide an image in the text shows (static/css/site.css): the measure, 36rem, at the
# root size of 18px from 48rem (768px) up, at 16px below it, where the page's 1.25rem
# padding each side can make it narrower still. Lengths in `sizes` are CSS pixels (a rem
# there would be the browser's 16px, not the page's).
SIZES = "(min-width: 768px) 648px, min(576px, calc(100vw - 40px))"

IMG_TAG = re.compile(r"<img\s[^>]*>")
SRC = re.compile(r'\ssrc="([^"]*)"')
# The text's own width and height on a recorded upload give way to the record's.
SIZE_ATTRIBUTES = re.compile(r'\s(?:width|height)="[^"]*"')
# The name store_image gives an image (not a width of one): 32 hex digits and a format.
STORED_NAME = re.compile(r"[0-9a-f]{32}\.(?:jpg|png|gif|webp)")


def scaled_versions(image, *, widths, encode):
    """{width: bytes}: the Pillow `image` scaled to each of `widths` (pixels) smaller than
    its own width, keeping its proportions, each encoded by `encode(image) -> bytes`.

    Widths that are not smaller are left out: enlarging costs bytes and shows nothing more.
    Each scaled copy has no metadata (`info` emptied, as the image itself has).
    """
    versions = {}
    for width in sorted(set(widths)):
        if width >= image.width:
            continue
        height = max(1, round(image.height * width / image.width))
        scaled = image.resize((width, height), Image.Resampling.LANCZOS)
        scaled.info = {}
        versions[width] = encode(scaled)
    return versions


def store_image(prepared, *, alt="", caption="", record=None):
    """Save a PreparedImage (postbag.editor.prepare_image) and its smaller widths in the
    default storage under one new random stem in MARKDOWNX_MEDIA_PATH; return the saved
    UploadedImage: `record` (an unsaved one, as the admin's form made it) filled in, or a
    new one.

    Goes through Django's default storage, so a remote storage works as the local folder
    does. The files are saved before the record, so a record always has its files; if the
    record can't be saved, the files are deleted again.
    """
    stem = posixpath.join(settings.MARKDOWNX_MEDIA_PATH, uuid.uuid4().hex)
    name = default_storage.save(f"{stem}.{prepared.extension}", ContentFile(prepared.content))
    image = record or UploadedImage(alt=alt, caption=caption)
    image.name, image.width, image.height = name, prepared.width, prepared.height
    image.widths = sorted(prepared.widths)
    saved = [name]
    try:
        for width, content in sorted(prepared.widths.items()):
            saved.append(default_storage.save(image.variant_name(width), ContentFile(content)))
        with transaction.atomic():
            image.save()
    except BaseException:
        for stored in saved:
            default_storage.delete(stored)
        raise
    return image


# The Markdown of an image, one rule, and static/js/insert-image.js follows it to the letter
# (tests/test_image_admin.py runs both on the same strings). Alt text is plain text: every
# character Markdown would read as syntax there is escaped (a backtick would start code and
# vanish, "&amp;" would become "&"). A caption is inline Markdown (*em* is welcome), so only
# what would end the title is escaped. Line breaks become spaces: a blank line would end
# the paragraph.
LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
ALT_SYNTAX = re.compile(r"([\\\[\]*_`<])")
ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
CAPTION_SYNTAX = re.compile(r'([\\"])')


def one_line(text):
    """`text` with each line break (and the spaces around it) made one space, trimmed."""
    return LINE_BREAKS.sub(" ", text).strip()


def image_markdown(url, alt, caption=""):
    """`![alt](url "caption")`, or `![alt](url)` without a caption: alone in its paragraph,
    a figure with its caption on the page (postbag.markdown). Renders with `alt` exactly
    as given (on one line)."""
    alt = ENTITY.sub(r"\\&", ALT_SYNTAX.sub(r"\\\1", one_line(alt)))
    caption = CAPTION_SYNTAX.sub(r"\\\1", one_line(caption))
    return f'![{alt}]({url} "{caption}")' if caption else f"![{alt}]({url})"


def delete_files(image):
    """Delete an UploadedImage's files (the image and its widths) from the storage."""
    for name in image.stored_names():
        default_storage.delete(name)


def upload_name(src):
    """The storage name of the upload at URL `src` (as the HTML has it, entities and
    all), or None when `src` is not where store_image puts an image."""
    folder = settings.MARKDOWNX_MEDIA_PATH
    prefix = default_storage.url(folder)
    src = html_entities.unescape(src)
    if not src.startswith(prefix) or not STORED_NAME.fullmatch(src[len(prefix) :]):
        return None
    return posixpath.join(folder, src[len(prefix) :])


def with_image_sizes(html):
    """Sanitised `html` (a str, as nh3 writes it) with srcset, sizes, width, height,
    loading and decoding on each `<img>` whose src is a recorded upload; others unchanged.

    One query for all of the text's uploads, none when it shows no upload. A srcset is
    added only when smaller widths were stored (one width alone has nothing to choose).
    """
    names = {}
    for tag in IMG_TAG.findall(html):
        src = SRC.search(tag)
        name = upload_name(src.group(1)) if src else None
        if name:
            names[tag] = name
    if not names:
        return html
    images = UploadedImage.objects.filter(name__in=set(names.values())).in_bulk(field_name="name")

    def sized(match):
        tag = match.group()
        image = images.get(names.get(tag))
        return tag if image is None else _sized_tag(tag, image)

    return IMG_TAG.sub(sized, html)


def _sized_tag(tag, image):
    body = SIZE_ATTRIBUTES.sub("", tag.removesuffix(">").removesuffix("/").rstrip())
    attributes = {"width": image.width, "height": image.height}
    if image.widths:
        widths = [(default_storage.url(image.variant_name(w)), w) for w in image.widths]
        widths.append((default_storage.url(image.name), image.width))
        attributes["srcset"] = ", ".join(f"{url} {width}w" for url, width in widths)
        attributes["sizes"] = SIZES
    attributes |= {"loading": "lazy", "decoding": "async"}
    return body + "".join(f' {key}="{escape(value)}"' for key, value in attributes.items()) + ">"
