from django.apps import AppConfig


class AdviceConfig(AppConfig):
    """Themes, letters and replies: the column's core vocabulary."""

    name = "advice"

    def ready(self):
        from advice.models import ColumnistProfile, Letter, Reply, Theme
        from postbag.redirects import follow_addresses
        from postbag.versioning import watch_content

        watch_content(Theme, Letter, Reply, ColumnistProfile)
        follow_addresses(Theme, Letter)
