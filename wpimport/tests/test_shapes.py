"""The shapes a column's posts take: reply markers as people type them, the teaser before
<!--more-->, [embed] shortcodes. Each export here is written for its test."""

import pytest

from advice.models import Letter
from articles.models import Article
from wpimport.tests.exports import post, write_export
from wpimport.tests.support import import_wordpress

LETTER = (
    "Dear Elizabeth,\n\nMy best friend has stopped answering my messages. Thanksgiving at "
    "her house was the last time we spoke.\n\nLonely in Luton\n\n"
)

# --- --reply-marker: a line that starts with it -------------------------------------------


def imported_letter(tmp_path, content, *options):
    import_wordpress(write_export(tmp_path, post(7, content, title="A letter")), *options)
    return Letter.objects.select_related("reply").get(wordpress_id=7)


@pytest.mark.django_db
def test_a_reply_marker_sentence_is_the_first_line_of_the_reply(client, tmp_path):
    content = LETTER + "Thanks for writing!\n\nShe may be struggling too. Ask her.\n\nElizabeth"

    letter = imported_letter(tmp_path, content, "--reply-marker", "Thanks for writing")

    # "Thanksgiving" starts with "Thanks" but not with the marker, which ends at a word's end.
    assert letter.body.endswith("Thanksgiving at her house was the last time we spoke.")
    assert letter.sign_off == "Lonely in Luton"
    assert letter.reply.body == "Thanks for writing!\n\nShe may be struggling too. Ask her."
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "<p>Thanks for writing!</p>" in page


@pytest.mark.django_db
def test_a_reply_marker_that_starts_a_longer_sentence_keeps_it(tmp_path):
    content = LETTER + "Thanks for writing, it takes courage.\n\nAsk her how she is."

    letter = imported_letter(tmp_path, content, "--reply-marker", "thanks for writing")

    assert letter.reply.body == "Thanks for writing, it takes courage.\n\nAsk her how she is."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label", ["ELIZABETH REPLIES:", "Elizabeth replies —", "Elizabeth Replies…"]
)
def test_a_reply_marker_label_in_any_case_and_punctuation_is_dropped(tmp_path, label):
    content = LETTER + f"<strong>{label}</strong>\n\nAsk her how she is."

    letter = imported_letter(tmp_path, content, "--reply-marker", "Elizabeth replies")

    assert letter.sign_off == "Lonely in Luton"
    assert letter.reply.body == "Ask her how she is."


@pytest.mark.django_db
def test_a_label_and_the_reply_in_one_paragraph_keep_the_reply(tmp_path):
    # The default marker: a sentence of the letter that starts "Elizabeth says" is no label.
    content = (
        "Dear Elizabeth,\n\nElizabeth says I worry too much, my sister tells me.\n\n"
        "Worried in Wells\n\n<strong>Elizabeth replies:</strong> Your sister is kind. "
        "Listen to her.\n\nBig love, Elizabeth"
    )

    letter = imported_letter(tmp_path, content)

    assert letter.body.endswith("Elizabeth says I worry too much, my sister tells me.")
    assert letter.reply.body == "Your sister is kind. Listen to her."
    assert letter.reply.sign_off == "Big love, Elizabeth"


def test_the_help_says_how_a_reply_marker_line_is_matched():
    from wpimport.management.commands.import_wordpress import Command

    text = " ".join(Command().create_parser("manage.py", "import_wordpress").format_help().split())

    assert "line after the letter's first that starts with it, in any case" in text
    assert "whatever punctuation ends the line" in text
    assert "only a label" in text and "dropped" in text
    assert "stays as the reply's first line" in text


# --- <!--more-->: the teaser -------------------------------------------------------------


@pytest.mark.django_db
def test_the_text_before_more_is_the_standfirst_of_an_article_without_an_excerpt(client, tmp_path):
    teaser = "Five habits that keep a friendship alive, and one that ends it."
    export = write_export(
        tmp_path,
        post(11, f"{teaser}\n<!--more-->\nFirst, answer the phone.", title="Friends", letter=False),
        post(
            12,
            "The teaser.<!--more Read on-->\n\nThe rest.",
            title="With an excerpt",
            excerpt="The excerpt wins.",
            letter=False,
        ),
    )
    import_wordpress(export)
    article = Article.objects.get(wordpress_id=11)

    assert article.standfirst == teaser
    assert article.body == "First, answer the phone."  # the teaser moved, whole, not copied
    page = client.get(article.get_absolute_url()).content.decode()
    main = page[page.index("<main") :]
    assert f'<p class="standfirst">{teaser}</p>' in main
    assert main.count("Five habits") == 1 and "more" not in article.body
    # An excerpt is still the standfirst; the body keeps its teaser then.
    other = Article.objects.get(wordpress_id=12)
    assert (other.standfirst, other.body) == ("The excerpt wins.", "The teaser.\n\nThe rest.")


@pytest.mark.django_db
def test_a_teaser_with_links_or_too_long_stays_in_the_body_and_is_the_standfirst_too(tmp_path):
    linked = 'Read <a href="https://example.org/guide">the guide</a> first.'
    long_teaser = "A long teaser. " * 40  # 600 characters: more than a standfirst holds
    export = write_export(
        tmp_path,
        post(21, f"{linked}<!--more-->The rest.", title="Linked", letter=False),
        post(22, f"{long_teaser}\n\n<!--more-->\n\nThe rest.", title="Long", letter=False),
    )

    report = import_wordpress(export)

    linked_article = Article.objects.get(wordpress_id=21)
    assert linked_article.standfirst == "Read the guide first."
    assert linked_article.body.startswith("Read [the guide](https://example.org/guide) first.")
    long_article = Article.objects.get(wordpress_id=22)
    assert len(long_article.standfirst) == 400 and long_article.body.startswith("A long teaser.")
    assert "the text before <!--more--> was cut to 400 characters" in report


@pytest.mark.django_db
def test_more_in_a_letter_leaves_no_trace_and_no_gap(client, tmp_path):
    content = (
        "<!--more-->\n<blockquote>Dear Elizabeth,\n\nMy flatmate never washes up.\n"
        "<!--more-->\nI have asked twice.\n\nSoapless in Slough</blockquote>\n\n"
        "Dear Soapless,\n\nAsk a third time, in writing.\n\nBig love, Elizabeth"
    )

    letter = imported_letter(tmp_path, content)

    assert letter.body == "Dear Elizabeth,\n\nMy flatmate never washes up.\n\nI have asked twice."
    assert letter.sign_off == "Soapless in Slough"
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "more--" not in page and "<br>" not in page.split("<main")[1]


# --- [embed] -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_embed_shortcode_becomes_a_link_with_a_warning(client, tmp_path):
    url = "https://video.example/watch?v=abc&t=10"
    content = f'Watch this first.\n\n[embed width="560"]{url}[/embed]\n\nThen talk.'
    export = write_export(tmp_path, post(31, content, title="Watch", letter=False))

    report = import_wordpress(export)

    article = Article.objects.get(wordpress_id=31)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{url.replace("&", "&amp;")}"' in page
    assert "[embed" not in article.body and "[/embed]" not in article.body
    assert "post 31 “Watch”: [embed] became a link to what it showed" in report
