"""Corrections and takedowns of articles (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_content_notes_and_classics"),
    ]

    operations = []
