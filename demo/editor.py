"""The demo editor: a login for trying the admin on a development machine.

Its password is made once and kept in a file beside the project (`.demo-editor-password`,
git-ignored, readable by its owner only), so every `make run` prints the same login and
the browser's saved password keeps working. The database holds only the password's hash,
as for every user; the file is what lets `seed_demo` print it again.
"""

import os
import secrets
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_EDITOR = "editor"
EDITORS_GROUP = "Editors"  # made by advice's migration 0002_editors_group
PASSWORD_FILE_NAME = ".demo-editor-password"  # in .gitignore


@dataclass(frozen=True)
class DemoLogin:
    """The demo editor's login: `username`, `password` (plain text, for printing), and
    `made`: None when the stored password was used as it is, else why a new one was
    made (a clause: "none was stored in .demo-editor-password")."""

    username: str
    password: str
    made: str | None = None


def default_password_file():
    """Where the password is kept: `.demo-editor-password` at the project's root."""
    return Path(settings.BASE_DIR) / PASSWORD_FILE_NAME


@transaction.atomic
def demo_editor_login(*, password_file=None, new_password=False):
    """Make sure the demo editor exists and return its DemoLogin, its password the one kept
    in `password_file` (default: default_password_file()) whenever that still logs in.

    The editor is staff, active, a member of Editors and not a superuser, so it sees the
    admin as an editor does. A new password (random, 16 characters) is made and stored
    when `new_password` is true, when there is no stored one, or when the stored one
    doesn't log in (changed in the admin, or the file belongs to another database). An
    existing editor whose stored password works is not touched. The file is replaced
    whole and readable by its owner only (mode 0600); a file left readable by others is
    made private. Raises Group.DoesNotExist when the Editors group is missing (migrations
    not run) and OSError when the file can't be written; either way nothing is saved.
    """
    path = Path(password_file or default_password_file())
    stored = _read_password(path)
    editor = get_user_model().objects.filter(username=DEMO_EDITOR).first()
    if new_password:
        made = "a new one was asked for"
    elif stored is None:
        made = f"none was stored in {path.name}"
    elif editor is None:
        return _make_editor(stored, path=None, made=None)
    elif not editor.check_password(stored):
        made = (
            f"the one stored in {path.name} no longer logs in (changed in the admin, or "
            "another database)"
        )
    else:
        return DemoLogin(DEMO_EDITOR, stored)
    return _make_editor(secrets.token_urlsafe(12), path=path, made=made)


def _make_editor(password, *, path, made):
    """Create or reset the demo editor with `password`, and store it in `path` (if given)
    once the user is saved, inside the caller's transaction."""
    editor, _ = get_user_model().objects.update_or_create(
        username=DEMO_EDITOR,
        defaults={"is_staff": True, "is_superuser": False, "is_active": True},
    )
    editor.set_password(password)
    editor.save()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    if path is not None:
        _write_private(path, password)
    return DemoLogin(DEMO_EDITOR, password, made)


def _read_password(path):
    """The stored password, or None when the file is missing or empty."""
    try:
        mode = path.stat().st_mode
        password = path.read_text().strip()
    except FileNotFoundError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        path.chmod(0o600)
    return password or None


def _write_private(path, text):
    """Replace `path` with `text` in one step: a temporary file in the same folder, which
    mkstemp makes readable by its owner only, renamed over it."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.")
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(f"{text}\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
