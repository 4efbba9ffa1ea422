"""The demo column shows a letter's life after publication: a writer's update under its
letter, a piece behind a content note, a classic re-run at the top of the archive; seeding
again (or resetting) never makes a second update."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from advice.letter_updates import LetterUpdate
from advice.models import Letter

pytestmark = pytest.mark.django_db

UPDATED = "best-friend-forgot-my-thirtieth-birthday"
NOTED = "friend-lost-her-baby-and-i-said-the-wrong-thing"
CLASSIC = "flatmate-eats-my-food-and-says-im-petty"


def test_the_demo_has_an_update_a_content_note_and_a_classic_once_each(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", "--reset", verbosity=0)
    [update] = LetterUpdate.objects.published()
    assert update.letter.slug == UPDATED and "twenty photos" in update.body
    assert "Hannah" not in update.body  # the published copy names no one

    page = client.get(Letter.objects.get(slug=UPDATED).get_absolute_url()).content.decode()
    assert "Update from the letter writer" in page and "twenty photos of us" in page
    assert "I took your advice" in client.get(reverse("advice:update_list")).content.decode()

    noted = client.get(Letter.objects.get(slug=NOTED).get_absolute_url()).content.decode()
    assert "Mentions pregnancy loss." in noted and "<details" in noted

    classic = Letter.objects.get(slug=CLASSIC)
    assert classic.is_rerun
    archive = client.get(reverse("advice:letter_list")).content.decode()
    assert archive.index("My flatmate eats my food") < archive.index("My best friend forgot")
    assert "First published" in client.get(classic.get_absolute_url()).content.decode()


def test_the_demos_loneliness_letters_have_no_content_note(client):
    """Loneliness shows the crisis notice but has no note: its letters read as they are,
    not behind a note about suicide (related reading may still name another piece's)."""
    call_command("seed_demo", verbosity=0)
    letters = Letter.objects.published().filter(themes__slug="loneliness")
    assert letters.exists()
    for letter in letters:
        assert letter.shown_content_note == ""
        html = client.get(letter.get_absolute_url()).content.decode()
        assert "Content note:</strong>" not in html and "<details" not in html, letter.slug
