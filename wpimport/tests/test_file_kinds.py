"""A file given as an export is read as what it is, or refused by name with what to do.

Its first bytes tell: UTF-8 under a Latin-1 label, UTF-16 without a byte order mark, a
ZIP or gzip download, a web page saved instead of the export, a PHP message printed
before or after the export.
"""

import gzip
import zipfile

import pytest

from articles.models import Article
from wpimport.tests.exports import export_text, post
from wpimport.tests.support import run_command

TITLE = "Café society’s “best” — a naïve guide"
ARTICLE = post(
    302, "<p>Crème brûlée for one — “why not?”</p>", title=TITLE, slug="cafe", letter=False
)


def write(tmp_path, data, name="export.xml"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def imported_title():
    return Article.objects.get(wordpress_id=302).title


# --- Encodings ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["ISO-8859-1", "windows-1252"])
def test_utf8_under_a_latin1_label_is_read_as_utf8_and_said_so(tmp_path, label):
    data = export_text(ARTICLE, encoding=label).encode("utf-8")

    report, error, status = run_command(write(tmp_path, data))

    assert imported_title() == TITLE  # not "CafÃ©"
    assert (
        f"  line 1, column 1: the XML declaration says the file is in {label}, but it is "
        "UTF-8 (its letters beyond ASCII are UTF-8's sequences of bytes): read as UTF-8."
    ) in report
    assert status == 3


@pytest.mark.django_db
def test_a_real_windows1252_file_is_still_read_as_windows1252(tmp_path):
    data = export_text(ARTICLE, encoding="ISO-8859-1").encode("cp1252")

    report, error, status = run_command(write(tmp_path, data))

    assert imported_title() == TITLE
    assert (status, "Repaired" in report) == (0, False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label, codec",
    [("UTF-16BE", "utf-16-be"), ("UTF-16LE", "utf-16-le"), ("UTF-16", "utf-16-le")],
)
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, label, codec):
    data = export_text(ARTICLE, encoding=label).encode(codec)
    assert data[:4] in (b"\x00<\x00?", b"<\x00?\x00")  # as XML 1.0's Appendix F has it

    report, error, status = run_command(write(tmp_path, data))

    assert (status, error) == (0, "")
    assert imported_title() == TITLE
    assert "U+0000" not in report


# --- Not an export --------------------------------------------------------------------------


def zipped(tmp_path):
    path = tmp_path / "askelizabeth.WordPress.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("askelizabeth.WordPress.xml", export_text(ARTICLE))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make, said",
    [
        (
            zipped,
            "is a ZIP archive, not a WordPress export: unzip it and import the .xml file "
            "inside (WordPress.com downloads its exports zipped).",
        ),
        (
            lambda tmp_path: write(tmp_path, gzip.compress(export_text(ARTICLE).encode())),
            "is compressed with gzip, not a WordPress export as it is: unpack it (gunzip) "
            "and import the .xml file inside.",
        ),
        (
            lambda tmp_path: write(
                tmp_path,
                b"<!DOCTYPE html>\n<html><head><title>Something went wrong</title></head>"
                b"<body><p>The site is down for maintenance.</p></body></html>",
            ),
            "is a web page (HTML, titled “Something went wrong”), not a WordPress export: "
            "the browser saved a page (an error or a login page, say) instead of the export.",
        ),
    ],
    ids=["zip", "gzip", "html"],
)
def test_a_file_that_is_something_else_is_named_for_what_it_is(tmp_path, make, said):
    path = make(tmp_path)

    _, error, status = run_command(path)

    assert status == 1
    assert error.startswith(f"{path} {said}")
    assert "attacks" not in error and "not well-formed" not in error


# --- What a site printed around the export --------------------------------------------------

PHP_WARNING = (
    "<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by "
    "(output started at /srv/site/wp-content/plugins/cache.php:12) in "
    "<b>/srv/site/wp-includes/pluggable.php</b> on line <b>1435</b><br />\n"
)


@pytest.mark.django_db
def test_a_php_warning_before_the_export_is_left_out_and_named(tmp_path):
    data = (PHP_WARNING + export_text(ARTICLE)).encode()

    report, error, status = run_command(write(tmp_path, data))

    assert imported_title() == TITLE
    assert (
        "  line 1, column 1: removed “Warning: Cannot modify header information - headers "
        "already sent by (output started at…”, a PHP message from the site, printed before "
        "the export."
    ) in report
    assert status == 3 and "<br>" not in error


@pytest.mark.django_db
def test_a_php_error_after_the_end_of_a_whole_export_leaves_it_imported_whole(tmp_path):
    text = export_text(ARTICLE, post(303, "<p>The last post.</p>", letter=False))
    lines = text.count("\n")  # the message is on the line after the last
    data = (text + "<b>Fatal error</b>: Allowed memory size exhausted in <b>x.php</b>\n").encode()

    report, error, status = run_command(write(tmp_path, data))

    assert Article.objects.count() == 2
    assert (
        f"  line {lines + 1}, column 1: left out “Fatal error: Allowed memory size exhausted "
        "in x.php”, a PHP message from the site, printed after the end of the export (</rss>)."
    ) in report
    assert status == 3 and "whatever came after it was not" not in error


@pytest.mark.django_db
def test_one_item_is_one_item(tmp_path):
    report, _, _ = run_command(write(tmp_path, export_text(ARTICLE).encode()))

    assert "(WXR 1.2): 1 item." in report
