"""When a letter's outcome e-mail was sent: the admin says "Told 29 Nov, 06:26 — address
erased" rather than a cross that reads as "the reader didn't ask".

A nullable column added with plain SQL, never by Django's AddField (which rebuilds the table
on SQLite and drops its search triggers and view: see 0012). The type is each database's own.
"""

from django.db import migrations, models

COLUMN_TYPES = {"sqlite": "datetime NULL", "postgresql": "timestamp with time zone NULL"}


def add_column(apps, schema_editor):
    column_type = COLUMN_TYPES[schema_editor.connection.vendor]
    schema_editor.execute(f"ALTER TABLE advice_letter ADD COLUMN outcome_emailed_at {column_type}")


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE advice_letter DROP COLUMN outcome_emailed_at")


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0013_columnist_profile"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="outcome_emailed_at",
                    field=models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="outcome e-mailed at",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
    ]
