"""The demo's own drawings in its texts: `![alt](images/<file> "caption")` in a demo
article names a file in demo/content/images/, and becomes an upload when the article is
written, through the editors' upload path (postbag.editor.prepare_image and
postbag.images.store_image), so it is stored at the same widths and gets the same srcset
as an editor's image."""

import re

from django.conf import settings
from django.core.files.storage import default_storage

from demo.files import DEMO_IMAGE
from postbag.editor import prepare_image
from postbag.images import store_image, upload_name
from postbag.models import UploadedImage

LINK_TARGET = re.compile(r"\]\(([^\s)]+)")


def with_uploads(body, *, folder, kept=""):
    """`body` with each demo image reference replaced by the address of that file (in
    `folder`, the content folder) stored as an upload.

    Uploads already in `kept` (the text as the database has it, when resetting) are used
    again, in order, so `seed_demo --reset` doesn't pile up copies of the same drawing.
    Raises ValidationError (prepare_image) for a file that isn't a sound image.
    """
    reusable = [
        url
        for url in LINK_TARGET.findall(kept)
        if (name := upload_name(url)) and UploadedImage.objects.filter(name=name).exists()
    ]

    def uploaded(match):
        if reusable:
            return reusable.pop(0)
        options = settings.MARKDOWNX_IMAGE_MAX_SIZE
        with (folder / match.group()).open("rb") as file:
            prepared = prepare_image(
                file,
                size=options["size"],
                quality=options.get("quality", 85),
                widths=settings.IMAGE_WIDTHS,
            )
        return default_storage.url(store_image(prepared).name)

    return DEMO_IMAGE.sub(uploaded, body)
