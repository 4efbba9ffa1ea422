"""The editors' admin: every page loads for an editor, and letters keep their original."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from tests import factories
from tests.support import change_form_data

pytestmark = pytest.mark.django_db


def test_editor_is_not_a_superuser_but_can_use_every_content_page(editor_client, editor):
    assert not editor.is_superuser
    theme = factories.theme()
    letter = factories.letter(themes=[theme])
    article = factories.article(themes=[theme], series=factories.series(), series_part=1)
    for model, obj in [
        ("advice_theme", theme),
        ("advice_letter", letter),
        ("articles_article", article),
        ("articles_series", article.series),
    ]:
        for url in [
            reverse(f"admin:{model}_changelist"),
            reverse(f"admin:{model}_add"),
            reverse(f"admin:{model}_change", args=[obj.pk]),
        ]:
            assert editor_client.get(url).status_code == 200, url


def test_editors_cannot_manage_accounts(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_letter_page_shows_the_original_read_only_and_markdown_editors_for_markdown(
    editor_client,
):
    letter = factories.letter(
        original_text="Dear Elizabeth, as I wrote it, with my sister's name in it."
    )
    html = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk])).content
    html = html.decode()
    assert "with my sister&#x27;s name in it." in html
    assert 'name="original_text"' not in html  # shown, not editable
    assert 'name="body"' in html and 'name="reply-0-body"' in html
    markdown_fields = re.findall(r'<textarea name="([^"]+)"[^>]*markdownx-editor', html)
    assert set(markdown_fields) == {"body", "reply-0-body", "reply-__prefix__-body"}


def test_edited_copy_starts_as_the_original():
    letter = Letter.objects.create(original_text="Dear Elizabeth, help.", original_sign_off="Me")
    assert letter.body == "Dear Elizabeth, help."
    assert letter.sign_off == "Me"


def test_a_letter_cannot_be_published_without_a_title_or_reply(editor_client):
    letter = Letter.objects.create(original_text="Dear Elizabeth, I am lonely in a new town.")
    url = reverse("admin:advice_letter_change", args=[letter.pk])

    response = editor_client.post(
        url, change_form_data(letter, status="published", body="Edited: lonely in a new town.")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A letter needs a title before it is published." in html
    assert "Edited: lonely in a new town." in html  # the editor's work is kept

    response = editor_client.post(
        url, change_form_data(letter, status="published", title="Lonely in a new town")
    )
    assert "A letter cannot be published without a reply." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.NEW


def test_editor_publishes_a_letter_with_a_reply(editor_client, client):
    letter = Letter.objects.create(original_text="Dear Elizabeth, I am lonely in a new town.")
    response = editor_client.post(
        reverse("admin:advice_letter_change", args=[letter.pk]),
        change_form_data(
            letter,
            status="published",
            title="Lonely in a new town",
            **{"reply-0-body": "Say yes to **every** invitation for a month."},
        ),
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.is_published and letter.slug == "lonely-in-a-new-town"
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "<strong>every</strong>" in page


def test_admin_lists_show_whether_each_item_is_public(editor_client):
    factories.article(title="Live piece")
    factories.article(title="Draft piece", status=Article.Status.DRAFT)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Public now" in html
    assert 'alt="True"' in html and 'alt="False"' in html


def test_every_action_with_an_unreadable_selection_answers_the_list_with_a_message(
    admin_client, admin_user, rf
):
    request = rf.get("/")
    request.user = admin_user
    checked = []
    for model, model_admin in admin.site._registry.items():
        actions = model_admin.get_actions(request)
        if not actions:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for selected in ("abc", "99999999999999999999999"):
            data = {"action": next(iter(actions)), "_selected_action": selected, "index": "0"}
            response = admin_client.post(changelist, data, follow=True)
            assert response.status_code == 200, (model, selected)
            assert "The selection could not be read" in response.content.decode(), model
        checked.append(model._meta.label)
    assert {"advice.Letter", "postbag.UploadedImage"} <= set(checked)


def test_admin_pages_name_the_site_icon_and_spell_the_sidebar_right(admin_client):
    for url in [reverse("admin:index"), reverse("admin:advice_letter_changelist")]:
        page = admin_client.get(url).content.decode()
        # Without one the browser asks for /favicon.ico, a 404 on every admin page.
        assert re.search(r'<link rel="icon" href="/static/icons/favicon[^"]*"', page), url
        assert "Old WordPress addresses" in page and "addresss" not in page
