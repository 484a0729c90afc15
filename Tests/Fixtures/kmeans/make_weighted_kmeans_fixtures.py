#!/usr/bin/env python3
"""Reference fixtures for weighted k-means (respondent weights), taken from scikit-learn.

Writes ``weighted_kmeans_reference.json`` next to this script, in the shape of
``kmeans_reference.json``'s ``lloyd_cases`` (the case builder is make_kmeans_fixtures.py's
``lloyd_case``, imported, so both files pin the same conventions: one thread, an explicit ``init``
array, ``n_init=1``, the verbose inertia trace, the independent numpy re-implementation as a
cross-check). Run it with the fixture venv::

    python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install numpy scipy scikit-learn pandas threadpoolctl
    .venv-fixtures/bin/python Tests/Fixtures/kmeans/make_weighted_kmeans_fixtures.py

Every case is ``sklearn.cluster.KMeans(init=array, n_init=1, algorithm="lloyd").fit(X,
sample_weight=w)`` with non-integer survey-like weights (log-normal, the shape of a raking weight),
which weight the M-step's centers and the inertia. scikit-learn casts ``sample_weight`` to X's dtype,
so the weights are drawn as float32 values: the same weights are then exact in the float64 and the
float32 fits, and the Swift side passes them as Double without any rounding.

Cases
-----
* ``iris_weighted`` -- ``sklearn.datasets.load_iris().data`` (150 x 4, unscaled), weights
  ``exp(0.6 N(0, 1))`` from ``np.random.default_rng(23)``, k=3, init = rows 0, 1, 2 (three setosa
  flowers, so the run has to travel), tol=0 (strict convergence: labels unchanged).
* ``iris_weighted_float32`` -- the same in float32.
* ``survey_weighted`` -- ``make_blobs(n_samples=1200, n_features=6, centers=5, cluster_std=2.5,
  random_state=23)``, weights ``exp(0.8 N(0, 1))`` from ``np.random.default_rng(24)``, k=6, init = the
  first 6 rows, tol=0, max_iter=300.
* ``survey_weighted_float32`` -- the same in float32.
* ``survey_weighted_3_iterations`` -- survey_weighted stopped after exactly 3 iterations (max_iter=3,
  tol=0): the labels come from the post-loop E-step, the centers from the third weighted M-step.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import make_kmeans_fixtures as base  # noqa: E402  (sets OMP_NUM_THREADS=1 before numpy is imported)

import json  # noqa: E402
import platform  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import threadpoolctl  # noqa: E402
from sklearn.datasets import load_iris, make_blobs  # noqa: E402

OUT = Path(__file__).parent / "weighted_kmeans_reference.json"


def survey_weights(seed, n, sigma):
    """Log-normal weights rounded to float32 (exact in both precisions), as float64."""
    w = np.exp(sigma * np.random.default_rng(seed).standard_normal(n)).astype(np.float32)
    return w.astype(np.float64)


def build_cases():
    cases = []
    iris = np.ascontiguousarray(load_iris().data.astype(np.float64))
    w_iris = survey_weights(23, iris.shape[0], 0.6)
    blobs, _ = make_blobs(n_samples=1200, n_features=6, centers=5, cluster_std=2.5, random_state=23)
    w_blobs = survey_weights(24, blobs.shape[0], 0.8)
    specs = [
        ("iris_weighted", "load_iris().data (150 x 4, unscaled); sample_weight = exp(0.6 N(0,1)) "
         "(np.random.default_rng(23), rounded to float32); k=3, init = rows 0, 1, 2; tol=0.",
         iris, iris[:3], 3, 300),
        ("survey_weighted", "make_blobs(n_samples=1200, n_features=6, centers=5, cluster_std=2.5, "
         "random_state=23); sample_weight = exp(0.8 N(0,1)) (np.random.default_rng(24), rounded to "
         "float32); k=6, init = first 6 rows; tol=0.",
         blobs, blobs[:6], 6, 300),
        ("survey_weighted_3_iterations", "survey_weighted stopped by max_iter=3 (tol=0).",
         blobs, blobs[:6], 6, 3),
    ]
    for name, description, X, init, k, max_iter in specs:
        w = w_iris if X is iris else w_blobs
        case, km = base.lloyd_case(name, description, X, init, k, 0.0, max_iter, sample_weight=w)
        assert case["reference_check"]["labels_equal"], name
        if max_iter == 3:
            assert case["convergence"] == "max_iter" and case["n_iter"] == 3, case["convergence"]
        else:
            assert case["convergence"] == "strict" and case["n_iter"] > 3, (name, case["n_iter"])
        # The weights matter: the unweighted fit from the same start ends elsewhere.
        plain, _ = base.fit_sklearn(X, init, k, 0.0, max_iter, None)
        assert not np.allclose(plain.cluster_centers_, km.cluster_centers_, rtol=1e-6), name
        cases.append(case)
        if max_iter != 3:
            X32 = X.astype(np.float32)
            case32, km32 = base.lloyd_case(name + "_float32", description + " In float32.", X32, X32[:k], k, 0.0,
                                           max_iter, sample_weight=w.astype(np.float32), check_reference=False)
            assert np.array_equal(km32.labels_, km.labels_), name + ": float32 and float64 labels differ"
            case32["sample_weight"] = w.tolist()
            cases.append(case32)
    return cases


def main():
    with threadpoolctl.threadpool_limits(limits=1):
        cases = build_cases()
    doc = {
        "generator": "Tests/Fixtures/kmeans/make_weighted_kmeans_fixtures.py",
        "versions": {
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
            "scipy": scipy.__version__,
            "threadpoolctl": threadpoolctl.__version__,
            "python": platform.python_version(),
        },
        "threads": "OMP_NUM_THREADS=1 and threadpoolctl.threadpool_limits(1)",
        "lloyd_cases": cases,
    }
    text = base.encode(doc) + "\n"
    assert json.loads(text) == doc  # exact round trip, floats included
    OUT.write_text(text)
    print("wrote %s (%d bytes)" % (OUT.name, len(text.encode())))
    for c in cases:
        print("%-30s n_iter=%-3d conv=%-8s inertia=%r margin=%.3g" % (
            c["name"], c["n_iter"], c["convergence"], c["inertia"], c["min_relative_margin_final"]))


if __name__ == "__main__":
    main()
