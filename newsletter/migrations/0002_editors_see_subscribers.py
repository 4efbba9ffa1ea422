"""Editors may see the subscribers and delete one on request; nobody adds or edits them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_subscriber", "delete_subscriber"]


def allow_editors(apps, schema_editor):
    # On a fresh database permissions are made after all migrations (post_migrate).
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter", codename__in=CODENAMES)
    )


def disallow_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("advice", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(allow_editors, disallow_editors)]
