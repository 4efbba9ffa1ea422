"""The articles' full-text index on SQLite: an FTS5 table kept current by SQLite itself.

It follows the letters' design (advice/migrations/0009_sqlite_search: read it first): a view
gives each article's title, theme names and text (the standfirst, two newlines, the body);
`articles_article_fts` indexes that view as external content with the same tokenizer; pairs
of BEFORE and AFTER triggers on articles, their theme links and theme names remove and add
back the affected documents; `articles_article_fts_lookup` covers id, status and
publication time. On PostgreSQL (0002_search_vector) it does nothing.
"""

from django.db import migrations

from postbag.database import is_postgresql

TABLE = "articles_article_fts"
DOCUMENT = "articles_article_search_document"
COLUMNS = "title, themes, text"

VIEW = f"""
CREATE VIEW {DOCUMENT} AS
SELECT
    article.id AS id,
    article.title AS title,
    coalesce((
        SELECT group_concat(name, ' ') FROM (
            SELECT theme.name AS name
            FROM articles_article_themes AS link
            JOIN advice_theme AS theme ON theme.id = link.theme_id
            WHERE link.article_id = article.id
            ORDER BY theme.name
        )
    ), '') AS themes,
    article.standfirst || char(10) || char(10) || article.body AS text
FROM articles_article AS article
"""

INDEX = f"""
CREATE VIRTUAL TABLE {TABLE} USING fts5(
    {COLUMNS},
    content='{DOCUMENT}',
    content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
)
"""


def remove(articles):
    """SQL that removes the indexed documents of `articles` (an SQL list of article ids)."""
    return (
        f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) "
        f"SELECT 'delete', id, {COLUMNS} FROM {DOCUMENT} WHERE id IN ({articles});"
    )


def add(articles):
    """SQL that indexes the documents of `articles` (an SQL list of article ids) as they are."""
    return (
        f"INSERT INTO {TABLE}(rowid, {COLUMNS}) "
        f"SELECT id, {COLUMNS} FROM {DOCUMENT} WHERE id IN ({articles});"
    )


def triggers(name, event, table, *, articles, when="", before=True, after=True):
    """The BEFORE trigger that removes `articles` and the AFTER trigger that adds them back."""
    condition = f"WHEN {when}" if when else ""
    made = []
    if before:
        made.append(
            f"CREATE TRIGGER {name}_before BEFORE {event} ON {table} {condition} "
            f"BEGIN {remove(articles)} END"
        )
    if after:
        made.append(
            f"CREATE TRIGGER {name}_after AFTER {event} ON {table} {condition} "
            f"BEGIN {add(articles)} END"
        )
    return made


CHANGED_ARTICLE = (
    "OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title "
    "OR OLD.standfirst IS NOT NEW.standfirst OR OLD.body IS NOT NEW.body"
)
CHANGED_LINK = "OLD.article_id IS NOT NEW.article_id OR OLD.theme_id IS NOT NEW.theme_id"

CREATE = [
    VIEW,
    INDEX,
    # Search checks each match's publication by id: here rather than in the table's wide
    # rows (an article spills over several pages), it takes a quarter less time.
    f"CREATE INDEX {TABLE}_lookup ON articles_article (id, status, published_at)",
    *triggers(
        "articles_article_fts_insert", "INSERT", "articles_article", articles="NEW.id", before=False
    ),
    # Django writes every column on save(): only a change to the indexed ones reindexes.
    *triggers(
        "articles_article_fts_update",
        "UPDATE OF id, title, standfirst, body",
        "articles_article",
        articles="OLD.id, NEW.id",
        when=CHANGED_ARTICLE,
    ),
    *triggers(
        "articles_article_fts_delete",
        "DELETE",
        "articles_article",
        articles="OLD.id",
        after=False,
    ),
    *triggers(
        "articles_article_themes_fts_insert",
        "INSERT",
        "articles_article_themes",
        articles="NEW.article_id",
    ),
    *triggers(
        "articles_article_themes_fts_update",
        "UPDATE OF article_id, theme_id",
        "articles_article_themes",
        articles="OLD.article_id, NEW.article_id",
        when=CHANGED_LINK,
    ),
    *triggers(
        "articles_article_themes_fts_delete",
        "DELETE",
        "articles_article_themes",
        articles="OLD.article_id",
    ),
    *triggers(
        "advice_theme_article_fts_rename",
        "UPDATE OF name",
        "advice_theme",
        articles="SELECT article_id FROM articles_article_themes WHERE theme_id = NEW.id",
        when="OLD.name IS NOT NEW.name",
    ),
    # The articles already there, read through the view in one pass.
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
        ("articles", "0005_control_characters"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
