from django.apps import AppConfig


class WpimportConfig(AppConfig):
    """The WordPress (WXR) importer and its `import_wordpress` command.

    Nothing else imports this app, and it has no models, admin or URLs: a web server loads
    it without importing its parsers, so it runs without the `import` extra installed.
    """

    name = "wpimport"
    verbose_name = "WordPress import"
