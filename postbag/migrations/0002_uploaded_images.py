"""The images editors upload into the text, with their smaller widths (postbag.images);
editors may list them, upload one from the list and delete one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS_MAY = ["view_uploadedimage", "add_uploadedimage", "delete_uploadedimage"]


def let_editors_upload(apps, schema_editor):
    # As 0001: the permissions are made after all migrations on a fresh database.
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
    dependencies = [("postbag", "0001_redirects")]

    operations = [
        migrations.CreateModel(
            name="UploadedImage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=255, unique=True, verbose_name="file")),
                ("width", models.PositiveIntegerField()),
                ("height", models.PositiveIntegerField()),
                ("widths", models.JSONField(blank=True, default=list, verbose_name="smaller widths stored")),
                ("alt", models.CharField(blank=True, max_length=500, verbose_name="alt text")),
                ("caption", models.CharField(blank=True, max_length=500)),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
            ],
            options={"verbose_name": "image", "ordering": ["-uploaded_at", "-pk"]},
        ),
        migrations.RunPython(let_editors_upload, take_back),
    ]
