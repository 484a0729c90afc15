#!/usr/bin/env python3
"""Writes the CSV catalogue cases that are too long to type by hand (run from any folder)."""
from pathlib import Path

here = Path(__file__).resolve().parent

# A stray text deep in a numeric column: line 9874 holds "n/a?" in column rx_volume.
rows = ["hcp_id,rx_volume,region"] + [f"H{i},{i * 1.5},north" for i in range(1, 10000)]
rows[9873] = "H9873,n/a?,north"
(here / "malformed" / "stray_text_in_numbers.csv").write_text("\n".join(rows) + "\n")

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
