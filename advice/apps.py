from django.apps import AppConfig


class AdviceConfig(AppConfig):
    """Themes, letters and replies: the column's core vocabulary."""

    name = "advice"

    def ready(self):
        from advice.letter_updates import LetterUpdate
        from advice.models import Columnist, ColumnistProfile, Letter, PostbagStatus, Reply, Theme
        from postbag.redirects import follow_addresses
        from postbag.revisions import register_text
        from postbag.versioning import watch_content

        watch_content(Theme, Letter, Reply, ColumnistProfile, PostbagStatus)
        watch_content(LetterUpdate)  # published updates show under letters and in feeds
        watch_content(Columnist)  # its byline and credit show on its letters
        follow_addresses(Theme, Letter)
        # The edited copy and the reply, never the letter as received (it never changes).
        # Deleting a letter deletes its revisions; private: its name leaves the admin's log.
        register_text(
            Letter,
            fields=["title", "body", "sign_off"],
            parts={"reply": ["body", "columnist_name", "sign_off"]},
            private=True,
        )
