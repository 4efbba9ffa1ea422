"""Create-or-update by a natural key, saving only what differs: the content apps' upserts.

`advice.services.upsert_letter`, `upsert_theme` and `articles.services.upsert_article`
are built on these, so that every caller (the WordPress import, the demo loader) gets the
same rules: validated with `full_clean()`, a row saved only when a value differs (so an
unchanged row keeps its `updated_at`), and one word for what happened.
"""

from collections.abc import Iterable, Mapping

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def upsert(model, *, match, fields, create_fields=None):
    """Find the row of `model` that `match` names, or make one; set `fields` on it.

    `match` is a natural key as field lookups (`{"slug": "…"}`, `{"wordpress_id": 7}`,
    `{"pk": 3}`); a new row takes its plain field values (lookups without "__") too, as
    Django's `update_or_create` does. `create_fields` are set on a new row only (a date
    that must not move when the same data is loaded again), before `fields`. Returns
    (instance, outcome), the outcome CREATED, UPDATED or UNCHANGED. Raises
    ValidationError from `full_clean()`, and MultipleObjectsReturned when `match` names
    more than one row. The caller provides the transaction.
    """
    try:
        instance = model._default_manager.get(**match)
    except model.DoesNotExist:
        known = {name: value for name, value in match.items() if "__" not in name}
        instance = model(**known, **(create_fields or {}))
    created = instance.pk is None
    changed = assign(instance, fields)
    if created or changed:
        instance.full_clean()
        instance.save()
    return instance, outcome(created=created, changed=changed)


def assign(instance, values: Mapping) -> bool:
    """Set each of `values` that differs from the instance's; whether any did."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed)


def set_related(manager, items: Iterable) -> bool:
    """Make a many-to-many relation hold exactly `items`, if it doesn't; whether it changed."""
    items = list(items)
    if set(manager.values_list("pk", flat=True)) == {item.pk for item in items}:
        return False
    manager.set(items)
    return True


def outcome(*, created, changed) -> str:
    """The one word for what happened to a row: CREATED, UPDATED or UNCHANGED."""
    if created:
        return CREATED
    return UPDATED if changed else UNCHANGED
