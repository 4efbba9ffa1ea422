"""Corrections and takedowns of letters (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0017_content_notes_and_classics"),
    ]

    operations = []
