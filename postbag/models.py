"""Postbag's own tables: addresses that moved (postbag.redirects keeps them) and the
images editors uploaded into the text (postbag.images stores them)."""

import posixpath

from django.db import models

# The longest path a slug makes: "/feeds/themes/" or "/letters/" and a 200-character slug.
PATH_LENGTH = 255


class Redirect(models.Model):
    """An address a page had, answered with a permanent redirect to the one it has now.

    Paths are stored as the site's path, decoded ("/themes/дружба/", not
    "/themes/%D0%B4…/") and without the script prefix, as Django's `request.path_info`
    reads them: a slug of 200 Devanagari letters is 1,800 characters once percent-encoded.
    """

    old_path = models.CharField("old address", max_length=PATH_LENGTH, unique=True)
    new_path = models.CharField("now at", max_length=PATH_LENGTH, db_index=True)
    moved_at = models.DateTimeField("moved", auto_now=True)

    class Meta:
        ordering = ["-moved_at", "old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


class UploadedImage(models.Model):
    """An image an editor uploaded for the text, as stored: the image and its smaller widths.

    `name` is the storage name of the image itself (`uploads/<32 hex>.<ext>`, random, as
    postbag.editor stores it); each width in `widths` (pixels, ascending, each smaller than
    `width`) is stored beside it as `<same stem>-<width>w.<ext>` (`variant_name`). `width`
    and `height` are the stored image's pixels. `alt` and `caption` are what the editor gave
    when uploading from the Images list (the Markdown insert dialog puts them in the text
    instead, so they stay empty there).
    """

    name = models.CharField("file", max_length=PATH_LENGTH, unique=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    widths = models.JSONField("smaller widths stored", default=list, blank=True)
    alt = models.CharField("alt text", max_length=500, blank=True)
    caption = models.CharField(max_length=500, blank=True)
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "image"

    def __str__(self):
        return posixpath.basename(self.name)

    def variant_name(self, width):
        """The storage name of this image at `width` pixels (one of `widths`)."""
        stem, extension = posixpath.splitext(self.name)
        return f"{stem}-{width}w{extension}"

    def stored_names(self):
        """Every storage name this upload has: the image first, then its widths."""
        return [self.name, *(self.variant_name(width) for width in self.widths)]


from postbag.takedowns import Correction, PublicationLogEntry  # noqa: E402,F401
