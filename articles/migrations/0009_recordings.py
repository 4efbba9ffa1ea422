"""An article's recording.

Columns are added with plain SQL: Django's AddField would rebuild the table on SQLite,
dropping its search triggers and view (the sqlite_search migrations). SQLite and PostgreSQL
both add a nullable column, or one with a constant default, without rewriting the table.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_comments_closed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="recording",
                    field=models.FileField(blank=True, upload_to="recordings/"),
                ),
                migrations.AddField(
                    model_name="article",
                    name="recording_seconds",
                    field=models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                migrations.AddField(
                    model_name="article",
                    name="recording_bytes",
                    field=models.PositiveBigIntegerField(blank=True, editable=False, null=True),
                ),
            ],
            database_operations=[
                migrations.RunSQL("ALTER TABLE articles_article ADD COLUMN recording varchar(100) NOT NULL DEFAULT ''", 'ALTER TABLE articles_article DROP COLUMN recording'),
                migrations.RunSQL('ALTER TABLE articles_article ADD COLUMN recording_seconds integer NULL', 'ALTER TABLE articles_article DROP COLUMN recording_seconds'),
                migrations.RunSQL('ALTER TABLE articles_article ADD COLUMN recording_bytes bigint NULL', 'ALTER TABLE articles_article DROP COLUMN recording_bytes'),
            ],
        ),
    ]
