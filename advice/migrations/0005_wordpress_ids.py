"""Where an imported letter came from: its WordPress post ID and GUID (import_wordpress)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0004_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="wordpress_guid",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                max_length=255,
                verbose_name="WordPress GUID",
            ),
        ),
        migrations.AddField(
            model_name="letter",
            name="wordpress_id",
            field=models.PositiveBigIntegerField(
                blank=True,
                editable=False,
                null=True,
                unique=True,
                verbose_name="WordPress post ID",
            ),
        ),
    ]
