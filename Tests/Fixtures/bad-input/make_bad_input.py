#!/usr/bin/env python3
"""Writes the bad-input catalogue cases that are too long to type by hand (run from any folder).

Each file is one case; the tests (BadInput*Tests.swift in the test targets) state the exact
outcome of each, and README.md's data section lists them. The short cases are written by hand.
Deterministic: the same files on every run (random.Random with fixed seeds).
"""
import random
from pathlib import Path

here = Path(__file__).resolve().parent


def write(name, rows):
    (here / name).write_text("\n".join(rows) + "\n")


# A stray text deep in a numeric column: line 9874 holds "n/a?" in column rx_volume.
rows = ["hcp_id,rx_volume,region"] + [f"H{i},{i * 1.5},north" for i in range(1, 10000)]
rows[9873] = "H9873,n/a?,north"
write("stray_text_in_numbers.csv", rows)

# Thousands of category levels: every postcode is rare (under 1% of rows), while a practice is one
# of five large groups for most customers and one of a thousand small ones for the rest.
rng = random.Random(5)
rows = ["hcp_id,postcode,practice,visits"]
for i in range(1, 5001):
    practice = f"P{rng.randrange(5)}" if rng.random() < 0.7 else f"R{rng.randrange(1000)}"
    rows.append(f"H{i},PC{rng.randrange(3000):04d},{practice},{rng.randrange(20)}")
write("many_levels.csv", rows)

# More clusters than distinct rows: 30 customers, but only two distinct feature vectors.
rows = ["hcp_id,visits,share"] + [f"H{i},{3 if i % 2 else 8},{0.25 if i % 2 else 0.75}" for i in range(1, 31)]
write("few_distinct_rows.csv", rows)

# Every row identical: nothing to segment.
rows = ["hcp_id,visits,share"] + [f"H{i},4,0.5" for i in range(1, 31)]
write("identical_rows.csv", rows)

# Values near the floating-point limits: "huge" around 1e300, "tiny" around 1e-300.
rng = random.Random(7)
rows = ["hcp_id,huge,tiny,visits"]
for i in range(1, 41):
    group = i % 2
    rows.append(f"H{i},{(1 + group * 4 + rng.random()) * 1e299!r},{(1 + group * 4 + rng.random()) * 1e-300!r},"
                f"{rng.randrange(3) + group * 10}")
write("float_limits.csv", rows)

# A model's training table, and next year's tables that do not match it (the tests fit the model).
rng = random.Random(11)
specialties = ["GP", "ONC", "CARD", "DERM"]
stages = ["unaware", "aware", "trial", "adopter"]


def base_row(i):
    s = rng.randrange(4)
    return [f"H{i}", specialties[s], stages[(s + rng.randrange(2)) % 4], str(rng.randrange(5) + 5 * s),
            f"{rng.random() / 4 + s / 4:.3f}"]


header = ["hcp_id", "specialty", "stage", "visits", "share"]
base = [header] + [base_row(i) for i in range(1, 121)]
write("model_base.csv", [",".join(r) for r in base])
nxt = [header] + [base_row(i) for i in range(121, 161)]
# Missing column: "visits" left out.
write("model_missing_column.csv", [",".join(r[:3] + r[4:]) for r in nxt])
# Retyped column: "share" written as words from line 7 on.
retyped = [list(r) for r in nxt]
for r in retyped[6:]:
    r[4] = "high" if float(r[4]) > 0.5 else "low"
write("model_retyped_column.csv", [",".join(r) for r in retyped])
# Unseen levels: a specialty the model never saw (counted as other), on lines 3 and 9.
unseen = [list(r) for r in nxt]
unseen[2][1] = "PSYCH"
unseen[8][1] = "PSYCH"
write("model_unseen_category.csv", [",".join(r) for r in unseen])
# An unseen ordinal level: the ladder has no "advocate" rung in the model, on line 5.
ordinal = [list(r) for r in nxt]
ordinal[4][2] = "advocate"
write("model_unseen_ordinal.csv", [",".join(r) for r in ordinal])

# Small cases with a pattern (the shortest ones, such as empty.csv, are written by hand).
regions = ["north", "south", "east"]
# A column with no values at all, and columns with one value (a number and a level).
write("all_missing_column.csv",
      ["hcp_id,visits,survey_score,share"] + [f"H{i},{i % 7},,{i * 37 % 100 / 100}" for i in range(1, 21)])
write("constant_column.csv",
      ["hcp_id,visits,country,year,share"] + [f"H{i},{i % 7},UK,2024,{i * 37 % 100 / 100}" for i in range(1, 21)])
# One repeated id (C6 again on line 15), as text and as numbers.
write("duplicate_ids.csv",
      ["customer_id,visits,region"] + [f"C{6 if i == 14 else i},{i % 7},{regions[i % 3]}" for i in range(1, 26)])
write("duplicate_numeric_ids.csv",
      ["customer_id,visits,region"] + [f"{1006 if i == 14 else 1000 + i},{i % 7},{regions[i % 3]}" for i in range(1, 26)])
# A single customer.
write("one_row.csv", ["hcp_id,visits,share,region", "H1,4,0.5,north"])
# Free-text notes beside the identifier, both asked for as features by the tests.
words = "patient asked about dosing schedule and side effects during the follow up visit last week".split()
rows = ["hcp_id,note,visits,region"]
for i in range(1, 21):
    note = " ".join(words[(i + k) % len(words)] for k in range(7)) + f" ref {i}"
    rows.append(f'H{i},"{note}",{i % 6},{regions[i % 3]}')
write("free_text_and_ids.csv", rows)
