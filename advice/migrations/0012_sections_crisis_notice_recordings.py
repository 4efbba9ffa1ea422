"""Sections (a theme's optional parent theme), the crisis notice per theme, and a letter's recording.

Columns are added with plain SQL: Django's AddField would rebuild the table on SQLite,
dropping its search triggers and view (the sqlite_search migrations). SQLite and PostgreSQL
both add a nullable column, or one with a constant default, without rewriting the table.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0011_comments_closed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="theme",
                    name="parent",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The section this theme belongs to, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="children",
                        to="advice.theme",
                        verbose_name="section",
                    ),
                ),
                migrations.AddField(
                    model_name="theme",
                    name="show_crisis_notice",
                    field=models.BooleanField(
                        default=False,
                        help_text="Show the crisis notice (where to find help now) on its letters and articles.",
                    ),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="recording",
                    field=models.FileField(blank=True, upload_to="recordings/"),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="recording_seconds",
                    field=models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="recording_bytes",
                    field=models.PositiveBigIntegerField(blank=True, editable=False, null=True),
                ),
            ],
            database_operations=[
                migrations.RunSQL('ALTER TABLE advice_theme ADD COLUMN parent_id bigint NULL REFERENCES advice_theme (id) DEFERRABLE INITIALLY DEFERRED', 'ALTER TABLE advice_theme DROP COLUMN parent_id'),
                migrations.RunSQL('CREATE INDEX advice_theme_parent_id_idx ON advice_theme (parent_id)', 'DROP INDEX advice_theme_parent_id_idx'),
                migrations.RunSQL('ALTER TABLE advice_theme ADD COLUMN show_crisis_notice boolean NOT NULL DEFAULT false', 'ALTER TABLE advice_theme DROP COLUMN show_crisis_notice'),
                migrations.RunSQL("ALTER TABLE advice_letter ADD COLUMN recording varchar(100) NOT NULL DEFAULT ''", 'ALTER TABLE advice_letter DROP COLUMN recording'),
                migrations.RunSQL('ALTER TABLE advice_letter ADD COLUMN recording_seconds integer NULL', 'ALTER TABLE advice_letter DROP COLUMN recording_seconds'),
                migrations.RunSQL('ALTER TABLE advice_letter ADD COLUMN recording_bytes bigint NULL', 'ALTER TABLE advice_letter DROP COLUMN recording_bytes'),
            ],
        ),
    ]
