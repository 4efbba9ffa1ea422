"""The letters' full-text index on SQLite: an FTS5 table kept current by SQLite itself.

PostgreSQL has its own (0004_search_vector), so on PostgreSQL this migration does nothing.

- `advice_letter_search_document` is a view: one row per letter with the three columns
  searched, weighted as on PostgreSQL when ranked (pages/search.py): the title, the theme
  names, and the text (the edited letter, two newlines, the reply).
- `advice_letter_fts` is an FTS5 table whose content is that view ("external content"): it
  holds the index only, and snippet() reads the text back from the view, so the letters are
  not stored twice. Words are folded to lower case without diacritics and reduced to their
  Porter stem (`porter unicode61 remove_diacritics 2`): "Café" finds "cafe", "weddings"
  finds "wedding".
- Triggers keep the index current on every write to the tables the view reads: letters,
  replies, letter-theme links, theme names. An external-content index removes a document by
  being told its old text, so each change is a pair: a BEFORE trigger removes the affected
  letters' documents as the view shows them before the change (exactly what was indexed),
  and an AFTER trigger adds them as the view shows them after it. Nothing is computed in
  Python, so bulk writes and raw SQL are covered too.
- `advice_letter_fts_lookup` covers id, status and publication time, for search to check
  each match's publication without reading the letter's wide row.

A later migration that makes Django rebuild one of these tables on SQLite (an AlterField
does: it copies the table and drops the old one) drops that table's triggers and the lookup
index with it: such a migration must run DROP and CREATE again (tests/test_search.py checks
that every trigger and the index exist).
"""

from django.db import migrations

from postbag.database import is_postgresql

TABLE = "advice_letter_fts"
DOCUMENT = "advice_letter_search_document"
COLUMNS = "title, themes, text"

VIEW = f"""
CREATE VIEW {DOCUMENT} AS
SELECT
    letter.id AS id,
    letter.title AS title,
    coalesce((
        SELECT group_concat(name, ' ') FROM (
            SELECT theme.name AS name
            FROM advice_letter_themes AS link
            JOIN advice_theme AS theme ON theme.id = link.theme_id
            WHERE link.letter_id = letter.id
            ORDER BY theme.name
        )
    ), '') AS themes,
    letter.body || char(10) || char(10) || coalesce((
        SELECT reply.body FROM advice_reply AS reply WHERE reply.letter_id = letter.id
    ), '') AS text
FROM advice_letter AS letter
"""

INDEX = f"""
CREATE VIRTUAL TABLE {TABLE} USING fts5(
    {COLUMNS},
    content='{DOCUMENT}',
    content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
)
"""


def remove(letters):
    """SQL that removes the indexed documents of `letters` (an SQL list of letter ids)."""
    return (
        f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) "
        f"SELECT 'delete', id, {COLUMNS} FROM {DOCUMENT} WHERE id IN ({letters});"
    )


def add(letters):
    """SQL that indexes the documents of `letters` (an SQL list of letter ids) as they are."""
    return (
        f"INSERT INTO {TABLE}(rowid, {COLUMNS}) "
        f"SELECT id, {COLUMNS} FROM {DOCUMENT} WHERE id IN ({letters});"
    )


def triggers(name, event, table, *, letters, when="", before=True, after=True):
    """The BEFORE trigger that removes `letters` and the AFTER trigger that adds them back."""
    condition = f"WHEN {when}" if when else ""
    made = []
    if before:
        made.append(
            f"CREATE TRIGGER {name}_before BEFORE {event} ON {table} {condition} "
            f"BEGIN {remove(letters)} END"
        )
    if after:
        made.append(
            f"CREATE TRIGGER {name}_after AFTER {event} ON {table} {condition} "
            f"BEGIN {add(letters)} END"
        )
    return made


CHANGED_LETTER = "OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body"
CHANGED_LINK = "OLD.letter_id IS NOT NEW.letter_id OR OLD.{column} IS NOT NEW.{column}"

CREATE = [
    VIEW,
    INDEX,
    # Search checks each match's publication by id: here rather than in the table's wide
    # rows, it takes a sixth less time (measured at 100,000 letters).
    f"CREATE INDEX {TABLE}_lookup ON advice_letter (id, status, published_at)",
    *triggers(
        "advice_letter_fts_insert", "INSERT", "advice_letter", letters="NEW.id", before=False
    ),
    # Django writes every column on save(): only a change to the indexed ones reindexes.
    *triggers(
        "advice_letter_fts_update",
        "UPDATE OF id, title, body",
        "advice_letter",
        letters="OLD.id, NEW.id",
        when=CHANGED_LETTER,
    ),
    *triggers("advice_letter_fts_delete", "DELETE", "advice_letter", letters="OLD.id", after=False),
    # A reply or a theme link may be written before its letter (bench's generator does, the
    # foreign keys being checked at commit): the view has no such letter yet, so nothing is
    # done, and the letter's own insert indexes it complete.
    *triggers("advice_reply_fts_insert", "INSERT", "advice_reply", letters="NEW.letter_id"),
    *triggers(
        "advice_reply_fts_update",
        "UPDATE OF letter_id, body",
        "advice_reply",
        letters="OLD.letter_id, NEW.letter_id",
        when=CHANGED_LINK.format(column="body"),
    ),
    *triggers("advice_reply_fts_delete", "DELETE", "advice_reply", letters="OLD.letter_id"),
    *triggers(
        "advice_letter_themes_fts_insert", "INSERT", "advice_letter_themes", letters="NEW.letter_id"
    ),
    *triggers(
        "advice_letter_themes_fts_update",
        "UPDATE OF letter_id, theme_id",
        "advice_letter_themes",
        letters="OLD.letter_id, NEW.letter_id",
        when=CHANGED_LINK.format(column="theme_id"),
    ),
    *triggers(
        "advice_letter_themes_fts_delete", "DELETE", "advice_letter_themes", letters="OLD.letter_id"
    ),
    *triggers(
        "advice_theme_letter_fts_rename",
        "UPDATE OF name",
        "advice_theme",
        letters="SELECT letter_id FROM advice_letter_themes WHERE theme_id = NEW.id",
        when="OLD.name IS NOT NEW.name",
    ),
    # The letters already there, read through the view in one pass.
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]

TRIGGERS = [statement.split()[2] for statement in CREATE if statement.startswith("CREATE TRIGGER")]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    f"DROP INDEX IF EXISTS {TABLE}_lookup",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"DROP VIEW IF EXISTS {DOCUMENT}",
]


def create_index(apps, schema_editor):
    if is_postgresql(schema_editor.connection):
        return
    for statement in CREATE:
        schema_editor.execute(statement, params=None)


def drop_index(apps, schema_editor):
    if is_postgresql(schema_editor.connection):
        return
    for statement in DROP:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0008_letter_status_drafted"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
