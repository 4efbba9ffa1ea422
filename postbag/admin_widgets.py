"""The editors' form widgets: a Markdown editor that counts its words, and a checkbox list
of a one-level tree (themes under their sections) with a filter box and suggestions first.

Both name no content model: advice and articles give them their querysets and suggestions.
Their script (static/js/editor-layout.js, static/js/checkbox-filter.js) only adds: without
it the count is the one of page load and the whole list is there to tick.
"""

from collections import defaultdict

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from markdownx.widgets import AdminMarkdownxWidget

from postbag.words import count_words, words_phrase

EDITOR_CSS = ["css/admin-editor.css"]


class CountedMarkdownxWidget(AdminMarkdownxWidget):
    """markdownx's editor and live preview (side by side at ≥ 1200 px, admin-editor.css)
    with "412 words" under them, counted by postbag.words on the server and live by
    editor-layout.js as the editor types. `preview_class` styles the preview as the public
    page shows that text (e.g. "preview-letter": the reader's words, in sans)."""

    template_name = "postbag/widgets/counted_markdownx.html"

    def __init__(self, attrs=None, *, preview_class=""):
        super().__init__(attrs)
        self.preview_class = preview_class

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {})}
        if attrs.get("id"):
            attrs["aria-describedby"] = f"{attrs['id']}_words"
        context = super().get_context(name, value, attrs)
        context["widget"]["words"] = words_phrase(count_words(value))
        context["widget"]["preview_class"] = self.preview_class
        return context

    class Media:
        css = {"all": EDITOR_CSS}
        js = ["js/editor-layout.js"]


class SectionedCheckboxes(forms.CheckboxSelectMultiple):
    """One checkbox per object of a tree one level deep (an object's `parent_id` names its
    section, itself one of the choices): a group per section (the section first, then its
    members, by label), then the objects in no section under `others_label`. The pks in
    `suggested` that aren't ticked come first, in a group of their own, each marked
    "suggested", so that one click takes one. Above it all a filter box (shown by
    checkbox-filter.js; without script the list is simply all there).

    Rendering costs the field's one query: the sections' names come from the same rows."""

    template_name = "postbag/widgets/sectioned_checkboxes.html"
    option_template_name = "postbag/widgets/sectioned_checkbox_option.html"

    def __init__(
        self,
        attrs=None,
        *,
        others_label="Other themes",
        suggested_label="Suggested",
        filter_label="Filter the list",
    ):
        super().__init__(attrs)
        self.others_label = others_label
        self.suggested_label = suggested_label
        self.filter_label = filter_label
        self.suggested = set()

    def optgroups(self, name, value, attrs=None):
        ticked = {str(v) for v in value}
        rows = [(choice, label) for choice, label in self.choices if choice != ""]
        members = defaultdict(list)
        for choice, label in rows:
            members[choice.instance.parent_id].append((choice, label))
        labels = {choice.value: label for choice, label in rows}
        first = [
            (choice, label, "suggested")
            for choice, label in rows
            if choice.value in self.suggested and str(choice.value) not in ticked
        ]
        offered = {choice.value for choice, _, _ in first}
        groups = [(self.suggested_label, first)] if first else []
        for section, label in sorted(members[None], key=lambda row: str(row[1]).casefold()):
            if section.value in members:
                group = [(section, label, "the whole section")]
                group += [(choice, label, "") for choice, label in members[section.value]]
                groups.append((labels[section.value], group))
        others = [(c, label, "") for c, label in members[None] if c.value not in members]
        if others:
            groups.append((self.others_label, others))
        made, index = [], 0
        for group_name, group in groups:
            options = []
            for choice, label, note in group:
                if choice.value in offered and note != "suggested":
                    continue
                option = self.create_option(
                    name, choice, label, str(choice.value) in ticked, index, attrs=attrs
                )
                option["note"] = note
                options.append(option)
                index += 1
            if options:
                made.append((group_name, options, len(made)))
        return made

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = self.filter_label
        return context

    class Media:
        css = {"all": EDITOR_CSS}
        js = ["js/checkbox-filter.js"]


def suggest(field, pks):
    """Offer the objects with `pks` first in `field`'s SectionedCheckboxes (also when the
    admin has wrapped it with its "add another" link)."""
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    widget.suggested = set(pks)


class SectionedThemesAdmin:
    """A ModelAdmin mixin: the many-to-many fields named in `sectioned_fields` are picked
    with SectionedCheckboxes (their model has a `parent` one level deep), in place of
    Django's two-box filter_horizontal."""

    sectioned_fields = ["themes"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.sectioned_fields:
            kwargs["widget"] = SectionedCheckboxes(filter_label="Filter the themes")
        return super().formfield_for_manytomany(db_field, request, **kwargs)
