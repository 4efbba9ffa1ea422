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
    """Refresh every cached page when a comment readers can see (or could see) changes.

    A newly held comment shows nowhere, so the stream of arriving comments leaves the page
    cache alone; approving, rejecting, editing or deleting one bumps the content version
    (postbag.versioning), and so does the column's reply, which is approved from the start.
    """
    from postbag.versioning import bump_content_version

    if created and instance.status != instance.Status.APPROVED:
        return
    bump_content_version()
