"""Corrections and takedowns of letters (issue 19): `taken_down_at` and `takedown_note` on
letters (postbag.takedowns), and writers' takedown requests (advice.takedown_requests).

The two columns are added with plain SQL, never by Django's AddField (which rebuilds the
table on SQLite and drops its search triggers and view: see advice 0012 and 0014). The note
is NOT NULL with an empty default, so existing rows need nothing.
"""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import postbag.validators

COLUMNS = {
    "sqlite": ["takedown_note varchar(300) NOT NULL DEFAULT ''", "taken_down_at datetime NULL"],
    "postgresql": [
        "takedown_note varchar(300) NOT NULL DEFAULT ''",
        "taken_down_at timestamp with time zone NULL",
    ],
}


def add_columns(apps, schema_editor):
    for column in COLUMNS[schema_editor.connection.vendor]:
        schema_editor.execute(f"ALTER TABLE advice_letter ADD COLUMN {column}")


def drop_columns(apps, schema_editor):
    for name in ["takedown_note", "taken_down_at"]:
        schema_editor.execute(f"ALTER TABLE advice_letter DROP COLUMN {name}")


# Editors read the requests and delete one to decline it.
EDITORS_MAY = ["view_takedownrequest", "delete_takedownrequest"]


def let_editors_read_requests(apps, schema_editor):
    # As postbag 0002: on a fresh database the permissions are made after all migrations.
    app_config = apps.get_app_config("advice")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="advice", codename__in=EDITORS_MAY)
    )


def take_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="advice", codename__in=EDITORS_MAY)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0017_content_notes_and_classics"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="takedown_note",
                    field=models.CharField(
                        blank=True,
                        editable=False,
                        help_text="Shown at the piece's address once it is taken down.",
                        max_length=300,
                        validators=[postbag.validators.validate_single_line],
                        verbose_name="note to readers",
                    ),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="taken_down_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="taken down"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
        migrations.CreateModel(
            name="TakedownRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[postbag.validators.validate_multiline],
                        verbose_name="the writer's reason",
                    ),
                ),
                (
                    "received_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="takedown_requests",
                        to="advice.letter",
                    ),
                ),
            ],
            options={
                "verbose_name": "takedown request from a letter writer",
                "verbose_name_plural": "takedown requests from letter writers",
                "ordering": ["-received_at"],
            },
        ),
        migrations.RunPython(let_editors_read_requests, take_back),
    ]
