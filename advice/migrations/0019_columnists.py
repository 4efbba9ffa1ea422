"""Several columnists: who answers a letter, and the byline (issue 19).

A new table (Columnist, with the accounts that write as each) made by CreateModel, and the
letter's `columnist_id` added with plain SQL, never by Django's AddField (which rebuilds the
letters table on SQLite and drops its search triggers and view: see 0012 and 0014): a
nullable column referencing the new table, and the index Django would have made for it,
under Django's own name. Deleting a columnist sets its letters' column to NULL (Django's
SET_NULL, done by the ORM). The Editors group may manage columnists.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import postbag.validators

COLUMN_TYPES = {"sqlite": "integer", "postgresql": "bigint"}


def add_column(apps, schema_editor):
    column_type = COLUMN_TYPES[schema_editor.connection.vendor]
    schema_editor.execute(
        f"ALTER TABLE advice_letter ADD COLUMN columnist_id {column_type} NULL "
        "REFERENCES advice_columnist (id) DEFERRABLE INITIALLY DEFERRED"
    )
    index = schema_editor._create_index_name("advice_letter", ["columnist_id"], suffix="")
    schema_editor.execute(f"CREATE INDEX {index} ON advice_letter (columnist_id)")


def drop_column(apps, schema_editor):
    index = schema_editor._create_index_name("advice_letter", ["columnist_id"], suffix="")
    schema_editor.execute(f"DROP INDEX {index}")
    schema_editor.execute("ALTER TABLE advice_letter DROP COLUMN columnist_id")


def let_editors_manage_columnists(apps, schema_editor):
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
                codename__in=[
                    f"{action}_columnist" for action in ("add", "change", "delete", "view")
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0018_takedowns_and_corrections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Columnist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Who writes, as the desk and the letters list name them "
                        "(e.g. “Sam Porter”).",
                        max_length=120,
                        unique=True,
                        validators=[postbag.validators.validate_single_line],
                    ),
                ),
                (
                    "byline",
                    models.CharField(
                        choices=[
                            ("column", "The column's name (the reply's own, e.g. “Elizabeth”)"),
                            ("own", "Their own name"),
                        ],
                        default="column",
                        help_text="The name in “… replies” above their answers.",
                        max_length=10,
                        verbose_name="reply signed with",
                    ),
                ),
                (
                    "credit_writer",
                    models.BooleanField(
                        default=False,
                        help_text="Say “Written this week by …” under their replies, and name "
                        "them as the answer's author for search engines.",
                        verbose_name="credit the writer",
                    ),
                ),
                (
                    "credited_as",
                    models.CharField(
                        blank=True,
                        help_text="How the credit names them (e.g. “Sam Porter, guest "
                        "columnist”). Empty: their name.",
                        max_length=120,
                        validators=[postbag.validators.validate_single_line],
                        verbose_name="credited as",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True,
                        help_text="Untick when they stop writing: they keep their letters, but "
                        "new ones can't be given to them.",
                    ),
                ),
                (
                    "users",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The staff accounts that write as this columnist: their desk "
                        "shows “Your letters” waiting.",
                        limit_choices_to={"is_staff": True},
                        related_name="columnists",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="accounts",
                    ),
                ),
            ],
            options={"ordering": ["-active", "name"]},
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="letter",
                    name="columnist",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The columnist who answers it; their desk lists it. "
                        "Empty: nobody yet.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="letters",
                        to="advice.columnist",
                        verbose_name="assigned to",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.RunPython(let_editors_manage_columnists, migrations.RunPython.noop),
    ]
