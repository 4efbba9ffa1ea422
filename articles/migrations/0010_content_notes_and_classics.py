"""Content notes and classics on articles (issue 19): `content_note` and `rerun_at`.

Two columns added with plain SQL, never by Django's AddField (which rebuilds the table on
SQLite and drops its search triggers and view: see advice 0012 and 0014). The note is NOT
NULL with an empty default, so existing rows need nothing; the types are each database's own.
"""

from django.db import migrations, models

import postbag.validators

COLUMNS = {
    "sqlite": ["content_note varchar(200) NOT NULL DEFAULT ''", "rerun_at datetime NULL"],
    "postgresql": [
        "content_note varchar(200) NOT NULL DEFAULT ''",
        "rerun_at timestamp with time zone NULL",
    ],
}


def add_columns(apps, schema_editor):
    for column in COLUMNS[schema_editor.connection.vendor]:
        schema_editor.execute(f"ALTER TABLE articles_article ADD COLUMN {column}")


def drop_columns(apps, schema_editor):
    for name in ["content_note", "rerun_at"]:
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_recordings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="content_note",
                    field=models.CharField(
                        blank=True,
                        help_text="Shown before the text, which readers then open themselves "
                        "(e.g. “Mentions self-harm”). Empty: its themes’ note, if one of them "
                        "has one.",
                        max_length=200,
                        validators=[postbag.validators.validate_single_line],
                    ),
                ),
                migrations.AddField(
                    model_name="article",
                    name="rerun_at",
                    field=models.DateTimeField(
                        blank=True,
                        help_text="Puts a published piece back at the top of lists and feeds "
                        "from this time on, with “First published …”; its address stays. "
                        "Empty: not a classic.",
                        null=True,
                        verbose_name="re-run as a classic at",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
    ]
