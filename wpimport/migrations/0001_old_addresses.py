"""Old WordPress addresses (wpimport.models.OldAddress), which editors may see and delete."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def let_editors_see_and_delete(apps, schema_editor):
    # On a fresh database the permissions are only made after all migrations (post_migrate).
    app_config = apps.get_app_config("wpimport")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="wpimport",
                codename__in=["view_oldaddress", "delete_oldaddress"],
            )
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The editors' group; the letters and articles the addresses lead to.
        ('advice', '0002_editors_group'),
        ('articles', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='OldAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('path', models.CharField(help_text='As WordPress served it, decoded: /2019/05/when-he-leaves/, or /?p=123.', max_length=500, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_addresses', to='articles.article')),
                ('letter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_addresses', to='advice.letter')),
            ],
            options={
                'verbose_name': 'old WordPress address',
                'ordering': ['path'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('article__isnull', False), ('letter__isnull', True)), models.Q(('article__isnull', True), ('letter__isnull', False)), _connector='OR'), name='old_address_of_one_piece')],
            },
        ),
        migrations.RunPython(let_editors_see_and_delete, migrations.RunPython.noop),
    ]
