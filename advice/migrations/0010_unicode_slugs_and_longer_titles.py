"""Slugs in any script (postbag.slugs), themes' slugs made from their names when left empty,
and letters' titles up to 500 characters (postbag.validators.TITLE_LENGTH).

The slug columns stay the varchar they were: only Django's state changes. So does the title
on SQLite, which checks no varchar length; an AlterField would rebuild the table there and
drop its search triggers (0009_sqlite_search). PostgreSQL widens a varchar without rewriting
the table, but refuses while a trigger names the column (`UPDATE OF title`, 0004): the search
vector's trigger is dropped and made again around it, in the migration's transaction.
"""

from django.db import migrations, models

import postbag.slugs
import postbag.validators
from postbag.database import is_postgresql

TRIGGER = """
CREATE TRIGGER advice_letter_search_vector
    BEFORE INSERT OR UPDATE OF title, body, search_vector ON advice_letter
    FOR EACH ROW EXECUTE FUNCTION advice_letter_search_vector();
"""


def title_length(length):
    def alter(apps, schema_editor):
        if is_postgresql(schema_editor.connection):
            schema_editor.execute(
                "DROP TRIGGER advice_letter_search_vector ON advice_letter;"
                f"ALTER TABLE advice_letter ALTER COLUMN title TYPE varchar({length});" + TRIGGER,
                params=None,
            )

    return alter


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0009_sqlite_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="letter",
                    name="slug",
                    field=postbag.slugs.UnicodeSlugField(
                        blank=True,
                        help_text="Made from the title when left empty.",
                        max_length=200,
                        null=True,
                        unique=True,
                    ),
                ),
                migrations.AlterField(
                    model_name="letter",
                    name="title",
                    field=models.CharField(
                        blank=True,
                        max_length=500,
                        validators=[postbag.validators.validate_single_line],
                    ),
                ),
                migrations.AlterField(
                    model_name="theme",
                    name="slug",
                    field=postbag.slugs.UnicodeSlugField(
                        blank=True,
                        help_text="Made from the name when left empty.",
                        max_length=80,
                        unique=True,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(title_length(500), title_length(200))],
        ),
    ]
