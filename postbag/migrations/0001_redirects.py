"""The table of moved addresses (postbag.redirects), which editors may see and delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS_MAY = ["view_redirect", "delete_redirect"]


def let_editors_see_and_delete(apps, schema_editor):
    # As advice's 0002: the permissions are made after all migrations on a fresh database.
    app_config = apps.get_app_config("postbag")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="postbag", codename__in=EDITORS_MAY)
    )


def take_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="postbag", codename__in=EDITORS_MAY)
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # After the Editors group is made (it sets the group's permissions wholesale).
        ("advice", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Redirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("old_path", models.CharField(max_length=255, unique=True, verbose_name="old address")),
                ("new_path", models.CharField(db_index=True, max_length=255, verbose_name="now at")),
                ("moved_at", models.DateTimeField(auto_now=True, verbose_name="moved")),
            ],
            options={"ordering": ["-moved_at", "old_path"]},
        ),
        migrations.RunPython(let_editors_see_and_delete, take_back),
    ]
