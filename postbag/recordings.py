"""Recordings of letters and articles: what an editor may upload, and how it is described.

An upload is accepted only as one of the formats every podcast app and browser plays, told
from the file's own bytes (never the name or the content type the browser sends, which come
from the name and which anyone can choose): MP3 (MPEG-1/2 Layer III), M4A (AAC or Apple
Lossless in an MP4 container, with no video track) and Ogg (Vorbis or Opus, one stream).
mutagen (https://mutagen.readthedocs.io/) parses the file and gives its duration. The file
is stored under a random name whose extension comes from the format found, so that the web
server's type for it (deploy/nginx/postbag.conf) is always the right one.

Anything else is refused with a message that says what to do: a text file named .mp3, a
WAV, a video, a damaged or empty file, or one over RECORDING_MAX_MB.
"""

import logging
import posixpath
import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4, Atoms
from mutagen.ogg import OggPage
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from postbag.stored_files import DeletesReplacedFiles

logger = logging.getLogger(__name__)

# The stored file's extension → its content type (RFC 3003, RFC 4337, RFC 5334) and the
# name readers see next to the download link.
FORMATS = {
    "mp3": ("audio/mpeg", "MP3"),
    "m4a": ("audio/mp4", "M4A"),
    "ogg": ("audio/ogg", "Ogg Vorbis"),
    "opus": ("audio/ogg", "Ogg Opus"),
}

ACCEPT = "audio/mpeg,audio/mp4,audio/ogg,.mp3,.m4a,.ogg,.opus"
NOT_AUDIO = (
    "This file is not an MP3, M4A (AAC or Apple Lossless) or Ogg (Vorbis or Opus) recording. "
    "Export the recording in one of those formats and upload it again."
)
VIDEO = (
    "This file holds a video, or more than one stream, not a recording alone. Export the "
    "sound by itself as MP3, M4A or Ogg and upload it again."
)
DAMAGED = "This recording could not be read: the file is damaged or incomplete."
SILENT = "This recording has no length: the file holds no sound."
EMPTY = "This file is empty: choose a recording to upload."


@dataclass(frozen=True)
class Recording:
    """What an upload was found to be: `extension` (a key of FORMATS), `seconds` (its
    duration, rounded to a whole second, at least 1) and `size` (bytes)."""

    extension: str
    seconds: int
    size: int

    @property
    def content_type(self):
        return FORMATS[self.extension][0]


def identify_recording(file):
    """Find out what the binary file object `file` (an UploadedFile, or any file opened for
    reading) holds, from its bytes alone.

    Returns a Recording. Raises ValidationError with a message for the editor when it is not
    one of the FORMATS, holds a video or several streams, is damaged, or has no length.
    """
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if not head:
        raise ValidationError(EMPTY)
    try:
        if head[4:8] == b"ftyp":
            extension, length = "m4a", _mp4_length(file)
        elif head.startswith(b"OggS"):
            extension, length = _ogg_length(file)
        elif head.startswith(b"ID3") or _is_frame_sync(head):
            extension, length = "mp3", _mp3_length(file)
        else:
            raise ValidationError(NOT_AUDIO)
    except ValidationError:
        raise
    except Exception as error:
        # mutagen reports a damaged file with its own errors, and struct, EOF or value
        # errors from deeper down: each means this file can't be used.
        logger.info("Recording refused: %s: %s", type(error).__name__, error)
        raise ValidationError(DAMAGED) from None
    finally:
        file.seek(0)
    if not length or length <= 0:
        raise ValidationError(SILENT)
    return Recording(extension=extension, seconds=max(1, round(length)), size=size)


def _is_frame_sync(head):
    """An MPEG audio frame starts here: eleven set bits (ISO/IEC 11172-3 §2.4.2.3)."""
    return head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def _mp3_length(file):
    info = MP3(file).info
    # `sketchy`: mutagen found fewer than four frames in a row, as in random bytes that
    # happen to look like a frame header. Layers I and II are MPEG audio but not MP3.
    if info.sketchy or info.layer != 3:
        raise ValidationError(NOT_AUDIO)
    return info.length


def _mp4_length(file):
    atoms = Atoms(file)
    file.seek(0, 2)
    # A box that runs past the end of the file: an upload cut short (the sound, in "mdat",
    # is usually the last and the largest).
    if any(atom.offset + atom.length > file.tell() for atom in atoms.atoms):
        raise ValidationError(DAMAGED)
    handlers = []
    for track in atoms[b"moov"].findall(b"trak"):
        read, data = track[b"mdia", b"hdlr"].read(file)
        handlers.append(data[8:12] if read else b"")
    file.seek(0)
    if b"vide" in handlers:
        raise ValidationError(VIDEO)
    info = MP4(file).info
    # AAC is "mp4a.40.*" (RFC 6381 §3.3); Apple Lossless is "alac". Not AC-3, nor MP3 or
    # anything else an MP4 container can carry.
    if not (info.codec.startswith("mp4a.40.") or info.codec == "alac"):
        raise ValidationError(NOT_AUDIO)
    return info.length


def _ogg_length(file):
    # Every stream of an Ogg file starts with a "beginning of stream" page, all of them
    # before any other page (RFC 3533 §4): a second one means video (Theora) or more.
    page = OggPage(file)
    first_packet = page.packets[0] if page.packets else b""
    streams = 0
    while page.first:
        streams += 1
        page = OggPage(file)
    if streams != 1:
        raise ValidationError(VIDEO)
    file.seek(0)
    if first_packet.startswith(b"OpusHead"):  # RFC 7845 §5.1
        return "opus", OggOpus(file).info.length
    if first_packet.startswith(b"\x01vorbis"):  # Vorbis I specification §4.2.2
        return "ogg", OggVorbis(file).info.length
    raise ValidationError(NOT_AUDIO)


def recording_limit():
    """The largest recording an editor may upload, in bytes (RECORDING_MAX_MB mebibytes)."""
    return settings.RECORDING_MAX_MB * 1024 * 1024


class RecordingForm(DeletesReplacedFiles, forms.ModelForm):
    """The base form of a content admin whose model has `recording`, `recording_seconds`
    and `recording_bytes` (advice.Letter, articles.Article).

    A new upload is checked (`identify_recording`, the size cap), renamed to a random name
    with its format's extension, and its duration and size are set on the instance; clearing
    the recording clears them too. A refused upload is a message on the field; the admin shows
    the form again with everything else the editor typed. The recording a save replaced (or
    that was cleared) is deleted once the change is committed: a rolled-back save keeps it.
    """

    replaced_file_fields = ("recording",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("recording")
        if field is not None:
            field.help_text = (
                f"An MP3, M4A or Ogg recording of this piece, up to "
                f"{filesizeformat(recording_limit())}. Readers can play it and download it, "
                "and podcast apps get it from the podcast feed. The text on the page is its "
                "transcript: keep the two the same."
            )
            # A hint for the file picker only: the file's content decides (clean_recording).
            field.widget.attrs["accept"] = ACCEPT

    def clean_recording(self):
        upload = self.cleaned_data.get("recording")
        if upload is False:  # "Clear" ticked
            self.instance.recording_seconds = self.instance.recording_bytes = None
            return upload
        if not isinstance(upload, UploadedFile):  # no new file: the stored one stays
            return upload
        if upload.size > recording_limit():
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; recordings up to "
                f"{filesizeformat(recording_limit())} can be uploaded. Export it at a lower "
                "bit rate (64 kbit/s is plenty for a voice) and upload it again."
            )
        recording = identify_recording(upload.file)
        upload.name = stored_name(recording.extension)
        self.instance.recording_seconds = recording.seconds
        self.instance.recording_bytes = recording.size
        return upload


class RecordingAdminMixin:
    """For a content admin (LetterAdmin, ArticleAdmin): the checking form, and what was
    stored, with a player, as a read-only field. Put RECORDING_FIELDSET in the fieldsets and
    "recording_details" in readonly_fields."""

    form = RecordingForm

    @admin.display(description="as stored")
    def recording_details(self, piece):
        if not piece.recording:
            return "No recording."
        return format_html(
            '<audio controls preload="none" src="{}"></audio><br>{} · {} · {}',
            piece.recording.url,
            format_name(piece.recording.name),
            listening_time(piece.recording_seconds),
            filesizeformat(piece.recording_bytes or 0),
        )


RECORDING_FIELDSET = ("Recording", {"fields": ["recording", "recording_details"]})


def stored_name(extension):
    """A new random file name with `extension`, e.g. "5f0c…e1.mp3" (the field's upload_to
    puts it under "recordings/")."""
    return f"{uuid.uuid4().hex}.{extension}"


def content_type(name):
    """The content type of a stored recording, from its name ("recordings/….m4a" →
    "audio/mp4"); "" for a name without one of the FORMATS' extensions."""
    extension = posixpath.splitext(name or "")[1].lstrip(".").lower()
    return FORMATS.get(extension, ("", ""))[0]


def format_name(name):
    """The format's name for readers ("MP3", "M4A", "Ogg Opus"), from the stored name."""
    extension = posixpath.splitext(name or "")[1].lstrip(".").lower()
    return FORMATS.get(extension, ("", "audio"))[1]


def listening_time(seconds):
    """A duration as readers say it: "45 sec", "12 min", "1 hr 5 min" (minutes rounded)."""
    seconds = int(seconds or 0)
    if seconds < 60:
        return f"{seconds} sec"
    hours, minutes = divmod(round(seconds / 60), 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} hr {minutes} min" if minutes else f"{hours} hr"


def iso_duration(seconds):
    """A duration as HTML's <time datetime> and schema.org want it: "PT1H5M3S" (ISO 8601)."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    return "PT" + "".join(parts) + (f"{seconds}S" if seconds or not any(parts) else "")
