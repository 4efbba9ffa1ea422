"""One row per mailbox: domains IDNA-encoded and lower-cased (newsletter.addresses), the
duplicates this reveals merged; and two new columns, `chose_themes` and `refusals`.

Of the rows that turn out to be one mailbox, the one kept is the confirmed one (the
earliest confirmed, if several), else the oldest: a confirmed reader keeps their themes and
their place, and nobody is asked to confirm again. The function is copied here, not
imported, so that this migration does what it did even if the app's code changes.
"""

from collections import defaultdict

from django.db import migrations, models


def normalize_email(email):
    local, _, domain = email.strip().rpartition("@")
    domain = domain.strip().rstrip(".")
    if not domain.startswith("["):
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            pass  # left as it was: such an address was never mailable anyway
    return f"{local}@{domain.lower()}"


def normalise_addresses(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    chose = Subscriber.objects.filter(themes__isnull=False).values("pk")
    Subscriber.objects.filter(pk__in=chose).update(chose_themes=True)
    mailboxes = defaultdict(list)
    rows = Subscriber.objects.order_by("pk").only("email", "created_at", "confirmed_at")
    for row in rows.iterator():
        email = normalize_email(row.email)
        mailboxes[email.lower()].append((row, email))
    renames = []
    for pairs in mailboxes.values():
        pairs.sort(
            key=lambda pair: (
                pair[0].confirmed_at is None,
                pair[0].confirmed_at or pair[0].created_at,
                pair[0].pk,
            )
        )
        (kept, email), duplicates = pairs[0], pairs[1:]
        if duplicates:
            Subscriber.objects.filter(pk__in=[row.pk for row, _ in duplicates]).delete()
        if kept.email != email:
            renames.append((kept.pk, email))
    for pk, email in renames:  # after every duplicate is gone: no clash on the way
        Subscriber.objects.filter(pk=pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_editors_see_subscribers"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="chose_themes",
            field=models.BooleanField(default=False, editable=False, verbose_name="chose themes"),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="refusals",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(normalise_addresses, migrations.RunPython.noop),
    ]
