"""Updates from a letter's writer and private notes on declined letters (issue 19).

The two Letter columns are added with plain SQL, never by Django's AddField (which rebuilds
the table on SQLite and drops its search triggers and view: see 0012 and 0014). The
updates get a table of their own, which the Editors group may view, change and delete
(never add: updates come from the letters' writers).
"""

import django.db.models.deletion
import django.utils.timezone
import markdownx.models
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import postbag.validators

COLUMNS = {
    "sqlite": {
        "private_note": "text NOT NULL DEFAULT ''",
        "private_note_written_at": "datetime NULL",
    },
    "postgresql": {
        "private_note": "text NOT NULL DEFAULT ''",
        "private_note_written_at": "timestamp with time zone NULL",
    },
}


def add_columns(apps, schema_editor):
    for name, column_type in COLUMNS[schema_editor.connection.vendor].items():
        schema_editor.execute(f"ALTER TABLE advice_letter ADD COLUMN {name} {column_type}")


def drop_columns(apps, schema_editor):
    for name in COLUMNS[schema_editor.connection.vendor]:
        schema_editor.execute(f"ALTER TABLE advice_letter DROP COLUMN {name}")


def let_editors_edit(apps, schema_editor):
    # On a fresh database the permissions are only made after all migrations (post_migrate).
    app_config = apps.get_app_config("advice")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="advice",
                codename__in=[f"{action}_letterupdate" for action in ("change", "delete", "view")],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0015_postbag_status"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="private_note",
                    field=models.TextField(
                        blank=True,
                        max_length=600,
                        validators=[postbag.validators.validate_multiline],
                    ),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="private_note_written_at",
                    field=models.DateTimeField(blank=True, editable=False, null=True),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
        migrations.CreateModel(
            name="LetterUpdate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("original_text", models.TextField(verbose_name="update as received")),
                (
                    "body",
                    markdownx.models.MarkdownxField(
                        blank=True,
                        help_text="The edited copy readers see, in Markdown: remove anything "
                        "that identifies.",
                        validators=[postbag.validators.validate_multiline],
                        verbose_name="update for publication",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("published", "Published"),
                            ("declined", "Declined"),
                        ],
                        default="new",
                        max_length=20,
                    ),
                ),
                (
                    "received_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="updates",
                        to="advice.letter",
                    ),
                ),
            ],
            options={
                "verbose_name": "update from a letter writer",
                "verbose_name_plural": "updates from letter writers",
                "ordering": ["-received_at"],
                "indexes": [
                    models.Index(fields=["status", "-published_at"], name="update_listing")
                ],
            },
        ),
        migrations.RunPython(let_editors_edit, migrations.RunPython.noop),
    ]
