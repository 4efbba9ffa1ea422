from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PostbagConfig(AppConfig):
    """Infrastructure shared by the content apps: publication, Markdown, caches, limits."""

    name = "postbag"
    verbose_name = "Postbag"

    def ready(self):
        from django.urls import register_converter

        from postbag import after_response, checks, converters
        from postbag.takedowns import Correction
        from postbag.versioning import watch_content

        checks.register_all()
        watch_content(Correction)  # corrections show at the end of their pieces
        after_response.connect_signals()
        # Before any URLconf is read: the content apps' addresses name it.
        register_converter(converters.UnicodeSlugConverter, converters.NAME)


class PostbagAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with a login that slows down guessing (postbag.admin_site) and
    actions that refuse a selection they can't read (postbag.admin_actions)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "postbag.admin_site.PostbagAdminSite"
