"""Slugs in any script (postbag.slugs), series' slugs made from their titles when left
empty, and articles' titles up to 500 characters (postbag.validators.TITLE_LENGTH).

As advice's 0010: only Django's state changes, but for the title on PostgreSQL, widened
around the search vector's trigger (0002), which names the column.
"""

from django.db import migrations, models

import postbag.slugs
import postbag.validators
from postbag.database import is_postgresql

TRIGGER = """
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, body, search_vector ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();
"""


def title_length(length):
    def alter(apps, schema_editor):
        if is_postgresql(schema_editor.connection):
            schema_editor.execute(
                "DROP TRIGGER articles_article_search_vector ON articles_article;"
                f"ALTER TABLE articles_article ALTER COLUMN title TYPE varchar({length});"
                + TRIGGER,
                params=None,
            )

    return alter


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_sqlite_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="slug",
                    field=postbag.slugs.UnicodeSlugField(
                        blank=True,
                        help_text="Made from the title when left empty.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="title",
                    field=models.CharField(
                        max_length=500, validators=[postbag.validators.validate_single_line]
                    ),
                ),
                migrations.AlterField(
                    model_name="series",
                    name="slug",
                    field=postbag.slugs.UnicodeSlugField(
                        blank=True,
                        help_text="Made from the title when left empty.",
                        max_length=200,
                        unique=True,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(title_length(500), title_length(200))],
        ),
    ]
