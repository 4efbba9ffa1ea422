"""Recordings of letters and articles, as an editor uploads them and as readers and podcast
apps get them.

The audio files are real, tiny recordings made once with ffmpeg (tests/fixtures/audio/
README.md says how); the tests only read them. Uploads go through the admin's own forms
as an editor's browser posts them, under names and content types that lie; what readers
get is checked on the pages, in the podcast feed and, through the repository's nginx in
front of gunicorn, on the files themselves.
"""

import io
import random
import re
import socket
import uuid
import wave
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from advice.models import Letter
from articles.models import Article
from postbag.recordings import identify_recording, iso_duration, listening_time
from tests import factories
from tests.live import Visitor, gunicorn, nginx
from tests.support import CORRECTIONS_NONE, change_form_data

pytestmark = pytest.mark.django_db

AUDIO = Path(__file__).resolve().parent / "fixtures" / "audio"
# Each real recording, the extension and type it must be stored and served with.
RECORDINGS = {
    "two-seconds.mp3": ("mp3", "audio/mpeg"),
    "two-seconds.m4a": ("m4a", "audio/mp4"),
    "two-seconds-alac.m4a": ("m4a", "audio/mp4"),
    "two-seconds.ogg": ("ogg", "audio/ogg"),
    "two-seconds.opus": ("opus", "audio/ogg"),
}
STORED_NAME = re.compile(r"recordings/[0-9a-f]{32}\.(mp3|m4a|ogg|opus)")
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def audio(name):
    return (AUDIO / name).read_bytes()


def wav_bytes(seconds=1):
    """A real WAV file (PCM silence): audio, but not a format the column publishes."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\0\0" * 8000 * seconds)
    return buffer.getvalue()


def stored_files(media_root):
    folder = Path(media_root) / "recordings"
    return sorted(folder.iterdir()) if folder.exists() else []


def article_form_data(article, **changes):
    """The admin's change form for `article` as it is saved; `changes` replace fields."""
    published = timezone.localtime(article.published_at) if article.published_at else None
    data = {
        "title": article.title,
        "slug": article.slug,
        "byline": article.byline,
        "standfirst": article.standfirst,
        "body": article.body,
        "series": "",
        "series_part": "",
        "status": article.status,
        "published_at_0": published.date().isoformat() if published else "",
        "published_at_1": published.strftime("%H:%M:%S") if published else "",
        **CORRECTIONS_NONE,
    }
    data.update(changes)
    return data


def upload_to_article(client, article, name, content, content_type="audio/mpeg", **changes):
    recording = SimpleUploadedFile(name, content, content_type=content_type)
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, article_form_data(article, recording=recording, **changes))


def with_recording(piece, name="two-seconds.mp3", media_root=None):
    """`piece` with the real recording `name` stored as an upload would store it."""
    extension = RECORDINGS[name][0]
    stored = f"recordings/{uuid.uuid4().hex}.{extension}"
    if media_root is not None:
        path = Path(media_root) / stored
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(audio(name))
    type(piece).objects.filter(pk=piece.pk).update(
        recording=stored, recording_seconds=2, recording_bytes=len(audio(name))
    )
    piece.refresh_from_db()
    return piece


# --- The editor uploads ---------------------------------------------------------------------


@pytest.mark.parametrize("fixture", RECORDINGS)
def test_each_format_is_stored_under_a_random_name_with_its_duration(
    editor_client, media_root, fixture
):
    extension, _ = RECORDINGS[fixture]
    article = factories.article()
    # The browser's name and type say nothing true: the content decides.
    response = upload_to_article(
        editor_client, article, "my talk.wav", audio(fixture), "text/plain"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert STORED_NAME.fullmatch(article.recording.name), article.recording.name
    assert article.recording.name.endswith("." + extension)
    assert "talk" not in article.recording.name
    assert article.recording_seconds == 2
    assert article.recording_bytes == len(audio(fixture))
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == audio(fixture)


def test_a_letter_takes_a_recording_too(editor_client, media_root):
    letter = factories.letter()
    url = reverse("admin:advice_letter_change", args=[letter.pk])
    recording = SimpleUploadedFile("reading.ogg", audio("two-seconds.opus"), "audio/ogg")
    reply = {"reply-INITIAL_FORMS": "1", "reply-0-id": letter.reply.pk,
             "reply-0-body": letter.reply.body}  # fmt: skip
    data = change_form_data(letter, recording=recording, **reply)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    letter.refresh_from_db()
    assert STORED_NAME.fullmatch(letter.recording.name)
    assert letter.recording.name.endswith(".opus")
    assert (letter.recording_seconds, letter.recording_bytes) == (2, len(audio("two-seconds.opus")))


def test_two_uploads_under_one_name_get_two_names(editor_client, media_root):
    first, second = factories.article(), factories.article()
    for article in (first, second):
        upload_to_article(editor_client, article, "episode.mp3", audio("two-seconds.mp3"))
        article.refresh_from_db()
    assert first.recording.name != second.recording.name
    assert len(stored_files(media_root)) == 2


def lying_files():
    """(what it is, the name it is sent under, its bytes, its content type)."""
    m4a = audio("two-seconds.m4a")
    return [
        ("text", "episode.mp3", b"These are just some words, not a recording.\n" * 20,
         "audio/mpeg"),
        ("html", "episode.mp3", b"<!doctype html><script>alert(document.cookie)</script>",
         "audio/mpeg"),
        ("wav", "episode.mp3", wav_bytes(), "audio/mpeg"),
        ("wav-named-wav", "episode.wav", wav_bytes(), "audio/wav"),
        ("video-mp4", "episode.m4a", audio("video.mp4"), "audio/mp4"),
        ("video-ogg", "episode.ogg", audio("video.ogv"), "audio/ogg"),
        ("video-webm", "episode.ogg", audio("video.webm"), "audio/ogg"),
        ("png", "episode.mp3", _png(), "audio/mpeg"),
        ("cut-short", "episode.m4a", m4a[: len(m4a) // 2], "audio/mp4"),
        ("ogg-cut-short", "episode.opus", audio("two-seconds.opus")[:120], "audio/ogg"),
        ("empty", "episode.mp3", b"", "audio/mpeg"),
    ]  # fmt: skip


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("kind, name, content, content_type", lying_files(),
                         ids=[case[0] for case in lying_files()])  # fmt: skip
def test_what_is_not_a_recording_is_refused_and_the_form_keeps_the_rest(
    editor_client, media_root, kind, name, content, content_type
):
    article = factories.article(title="Before the edit")
    typed = {"title": "A new headline the editor typed", "standfirst": "And a new standfirst."}
    response = upload_to_article(editor_client, article, name, content, content_type, **typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    messages = [
        "is not an MP3, M4A (AAC or Apple Lossless) or Ogg (Vorbis or Opus) recording",
        "holds a video, or more than one stream",
        "could not be read: the file is damaged or incomplete",
        "This file is empty" if kind != "empty" else "The submitted file is empty",
    ]
    assert any(message in html for message in messages), html[:5000]
    assert "A new headline the editor typed" in html and "And a new standfirst." in html
    assert not stored_files(media_root)
    article.refresh_from_db()
    assert article.title == "Before the edit" and not article.recording


@pytest.mark.parametrize(
    "start",
    [b"ID3\x04\x00\x00\x00\x00\x00\x10", b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00",
     b"OggS\x00\x02", b"\xff\xfb\x90\x64"],
    ids=["id3", "mp4", "ogg", "mpeg-frame"],
)  # fmt: skip
def test_noise_that_starts_like_audio_is_a_message_never_an_error(start):
    """Whatever follows a format's first bytes, and wherever a real file is cut, the
    answer is a recording or a message for the editor."""
    noise = random.Random(17)
    for _ in range(40):
        content = start + noise.randbytes(noise.randrange(0, 3000))
        with pytest.raises(ValidationError):
            identify_recording(io.BytesIO(content))
    for name in RECORDINGS:
        whole = audio(name)
        for end in range(0, len(whole), 97):
            try:
                identify_recording(io.BytesIO(whole[:end]))
            except ValidationError:
                pass


def test_a_recording_over_the_size_cap_is_refused(editor_client, media_root, settings):
    settings.RECORDING_MAX_MB = 0.005  # 5 KiB; the MP3 is 8 KiB
    article = factories.article()
    response = upload_to_article(editor_client, article, "long.mp3", audio("two-seconds.mp3"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "recordings up to 5.1\xa0KB can be uploaded" in html
    assert "8.0\xa0KB" in html
    assert not stored_files(media_root)


def test_the_form_says_what_it_takes_and_clearing_forgets_the_duration(editor_client, media_root):
    article = factories.article()
    upload_to_article(editor_client, article, "a.mp3", audio("two-seconds.mp3"))
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert "An MP3, M4A or Ogg recording of this piece, up to 100.0\xa0MB" in html
    assert 'accept="audio/mpeg,audio/mp4,audio/ogg' in html
    assert 'enctype="multipart/form-data"' in html
    letter_form = editor_client.get(reverse("admin:advice_letter_add")).content.decode()
    assert 'enctype="multipart/form-data"' in letter_form and 'name="recording"' in letter_form
    assert "MP3 · 2 sec · 8.0\xa0KB" in html  # what was stored, with a player
    article.refresh_from_db()
    editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, **{"recording-clear": "on"}),
    )
    article.refresh_from_db()
    assert not article.recording
    assert (article.recording_seconds, article.recording_bytes) == (None, None)


def test_a_replaced_recording_is_deleted_once_the_change_is_saved(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    article = factories.article()
    upload_to_article(editor_client, article, "first.mp3", audio("two-seconds.mp3"))
    [first] = stored_files(media_root)
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        upload_to_article(editor_client, article, "second.ogg", audio("two-seconds.ogg"))
    [second] = stored_files(media_root)
    assert second.suffix == ".ogg" and not first.exists()
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, **{"recording-clear": "on"}),
        )
    assert stored_files(media_root) == []


# --- Readers ---------------------------------------------------------------------------------


def test_an_article_with_a_recording_has_a_player_a_download_and_says_it_is_the_transcript(
    client,
):
    article = with_recording(factories.article(title="Saying no, kindly"), "two-seconds.m4a")
    html = client.get(article.get_absolute_url()).content.decode()
    url = article.recording.url
    assert re.search(
        r'<audio class="listen__player" controls preload="none"[^>]*>\s*'
        rf'<source src="{re.escape(url)}" type="audio/mp4">',
        html,
    )
    assert 'Listen · <time datetime="PT2S">2 sec</time>' in html
    assert f'<a href="{url}" download="{article.slug}.m4a" type="audio/mp4">' in html
    assert "Download the recording</a> (M4A, 7.0\xa0KB)" in html
    assert "The text below is the transcript of this recording." in html
    podcast = reverse("feeds_podcast")
    alternate = (
        '<link rel="alternate" type="application/rss+xml" title="Ask Elizabeth: the podcast"'
    )
    assert f'{alternate} href="{podcast}">' in html
    assert f'<a href="{podcast}" type="application/rss+xml">Podcast feed</a>' in html


def test_a_letter_with_a_recording_says_the_letter_and_reply_are_the_transcript(client):
    letter = with_recording(factories.letter(), "two-seconds.mp3")
    html = client.get(letter.get_absolute_url()).content.decode()
    assert f'<source src="{letter.recording.url}" type="audio/mpeg">' in html
    assert "transcript of this recording: the letter, then the reply." in html
    assert f'download="{letter.slug}.mp3"' in html
    # The player comes before the text it reads.
    assert html.index("<audio") < html.index('class="letter__question"')


def test_pieces_without_a_recording_have_no_player_and_no_podcast_link(client):
    for piece in (factories.letter(), factories.article()):
        html = client.get(piece.get_absolute_url()).content.decode()
        assert "<audio" not in html and "transcript" not in html
        assert reverse("feeds_podcast") not in html


def test_cards_mark_the_pieces_that_can_be_listened_to(client):
    with_recording(factories.article(title="Heard article"))
    factories.article(title="Silent article")
    html = client.get(reverse("articles:article_list")).content.decode()
    heard = [kind for title, kind in _cards(html) if title == "Heard article"]
    silent = [kind for title, kind in _cards(html) if title == "Silent article"]
    assert heard == ['Article <span class="card__listen">· Listen, 2 sec</span>']
    assert silent == ["Article"]


def _cards(html):
    """(title, kind line) of each card on a list page."""
    found = re.findall(
        r'<p class="card__kind">(.*?)</p>\s*<h\d class="card__title"><a [^>]*>([^<]*)</a>', html
    )
    return [(title, kind) for kind, title in found]


def test_a_piece_with_a_recording_costs_no_more_queries(client):
    plain, heard = factories.letter(), with_recording(factories.letter())
    counts = []
    for piece in (plain, heard):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(piece.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "seconds, said, iso",
    [(1, "1 sec", "PT1S"), (59, "59 sec", "PT59S"), (60, "1 min", "PT1M"),
     (725, "12 min", "PT12M5S"), (3600, "1 hr", "PT1H"), (3930, "1 hr 6 min", "PT1H5M30S"),
     (0, "0 sec", "PT0S")],
)  # fmt: skip
def test_durations_read_as_people_say_them(seconds, said, iso):
    assert listening_time(seconds) == said
    assert iso_duration(seconds) == iso


# --- The podcast feed ------------------------------------------------------------------------


def podcast(client):
    response = client.get(reverse("feeds_podcast"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content)  # a strict XML parser: one bad byte fails


def test_the_podcast_feed_has_what_podcast_apps_read(client):
    theme = factories.theme(name="Friendship")
    letter = with_recording(factories.letter(themes=[theme], days_ago=2), "two-seconds.mp3")
    article = with_recording(factories.article(days_ago=1), "two-seconds.opus")
    factories.letter()  # published, but no recording

    rss = podcast(client)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Ask Elizabeth"
    assert channel.findtext("link") == "http://testserver/"
    assert "read aloud" in channel.findtext("description")
    assert channel.findtext(f"{ITUNES}summary") == channel.findtext("description")
    assert channel.findtext(f"{ITUNES}author") == "Ask Elizabeth"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}type") == "episodic"
    assert channel.findtext("language")
    category = channel.find(f"{ITUNES}category")
    assert category.get("text") == "Society & Culture"
    assert category.find(f"{ITUNES}category").get("text") == "Relationships"
    owner = channel.find(f"{ITUNES}owner")
    assert owner.findtext(f"{ITUNES}name") == "Ask Elizabeth"
    assert "@" in owner.findtext(f"{ITUNES}email")
    image = channel.find(f"{ITUNES}image").get("href")
    assert image == "http://testserver" + reverse("podcast_cover")

    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        "http://testserver" + article.get_absolute_url(),
        "http://testserver" + letter.get_absolute_url(),
    ]
    for item, piece, kind in [(items[0], article, "audio/ogg"), (items[1], letter, "audio/mpeg")]:
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == "http://testserver" + piece.recording.url
        assert enclosure.get("length") == str(piece.recording_bytes)
        assert enclosure.get("type") == kind
        assert item.findtext(f"{ITUNES}duration") == "2"
        assert item.findtext(f"{ITUNES}explicit") == "false"
        # Not the address: a renamed slug must not make it a new episode.
        assert item.findtext("guid") == f"tag:testserver,2026:{piece.kind}-{piece.pk}"
        assert item.find("guid").get("isPermaLink") == "false"
        assert parsedate_to_datetime(item.findtext("pubDate")) == piece.published_at.replace(
            microsecond=0
        )
        assert item.findtext("description") and item.findtext(f"{ITUNES}summary")
    # A letter comes with its reply, the whole transcript, for apps that show notes.
    assert "You deserve friends who call you back." in items[1].findtext(f"{CONTENT}encoded")
    assert [c.text for c in items[1].findall("category")] == ["Friendship"]


def test_the_podcast_cover_is_a_square_png_apple_accepts(client):
    response = client.get(reverse("podcast_cover"))
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as cover:
        assert cover.format == "PNG" and cover.mode == "RGB"
        assert cover.size == (1400, 1400)


def test_a_column_with_its_own_artwork_names_it(client, settings):
    settings.PODCAST_IMAGE_URL = "https://cdn.example.org/show.jpg"
    channel = podcast(client).find("channel")
    assert channel.find(f"{ITUNES}image").get("href") == "https://cdn.example.org/show.jpg"


def test_unpublished_and_silent_pieces_are_never_in_the_podcast(client):
    drafts = [
        factories.letter(status=Letter.Status.DRAFTED),
        factories.article(status=Article.Status.DRAFT),
        # Scheduled: published, but for tomorrow.
        factories.article(published_at=timezone.now() + timedelta(days=1)),
    ]
    for piece in drafts:
        with_recording(piece)
    factories.article(), factories.letter()
    heard = with_recording(factories.article())
    links = [item.findtext("link") for item in podcast(client).iter("item")]
    assert links == ["http://testserver" + heard.get_absolute_url()]


def test_control_characters_in_stored_text_leave_the_podcast_readable(client):
    damage = "\x01\x0b\x1f\ufffe" + ("\x00" if connection.vendor == "sqlite" else "")
    article = with_recording(factories.article())
    Article.objects.filter(pk=article.pk).update(
        title=f"Bad{damage}title", byline=f"Eliza{damage}beth", standfirst=f"A{damage}b"
    )
    item = podcast(client).find("channel/item")
    # CommonMark's typography turns a NUL into U+FFFD, which XML holds.
    assert item.findtext("title").replace("\ufffd", "") == "Badtitle"
    assert item.findtext(f"{ITUNES}author") == "Elizabeth"


def test_the_podcast_is_page_cached_and_fresh_when_a_recording_arrives(client):
    with_recording(factories.article())
    url = reverse("feeds_podcast")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    newer = factories.article(title="A newer episode", days_ago=0)
    with_recording(newer)
    newer.save()  # as the admin saves it
    assert "A newer episode" in client.get(url).content.decode()


def test_the_podcast_costs_the_same_queries_for_two_episodes_or_twenty(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # each request made afresh
    counts = []
    for pairs in (1, 10):
        while Article.objects.exclude(recording="").count() < pairs:
            with_recording(factories.article(themes=[factories.theme()]))
            with_recording(factories.letter(themes=[factories.theme()]))
        with CaptureQueriesContext(connection) as queries:
            assert len(podcast(client).findall("channel/item")) == 2 * pairs
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- What the web server does with them ------------------------------------------------------


def test_nginx_serves_recordings_with_their_type_and_byte_ranges(
    media_root, live_database, nginx_binary
):
    pieces = {name: with_recording(factories.article(), name, media_root) for name in RECORDINGS}
    recordings = Path(media_root) / "recordings"
    (recordings / "notes.mp3").write_text("<script>alert(1)</script>")
    (recordings / "evil.html").write_text("<script>alert(1)</script>")
    with gunicorn(live_database) as app, nginx(app.port, media_root=media_root) as proxy:
        visitor = Visitor(proxy.url)
        for name, piece in pieces.items():
            url = piece.recording.url
            whole = visitor.get(url)
            assert whole.status == 200, url
            assert whole.headers["Content-Type"] == RECORDINGS[name][1]
            assert whole.headers["X-Content-Type-Options"] == "nosniff"
            assert whole.headers["Accept-Ranges"] == "bytes"
            part = visitor.get(url, headers={"Range": "bytes=100-199"})
            assert part.status == 206
            size = len(audio(name))
            assert part.headers["Content-Range"] == f"bytes 100-199/{size}"
            assert part.headers["Content-Length"] == "100"
        # Only names the app gives, with the formats' extensions.
        for path in ("/media/recordings/notes.mp3", "/media/recordings/evil.html"):
            assert visitor.get(path).status == 404, path


def test_nginx_takes_a_large_upload_on_the_admin_forms_only(live_database, nginx_binary):
    """A 20 MB body reaches the app on a letter's admin form; anywhere else nginx refuses
    it (413) before the app is bothered."""
    body = b"x" * (20 * 1024 * 1024)
    with gunicorn(live_database) as app, nginx(app.port) as proxy:
        for path, refused in [("/admin/advice/letter/add/", False),
                              ("/admin/articles/article/1/change/", False),
                              ("/ask/", True), ("/admin/advice/theme/add/", True)]:  # fmt: skip
            status = _post_status(proxy.port, path, body)
            assert (status == 413) == refused, (path, status)


def _post_status(port, path, body):
    """The status nginx answers a multipart-looking POST of `body` with."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection_:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
            "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        )
        connection_.sendall(head.encode())
        try:
            connection_.sendall(body)
        except OSError:
            pass  # nginx may answer 413 and close before reading it all
        answer = connection_.recv(200).decode(errors="replace")
    return int(answer.split()[1])


def test_the_nginx_upload_limit_is_above_the_recording_cap(settings):
    config = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "postbag.conf").read_text()
    admin = re.search(r"location ~ \^/admin/\(\?:advice/letter\|articles/article\)/ \{(.*?)\}",
                      config, re.DOTALL)  # fmt: skip
    limit = int(re.search(r"client_max_body_size (\d+)m;", admin.group(1)).group(1))
    assert limit > settings.RECORDING_MAX_MB
