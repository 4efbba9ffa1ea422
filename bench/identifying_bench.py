"""How well postbag.identifying finds identifying details, and what it costs.

    .venv/bin/python bench/identifying_bench.py

1. Cost: the word lists' load time and the growth of this process's resident memory (RSS,
   from /proc/self/status) when they are first loaded.
2. Recall per kind: each demo letter (demo/content/letters, demo/content/inbox) with a
   paragraph of invented details appended (bench/data/identifying/added.json, annotated
   with the expected findings as [kind, text]). A detail is found when a finding of the
   same kind overlaps it.
3. False alarms per 1,000 words on the unmodified demo texts: titles, edited letters (the
   text as received for inbox letters, which have no edit yet), sign-offs and replies. A
   finding is a false alarm unless bench/data/identifying/demo_genuine.json lists it as a
   real detail of that file (a name, place or age the demo letters do contain).
"""

import json
import os
import re
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "identifying"
DEMO = ROOT / "demo" / "content"
SECTION = re.compile(r"^# (.+)$", re.MULTILINE)


def demo_texts(path):
    """{label: text} for one demo letter file: title, letter (edited, else as received),
    sign-off, reply, reply's sign-off, as readers would see them."""
    _, front, body = path.read_text(encoding="utf-8").split("+++", 2)
    meta = tomllib.loads(front)
    parts = SECTION.split(body)
    sections = {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    # Inbox letters have no sections yet: the file's text is the letter as received.
    letter = sections.get("For publication") or sections.get("As received") or body.strip()
    return {
        "title": meta.get("title", ""),
        "letter": letter,
        "sign-off": meta.get("sign_off", ""),
        "reply": sections.get("Reply", ""),
        "reply sign-off": meta.get("reply_sign_off", ""),
    }


def words(text):
    return len(text.split())


def rss_mb():
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from postbag import identifying

    before, started = rss_mb(), time.perf_counter()
    sizes = [len(identifying.place_names()), len(identifying.first_names())]
    sizes.append(len(identifying.ordinary_words()))
    load_s, grown = time.perf_counter() - started, rss_mb() - before
    print(f"word lists: {sizes[0]} places, {sizes[1]} first names, {sizes[2]} ordinary words")
    print(f"first load: {load_s:.2f} s, resident memory +{grown:.1f} MB\n")

    added = json.loads((DATA / "added.json").read_text(encoding="utf-8"))["letters"]
    expected, found = Counter(), Counter()
    missed = []
    for entry in added:
        base = demo_texts(DEMO / entry["file"])["letter"]
        text = f"{base}\n\n{entry['text']}"
        offset = len(base) + 2
        findings = identifying.find_identifying_details(text)
        for kind, detail in entry["expected"]:
            start = offset + entry["text"].index(detail)
            end = start + len(detail)
            expected[kind] += 1
            if any(f.kind == kind and f.start < end and start < f.end for f in findings):
                found[kind] += 1
            else:
                missed.append((kind, detail))
    print(f"{'kind':<12}{'expected':>9}{'found':>7}{'recall':>8}")
    for kind in identifying.KINDS:
        if expected[kind]:
            print(
                f"{kind:<12}{expected[kind]:>9}{found[kind]:>7}{found[kind] / expected[kind]:>8.0%}"
            )
    total_e, total_f = sum(expected.values()), sum(found.values())
    print(f"{'all':<12}{total_e:>9}{total_f:>7}{total_f / total_e:>8.0%}")
    print("missed:", ", ".join(f"{detail} ({kind})" for kind, detail in missed) or "nothing")

    genuine = json.loads((DATA / "demo_genuine.json").read_text(encoding="utf-8"))["files"]
    total_words, alarms, real = 0, [], 0
    for path in sorted(DEMO.glob("letters/*.md")) + sorted(DEMO.glob("inbox/*.md")):
        name = str(path.relative_to(DEMO))
        allowed = {tuple(item) for item in genuine.get(name, [])}
        for label, text in demo_texts(path).items():
            total_words += words(text)
            for finding in identifying.find_identifying_details(text):
                if (finding.kind, finding.text) in allowed:
                    real += 1
                else:
                    alarms.append(f"{finding.text} ({finding.kind}, {name} {label})")
    rate = len(alarms) / total_words * 1000
    print(
        f"\nunmodified demo texts: {total_words} words, {real} real details found, "
        f"{len(alarms)} false alarms = {rate:.2f} per 1,000 words"
    )
    for alarm in alarms:
        print("  false alarm:", alarm)


if __name__ == "__main__":
    main()
