#!/usr/bin/env python3
"""Reference results for feature preparation and PCA, from scikit-learn.

Writes mixed.csv (a small customer table with missing cells, a categorical column with a rare
level, a boolean and an identifier) and expected.json with what scikit-learn computes for the
same choices: SimpleImputer + StandardScaler / RobustScaler / MinMaxScaler on the numeric columns,
one-hot with infrequent levels pooled, and PCA(svd_solver="covariance_eigh") of the z-scored matrix.
Run: .venv-fixtures/bin/python Tests/Fixtures/preparation/make_preparation_fixtures.py
"""
import json
from pathlib import Path

import numpy as np
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

here = Path(__file__).resolve().parent
rng = np.random.default_rng(20251122)
n = 240

rx = np.round(rng.lognormal(3.0, 1.0, n), 1)
visits = rng.poisson(4, n).astype(float)
share = np.round(rng.beta(2, 5, n), 3)
rx[rng.choice(n, 12, replace=False)] = np.nan
share[rng.choice(n, 7, replace=False)] = np.nan
specialty = rng.choice(["Oncology", "Cardiology", "General Practice", "Neurology"], n, p=[0.2, 0.3, 0.46, 0.04])
specialty[:2] = ["Dermatology", "Dermatology"]  # a rare level: 2 of 240 rows < 1%
specialty[rng.choice(np.arange(2, n), 5, replace=False)] = ""
restricted = rng.choice(["yes", "no"], n)

lines = ["hcp_id,monthly_rx,visits,share,specialty,restricted"]
for i in range(n):
    fmt = lambda v: "" if np.isnan(v) else repr(float(v))
    lines.append(f"HCP{i:04d},{fmt(rx[i])},{int(visits[i])},{fmt(share[i])},{specialty[i]},{restricted[i]}")
(here / "mixed.csv").write_text("\n".join(lines) + "\n")

numeric = np.column_stack([rx, visits, share])
imputed_median = SimpleImputer(strategy="median").fit_transform(numeric)
imputed_mean = SimpleImputer(strategy="mean").fit_transform(numeric)
restricted01 = (restricted == "yes").astype(float)[:, None]
numeric_bool = np.column_stack([imputed_median, restricted01])

zscore = StandardScaler().fit_transform(numeric_bool)
robust = RobustScaler().fit_transform(numeric_bool)
minmax = MinMaxScaler().fit_transform(numeric_bool)
zscore_mean = StandardScaler().fit_transform(np.column_stack([imputed_mean, restricted01]))

# One-hot with the mode filling missing cells and levels under 1% pooled into "other".
spec_filled = specialty.copy()
values, counts = np.unique(spec_filled[spec_filled != ""], return_counts=True)
mode = values[np.argmax(counts)]
spec_filled[spec_filled == ""] = mode
levels, counts = np.unique(spec_filled, return_counts=True)
kept = [lv for lv, c in zip(levels, counts) if c >= 0.01 * n]
onehot = {f"specialty={lv}": (spec_filled == lv).astype(float).tolist() for lv in kept}
onehot["specialty=other"] = np.isin(spec_filled, kept, invert=True).astype(float).tolist()

pca = PCA(svd_solver="covariance_eigh").fit(zscore)
components = pca.components_.copy()
# scikit-learn's sign convention for this solver (svd_flip on Vt): largest |loading| positive.
for row in components:
    if row[np.argmax(np.abs(row))] < 0:
        row *= -1
transformed = (zscore - pca.mean_) @ components.T

expected = {
    "feature_order": ["monthly_rx", "visits", "share", "restricted"],
    "zscore_median": zscore.tolist(),
    "zscore_mean": zscore_mean.tolist(),
    "robust_median": robust.tolist(),
    "minmax_median": minmax.tolist(),
    "onehot_mode": onehot,
    "pca": {
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "components": components.tolist(),
        "transformed": transformed.tolist(),
    },
}
(here / "expected.json").write_text(json.dumps(expected))
print("wrote", here / "mixed.csv", "and expected.json")
