"""Reference values for the profile statistics (PersonasProfilesTests).

Run from the repository root with the fixtures environment:
    .venv-fixtures/bin/python Tests/Fixtures/profiles/make_profile_fixtures.py
Writes statistics_reference.json (distributions, Welch, contingency, Benjamini-Hochberg) and
profile_table.csv + profile_reference.json (a small labelled table profiled with pandas/SciPy).
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20251122)

out = {"student_t": [], "chi_square": [], "welch": [], "contingency": [], "bh": []}
for t, df in [(0.1, 3), (1.5, 7.3), (2.0, 30), (3.7, 12.5), (5.0, 200), (-2.4, 1000.7), (8.0, 50000),
              (0.7, 1.0), (12.0, 4), (25.0, 900), (1.96, 1e6), (6.0, 2.5)]:
    out["student_t"].append({"t": t, "df": df, "p": float(2 * stats.t.sf(abs(t), df))})
for x, df in [(0.5, 1), (3.84, 1), (10.0, 3), (45.0, 7), (100.0, 14), (2.0, 20), (300.0, 9), (0.01, 2),
              (25.0, 25), (60.0, 1)]:
    out["chi_square"].append({"x": x, "df": df, "p": float(stats.chi2.sf(x, df))})
for i in range(8):
    na, nb = int(rng.integers(5, 400)), int(rng.integers(5, 4000))
    a = rng.lognormal(1.0 + 0.1 * i, 0.8, na).round(3)
    b = rng.lognormal(1.0, 0.6 + 0.05 * i, nb).round(3)
    r = stats.ttest_ind(a, b, equal_var=False)
    pooled = np.sqrt(((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / (na + nb - 2))
    out["welch"].append({"a": a.tolist(), "b": b.tolist(), "t": float(r.statistic), "df": float(r.df),
                         "p": float(r.pvalue), "d": float((a.mean() - b.mean()) / pooled)})
tables = [[[30, 12, 55], [300, 180, 410]], [[5, 90, 3, 40], [60, 800, 75, 300]], [[2, 40], [30, 100]],
          [[1, 9], [12, 3]], [[120, 80], [900, 1100]], [[0, 7], [25, 40]], [[3, 3, 3], [100, 200, 300]]]
for table in tables:
    t = np.array(table)
    chi2, p, dof, expected = stats.chi2_contingency(t, correction=False)
    entry = {"segment": table[0], "rest": table[1], "chi2": float(chi2), "df": int(dof), "p_chi2": float(p)}
    if t.shape[1] == 2:
        entry["p_fisher"] = float(stats.fisher_exact(t).pvalue)
        entry["fisher"] = bool((expected < 5).any())
    out["contingency"].append(entry)
for size in [1, 5, 40]:
    p = rng.uniform(0, 1, size) ** 3
    if size == 40:
        p[3] = p[7]  # ties
    out["bh"].append({"p": p.tolist(), "adjusted": stats.false_discovery_control(p, method="bh").tolist()})
with open(os.path.join(here, "statistics_reference.json"), "w") as f:
    json.dump(out, f, indent=1)

# A labelled table: numeric with missing cells and a constant column, a categorical with a level
# held by no one in one segment, a boolean.
n = 600
segment = rng.choice([0, 1, 2, 3], n, p=[0.4, 0.3, 0.25, 0.05])
volume = np.round(rng.lognormal(2 + 0.4 * segment, 0.7), 2)
volume[rng.uniform(size=n) < 0.05] = np.nan
score = np.round(rng.normal(50 - 5 * segment, 10), 1)
constant = np.full(n, 7.0)
levels = np.array(["A", "B", "C", "D"])
cat = np.where(segment == 1, rng.choice(levels, n, p=[0.6, 0.2, 0.2, 0.0]), rng.choice(levels, n, p=[0.2, 0.3, 0.3, 0.2]))
cat = cat.astype(object)
cat[rng.uniform(size=n) < 0.03] = None
flag = (rng.uniform(size=n) < 0.2 + 0.2 * (segment == 2)).astype(int)
df = pd.DataFrame({"row_id": [f"R{i:05d}" for i in range(n)], "volume": volume, "score": score,
                   "constant": constant, "channel": cat, "flag": np.where(flag == 1, "yes", "no"), "segment": segment})
df.drop(columns=["segment"]).to_csv(os.path.join(here, "profile_table.csv"), index=False)
df[["row_id", "segment"]].to_csv(os.path.join(here, "profile_labels.csv"), index=False)

tests = []  # (segment, column, p) in any order; BH is order-free
ref = {"segments": {}}
for s in sorted(df.segment.unique()):
    ins, rest = df[df.segment == s], df[df.segment != s]
    seg = {"size": int(len(ins)), "numeric": {}, "levels": {}}
    for col in ["volume", "score", "constant"]:
        a, b, all_ = ins[col].dropna(), rest[col].dropna(), df[col].dropna()
        entry = {"mean": float(a.mean()), "median": float(np.quantile(a, 0.5)),
                 "q1": float(np.quantile(a, 0.25)), "q3": float(np.quantile(a, 0.75)),
                 "index": float(a.mean() / all_.mean() * 100), "missing_share": float(ins[col].isna().mean())}
        if a.var(ddof=1) > 0 or b.var(ddof=1) > 0:
            r = stats.ttest_ind(a, b, equal_var=False)
            pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
            entry.update({"t": float(r.statistic), "p": float(r.pvalue), "d": float((a.mean() - b.mean()) / pooled)})
            tests.append((int(s), col, float(r.pvalue)))
        seg["numeric"][col] = entry
    for col, lv in [("channel", list(levels)), ("flag", ["no", "yes"])]:
        a, b, all_ = ins[col].dropna(), rest[col].dropna(), df[col].dropna()
        ca = [int((a == l).sum()) for l in lv]
        cb = [int((b == l).sum()) for l in lv]
        keep = [i for i in range(len(lv)) if ca[i] + cb[i] > 0]
        t = np.array([[ca[i] for i in keep], [cb[i] for i in keep]])
        chi2, p, dof, expected = stats.chi2_contingency(t, correction=False)
        if t.shape[1] == 2 and (expected < 5).any():
            p = stats.fisher_exact(t).pvalue
        tests.append((int(s), col, float(p)))
        seg["levels"][col] = {l: {"share": float((a == l).mean()), "population": float((all_ == l).mean()),
                                  "index": float((a == l).mean() / (all_ == l).mean() * 100)} for l in lv}
        seg["levels"][col]["p"] = float(p)
        seg["levels"][col]["missing_share"] = float(ins[col].isna().mean())
    ref["segments"][str(int(s))] = seg
adjusted = stats.false_discovery_control([t[2] for t in tests], method="bh")
for (s, col, _), q in zip(tests, adjusted):
    ref["segments"][str(s)].setdefault("adjusted", {})[col] = float(q)
with open(os.path.join(here, "profile_reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
