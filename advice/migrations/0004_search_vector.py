"""The letters' full-text search vector, kept current by PostgreSQL itself.

A letter's vector is made of its title (weight A), its themes' names (B), the edited
letter (C) and the reply (C). Theme names and the reply live in other tables, so neither
a GeneratedField nor a Python signal can keep it right (a signal misses bulk writes, the
admin's M2M changes made in raw SQL, and edits made outside Django); triggers can:

- the letter's own BEFORE trigger computes the vector from the row and its related rows
  whenever the title, the letter or the vector itself is written;
- every table the vector depends on (the letter-theme links, replies, theme names) "touches"
  the affected letters by setting their vector to NULL, which fires that trigger. So the
  formula exists once, in advice_letter_search_vector().

The link and reply triggers are statement-level with transition tables: a bulk insert or
delete recomputes each affected letter once, not once per row.

On SQLite (development) the column exists and stays empty: search falls back to plain
word matching there (postbag/search.py).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

CREATE = """
-- Keep the vector inside the row. It compresses poorly, so PostgreSQL would move it out to
-- the TOAST table, and a search reads it for every candidate it ranks: out of line, each
-- read costs another index lookup and two more pages (measured at 100,000 letters: a common
-- word went from 68 ms to 23 ms with the vector in the row).
ALTER TABLE advice_letter ALTER COLUMN search_vector SET STORAGE MAIN;

CREATE FUNCTION advice_letter_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce((
            SELECT string_agg(theme.name, ' ')
            FROM advice_letter_themes AS link
            JOIN advice_theme AS theme ON theme.id = link.theme_id
            WHERE link.letter_id = NEW.id
        ), '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(NEW.body, '')), 'C')
        || setweight(to_tsvector('english'::regconfig, coalesce((
            SELECT reply.body FROM advice_reply AS reply WHERE reply.letter_id = NEW.id
        ), '')), 'C');
    RETURN NEW;
END
$$;

-- Django writes every column on save(), so `search_vector` is in the column list of each
-- ORM update: the vector is recomputed, never overwritten with a stale value from Python.
-- Updates of other columns only (a status change in bulk) leave it alone.
CREATE TRIGGER advice_letter_search_vector
    BEFORE INSERT OR UPDATE OF title, body, search_vector ON advice_letter
    FOR EACH ROW EXECUTE FUNCTION advice_letter_search_vector();

-- For the triggers below: `changed` is the transition table of the rows inserted, deleted
-- or updated (old and new versions through two triggers), each with a letter_id column.
CREATE FUNCTION advice_letter_touch_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE advice_letter SET search_vector = NULL
    WHERE id IN (SELECT letter_id FROM changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER advice_letter_themes_inserted AFTER INSERT ON advice_letter_themes
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_letter_themes_deleted AFTER DELETE ON advice_letter_themes
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_letter_themes_updated_old AFTER UPDATE ON advice_letter_themes
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_letter_themes_updated_new AFTER UPDATE ON advice_letter_themes
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();

CREATE TRIGGER advice_reply_inserted AFTER INSERT ON advice_reply
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_reply_deleted AFTER DELETE ON advice_reply
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_reply_updated_old AFTER UPDATE ON advice_reply
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();
CREATE TRIGGER advice_reply_updated_new AFTER UPDATE ON advice_reply
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION advice_letter_touch_changed();

CREATE FUNCTION advice_theme_renamed_touch_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE advice_letter SET search_vector = NULL
    WHERE id IN (SELECT letter_id FROM advice_letter_themes WHERE theme_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER advice_theme_renamed_touch_letters AFTER UPDATE OF name ON advice_theme
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION advice_theme_renamed_touch_letters();

-- Letters that exist already.
UPDATE advice_letter SET search_vector = NULL;
"""

DROP = """
DROP TRIGGER IF EXISTS advice_theme_renamed_touch_letters ON advice_theme;
DROP FUNCTION IF EXISTS advice_theme_renamed_touch_letters();
DROP TRIGGER IF EXISTS advice_reply_inserted ON advice_reply;
DROP TRIGGER IF EXISTS advice_reply_deleted ON advice_reply;
DROP TRIGGER IF EXISTS advice_reply_updated_old ON advice_reply;
DROP TRIGGER IF EXISTS advice_reply_updated_new ON advice_reply;
DROP TRIGGER IF EXISTS advice_letter_themes_inserted ON advice_letter_themes;
DROP TRIGGER IF EXISTS advice_letter_themes_deleted ON advice_letter_themes;
DROP TRIGGER IF EXISTS advice_letter_themes_updated_old ON advice_letter_themes;
DROP TRIGGER IF EXISTS advice_letter_themes_updated_new ON advice_letter_themes;
DROP FUNCTION IF EXISTS advice_letter_touch_changed();
DROP TRIGGER IF EXISTS advice_letter_search_vector ON advice_letter;
DROP FUNCTION IF EXISTS advice_letter_search_vector();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0003_ask_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # Fill the vectors before building the index: one index build, not row by row.
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name="letter",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="letter_search_vector"
            ),
        ),
    ]
