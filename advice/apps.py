from django.apps import AppConfig


class AdviceConfig(AppConfig):
    """Themes, letters and replies: the column's core vocabulary."""

    name = "advice"

    def ready(self):
        from advice import notifications

        notifications.connect_signals()
