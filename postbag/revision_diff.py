"""How two revisions of a text differ, for people: word-level diffs and one-line summaries.

The diff works on words (runs of non-space characters) and the spaces between them, so a
changed comma shows as one changed word, not as a changed line. Long unchanged stretches
are folded to their first and last few words ("… 240 unchanged words …"), so an edit in
the middle of a 900-word reply is found without scrolling.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.text import Truncator

TOKENS = re.compile(r"\s+|\S+")
# Words kept visible either side of a change; a longer unchanged stretch is folded.
CONTEXT_WORDS = 12


@dataclass(frozen=True)
class Segment:
    """A stretch of a diff: `kind` is "same", "del", "ins" or "fold" (then `text` is empty
    and `words` says how many unchanged words are hidden)."""

    kind: str
    text: str = ""
    words: int = 0


def word_count(text):
    """How many words `text` has (runs of non-space characters)."""
    return len(text.split())


def word_diff(old, new, *, context=CONTEXT_WORDS):
    """The Segments that turn `old` into `new` (strings), unchanged stretches longer than
    twice `context` words folded. Equal texts give one "same" segment (folded if long)."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    segments = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            segments.extend(_fold(before[i1:i2], context, keep_start=not first, keep_end=not last))
            continue
        if tag in {"delete", "replace"}:
            segments.append(Segment("del", "".join(before[i1:i2])))
        if tag in {"insert", "replace"}:
            segments.append(Segment("ins", "".join(after[j1:j2])))
    return segments


def _fold(tokens, context, *, keep_start, keep_end):
    """An unchanged run of `tokens` as Segments: all of it when short, else the `context`
    words next to the changes around it and a fold for the rest."""
    words = [i for i, token in enumerate(tokens) if not token.isspace()]
    shown = context * (int(keep_start) + int(keep_end))
    if len(words) <= max(shown, context) + 3:  # folding a handful of words hides nothing
        return [Segment("same", "".join(tokens))]
    head = words[context] if keep_start else 0
    tail = words[-context] if keep_end else len(tokens)
    folded = [Segment("fold", words=len(words) - shown)]
    start = [Segment("same", "".join(tokens[:head]))] if keep_start else []
    end = [Segment("same", "".join(tokens[tail:]))] if keep_end else []
    return start + folded + end


def change_summary(older, newer, labels, *, long_keys):
    """What changed from the text `older` to `newer` ({key: text}; `older` None for the
    first revision) in one line: "reply +120 words, title changed".

    `labels`: {key: the field in words}. Fields in `long_keys` (letter and reply bodies)
    count words gained or lost ("edited" when the count is the same); others say "changed".
    """
    if older is None:
        return "First revision"
    changes = []
    for key, label in labels.items():
        if older.get(key, "") == newer.get(key, ""):
            continue
        if key not in long_keys:
            changes.append(f"{label} changed")
            continue
        gained = word_count(newer.get(key, "")) - word_count(older.get(key, ""))
        if gained == 0:
            changes.append(f"{label} edited")
        else:
            sign = "+" if gained > 0 else "−"
            changes.append(f"{label} {sign}{abs(gained)} word{'s' if abs(gained) != 1 else ''}")
    return ", ".join(changes) or "The same text as the revision before"


def field_diffs(older, newer, labels, *, long_keys):
    """For a comparison page: one dict per field, in `labels`' order, with its `label`,
    whether it `changed`, its word-level `segments` and a short `text` of unchanged short
    fields (so a title that stayed is still shown)."""
    rows = []
    for key, label in labels.items():
        old, new = older.get(key, ""), newer.get(key, "")
        rows.append(
            {
                "label": label,
                "changed": old != new,
                "segments": word_diff(old, new) if old != new else [],
                "text": Truncator(new).words(30) if key not in long_keys else "",
            }
        )
    return rows
