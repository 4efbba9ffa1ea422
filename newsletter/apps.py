from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """New letters and articles by e-mail: double opt-in, digests, one-click unsubscribe."""

    name = "newsletter"
