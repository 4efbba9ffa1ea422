"""Old WordPress addresses found in any letter case: OldAddress.path_key, casefolded."""

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    # As OldAddress.save() fills it (wpimport.models.address_key).
    OldAddress = apps.get_model("wpimport", "OldAddress")
    for address in OldAddress.objects.only("pk", "path"):
        OldAddress.objects.filter(pk=address.pk).update(path_key=address.path.casefold())


class Migration(migrations.Migration):

    dependencies = [
        ('wpimport', '0001_old_addresses'),
    ]

    operations = [
        migrations.AddField(
            model_name='oldaddress',
            name='path_key',
            field=models.CharField(default='', editable=False, max_length=1500),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='oldaddress',
            name='path_key',
            field=models.CharField(db_index=True, editable=False, max_length=1500),
        ),
    ]
