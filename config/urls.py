from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from postbag import editor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("advice.urls")),
    path("articles/", include("articles.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The paths and names django-markdownx's widget expects, answered for staff only.
    path("markdownx/upload/", editor.ImageUploadView.as_view(), name="markdownx_upload"),
    path(
        "markdownx/markdownify/",
        editor.MarkdownPreviewView.as_view(),
        name="markdownx_markdownify",
    ),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = f"{settings.SITE_NAME} editors"
admin.site.site_title = f"{settings.SITE_NAME} editors"
admin.site.index_title = f"{settings.COLUMN_NAME}: letters, replies and articles"
