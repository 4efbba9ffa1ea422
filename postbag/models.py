"""The one table of Postbag's own: addresses that moved (postbag.redirects keeps it)."""

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
