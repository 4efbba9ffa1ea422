from django.apps import AppConfig


class WpimportConfig(AppConfig):
    """The WordPress (WXR) importer and its `import_wordpress` command, and the imported
    posts' old addresses (models, admin, middleware), which redirect to their pages.

    Nothing else imports this app. What a web server loads (models, admin, middleware)
    imports none of its parsers, so the site runs without the `import` extra installed.
    """

    name = "wpimport"
    verbose_name = "WordPress import"
