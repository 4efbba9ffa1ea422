"""Content notes and classics on letters (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0016_letter_updates"),
    ]

    operations = []
