"""Corrections and takedowns of articles (issue 19): `taken_down_at` and `takedown_note`
(postbag.takedowns).

Added with plain SQL, never by Django's AddField (which rebuilds the table on SQLite and
drops its search triggers and view: see advice 0014). The note is NOT NULL with an empty
default, so existing rows need nothing.
"""

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
        schema_editor.execute(f"ALTER TABLE articles_article ADD COLUMN {column}")


def drop_columns(apps, schema_editor):
    for name in ["takedown_note", "taken_down_at"]:
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_content_notes_and_classics"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
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
                    model_name="article",
                    name="taken_down_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="taken down"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
    ]
