"""Closing the postbag: the editors' switch and notice (issue 19).

A new table of one row: no advice table is rebuilt (see 0012 for why that matters on
SQLite). The Editors group may view, add and change it (never delete: it is a switch).
"""

import markdownx.models
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import postbag.validators


def let_editors_switch(apps, schema_editor):
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
                codename__in=[f"{action}_postbagstatus" for action in ("add", "change", "view")],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0014_letter_outcome_emailed_at"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="PostbagStatus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "is_closed",
                    models.BooleanField(
                        default=False,
                        help_text="Tick to close the ask form (readers see the notice below "
                        "instead); untick to open it again.",
                        verbose_name="postbag closed",
                    ),
                ),
                (
                    "notice",
                    markdownx.models.MarkdownxField(
                        blank=True,
                        help_text="What readers see instead of the form, in Markdown or plain "
                        "text, e.g. “We're reading the letters we have; the postbag opens again "
                        "on 3 February.” Left empty, a short default says the postbag is closed "
                        "for a little while.",
                        validators=[postbag.validators.validate_multiline],
                    ),
                ),
                (
                    "reopens_on",
                    models.DateField(
                        blank=True,
                        help_text="Optional: shown to readers in words (“The postbag opens "
                        "again on Monday 3 February”). It doesn't reopen by itself: untick the "
                        "switch that day.",
                        null=True,
                        verbose_name="opens again on",
                    ),
                ),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="closed since"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "Postbag: open or closed",
                "verbose_name_plural": "Postbag: open or closed",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="one_postbag_status")
                ],
            },
        ),
        migrations.RunPython(let_editors_switch, migrations.RunPython.noop),
    ]
