"""A named lock held until the current database transaction ends.

For check-then-write steps that two requests can run at once (a double click sending the
same letter twice): whoever takes the lock first writes; the other waits, then sees the
first one's row.
"""

import hashlib

from django.db import connection
from django.db.transaction import TransactionManagementError

from postbag.database import is_postgresql


def lock_for_transaction(name):
    """Hold a lock named `name` (any text) until the current transaction commits or rolls back.

    On PostgreSQL this is a transaction-level advisory lock (`pg_advisory_xact_lock`, see
    PostgreSQL's "Advisory Locks") on a 64-bit key derived from `name`, shared by every
    process and server using the database. On SQLite nothing more is needed: transactions
    begin IMMEDIATE (config/settings.py), taking the database's one write lock at once, so
    writers already run one at a time.

    Raises TransactionManagementError outside `transaction.atomic()`, where a lock would be
    released at once.
    """
    if not connection.in_atomic_block:
        raise TransactionManagementError("lock_for_transaction() needs transaction.atomic().")
    if not is_postgresql():
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
