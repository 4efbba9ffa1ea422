from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from postbag import editor

urlpatterns = [
    path("", include("pages.urls")),
    path("", include("advice.urls")),
    path("", include("articles.urls")),  # /articles/… and /series/…
    path("comments/", include("comments.urls")),
    path("newsletter/", include("newsletter.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    # The paths and names django-markdownx's widget expects, answered for staff only.
    path("markdownx/upload/", editor.ImageUploadView.as_view(), name="markdownx_upload"),
    path(
        "markdownx/markdownify/",
        editor.MarkdownPreviewView.as_view(),
        name="markdownx_markdownify",
    ),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database that can't be reached anywhere in a request is a 503 page, not a 500.
handler500 = "postbag.errors.server_error"
# A request too big to read (or otherwise refused by Django): the site's own 400 page.
handler400 = "postbag.errors.bad_request"
