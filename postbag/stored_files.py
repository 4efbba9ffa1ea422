"""Uploaded files that leave with their row's change: a file an editor replaced or
cleared (a recording, the About page's portrait) is deleted from storage, not left
public under media/ for anyone who kept its address."""

from django.db import transaction


def delete_when_committed(storage, name):
    """Delete the file `name` from `storage` once the current transaction commits (at once
    outside one): a rolled-back change keeps it. Nothing for an empty name; a file already
    gone is no error (Django's storages ignore it)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


class DeletesReplacedFiles:
    """For a ModelForm: the files named in `replaced_file_fields` (file fields of its model)
    that a save replaces or clears are deleted once the save is committed
    (`delete_when_committed`). Put it before forms.ModelForm in the bases."""

    replaced_file_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_files = {name: getattr(self.instance, name).name or "" for name in
                              self.replaced_file_fields}  # fmt: skip

    def save(self, commit=True):
        saved = super().save(commit=commit)
        for field, old in self._stored_files.items():
            kept = getattr(self.instance, field)
            if old and kept.name != old:
                delete_when_committed(kept.storage, old)
        return saved
