"""Reference effect sizes for traits (PersonasProfilesTests, "Traits by effect size").

Run from the repository root with the fixtures environment:
    .venv-fixtures/bin/python Tests/Fixtures/profiles/make_effect_size_fixtures.py
Writes effect_size_reference.json: a small labelled table (three segments) and, computed here
with NumPy/SciPy independently of the Swift code, each segment's effect size against the rest:
- numeric: Cohen's d with the pooled SD (ddof 1 in each group), on log1p of the values when the
  column's skewness (scipy.stats.skew, biased g1, over every row) exceeds 2 and no value is
  negative, else on the values;
- categorical: Cohen's h of each level's share, 2 asin sqrt(p_segment) - 2 asin sqrt(p_rest).
"""
import json
import os

import numpy as np
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261207)

segment = np.repeat([0, 1, 2], [40, 30, 20])
n = segment.size
# Heavily skewed, never negative: its effect sizes are on log1p.
spend = np.round(rng.lognormal(1.0 + 0.6 * (segment == 1), 1.3), 3)
# Roughly symmetric: on its values.
tenure = np.round(rng.normal(100 + 4 * (segment == 2) - 3 * (segment == 0), 5), 2)
# Heavily skewed but with negative values: on its values (log1p is not defined for all of them).
trend = np.round(rng.lognormal(0.0 + 0.5 * (segment == 0), 1.2) - 2.5, 3)
levels = np.array(["A", "B", "C"])
tier = np.where(segment == 2, rng.choice(levels, n, p=[0.6, 0.3, 0.1]), rng.choice(levels, n, p=[0.2, 0.4, 0.4]))

skew = {name: float(stats.skew(values)) for name, values in [("spend", spend), ("tenure", tenure), ("trend", trend)]}
assert skew["spend"] > 2 and spend.min() >= 0, skew
assert skew["tenure"] < 2, skew
assert skew["trend"] > 2 and trend.min() < 0, skew


def cohens_d(a, b):
    pooled = np.sqrt(((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1)) / (a.size + b.size - 2))
    return float((a.mean() - b.mean()) / pooled)


expected = {}
for name, values in [("spend", spend), ("tenure", tenure), ("trend", trend)]:
    logged = skew[name] > 2 and values.min() >= 0
    used = np.log1p(values) if logged else values
    expected[name] = {
        "skewness": skew[name],
        "effectScale": "log1p" if logged else None,
        "effectSize": [cohens_d(used[segment == s], used[segment != s]) for s in range(3)],
        "cohensD": [cohens_d(values[segment == s], values[segment != s]) for s in range(3)],
    }
h = []
for s in range(3):
    mine, rest = tier[segment == s], tier[segment != s]
    h.append({str(level): float(2 * np.arcsin(np.sqrt((mine == level).mean())) - 2 * np.arcsin(np.sqrt((rest == level).mean())))
              for level in levels})
expected["tier"] = {"effectSize": h}

out = {"segment": segment.tolist(), "spend": spend.tolist(), "tenure": tenure.tolist(), "trend": trend.tolist(),
       "tier": tier.tolist(), "expected": expected}
with open(os.path.join(here, "effect_size_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
