from django.utils.text import slugify


def unique_slug(instance, text, *, field="slug"):
    """A slug made from `text` that no other row of the instance's model uses yet."""
    max_length = instance._meta.get_field(field).max_length
    base = (slugify(text)[:max_length].strip("-")) or "untitled"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, suffix = base, 2
    while others.filter(**{field: slug}).exists():
        tail = f"-{suffix}"
        slug = base[: max_length - len(tail)].rstrip("-") + tail
        suffix += 1
    return slug
