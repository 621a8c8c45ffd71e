"""By hand: how long the matcher takes to build for many people and to read megabytes.

python bench/matching_bench.py [people] [megabytes]
"""

import datetime as dt
import sys
import time

from trellis.privacy.keys import Person
from trellis.privacy.matching import Matcher
from trellis.privacy.passages import Passages
from trellis.privacy.redaction import redact_html

people_count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 4
people = [
    Person(
        name=f"Given{n} Family{n}",
        id=f"given{n}-family{n}",
        emails=(f"p{n}@example.com",),
        phones=(f"+44 20 7{n % 1000:03d} {n % 10000:04d}",),
        links=(f"https://linkedin.com/in/p-{n}",),
        birthday=dt.date(1980 + n % 30, 1 + n % 12, 1 + n % 28),
        label=f"a developer in sector {n % 7}",
    )
    for n in range(people_count)
]
t = time.perf_counter()
matcher = Matcher(people)
print(f"build {people_count} people: {time.perf_counter() - t:.2f}s")
notes = [
    (f"Talked with them about the platform team number {n} and the hiring plans for next year in Berlin", "notes")
    for n in range(people_count)
]
t = time.perf_counter()
passages = Passages(notes)
print(f"build passages of {people_count} notes: {time.perf_counter() - t:.2f}s")
para = "<p>Lunch with Given42 Family42 at the café — we talked about Ürban plans, call 020 7042 0042.</p>\n"
ascii_page = para * int(megabytes * 1e6 / len(para))
words = "Ordinary words, Résumé naïve café, nothing private here at all 2026-11-20. "
plain = words * int(megabytes * 1e6 / len(words))
for label, text in (("html page", ascii_page), ("text", plain)):
    t = time.perf_counter()
    found = matcher.scan(text)
    print(f"scan {len(text) / 1e6:.1f} MB {label}: {time.perf_counter() - t:.2f}s, {len(found)} matches")
t = time.perf_counter()
passages.scan(ascii_page)
print(f"passages scan {len(ascii_page) / 1e6:.1f} MB: {time.perf_counter() - t:.2f}s")
t = time.perf_counter()
redact_html(ascii_page, matcher)
print(f"redact_html {len(ascii_page) / 1e6:.1f} MB: {time.perf_counter() - t:.2f}s")
