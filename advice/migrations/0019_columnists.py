"""Several columnists: who answers a letter, and the byline (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0018_takedowns_and_corrections"),
    ]

    operations = []
