"""A content note a theme gives the pieces filed under it that have none of their own
(issue 19).

The column is added with plain SQL, never by Django's AddField, which on SQLite rebuilds
the table (see 0012 and 0014 for why that is avoided for the content tables). Its type and
default read the same on SQLite and PostgreSQL.
"""

from django.db import migrations, models

import postbag.validators


def add_column(apps, schema_editor):
    schema_editor.execute(
        "ALTER TABLE advice_theme ADD COLUMN content_note varchar(200) NOT NULL DEFAULT ''"
    )


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE advice_theme DROP COLUMN content_note")


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0020_incoming_groups"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="theme",
                    name="content_note",
                    field=models.CharField(
                        blank=True,
                        help_text="A note for every piece in this theme that has none of its "
                        "own, e.g. “Mentions suicide.” Themes that show the crisis notice "
                        "often want one.",
                        max_length=200,
                        validators=[postbag.validators.validate_single_line],
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
    ]
