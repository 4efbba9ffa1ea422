"""Template filters for recordings (postbag/recordings.py): `{% load recordings %}`."""

from django import template

from postbag import recordings

register = template.Library()


@register.filter
def listening_time(seconds):
    """12 → "12 sec"; 725 → "12 min"."""
    return recordings.listening_time(seconds)


@register.filter
def iso_duration(seconds):
    """725 → "PT12M5S", for <time datetime> and schema.org."""
    return recordings.iso_duration(seconds)


@register.filter
def recording_type(field_file):
    """A stored recording's content type ("audio/mpeg"), from its name."""
    return recordings.content_type(getattr(field_file, "name", ""))


@register.filter
def recording_format(field_file):
    """A stored recording's format, as readers know it ("MP3")."""
    return recordings.format_name(getattr(field_file, "name", ""))


@register.filter
def recording_extension(field_file):
    """A stored recording's extension without the dot ("mp3"), for the download's name."""
    return getattr(field_file, "name", "").rpartition(".")[2].lower()
