"""The Editors group: everything on the column's content, nothing on accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE_MODELS = {
    "advice": ["letter", "reply", "theme"],
    "articles": ["article", "series"],
}
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # On a fresh database the permissions are only made after all migrations (post_migrate):
    # make them now so the group can be given them.
    for app_label in EDITABLE_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        f"{action}_{model}" for models in EDITABLE_MODELS.values() for model in models
        for action in ACTIONS
    ]
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=EDITABLE_MODELS, codename__in=codenames
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
