#!/usr/bin/env python3
"""Writes the valid CSV reader cases that are too long to type by hand (run from any folder)."""
from pathlib import Path

here = Path(__file__).resolve().parent

# The malformed cases live in the bad-input catalogue (../bad-input/make_bad_input.py).

# A column that starts numeric and turns into text after 300 rows (more than 1% text: categorical).
rows = ["id,code,amount"] + [f"{i},{i % 7},{i * 0.25}" for i in range(1, 301)]
rows += [f"{i},K{i % 5},{i * 0.25}" for i in range(301, 401)]
(here / "valid" / "numbers_then_text.csv").write_text("\n".join(rows) + "\n")

# Free text (long, spaced, mostly distinct) must be detected and withheld.
words = "patient asked about dosing schedule and side effects during follow up visit".split()
rows = ["id,note,visits"]
for i in range(1, 1501):
    note = " ".join(words[(i + k) % len(words)] for k in range(6)) + f" case {i}"
    rows.append(f'{i},"{note}",{i % 9}')
(here / "valid" / "free_text.csv").write_text("\n".join(rows) + "\n")
