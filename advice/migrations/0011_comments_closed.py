"""A switch to close a letter's comments (the comments app shows them, closed).

The column is added with plain SQL: Django's AddField would rebuild the table on SQLite,
dropping its search triggers and view (0006/0009_sqlite_search). SQLite and PostgreSQL both
add a column with a constant default without rewriting the table.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0010_unicode_slugs_and_longer_titles"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="comments_closed",
                    field=models.BooleanField(
                        default=False,
                        help_text="Readers can no longer comment; the comments stay shown.",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE advice_letter ADD COLUMN comments_closed boolean NOT NULL DEFAULT false",
                    "ALTER TABLE advice_letter DROP COLUMN comments_closed",
                ),
            ],
        ),
    ]
