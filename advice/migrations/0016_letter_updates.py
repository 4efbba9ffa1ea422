"""Updates from a letter's writer and private notes on declined letters (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0015_postbag_status"),
    ]

    operations = []
