from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo column (data files under demo/content/, `seed_demo`) and the benchmark
    archive generator (`generate_content`).

    It has no models, admin or URLs, and nothing imports it: it is installed for its
    management commands.
    """

    name = "demo"
    verbose_name = "Demo content"
