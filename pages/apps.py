from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages that compose letters and articles: home, themes, search, feeds, sitemaps."""

    name = "pages"
