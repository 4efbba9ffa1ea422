"""Reading a WordPress export: the first pass over the channel, the posts streamed."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from wpimport import wxr
from wpimport.tests.support import COLUMN


def test_posts_stream_with_their_fields():
    posts = list(wxr.iter_posts(COLUMN))

    assert [post.wordpress_id for post in posts] == [
        101,
        102,
        103,
        104,
        105,
        2,
        42,
        50,
        120,
        130,
        131,
        132,
    ]
    first = posts[0]
    assert (first.post_type, first.status, first.creator) == ("post", "publish", "elizabeth")
    assert [term.slug for term in first.terms] == ["ask-elizabeth", "friendship", "self-worth"]
    assert "wp:comment" not in first.content and "This could have been me" not in first.content


def test_the_first_pass_counts_the_items_and_reads_the_channel():
    export = wxr.read_export(COLUMN)
    assert export.item_count == 12
    assert export.authors == {"elizabeth": "Elizabeth Hart", "sam": "Sam Okafor"}
    assert "ask-elizabeth" in export.terms and "boundaries" in export.terms


@pytest.mark.parametrize(
    "date_gmt, date, expected",
    [
        ("2024-07-01 08:00:00", "2024-07-01 09:00:00", datetime(2024, 7, 1, 8, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "2024-07-01 09:00:00", datetime(2024, 7, 1, 8, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "2024-01-15 09:00:00", datetime(2024, 1, 15, 9, tzinfo=UTC)),
        ("", "", None),
    ],
)
def test_dates_fall_back_to_local_time_in_the_sites_zone(date_gmt, date, expected):
    post = next(wxr.iter_posts(COLUMN))
    post = type(post)(**{**post.__dict__, "date_gmt": date_gmt, "date": date})
    local = timezone.get_default_timezone()  # Europe/London
    assert wxr.publication_time(post, local_timezone=local) == expected
