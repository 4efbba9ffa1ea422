"""A reader listens, in a real browser: finds an article marked "Listen", plays its
recording with the browser's own player, downloads it, and finds the podcast feed.

The recording is a real two-second MP3 (tests/fixtures/audio/). The live server serves
uploads as `make run` does (Django's static file view, here wired in this module's URLconf,
because the tests run with debug off); nginx's ranges and types are tested in
tests/test_recordings.py.
"""

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import include, path, reverse
from django.views.static import serve
from playwright.sync_api import expect

from articles.models import Article
from tests import factories
from tests.browser.support import axe_check, screenshots

pytestmark = pytest.mark.browser

RECORDING = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "two-seconds.mp3"


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [path("media/<path:path>", media), path("", include("config.urls"))]


@pytest.fixture
def article_with_recording(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = __name__
    stored = f"recordings/{uuid.uuid4().hex}.mp3"
    (settings.MEDIA_ROOT / "recordings").mkdir(parents=True)
    (settings.MEDIA_ROOT / stored).write_bytes(RECORDING.read_bytes())
    factories.article(title="A quiet article")  # no recording: no mark, no player
    article = factories.article(title="Learning to say no", body="Say it kindly. " * 80)
    Article.objects.filter(pk=article.pk).update(
        recording=stored, recording_seconds=2, recording_bytes=RECORDING.stat().st_size
    )
    return article


def test_a_reader_plays_an_article_downloads_it_and_finds_the_podcast(site, article_with_recording):
    page = site.page(phone=True)
    page.goto(reverse("articles:article_list"))
    card = page.locator(".card", has=page.get_by_role("link", name="Learning to say no"))
    expect(card.locator(".card__kind")).to_have_text("Article · Listen, 2 sec")
    quiet = page.locator(".card", has=page.get_by_role("link", name="A quiet article"))
    expect(quiet.locator(".card__kind")).to_have_text("Article")

    card.get_by_role("link", name="Learning to say no").click()
    listen = page.get_by_role("region", name="Listen · 2 sec")
    expect(listen).to_be_visible()
    expect(listen).to_contain_text("The text below is the transcript of this recording.")
    player = listen.locator("audio")
    # The player fits a phone's width, and asks for nothing until the reader presses play.
    box = player.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert player.evaluate("audio => audio.networkState") == 1  # NETWORK_IDLE: nothing loaded
    screenshots(page, "listening-1-article")
    assert not axe_check(page, "article with a recording", [])

    # Press play as a reader does: a real click on the player's play button, at its left.
    player.evaluate(
        "audio => { window.heardPlaying = false;"
        " audio.addEventListener('playing', () => { window.heardPlaying = true; }); }"
    )
    page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)
    page.wait_for_function("() => window.heardPlaying === true")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0.2")
    assert player.evaluate("audio => audio.duration") == pytest.approx(2, abs=0.2)

    with page.expect_download() as download:
        listen.get_by_role("link", name="Download the recording").click()
    # The link names the file after the piece; Django's file view (unlike nginx) names it
    # in Content-Disposition, which Chromium prefers: either way, an .mp3.
    assert download.value.suggested_filename.endswith(".mp3")
    assert Path(download.value.path()).read_bytes() == RECORDING.read_bytes()

    feed_link = listen.get_by_role("link", name="Podcast feed")
    href = feed_link.get_attribute("href")
    head = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    assert head.get_attribute("href") == href == reverse("feeds_podcast")
    feed = page.request.get(href)
    assert feed.ok and feed.headers["content-type"].startswith("application/rss+xml")
    items = ET.fromstring(feed.body()).findall("channel/item")
    assert [item.findtext("title") for item in items] == ["Learning to say no"]
    enclosure = items[0].find("enclosure")
    # The enclosure's address is absolute, and the browser can fetch it.
    fetched = page.request.get(enclosure.get("url"))
    assert fetched.ok and fetched.body() == RECORDING.read_bytes()
    assert enclosure.get("length") == str(RECORDING.stat().st_size)
