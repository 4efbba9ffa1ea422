from django.apps import AppConfig


class PostbagConfig(AppConfig):
    """Site-wide pieces shared by the content apps: Markdown, publication, pages."""

    name = "postbag"
    verbose_name = "Postbag"
