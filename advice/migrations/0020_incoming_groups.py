"""Hoaxes and floods: near-duplicate incoming letters grouped, bursts flagged (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0019_columnists"),
    ]

    operations = []
