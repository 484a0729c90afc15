"""Fixtures for the typing tool's CART: scikit-learn DecisionTreeClassifier fits and pruning paths.

Run with /work/main/.venv-fixtures/bin/python (numpy, scikit-learn 1.9):
    python Tests/Fixtures/typing-tool/make_tree_fixtures.py
Writes trees.json next to this script. Features are rounded to float32-representable values because
scikit-learn trees work in float32; the Swift tree then sees the same numbers and the same midpoints.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_classification
from sklearn.tree import DecisionTreeClassifier

HERE = pathlib.Path(__file__).parent


def f32(x):
    return np.round(x, 4).astype(np.float32).astype(np.float64)


def case(name, X, y, max_depth, min_samples_leaf, path_rows=None):
    clf = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=min_samples_leaf,
                                 criterion="gini", random_state=0).fit(X, y)
    t = clf.tree_
    out = {"name": name, "X": X.tolist(), "y": y.astype(int).tolist(), "max_depth": max_depth,
           "min_samples_leaf": min_samples_leaf,
           "train_accuracy": float((clf.predict(X) == y).mean()),
           "root_feature": int(t.feature[0]), "root_threshold": float(t.threshold[0]),
           "n_leaves": int(clf.get_n_leaves()), "depth": int(clf.get_depth()),
           "predictions": clf.predict(X).astype(int).tolist()}
    # Pruning path of the fully grown tree (same min_samples_leaf) on the same data.
    path = DecisionTreeClassifier(min_samples_leaf=min_samples_leaf, criterion="gini",
                                  random_state=0).cost_complexity_pruning_path(X, y)
    out["ccp_alphas"] = path.ccp_alphas.tolist()
    out["ccp_impurities"] = path.impurities.tolist()
    return out


cases = []
X, y = make_classification(n_samples=400, n_features=6, n_informative=4, n_redundant=1, n_classes=4,
                           n_clusters_per_class=1, random_state=3)
cases.append(case("classification-400x6-k4-depth4", f32(X), y, 4, 1))
X, y = make_blobs(n_samples=600, n_features=5, centers=5, cluster_std=3.0, random_state=7)
cases.append(case("blobs-600x5-k5-depth5-leaf5", f32(X), y, 5, 5))
rng = np.random.default_rng(11)
X = rng.integers(0, 6, size=(300, 4)).astype(np.float64)
y = ((X[:, 0] + X[:, 1] * 0.5 + rng.normal(0, 1.0, 300)) > 3.5).astype(int) + (X[:, 2] > 3).astype(int)
cases.append(case("integers-300x4-k3-depth3", X, y, 3, 2))
X, y = make_classification(n_samples=200, n_features=4, n_informative=3, n_redundant=0, n_classes=3,
                           n_clusters_per_class=1, flip_y=0.1, random_state=5)
cases.append(case("noisy-200x4-k3-full", f32(X), y, None, 1))

(HERE / "trees.json").write_text(json.dumps({"sklearn_version": sklearn.__version__, "cases": cases}))
print("wrote", HERE / "trees.json", [c["name"] for c in cases])
