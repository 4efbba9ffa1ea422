"""The articles' full-text search vector, kept current by PostgreSQL itself.

An article's vector is made of its title (weight A), its themes' names (B), the standfirst
(C) and the body (C). It follows the letters' design (advice/migrations/0004_search_vector):
the article's own BEFORE trigger computes it; the theme links and theme renames "touch" the
affected articles by setting the vector to NULL, which fires that trigger. On SQLite the
column stays empty.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

CREATE = """
-- Keep the vector inside the row, where a search reads it cheaply (see advice 0004).
ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN;

CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce((
            SELECT string_agg(theme.name, ' ')
            FROM articles_article_themes AS link
            JOIN advice_theme AS theme ON theme.id = link.theme_id
            WHERE link.article_id = NEW.id
        ), '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(NEW.standfirst, '')), 'C')
        || setweight(to_tsvector('english'::regconfig, coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$;

-- Django writes every column on save(), `search_vector` included: the vector is recomputed,
-- never overwritten with a stale value from Python.
CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, body, search_vector ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

-- `changed` is the transition table of the link rows inserted, deleted or updated.
CREATE FUNCTION articles_article_touch_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
    WHERE id IN (SELECT article_id FROM changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_article_themes_inserted AFTER INSERT ON articles_article_themes
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_article_touch_changed();
CREATE TRIGGER articles_article_themes_deleted AFTER DELETE ON articles_article_themes
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_article_touch_changed();
CREATE TRIGGER articles_article_themes_updated_old AFTER UPDATE ON articles_article_themes
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_article_touch_changed();
CREATE TRIGGER articles_article_themes_updated_new AFTER UPDATE ON articles_article_themes
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_article_touch_changed();

CREATE FUNCTION articles_theme_renamed_touch_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
    WHERE id IN (SELECT article_id FROM articles_article_themes WHERE theme_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_theme_renamed_touch_articles AFTER UPDATE OF name ON advice_theme
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION articles_theme_renamed_touch_articles();

-- Articles that exist already.
UPDATE articles_article SET search_vector = NULL;
"""

DROP = """
DROP TRIGGER IF EXISTS articles_theme_renamed_touch_articles ON advice_theme;
DROP FUNCTION IF EXISTS articles_theme_renamed_touch_articles();
DROP TRIGGER IF EXISTS articles_article_themes_inserted ON articles_article_themes;
DROP TRIGGER IF EXISTS articles_article_themes_deleted ON articles_article_themes;
DROP TRIGGER IF EXISTS articles_article_themes_updated_old ON articles_article_themes;
DROP TRIGGER IF EXISTS articles_article_themes_updated_new ON articles_article_themes;
DROP FUNCTION IF EXISTS articles_article_touch_changed();
DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # Fill the vectors before building the index: one index build, not row by row.
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_vector"
            ),
        ),
    ]
