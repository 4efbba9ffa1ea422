"""The editor's desk, writing the reply: word counts (one rule in Python and in the
editor's script), the column's length as guidance, and the themes picker (one list by
section, suggestions first, ticked and saved without any script)."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from advice.models import Theme
from postbag.words import count_words, length_guidance
from tests import factories
from tests.support import change_form_data, run_script_in_node

ROOT = Path(__file__).resolve().parents[1]

# (text, words): the same strings for postbag/words.py and static/js/editor-layout.js.
WORD_CASES = [
    ("", 0),
    ("Dear Elizabeth, I don't know what to do.", 8),
    ("rock'n'roll and ’tis the season", 5),
    ("Αγαπητή Ελισάβετ, δεν ξέρω τι να κάνω.", 7),
    ("मेरी दोस्त मुझसे बात नहीं करती।", 6),
    ("Read [our piece on saying no](https://example.com/saying-no) first.", 7),
    ("![A cup of tea on a kitchen table](/media/tea.jpg) Tea helps.", 2),
    ("See https://example.com/a-b or <em>this</em> &amp; that", 4),
    ("## Why *it* matters\n\n- one\n- 2 things", 6),
    ("[the help page][1]\n\n[1]: https://example.com/help", 3),
    ("She said -- and meant it -- 'enough'.", 6),
]


@pytest.mark.parametrize(("text", "words"), WORD_CASES)
def test_words_are_runs_of_letters_in_any_script_and_links_count_their_text(text, words):
    assert count_words(text) == words


def test_the_editors_script_counts_the_same_words():
    texts = [text for text, _ in WORD_CASES]
    counted = run_script_in_node(
        "js/editor-layout.js", f"{json.dumps(texts)}.map(window.postbagCountWords)"
    )
    assert counted == [words for _, words in WORD_CASES]


def test_the_column_length_is_guidance_with_a_gentle_note():
    sentence, state = length_guidance(640, (300, 900))
    assert (sentence, state) == (
        "Letter and reply: 640 words — the column aims for 300–900.",
        "within",
    )
    short, state = length_guidance(120, (300, 900))
    assert state == "under" and short.startswith("Letter and reply: 120 words") and "short" in short
    assert length_guidance(1200, (300, 900))[1] == "over"


def test_the_preview_copies_the_sites_fonts_and_measure():
    site = (ROOT / "static/css/site.css").read_text()
    editor = (ROOT / "static/css/admin-editor.css").read_text()
    for name in ("--serif", "--sans", "--measure"):
        value = re.search(rf"{name}: ([^;]+);", site).group(1)
        assert f"{name}: {value};" in editor, f"admin-editor.css's {name} differs from site.css"


@pytest.fixture
def sections(db):
    relationships = factories.theme(name="Relationships", slug="relationships")
    self_section = factories.theme(name="Self", slug="self")
    return {
        "relationships": relationships,
        "self": self_section,
        "rejection": factories.theme(name="Rejection", slug="rejection", parent=relationships),
        "self-worth": factories.theme(name="Self-worth", slug="self-worth", parent=self_section),
        "money": factories.theme(name="Money worries", slug="money"),
    }


def picker_html(html):
    return re.search(r'<div class="sectioned-checkboxes" id="id_themes">.*?</div>', html, re.S)[0]


def legends(html):
    return re.findall(r"<legend>([^<]+)</legend>", picker_html(html))


def test_themes_are_one_list_by_section_with_suggestions_first(editor_client, sections):
    letter = factories.letter(reply=None, status="new", themes=[sections["self-worth"]])
    letter.suggested_themes.set([sections["rejection"], sections["money"], sections["self-worth"]])
    url = reverse("admin:advice_letter_change", args=[letter.pk])
    html = editor_client.get(url).content.decode()
    picker = picker_html(html)
    # Money worries, in no section, is suggested: "Other themes" has nothing else to show.
    assert legends(html) == ["Suggested", "Relationships", "Self"]
    suggested = picker.split("<legend>Relationships</legend>")[0]
    assert "Rejection" in suggested and "Money worries" in suggested
    assert "Self-worth" not in suggested  # already chosen: it stays ticked in its section
    for theme in Theme.objects.all():
        assert picker.count(f'value="{theme.pk}"') == 1, f"{theme} is offered once"
    assert re.search(rf'value="{sections["self-worth"].pk}"[^>]*checked', picker)
    assert "Hold down" not in html and "Filter the themes" in html
    assert "suggested themes:" not in html.lower()  # the old read-only line is gone


def test_ticking_a_suggestion_and_saving_adds_the_theme(editor_client, sections):
    letter = factories.letter(reply=None, status="new")
    letter.suggested_themes.set([sections["rejection"]])
    url = reverse("admin:advice_letter_change", args=[letter.pk])
    data = change_form_data(
        letter,
        themes=[sections["rejection"].pk, sections["money"].pk],
        **{"reply-0-body": "Be as kind to yourself as you are to them."},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(letter.themes.all()) == {sections["rejection"], sections["money"]}
    html = editor_client.get(url).content.decode()
    assert legends(html) == ["Relationships", "Self", "Other themes"]  # nothing left to suggest


def test_articles_pick_themes_from_the_same_list(editor_client, sections):
    article = factories.article(themes=[sections["money"]])
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert legends(html.content.decode()) == ["Relationships", "Self", "Other themes"]


def test_word_counts_show_on_page_load(editor_client, settings):
    settings.COLUMN_TARGET_WORDS = (300, 900)
    letter = factories.letter(
        body="My sister never calls me back, and I miss her.",
        reply="Call her once more, then let her come to you.",
    )
    html = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk]))
    html = html.content.decode()
    assert re.search(r'id="id_body_words"[^>]*>10 words<', html)
    assert re.search(r'id="id_reply-0-body_words"[^>]*>10 words<', html)
    assert "Letter and reply: 20 words — the column aims for 300–900. A little short" in html


def test_a_refused_save_counts_what_was_typed(editor_client):
    letter = factories.letter(reply=None, status="new")
    url = reverse("admin:advice_letter_change", args=[letter.pk])
    typed = "Three words here"
    response = editor_client.post(
        url, change_form_data(letter, body=typed, status="nonsense", **{"reply-0-body": "Yes."})
    )
    assert response.status_code == 200
    assert re.search(r'id="id_body_words"[^>]*>3 words<', response.content.decode())
