"""The About page (/about/): the columnist, how to write in, what happens to a letter and
how long answers usually take; edited by the editors in the admin, portrait included (checked
by its content, whatever its name says); the demo's own About page."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from advice.models import ColumnistProfile
from tests import factories

pytestmark = pytest.mark.django_db

ABOUT = "/about/"


def image_bytes(image_format="PNG", size=(900, 700)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 90)).save(buffer, image_format)
    return buffer.getvalue()


def profile_form(**changes):
    data = {
        "name": "Elizabeth",
        "portrait_description": "Elizabeth laughing at her desk",
        "introduction": "Elizabeth has answered letters for *twenty* years.",
        "how_to_write": "Tell her what is happening.",
    }
    data.update(changes)
    return data


def answered(days_to_answer):
    published = timezone.now() - timedelta(days=1)
    factories.letter(published_at=published, received_at=published - timedelta(days_to_answer))


def test_the_about_page_introduces_the_columnist_and_how_to_write_in(client):
    ColumnistProfile.objects.create(
        name="Elizabeth",
        introduction="She was a *counsellor* first.<script>alert(1)</script>",
        how_to_write="Tell her **how long** it has been going on.",
    )
    for days in (18, 20, 21, 22, 25):
        answered(days)
    response = client.get(ABOUT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About Elizabeth</h1>" in html
    assert "She was a <em>counsellor</em> first." in html and "<script>alert" not in html
    assert "Tell her <strong>how long</strong>" in html
    assert '<a class="button" href="/ask/">Write to Elizabeth</a>' in html
    assert "What happens to your letter" in html and 'href="/ask/status/"' in html
    assert "usually appear in the column about 3 weeks after they arrive" in html


def test_with_few_answered_letters_the_page_says_nothing_numeric(client):
    answered(21)
    html = client.get(ABOUT).content.decode()
    start = html.index("How long it takes</h3>") + len("How long it takes</h3>")
    how_long = html[start : html.index("</section>", start)]
    assert "not every letter can be answered" in how_long
    assert not re.search(r"\d", how_long)


def test_before_any_editing_the_page_uses_the_names_from_settings(client, settings):
    settings.COLUMNIST_NAME = "Margaret"
    html = client.get(ABOUT).content.decode()
    assert "<h1>About Margaret</h1>" in html
    assert "Write to Margaret" in html
    assert "<img" not in html[html.index("<main") :]


def test_every_page_links_to_the_about_page_in_its_header_and_footer(client):
    html = client.get(reverse("home")).content.decode()
    header, footer = html.split("</header>")[0], html.split("<footer")[1]
    assert 'href="/about/"' in header and 'href="/about/"' in footer
    assert 'href="/about/" aria-current="page"' in client.get(ABOUT).content.decode()


def test_the_about_page_runs_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    ColumnistProfile.objects.create(introduction="Hello.")
    for n in range(30):
        answered(10 + n)
    with django_assert_max_num_queries(2):
        assert client.get(ABOUT).status_code == 200
    with django_assert_max_num_queries(1):  # the wait is remembered
        assert client.get(ABOUT).status_code == 200


def test_an_editor_writes_the_page_in_the_admin_and_readers_see_it_at_once(editor_client):
    client = Client()  # a reader's, without the editor's session: served from the page cache
    assert client.get(ABOUT)["X-Page-Cache"] == "miss"
    assert client.get(ABOUT)["X-Page-Cache"] == "hit"
    add = reverse("admin:advice_columnistprofile_add")
    portrait = SimpleUploadedFile("me.png", image_bytes(), content_type="image/png")
    response = editor_client.post(add, {**profile_form(), "portrait": portrait})
    assert response.status_code == 302, response.content.decode()[:3000]

    profile = ColumnistProfile.objects.get()
    assert re.fullmatch(r"columnist/[0-9a-f]{32}\.png", profile.portrait.name)
    assert (profile.portrait_width, profile.portrait_height) == (640, 498)  # made smaller
    html = client.get(ABOUT).content.decode()
    assert f'src="{profile.portrait.url}" alt="Elizabeth laughing at her desk" width="640"' in html
    assert "<em>twenty</em>" in html
    # There is one About page: no second one can be added.
    assert editor_client.get(add).status_code == 403


def test_a_portrait_is_judged_by_its_content_not_its_name(editor_client):
    add = reverse("admin:advice_columnistprofile_add")
    jpeg_named_txt = SimpleUploadedFile("portrait.txt", image_bytes("JPEG"), "text/plain")
    assert (
        editor_client.post(add, {**profile_form(), "portrait": jpeg_named_txt}).status_code == 302
    )
    assert ColumnistProfile.objects.get().portrait.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("me.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("me.jpg", b"MZ\x90\x00 not a picture at all"),
        ("me.png", image_bytes()[:200]),  # cut short
    ],
)
def test_a_file_that_is_not_a_sound_image_is_refused_and_the_text_kept(
    editor_client, name, content
):
    add = reverse("admin:advice_columnistprofile_add")
    upload = SimpleUploadedFile(name, content, "image/png")
    introduction = "Elizabeth — Элизабет — إليزابيث, who answers every letter."
    response = editor_client.post(
        add, {**profile_form(introduction=introduction), "portrait": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a JPEG, PNG, GIF or WebP image" in html or "could not be read" in html
    assert "Элизабет — إليزابيث" in html
    assert not ColumnistProfile.objects.exists()


def test_a_portrait_needs_a_description_and_text_refuses_control_characters(editor_client):
    add = reverse("admin:advice_columnistprofile_add")
    portrait = SimpleUploadedFile("me.png", image_bytes(), "image/png")
    response = editor_client.post(
        add, {**profile_form(portrait_description=""), "portrait": portrait}
    )
    assert "Describe the portrait in a few words" in response.content.decode()
    response = editor_client.post(add, profile_form(name="Eliza\x00beth"))
    assert response.status_code == 200
    assert not ColumnistProfile.objects.exists()


def test_the_demo_brings_its_about_page_once_and_leaves_an_edited_one_alone(client):
    call_command("seed_demo", verbosity=0)
    profile = ColumnistProfile.objects.get()
    assert profile.portrait and profile.portrait_description
    html = client.get(ABOUT).content.decode()
    assert "How to write to Elizabeth" in html and profile.portrait.url in html

    profile.introduction = "Edited by an editor."
    profile.save()
    call_command("seed_demo", verbosity=0)
    assert ColumnistProfile.objects.get().introduction == "Edited by an editor."


def test_a_demo_about_file_naming_a_missing_portrait_is_refused(tmp_path):
    from demo.files import CONTENT, ContentError, read_about

    about = (CONTENT / "about.md").read_text(encoding="utf-8")
    (tmp_path / "about.md").write_text(about.replace("about-portrait.jpg", "../secret.jpg"))
    with pytest.raises(ContentError, match="no portrait file"):
        read_about(tmp_path)
    assert read_about(tmp_path / "nowhere") is None


def test_a_replaced_or_cleared_portrait_stops_being_public(
    editor_client, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    add = reverse("admin:advice_columnistprofile_add")
    change = reverse("admin:advice_columnistprofile_change", args=[1])
    first = SimpleUploadedFile("old.png", image_bytes(), "image/png")
    editor_client.post(add, {**profile_form(), "portrait": first})
    old = tmp_path / ColumnistProfile.objects.get().portrait.name
    assert old.exists()

    second = SimpleUploadedFile("new.jpg", image_bytes("JPEG"), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(change, {**profile_form(), "portrait": second})
    assert saved.status_code == 302
    new = tmp_path / ColumnistProfile.objects.get().portrait.name
    assert new.exists() and not old.exists()  # only the portrait on the page is kept
    assert sorted(path.name for path in (tmp_path / "columnist").iterdir()) == [new.name]

    # A refused change (no description) keeps the stored portrait.
    third = SimpleUploadedFile("third.png", image_bytes(), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        refused = editor_client.post(
            change, {**profile_form(portrait_description=""), "portrait": third}
        )
    assert refused.status_code == 200 and new.exists()

    with django_capture_on_commit_callbacks(execute=True):
        cleared = editor_client.post(change, {**profile_form(), "portrait-clear": "on"})
    assert cleared.status_code == 302 and not ColumnistProfile.objects.get().portrait
    assert list((tmp_path / "columnist").iterdir()) == []
