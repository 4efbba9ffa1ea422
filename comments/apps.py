from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Readers' comments under letters and articles, moderated by the editors."""

    name = "comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from comments.models import Comment

        post_save.connect(comment_changed, sender=Comment, dispatch_uid="comments-version-save")
        post_delete.connect(comment_changed, sender=Comment, dispatch_uid="comments-version-del")


def comment_changed(sender, instance, created=False, **kwargs):
    """Refresh every cached page when a comment readers can see, or could see, changes.

    Only what was shown or is shown now counts (`was_shown`: as read from the database,
    comments.models): approving a comment, or rejecting, editing or deleting an approved
    one, bumps the content version (postbag.versioning), and so does the column's reply,
    approved from the start. A comment nobody saw arriving, being edited, rejected or
    deleted by its writer leaves every cached page alone.
    """
    from postbag.versioning import bump_content_version

    shown = instance.status == instance.Status.APPROVED
    # A comment not read from the database (and not new) may have been shown: refresh.
    was_shown = getattr(instance, "was_shown", not created)
    instance.was_shown = shown
    if shown or was_shown:
        bump_content_version()
