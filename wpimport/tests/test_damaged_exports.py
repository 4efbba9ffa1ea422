"""Damaged exports: what can be read is imported, and the report says what was wrong, where.

Each test writes its damage into a small export of three posts: two letters of the column
and an article. The damage is in one of them; the others import as they would anyway.
"""

import tracemalloc
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from advice.models import Letter
from articles.models import Article
from wpimport import damage, wxr
from wpimport.management.commands.import_wordpress import Command

DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>\n'
POSTS = (
    (
        31,
        "The friend who only calls when she needs something",
        "<blockquote>My oldest friend rings me when her car breaks down, never when mine "
        "does. I miss who we were.</blockquote>You can miss her and still say no to the next "
        "lift. Tell her you would love a call that is only a call.",
    ),
    (
        32,
        "Moving in together after four months",
        "<blockquote>He has asked me to move in. I want to, and I am scared that I want to."
        "</blockquote>Wanting it is not the risk. Agree now on how either of you can say it "
        "is not working, before you share a lease.",
    ),
    (
        33,
        "How we choose the letters we answer",
        "Every letter is read. We answer the ones whose question other readers are asking "
        "too, and we change every detail that could name you.",
    ),
)


CATEGORIES = (
    '<category domain="category" nicename="ask-elizabeth"><![CDATA[Ask Elizabeth]]></category>',
    '<category domain="category" nicename="notes"><![CDATA[Notes]]></category>',
)


def export_text(posts=POSTS, *, declaration=DECLARATION, description="Letters answered"):
    """An export of `posts` ((ID, title, content), the last an article) as text."""
    items = "".join(
        f"""  <item>
    <title>{title}</title>
    <dc:creator>elizabeth</dc:creator>
    <guid isPermaLink="false">https://postbag.example/?p={post_id}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date>2024-03-0{index + 1} 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-0{index + 1} 10:00:00</wp:post_date_gmt>
    <wp:post_name>post-{post_id}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    {CATEGORIES[index == len(posts) - 1]}
  </item>
"""
        for index, (post_id, title, content) in enumerate(posts)
    )
    return f"""{declaration}<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Postbag</title>
  <description>{description}</description>
  <wp:wxr_version>1.2</wp:wxr_version>
{items}</channel>
</rss>
"""


def with_damage(post_id, damage, *, field="content"):
    """POSTS with `damage` put in the middle of a field ("title" or "content") of a post."""
    posts = []
    for this_id, title, content in POSTS:
        if this_id == post_id and field == "title":
            title = title.replace(" ", f" {damage}", 1)
        elif this_id == post_id:
            content = content.replace("miss", f"mi{damage}ss", 1).replace(
                "I want", f"I{damage} want"
            )
        posts.append((this_id, title, content))
    return posts


def write(tmp_path, data):
    path = tmp_path / "export.xml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def place(data, needle):
    """'line L, column C' of the first `needle` in `data` (bytes), columns in characters."""
    index = data.index(needle)
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return f"line {line}, column {column}"


def run(path, *options):
    """What the command printed (its report), its error message, and its exit status."""
    out = StringIO()
    try:
        call_command("import_wordpress", str(path), *options, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), str(error), error.returncode
    return out.getvalue(), "", 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "before",
    ["\n\n", "   \t\n", "\ufeff\n"],
    ids=["blank-lines", "spaces", "byte-order-mark-and-blank-line"],
)
def test_whitespace_or_a_byte_order_mark_before_the_declaration_is_accepted(tmp_path, before):
    report, error, status = run(write(tmp_path, before + export_text()))

    assert (status, error) == (0, "")
    assert "Letters: 2 created" in report and "Articles: 1 created" in report
    assert "Repaired" not in report


@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage, field, removed",
    [
        ("\x01", "content", "removed U+0001 (a control character), which XML forbids."),
        ("\x1b", "title", "removed U+001B (a control character), which XML forbids."),
        ("\uffff", "content", "removed U+FFFF (not a character), which XML forbids."),
        (
            "&#1;",
            "title",
            "removed &#1;, a reference to U+0001 (a control character), which XML forbids.",
        ),
        (
            "&#xD800;",
            "title",
            "removed &#xD800;, a reference to U+D800 (half a UTF-16 pair), which XML forbids.",
        ),
        (
            "&#x1F;",
            "content",
            "removed &#x1F;, a reference to U+001F (a control character), which XML forbids.",
        ),
    ],
    ids=["control", "control-in-title", "noncharacter", "reference", "surrogate", "in-html"],
)
def test_characters_xml_forbids_are_removed_and_their_post_named(tmp_path, damage, field, removed):
    data = export_text(with_damage(32, damage, field=field)).encode("utf-8")

    report, error, status = run(write(tmp_path, data))

    assert status == 3 and "had damage, repaired as it was read" in error
    title = "Moving in together after four months"
    assert "Repaired in the file as it was read (check these posts):" in report
    assert f"  post 32 “{title}”, {place(data, damage.encode())}: {removed}" in report
    assert Letter.objects.count() == 2 and Article.objects.count() == 1
    letter = Letter.objects.get(wordpress_id=32)
    assert letter.title == title
    assert "I want to, and I am scared that I want to." in letter.body


@pytest.mark.django_db
def test_damage_outside_any_post_is_named_by_its_place(tmp_path):
    data = export_text(description="Letters\x02 answered").encode("utf-8")

    report, _, status = run(write(tmp_path, data))

    assert status == 3
    where = place(data, b"\x02")
    assert f"  {where}: removed U+0002 (a control character), which XML forbids." in report
    assert Letter.objects.count() == 2 and Article.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage, read_as, said",
    [
        (b"\x92", "’", "byte 0x92 is not UTF-8; read as ’ (Windows-1252)."),
        (b"\xe9", "é", "byte 0xE9 is not UTF-8; read as é (Windows-1252)."),
        (b"\x81", "\ufffd", "byte 0x81 is not UTF-8; read as U+FFFD."),
        (
            b"\xe2\x80",
            "\ufffd",
            "bytes 0xE2 0x80 are not UTF-8 (a character cut short); read as U+FFFD.",
        ),
    ],
    ids=["curly-quote", "latin-1", "no-such-byte", "cut-character"],
)
def test_a_byte_that_is_not_utf8_is_named_and_read_sensibly(tmp_path, damage, read_as, said):
    data = export_text(with_damage(31, "@")).encode("utf-8").replace(b"@", damage, 1)

    report, error, status = run(write(tmp_path, data))

    assert status == 3 and "had damage" in error
    title = "The friend who only calls when she needs something"
    assert f"  post 31 “{title}”, {place(data, damage)}: {said}" in report
    assert f"I mi{read_as}ss who we were." in Letter.objects.get(wordpress_id=31).body
    assert Letter.objects.count() == 2 and Article.objects.count() == 1


@pytest.mark.django_db
# Read as browsers read them: Windows-1252, whose curly quotes fill 0x80-0x9F.
@pytest.mark.parametrize("encoding", ["ISO-8859-1", "latin1", "us-ascii"])
def test_an_export_in_a_latin_encoding_is_read_as_it_says(tmp_path, encoding):
    posts = with_damage(33, "\N{LEFT DOUBLE QUOTATION MARK}")
    posts[2] = (33, "Caf\N{LATIN SMALL LETTER E WITH ACUTE} letters", "“Every letter is read.”")
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    path = write(tmp_path, export_text(posts, declaration=declaration).encode("cp1252"))

    report, error, status = run(path)

    assert (status, error) == (0, ""), report
    article = Article.objects.get(wordpress_id=33)
    assert article.title == "Café letters"
    assert article.body == "“Every letter is read.”"


@pytest.mark.django_db
def test_a_file_cut_short_imports_every_complete_post_before_the_cut(tmp_path):
    data = export_text().encode("utf-8")
    cut = data[: data.index(b"<wp:post_id>33")]
    path = write(tmp_path, cut)

    report, error, status = run(path)

    title = "How we choose the letters we answer"
    last_line = len(cut.splitlines())
    assert status == 4
    assert error.startswith(
        f"{path} ends in the middle of the post “{title}”, at line {last_line}, "
    )
    assert "the file was cut short" in error and "not well-formed" not in error
    assert "Before that point, 2 complete items were imported as reported;" in error
    assert "Download the export again and run the command again" in error
    assert "Letters: 2 created" in report and "Articles: 0 created" in report
    assert Letter.objects.count() == 2 and not Article.objects.exists()

    # The whole file, downloaded again, adds the third post and duplicates nothing.
    report, error, status = run(write(tmp_path, data))
    assert status == 0 and "Letters: 0 created, 0 updated, 2 unchanged." in report
    assert Letter.objects.count() == 2 and Article.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "length, inside",
    [(0, "is empty: it holds no XML element"), (250, "ends in the middle of <channel>")],
    ids=["empty", "in-the-channel"],
)
def test_a_file_cut_short_before_its_first_post_is_refused(tmp_path, length, inside):
    data = export_text().encode("utf-8")
    path = write(tmp_path, data[:length])

    _, error, status = run(path)

    assert status == 1 and inside in error and "Nothing was imported." in error
    assert "not well-formed" not in error
    assert not Letter.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_malformed_xml_is_named_by_place_and_the_parsers_words(tmp_path):
    posts = list(POSTS)
    posts[1] = (32, "Moving in & out", POSTS[1][2])  # an ampersand XML needs as &amp;
    data = export_text(posts).encode("utf-8")
    path = write(tmp_path, data)

    report, error, status = run(path)

    assert status == 4
    where = place(data, b" out</title>")  # where the parser stops
    assert error.startswith(
        f"{path} is not well-formed XML: at {where} the XML parser says "
        "“not well-formed (invalid token)”. Before that point, 1 complete item was imported"
    )
    assert "Correct the file there" in error and "cut short" not in error
    assert [letter.wordpress_id for letter in Letter.objects.all()] == [31]


@pytest.mark.django_db
def test_malformed_xml_before_the_first_post_is_refused_with_its_place(tmp_path):
    data = export_text().replace("<title>Postbag</title>", "<title>Postbag</titel>")
    path = write(tmp_path, data)

    _, error, status = run(path)

    where = place(data.encode(), b"titel>")
    assert status == 1
    assert error == (
        f"{path} is not well-formed XML: at {where} the XML parser says “mismatched tag”. "
        "Nothing was imported."
    )
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_failed_posts_and_damage_together_exit_with_the_graver_status(tmp_path):
    posts = with_damage(31, "\x07")
    posts[2] = (33, "", POSTS[2][2])  # an article needs a title
    _, error, status = run(write(tmp_path, export_text(posts)))

    assert status == 4 and "1 of 3 items could not be imported" in error


def test_the_help_tells_the_exit_statuses():
    help_text = " ".join(
        Command().create_parser("manage.py", "import_wordpress").format_help().split()
    )
    assert "Exit status: 0 when everything was imported from a sound file;" in help_text
    assert "3 when everything was imported, but the file had damage" in help_text
    assert "4 when only part was imported" in help_text


def test_repairs_are_read_in_flat_memory_and_listed_up_to_a_limit(tmp_path):
    def peak(count):
        posts = [
            (100 + n, f"Letter {n}", f"Dear\x0c Elizabeth, {'words ' * 300}") for n in range(count)
        ]
        path = write(tmp_path, export_text(posts))
        tracemalloc.start()
        try:
            export = wxr.read_export(path)
            posts_read = sum(1 for _ in wxr.iter_posts(path))
            return tracemalloc.get_traced_memory()[1], export, posts_read
        finally:
            tracemalloc.stop()

    small, _, _ = peak(400)
    large, export, posts_read = peak(2000)

    assert posts_read == export.item_count == 2000
    assert len(export.repairs) == 201
    assert export.repairs[0].startswith("post 100 “Letter 0”, line ")
    assert export.repairs[-1] == "… and 1800 more repairs like these."
    assert large < small * 1.5  # five times the posts, about the same memory


@pytest.mark.parametrize("block_size", [1, 2, 3, 5, 7, 64])
def test_repairs_are_the_same_wherever_the_file_is_cut_into_blocks(
    tmp_path, monkeypatch, block_size
):
    posts = with_damage(31, "\x01&#1;@")
    posts[1] = (32, "Moving in &#x1f;together", "<p>It’s “soon”, I know\x0b.</p>")
    data = ("\ufeff\n" + export_text(posts)).encode("utf-8").replace(b"@", b"\x92\xe2\x80")
    path = write(tmp_path, data)
    export = wxr.read_export(path)
    posts_read = list(wxr.iter_posts(path))

    monkeypatch.setattr(damage, "BLOCK_SIZE", block_size)

    assert wxr.read_export(path).repairs == export.repairs
    assert list(wxr.iter_posts(path)) == posts_read
    assert len(export.repairs) == 6
    assert posts_read[1].content == "<p>It’s “soon”, I know.</p>"
    assert posts_read[1].title == "Moving in together"
