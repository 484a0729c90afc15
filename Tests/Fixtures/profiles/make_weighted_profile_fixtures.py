"""Reference values for weighted profiles and the universe projection (WeightedProfileTests).

Run from the repository root (NumPy and SciPy):
    python3 Tests/Fixtures/profiles/make_weighted_profile_fixtures.py
Writes weighted_table.csv (a small table with a survey weight and a segment per row) and
weighted_reference.json: per segment, computed by hand with NumPy from the definitions,
    share          = sum(w in segment) / sum(w)
    n_eff          = sum(w)^2 / sum(w^2)                       (Kish), per segment and overall
    mean           = sum(w x) / sum(w)
    sd             = sqrt(sum(w (x - mean)^2) / (V1 - V2 / V1))  (np.cov aweights)
    index          = segment mean / population mean * 100
    welch t, df    = Welch's test of segment vs rest with n_eff in place of n, p from scipy.stats.t
    level share    = sum(w holding level) / sum(w answering)
    chi-square     = Pearson's statistic of the 2 x L table, each row scaled by n_eff / sum(w)
    projection     = share x universe, Wilson's 95% interval on the overall n_eff
"""
import json
import os

import numpy as np
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2323)
n = 240
segment = rng.integers(0, 3, n)
x = np.round(rng.normal(10 + 4 * segment, 3), 2)
levels = np.array(["a", "b", "c"])
c = levels[(segment + rng.integers(0, 2, n)) % 3]
w = np.round(rng.gamma(2.0, 1.5, n) + 0.1, 3)

with open(os.path.join(here, "weighted_table.csv"), "w") as f:
    f.write("id,x,c,w,segment\n")
    for i in range(n):
        f.write(f"R{i:03d},{x[i]:.2f},{c[i]},{w[i]:.3f},{segment[i]}\n")


def moments(xs, ws):
    v1, v2 = ws.sum(), (ws * ws).sum()
    m = (ws * xs).sum() / v1
    var = (ws * (xs - m) ** 2).sum() / (v1 - v2 / v1)
    assert np.isclose(var, np.cov(xs, aweights=ws))
    return m, var, v1 ** 2 / v2


z = stats.norm.ppf(0.975)
n_all = w.sum() ** 2 / (w * w).sum()
pop_mean, _, _ = moments(x, w)
universe = 125000.0
out = {"effective_rows": n_all, "total_weight": w.sum(), "universe": universe, "segments": {}}
for s in range(3):
    mine, rest = segment == s, segment != s
    share = w[mine].sum() / w.sum()
    m, var, ne = moments(x[mine], w[mine])
    mr, varr, ner = moments(x[rest], w[rest])
    sa, sb = var / ne, varr / ner
    t = (m - mr) / np.sqrt(sa + sb)
    df = (sa + sb) ** 2 / (sa ** 2 / (ne - 1) + sb ** 2 / (ner - 1))
    shares, table = {}, []
    for row in (mine, rest):
        counts = np.array([w[row & (c == level)].sum() for level in levels])
        table.append(counts * (w[row].sum() / (w[row] ** 2).sum()))
    for j, level in enumerate(levels):
        shares[level] = w[mine & (c == level)].sum() / w[mine].sum()
    chi2 = stats.chi2_contingency(np.array(table), correction=False)[0]
    centre = (share + z * z / (2 * n_all)) / (1 + z * z / n_all)
    half = z / (1 + z * z / n_all) * np.sqrt(share * (1 - share) / n_all + z * z / (4 * n_all ** 2))
    out["segments"][str(s)] = {
        "share": share, "weight": w[mine].sum(), "effective_size": ne, "mean": m, "sd": np.sqrt(var),
        "index": m / pop_mean * 100, "t": t, "df": df, "p": 2 * stats.t.sf(abs(t), df),
        "level_shares": shares, "chi_square": chi2,
        "projected": share * universe, "lower": (centre - half) * universe, "upper": (centre + half) * universe,
    }

with open(os.path.join(here, "weighted_reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
