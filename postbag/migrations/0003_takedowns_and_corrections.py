"""Corrections of published pieces and the log of corrections and takedowns (issue 19,
postbag.takedowns): two new tables, tied to any piece through its content type."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import postbag.validators

# Editors may read, change and delete these; the log is read-only to them.
EDITORS_MAY = [
    "view_correction",
    "add_correction",
    "change_correction",
    "delete_correction",
    "view_publicationlogentry",
]


def let_editors_correct(apps, schema_editor):
    # As postbag 0002: on a fresh database the permissions are made after all migrations.
    app_config = apps.get_app_config("postbag")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
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
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("postbag", "0002_uploaded_images"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Correction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "text",
                    models.TextField(
                        help_text="What was wrong and what is right, in a sentence or two "
                        "(plain text), e.g. “An earlier version of this reply gave the wrong "
                        "helpline number.”",
                        max_length=1000,
                        validators=[postbag.validators.validate_multiline],
                    ),
                ),
                (
                    "corrected_on",
                    models.DateField(default=django.utils.timezone.localdate, verbose_name="date"),
                ),
                ("added_at", models.DateTimeField(auto_now_add=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "ordering": ["corrected_on", "pk"],
                "indexes": [
                    models.Index(
                        fields=["content_type", "object_id"], name="postbag_cor_content_159365_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PublicationLogEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("corrected", "Correction added"),
                            ("taken_down", "Taken down"),
                            ("restored", "Restored"),
                        ],
                        max_length=20,
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="why")),
                (
                    "at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="when"),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "editor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "correction and takedown log entry",
                "verbose_name_plural": "correction and takedown log",
                "ordering": ["-at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["content_type", "object_id"], name="postbag_pub_content_c6c047_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(let_editors_correct, take_back),
    ]
