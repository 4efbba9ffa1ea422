"""Which pieces' texts show an uploaded image: for the Images admin's delete confirmation.

postbag can't import the content apps, so the texts are found by introspection: every
TextField (a MarkdownxField is one) of every model the admin lists, and of every model with
a MarkdownxField (a reply, edited inside its letter's page). A text uses an image when it
contains the image's random stem (32 hex digits, postbag.images.store_image), which is
in its address and in the address of each of its widths and nowhere else by chance. One
query per model, whatever the number of images.
"""

import posixpath
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.admin.utils import quote
from django.db import models
from django.urls import NoReverseMatch, reverse
from markdownx.models import MarkdownxField


@dataclass(frozen=True)
class ImageUse:
    """A piece whose text shows an image: its title (str of the piece), its kind (the
    model's verbose name) and the address of its admin page ("" when it has none)."""

    title: str
    kind: str
    edit_url: str


def stem(image):
    """The random part of an UploadedImage's name: `uploads/<stem>.jpg`."""
    return posixpath.splitext(posixpath.basename(image.name))[0]


def text_fields(admin_site):
    """{model: [names of its text fields]} for the models whose texts can show an image:
    those `admin_site` lists and those with a MarkdownxField."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
        has_markdown = any(isinstance(f, MarkdownxField) for f in fields)
        if fields and (has_markdown or admin_site.is_registered(model)):
            found[model] = [f.name for f in fields]
    return found


def uses_of(images, *, admin_site):
    """{image pk: [ImageUse, …]} for the UploadedImages `images` (an iterable), in the
    order of the models and then of their keys; an image no text shows has an empty list."""
    images = list(images)
    uses = {image.pk: [] for image in images}
    if not images:
        return uses
    stems = {image.pk: stem(image) for image in images}
    for model, names in text_fields(admin_site).items():
        condition = reduce(
            or_, (models.Q(**{f"{n}__contains": s}) for n in names for s in stems.values())
        )
        rows = model._base_manager.filter(condition).order_by("pk")
        for piece in rows:
            text = "\n".join(str(getattr(piece, name) or "") for name in names)
            use = None
            for pk, image_stem in stems.items():
                if image_stem in text:
                    use = use or _use(piece, admin_site)
                    uses[pk].append(use)
    return uses


def _use(piece, admin_site):
    """The ImageUse of `piece`: its own admin page, or that of the piece it belongs to (a
    reply's letter: the first forward relation to a model the admin lists)."""
    owner = piece
    if not admin_site.is_registered(type(piece)):
        for field in piece._meta.concrete_fields:
            if field.is_relation and admin_site.is_registered(field.related_model):
                owner = getattr(piece, field.name) or piece
                break
    opts = owner._meta
    try:
        url = reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
            args=[quote(owner.pk)],
        )
    except NoReverseMatch:
        url = ""
    return ImageUse(title=str(owner), kind=str(piece._meta.verbose_name), edit_url=url)
