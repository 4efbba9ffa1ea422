"""What the database can do, asked in one place: PostgreSQL has full-text search and
advisory locks; SQLite (development and the demo) has neither."""

from django.db import connection

# The language of the column: its words are stemmed and its stop words ("the", "through")
# left out by PostgreSQL's dictionary of that name. The migrations' search triggers write
# 'english' too: a change here needs a migration that rebuilds the stored vectors.
SEARCH_LANGUAGE = "english"


def is_postgresql(using=None):
    """Whether the default database (or the connection `using`) is PostgreSQL."""
    return (using or connection).vendor == "postgresql"
