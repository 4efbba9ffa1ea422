"""The Images list in the admin: upload an image without JavaScript, copy its Markdown.

The Insert image button by each Markdown editor is made by static/js/insert-image.js; here
is the way that works without it. The add form takes the file, the alt text (required) and
an optional caption; the file goes through the same checks and preparation as every upload
(postbag.editor.prepare_upload: Pillow decodes and encodes it again, at the widths of
IMAGE_WIDTHS) and is stored by postbag.images.store_image. After saving, the image's page
shows it and the line to copy into the text, `![alt](url "caption")`, written by
postbag.images.image_markdown, the rule the Insert image dialog follows too.

An image is never changed after upload (a new file is a new upload: texts already point at
the old address). Deleting one deletes all its stored widths, once the deletion is
committed.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from postbag.editor import alt_field, caption_field, image_file_field, prepare_upload
from postbag.image_uses import uses_of
from postbag.images import delete_files, image_markdown, store_image
from postbag.models import UploadedImage


class UploadedImageForm(forms.ModelForm):
    """The Images admin's add form: the file (postbag.editor.prepare_upload checks and
    prepares it), its alt text and an optional caption."""

    image = image_file_field()
    alt = alt_field(required=True)
    caption = caption_field()

    class Meta:
        model = UploadedImage
        fields = ["image", "alt", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].label = "Image file"
        self.fields["image"].help_text = "JPEG, PNG, GIF or WebP."
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/gif,image/webp"

    def clean_image(self):
        upload = self.cleaned_data["image"]
        self.prepared = prepare_upload(upload)
        return upload


def thumbnail(image, *, width):
    """An `<img>` of `image` (an UploadedImage) at most `width` CSS pixels wide: its
    smallest stored width that is at least that wide (or the image), with its width and
    height. Its alt is empty: the alt text is shown beside it."""
    wide_enough = [w for w in image.widths if w >= width]
    name = image.variant_name(wide_enough[0]) if wide_enough else image.name
    shown = min(width, image.width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" class="image-thumbnail">',
        default_storage.url(name),
        shown,
        max(1, round(image.height * shown / image.width)),
    )


@admin.register(UploadedImage)
class UploadedImageAdmin(admin.ModelAdmin):
    """Images editors uploaded: a list with thumbnails, an add form, each image's page with
    its Markdown line; delete with all its widths. Nobody changes one (see the module)."""

    form = UploadedImageForm
    list_display = ["small_thumbnail", "alt", "dimensions", "uploaded_at"]
    list_display_links = ["small_thumbnail", "alt"]
    search_fields = ["alt", "caption"]
    date_hierarchy = "uploaded_at"
    shown_fields = ["preview", "markdown", "alt", "caption", "dimensions", "uploaded_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return list(UploadedImageForm.base_fields) if obj is None else self.shown_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.shown_fields

    @admin.display(description="image")
    def small_thumbnail(self, image):
        return thumbnail(image, width=120)

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(image, width=320)

    @admin.display(description="Markdown to copy into the text")
    def markdown(self, image):
        return format_html("<code>{}</code>", self.markdown_line(image))

    @admin.display(description="size")
    def dimensions(self, image):
        return f"{image.width} × {image.height} px"

    @staticmethod
    def markdown_line(image):
        return image_markdown(default_storage.url(image.name), image.alt, image.caption)

    def save_model(self, request, obj, form, change):
        store_image(form.prepared, record=obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            "The image was uploaded. Copy its Markdown line below into the text, "
            "in a paragraph of its own.",
            messages.SUCCESS,
        )
        opts = self.opts
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
        return HttpResponseRedirect(url)

    # --- Deleting: say which pieces show the image first (postbag.image_uses) -----------

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        image = getattr(response, "context_data", {}).get("object")
        if isinstance(image, UploadedImage):
            response.context_data["image_uses"] = self._uses([image])
        return response

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, description = actions["delete_selected"]
            actions[name] = (self._delete_selected_warning(function), name, description)
        return actions

    def _delete_selected_warning(self, delete_selected):
        def delete_selected_showing_uses(model_admin, request, queryset):
            response = delete_selected(model_admin, request, queryset)
            if getattr(response, "context_data", None) is not None:
                response.context_data["image_uses"] = self._uses(queryset)
            return response

        return delete_selected_showing_uses

    def _uses(self, images):
        """[(image, [ImageUse, …])] for the images whose Markdown some piece's text holds."""
        images = list(images)
        found = uses_of(images, admin_site=self.admin_site)
        return [(image, found[image.pk]) for image in images if found[image.pk]]

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(partial(delete_files, obj))

    def delete_queryset(self, request, queryset):
        images = list(queryset)
        super().delete_queryset(request, queryset)
        for image in images:
            transaction.on_commit(partial(delete_files, image))
