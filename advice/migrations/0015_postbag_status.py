"""Closing the postbag: the editors' switch and notice (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0014_letter_outcome_emailed_at"),
    ]

    operations = []
