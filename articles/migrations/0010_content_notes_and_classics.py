"""Content notes and classics on articles (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_recordings"),
    ]

    operations = []
