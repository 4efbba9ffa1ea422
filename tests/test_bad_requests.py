"""A request Django won't read (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields)
gets the site's own 400 page in plain words, not Django's bare "Bad Request (400)"."""

import pytest
from django.test import Client
from django.urls import reverse

from newsletter.models import Subscriber
from tests.live import form_fields

pytestmark = pytest.mark.django_db

THREE_MB = "Dear Elizabeth, " + "I have so much to say. " * (3 * 1024 * 1024 // 23)
TOO_BIG = "That was too much to send in one go"
NOTHING_LOST = "Nothing is lost on your side: your browser still has what you typed."


def assert_site_page_for_a_post(answer):
    assert answer.status_code == 400
    html = answer.content.decode()
    assert TOO_BIG in html and NOTHING_LOST in html
    assert "shorten it a little, and send it again" in html
    assert "Bad Request (400)" not in html
    assert 'class="site-footer' in html  # the site's own page, header to footer


def test_a_three_megabyte_letter_gets_a_page_that_says_what_to_do(settings):
    """As a browser sends it: the form's CSRF cookie and token, then a letter too long."""
    browser = Client(enforce_csrf_checks=True)
    ask = reverse("advice:ask")
    fields = form_fields(browser.get(ask).content.decode())
    answer = browser.post(ask, {**fields, "letter": THREE_MB, "sign_off": "Worried"})
    assert_site_page_for_a_post(answer)
    assert THREE_MB[:200] not in answer.content.decode()  # nothing echoed back


def test_a_three_megabyte_sign_up_gets_the_same_page():
    answer = Client().post(reverse("newsletter:subscribe"), {"email": THREE_MB})
    assert_site_page_for_a_post(answer)
    assert not Subscriber.objects.exists()


def test_too_many_fields_get_the_same_page():
    fields = {f"field{n}": "x" for n in range(1500)}  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    answer = Client().post(reverse("newsletter:subscribe"), {"email": "a@b.org", **fields})
    assert_site_page_for_a_post(answer)


def test_a_bad_request_that_is_not_a_post_is_explained_too():
    query = "&".join(f"q{n}=x" for n in range(1500))
    answer = Client().get(f"{reverse('search')}?{query}")
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "We couldn’t read that request" in html and NOTHING_LOST not in html


def test_a_host_the_site_does_not_serve_gets_the_page_too(settings):
    settings.ALLOWED_HOSTS = ["column.example.org"]
    answer = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert answer.status_code == 400  # not a 500: the page needs nothing from the host
    assert "We couldn’t read that request" in answer.content.decode()
