"""Images in the text: uploads stored at a few widths, figures with captions, and srcset
on readers' pages from the upload records only."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from articles.models import Article
from demo.loader import load_demo
from postbag.images import SIZES
from postbag.markdown import render_markdown, render_preview
from postbag.models import UploadedImage

pytestmark = pytest.mark.django_db

VARIANT = re.compile(r"^[0-9a-f]{32}-(\d+)w\.(jpg|png|gif|webp)$")


def photo(size, image_format="JPEG"):
    """A photo as a phone writes it, with the camera and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    image = Image.new("RGB", size, (90, 140, 200))
    image.paste((240, 200, 80), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue()


def upload(client, content, name="photo.jpg"):
    response = client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile(name, content, content_type="image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200, response.content
    return response.json()["url"]


def test_an_upload_is_stored_at_each_smaller_width_without_metadata(editor_client, media_root):
    url = upload(editor_client, photo((1600, 1000)))
    record = UploadedImage.objects.get()
    assert url == f"/media/{record.name}"
    assert (record.width, record.height, record.widths) == (1600, 1000, [480, 800, 1200])

    folder = Path(media_root) / "uploads"
    stem = Path(record.name).stem
    variants = sorted(p.name for p in folder.iterdir() if p.name != Path(record.name).name)
    assert variants == [f"{stem}-1200w.jpg", f"{stem}-480w.jpg", f"{stem}-800w.jpg"]
    for name in variants:
        width = int(VARIANT.match(name).group(1))
        data = (folder / name).read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data
        with Image.open(folder / name) as stored:
            assert stored.format == "JPEG"
            assert stored.size == (width, round(1000 * width / 1600))
            assert not stored.getexif()
            # Still the picture: yellow on the left, blue on the right.
            assert stored.convert("RGB").getpixel((5, 5))[0] > 200
            assert stored.convert("RGB").getpixel((width - 5, 5))[2] > 150


def test_widths_are_never_enlarged(editor_client, media_root):
    upload(editor_client, photo((900, 600), "PNG"), name="wide.png")
    upload(editor_client, photo((480, 300), "PNG"), name="exactly.png")
    upload(editor_client, photo((300, 200), "PNG"), name="small.png")
    widths = dict(UploadedImage.objects.values_list("width", "widths"))
    assert widths == {900: [480, 800], 480: [], 300: []}
    names = sorted(p.name for p in (Path(media_root) / "uploads").iterdir())
    assert len(names) == 5  # three images, two smaller widths
    assert all(name.endswith(".png") for name in names)


def test_a_refused_file_records_nothing(editor_client, media_root):
    response = editor_client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile("a.png", b"<svg></svg>", content_type="image/png")},
    )
    assert response.status_code == 400
    assert "not a JPEG, PNG, GIF or WebP" in response.json()["image"][0]
    assert not UploadedImage.objects.exists()


def recorded(name="0123456789abcdef0123456789abcdef.jpg", widths=(480, 800)):
    return UploadedImage.objects.create(
        name=f"uploads/{name}", width=1000, height=600, widths=list(widths)
    )


def img_tag(html, src):
    return re.search(rf'<img src="{re.escape(src)}"[^>]*>', str(html)).group()


def test_a_recorded_upload_gets_srcset_sizes_and_its_size():
    image = recorded()
    html = render_markdown(f"Before\n\n![Tea for one](/media/{image.name})\n\nAfter")
    tag = img_tag(html, "/media/uploads/0123456789abcdef0123456789abcdef.jpg")
    stem = "/media/uploads/0123456789abcdef0123456789abcdef"
    assert f'srcset="{stem}-480w.jpg 480w, {stem}-800w.jpg 800w, {stem}.jpg 1000w"' in tag
    assert f'sizes="{SIZES}"' in tag
    assert 'width="1000" height="600"' in tag
    assert 'loading="lazy" decoding="async"' in tag
    assert 'alt="Tea for one"' in tag


def test_an_upload_without_smaller_widths_gets_its_size_but_no_srcset():
    image = recorded(widths=())
    tag = img_tag(render_markdown(f"![Tiny](/media/{image.name})"), f"/media/{image.name}")
    assert 'width="1000" height="600"' in tag and "srcset" not in tag


def test_only_recorded_uploads_get_srcset():
    text = (
        "![Not recorded](/media/uploads/ffffffffffffffffffffffffffffffff.jpg)\n\n"
        "![Elsewhere](https://images.example.org/uploads/0123456789abcdef0123456789abcdef.jpg)"
        "\n\n![A width of one](/media/uploads/0123456789abcdef0123456789abcdef-480w.jpg)"
    )
    recorded()
    html = str(render_markdown(text))
    assert "srcset" not in html and "loading" not in html and "width=" not in html


def test_a_srcset_written_in_the_text_is_removed():
    image = recorded()
    text = (
        '<img src="/elsewhere.png" srcset="https://evil.example/x.png 2x" sizes="1px" alt="a">'
        f'\n\n<img src="/media/{image.name}" srcset="https://evil.example/y.png 480w" '
        'width="1" height="1" alt="b">'
    )
    html = str(render_markdown(text))
    assert "evil.example" not in html and 'sizes="1px"' not in html
    tag = img_tag(html, f"/media/{image.name}")
    assert 'width="1000" height="600"' in tag and 'width="1"' not in tag
    assert tag.count("srcset=") == 1


def test_the_sizes_come_from_the_database_on_each_render():
    # The text's HTML is memoised; the record's part is not: it shows as soon as the
    # record exists, and goes when it is deleted.
    text = "![Late](/media/uploads/0123456789abcdef0123456789abcdef.jpg)"
    assert "srcset" not in str(render_markdown(text))
    image = recorded()
    assert "srcset" in str(render_markdown(text))
    image.delete()
    assert "srcset" not in str(render_markdown(text))


def test_one_query_for_a_text_with_several_uploads_none_without(django_assert_num_queries):
    images = [recorded(name=f"{n:032x}.png") for n in range(3)]
    text = "\n\n".join(f"![Picture {n}](/media/{image.name})" for n, image in enumerate(images))
    with django_assert_num_queries(1):
        html = str(render_markdown(text))
    assert html.count("srcset=") == 3
    with django_assert_num_queries(1):
        assert str(render_preview(text)).count("srcset=") == 3
    with django_assert_num_queries(0):
        render_markdown("Just words, and ![a picture from elsewhere](https://example.org/a.png)")


def test_an_image_alone_with_a_title_is_a_figure_with_its_caption():
    html = str(render_markdown('Words.\n\n![A mug of tea](/a.png "Tea, *still warm*")\n\nMore.'))
    assert (
        '<figure><img src="/a.png" alt="A mug of tea">'
        "<figcaption>Tea, <em>still warm</em></figcaption></figure>"
    ) in html
    assert "<p><figure" not in html and "title=" not in html


def test_a_caption_with_quotes_brackets_and_a_script_stays_text():
    text = r'![A \[bracketed\] cup](/a.png "She said \"stay\" [then] <script>alert(1)</script>")'
    html = str(render_markdown(text))
    assert 'alt="A [bracketed] cup"' in html
    caption = re.search(r"<figcaption>(.*)</figcaption>", html).group(1)
    assert caption == "She said \u201cstay\u201d [then] &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script" not in html


def test_an_image_without_a_title_or_among_words_is_no_figure():
    html = str(render_markdown('![Alone](/a.png)\n\nWords and ![inline](/b.png "a title").'))
    assert "<figure" not in html
    assert '<p><img src="/a.png" alt="Alone"></p>' in html
    assert 'title="a title"' in html


def test_the_demo_article_shows_its_drawing_as_a_figure_with_widths(client):
    load_demo()
    article = Article.objects.get(slug="starting-over-your-own-company")
    image = UploadedImage.objects.get()
    assert f"](/media/{image.name} " in article.body
    assert (image.width, image.widths) == (1600, [480, 800, 1200])
    page = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r"<figure>.*?</figure>", page, re.S).group()
    assert (
        "<figcaption>A table for one can still be a table worth sitting at.</figcaption>" in figure
    )
    assert "-480w.jpg 480w" in figure

    # A reset writes the article again and keeps using the same upload.
    load_demo(reset=True)
    assert UploadedImage.objects.count() == 1
    assert Article.objects.get(pk=article.pk).body == article.body
