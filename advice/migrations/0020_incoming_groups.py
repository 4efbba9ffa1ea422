"""Hoaxes and floods: near-duplicate incoming letters grouped, bursts flagged (issue 19).

The letter's two burst columns are added with plain SQL, never by Django's AddField (which
rebuilds the table on SQLite and drops its search triggers and view: see 0012), with the
index Django would give `burst_token` under Django's own name. The two new tables
(advice.incoming_groups) are made as usual.
"""

import django.db.models.deletion
from django.db import migrations, models

SIZE_TYPES = {"sqlite": "integer unsigned NULL", "postgresql": "smallint NULL"}


def add_columns(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    size_type = SIZE_TYPES[vendor]
    check = " CHECK (burst_size >= 0)" if vendor == "postgresql" else ""
    schema_editor.execute(f"ALTER TABLE advice_letter ADD COLUMN burst_size {size_type}{check}")
    schema_editor.execute(
        "ALTER TABLE advice_letter ADD COLUMN burst_token varchar(32) NOT NULL DEFAULT ''"
    )
    name = schema_editor._create_index_name("advice_letter", ["burst_token"])
    schema_editor.execute(f"CREATE INDEX {name} ON advice_letter (burst_token)")


def drop_columns(apps, schema_editor):
    name = schema_editor._create_index_name("advice_letter", ["burst_token"])
    schema_editor.execute(f"DROP INDEX {name}")
    schema_editor.execute("ALTER TABLE advice_letter DROP COLUMN burst_token")
    schema_editor.execute("ALTER TABLE advice_letter DROP COLUMN burst_size")


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0019_columnists"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="burst_size",
                    field=models.PositiveSmallIntegerField(
                        blank=True, editable=False, null=True, verbose_name="letters in its burst"
                    ),
                ),
                migrations.AddField(
                    model_name="letter",
                    name="burst_token",
                    field=models.CharField(
                        blank=True, db_index=True, editable=False, max_length=32
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
        ),
        migrations.CreateModel(
            name="LetterBand",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("band", models.BigIntegerField(db_index=True)),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bands",
                        to="advice.letter",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("letter", "band"), name="letter_band_once")
                ],
            },
        ),
        migrations.CreateModel(
            name="LetterLikeness",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("similarity", models.FloatField()),
                (
                    "letter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="likenesses",
                        to="advice.letter",
                    ),
                ),
                (
                    "other",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="advice.letter",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "letter likenesses",
                "constraints": [
                    models.UniqueConstraint(fields=("letter", "other"), name="letter_likeness_once")
                ],
            },
        ),
    ]
