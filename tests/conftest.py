import pytest

from tests import factories


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
