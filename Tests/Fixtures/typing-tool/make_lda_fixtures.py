"""Fixtures for the typing tool's golden questions: scikit-learn LinearDiscriminantAnalysis fits.

Run with the Makefile's FIXTURE_PYTHON (numpy, scipy, scikit-learn, pandas; `make fixtures`):
    .venv-fixtures/bin/python Tests/Fixtures/typing-tool/make_lda_fixtures.py
Writes lda.json next to this script, two cases:
  - "hcp-sample": examples/hcp-sample.csv with the committed 6-segment k-means labels, on a fixed set of
    questions mixing numeric, boolean (yes = 1), ordinal and categorical columns. The design is the
    library's (DiscriminantDesign): a numeric column as is, a missing cell imputed with the column's
    mean; a level column as one 0/1 column per level with rows except the first such level in code order
    (the reference), a missing cell imputed with the levels' shares. Categorical levels are in order of
    first appearance, ordinal levels in the schema's order: the library's code order (the test checks).
  - "wine": scikit-learn's wine data set (178 rows, 13 numeric features, 3 classes).
For each: predictions of LinearDiscriminantAnalysis(solver="lsqr") and solver="eigen" fitted on every row,
coef_ and intercept_ of lsqr, and a stratified hold-out (train_test_split, test_size 0.25, random_state 0):
its rows (ascending), lsqr's predictions on the held-out rows and their accuracy.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_wine
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import train_test_split

HERE = pathlib.Path(__file__).parent
REPO = HERE.parent.parent.parent

QUESTIONS = ["specialty", "practice_size", "monthly_rx", "rep_access_restricted", "age_band",
             "content_preference", "product_share"]


def design(frame, features):
    """The library's design matrix: see the module docstring."""
    columns, names = [], []
    for f in features:
        values = frame[f["name"]]
        if f["kind"] == "numeric":
            x = values.astype(float).to_numpy()
            mean = np.nanmean(x)
            columns.append(np.where(np.isnan(x), mean, x))
            names.append(f["name"])
        else:
            levels = f["levels"]
            counts = [(values == level).sum() for level in levels]
            observed = sum(counts)
            present = [l for l, c in enumerate(counts) if c > 0]
            for l in present[1:]:
                indicator = (values == levels[l]).to_numpy().astype(float)
                known = values.isin([levels[p] for p in present]).to_numpy()
                columns.append(np.where(known, indicator, counts[l] / observed))
                names.append(f"{f['name']}={levels[l]}")
    return np.column_stack(columns), names


def fits(X, y, name, features, design_names):
    lsqr = LinearDiscriminantAnalysis(solver="lsqr").fit(X, y)
    eigen = LinearDiscriminantAnalysis(solver="eigen").fit(X, y)
    train, test = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0, stratify=y)
    train, test = np.sort(train), np.sort(test)
    held = LinearDiscriminantAnalysis(solver="lsqr").fit(X[train], y[train])
    predicted = held.predict(X[test])
    return {"name": name, "features": features, "design_columns": design_names,
            "classes": [int(c) for c in lsqr.classes_],
            "lsqr_predictions": lsqr.predict(X).astype(int).tolist(),
            "eigen_predictions": eigen.predict(X).astype(int).tolist(),
            "lsqr_coef": lsqr.coef_.tolist(), "lsqr_intercept": lsqr.intercept_.tolist(),
            "train_rows": train.tolist(), "test_rows": test.tolist(),
            "holdout_predictions": predicted.astype(int).tolist(),
            "holdout_accuracy": float((predicted == y[test]).mean())}


cases = []
schema = json.loads((REPO / "examples/hcp-sample.schema.json").read_text())
types = {c["name"]: c for c in schema["columns"]}
frame = pd.read_csv(REPO / "examples/hcp-sample.csv", dtype=str, keep_default_na=False, na_values=[""])
labels = pd.read_csv(HERE / "hcp-sample-kmeans-k6-labels.csv")
assert (labels["hcp_id"] == frame["hcp_id"]).all()
features = []
for name in QUESTIONS:
    column = types[name]
    if column["type"] in ("numeric", "integer"):
        frame[name] = frame[name].astype(float)
        features.append({"name": name, "kind": "numeric"})
    elif column["type"] == "boolean":
        frame[name] = frame[name].map({"yes": 1.0, "no": 0.0})
        features.append({"name": name, "kind": "numeric"})
    else:
        levels = column.get("levels") or list(frame[name].dropna().unique())
        features.append({"name": name, "kind": column["type"], "levels": list(levels)})
X, names = design(frame, features)
cases.append(fits(X, labels["segment"].to_numpy(), "hcp-sample", features, names))

wine = load_wine()
wine_features = [{"name": n, "kind": "numeric"} for n in wine.feature_names]
case = fits(wine.data, wine.target, "wine", wine_features, list(wine.feature_names))
case["X"] = wine.data.tolist()
case["y"] = wine.target.astype(int).tolist()
cases.append(case)

(HERE / "lda.json").write_text(json.dumps({"sklearn_version": sklearn.__version__, "cases": cases}))
print("wrote", HERE / "lda.json", [(c["name"], c["holdout_accuracy"]) for c in cases])
