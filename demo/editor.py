"""The demo editor: a login for trying the admin on a development machine."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_EDITOR = "editor"
EDITORS_GROUP = "Editors"  # made by advice's migration 0002_editors_group


@transaction.atomic
def reset_demo_editor():
    """Create the demo editor, or reset it, with a new random password: staff, active, a
    member of Editors and not a superuser, so it sees the admin as an editor does.

    Returns (username, password); the password is stored only as its hash. Raises
    Group.DoesNotExist when the Editors group is missing (migrations not run).
    """
    password = secrets.token_urlsafe(12)
    editor, _ = get_user_model().objects.update_or_create(
        username=DEMO_EDITOR,
        defaults={"is_staff": True, "is_superuser": False, "is_active": True},
    )
    editor.set_password(password)
    editor.save()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return DEMO_EDITOR, password
