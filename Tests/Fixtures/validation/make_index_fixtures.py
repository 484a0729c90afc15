#!/usr/bin/env python3
"""Reference values for the Swift cluster validity indices and labelling comparisons.

Writes ``index_reference.json`` next to this script. Run it from the repository root with a Python
that has numpy, scipy and scikit-learn (the versions used are recorded in the JSON under
``"versions"``)::

    python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install numpy scipy scikit-learn
    .venv-fixtures/bin/python Tests/Fixtures/validation/make_index_fixtures.py

Everything is deterministic: every data set and labelling comes from ``np.random.default_rng`` with a
fixed seed, KMeans fits use an explicit ``init`` array with ``n_init=1``, and OpenMP / BLAS are pinned to
one thread. Floats are written with ``repr`` (Python's json module does this), so every number
round-trips exactly. Float32 data are written as the doubles equal to the float32 values.

``datasets`` -- each with name, description, dtype, n, d, X, labels (the labelling scored), and:

* ``sklearn`` -- ``silhouette_score`` (euclidean), ``silhouette_samples``, ``calinski_harabasz_score``,
  ``davies_bouldin_score`` on X as float64. For the float32 data set these are computed on
  ``X.astype(np.float64)`` (the exact values of the float32 inputs), which is what the Swift code
  computes for Float input (it works in Double); ``sklearn_float32`` holds scikit-learn's results on the
  float32 array itself, which scikit-learn computes partly in float32 (means, squared sums, distance
  blocks), so they agree with the float64 values only to about 1e-6.
* ``exact_silhouette`` -- the same silhouettes from distances computed by differences (scipy ``cdist``),
  and the largest absolute difference between them and scikit-learn's samples (scikit-learn's
  ``euclidean_distances`` uses the expansion ||x||^2 - 2 x.y + ||y||^2, which loses digits for close
  pairs); asserted below 1e-10, so a 1e-9 comparison with scikit-learn is sound.
* ``dunn`` -- an independent numpy/scipy Dunn index: min over pairs of clusters of ``cdist(A, B).min()``
  divided by the max over clusters of ``pdist(A).max()`` (0 for a singleton), in float64.
* ``inertia`` -- ``numpy``: sum_i w_i ||x_i - c_label||^2 with c the weighted cluster means, from
  differences, with ``weights`` (null = unweighted); ``sklearn_kmeans_inertia``: ``KMeans.inertia_`` of the
  fit whose labels are scored (data sets whose labels come from a KMeans fit run to strict convergence,
  where the centers are the weighted means of the final labels), else null.

Data sets:

* ``blobs_d2_k4`` -- 400 x 2, four Gaussian blobs (sd 1) around fixed centers, labels = blob ids with 8%
  of rows reassigned at random (negative silhouettes occur); KMeans(k=4, init = first 4 rows) inertia on
  the same data is checked separately in ``kmeans_inertia_blobs`` (its labels and inertia_).
* ``singleton_unused_d5`` -- 300 x 5, label values {0, 1, 3, 4} plus one row labelled 6: values 2 and 5
  are unused (scikit-learn's LabelEncoder drops them, k = 5) and cluster 6 is a singleton (silhouette 0).
  The singleton sits at dyadic coordinates so that scikit-learn's expanded distance from it to its own
  centroid is exactly 0 (Davies-Bouldin's spread of that cluster is exactly 0 there too).
* ``near_duplicates_d3`` -- 250 x 3, k = 3; row 5 copied to row 6 plus 1e-4 on the first coordinate
  into a different cluster (the closest pair between clusters, so the Dunn index hinges on a distance the
  expansion gets wrong in the fifth digit), and row 10 copied to row 11 plus 2e-4 in the same cluster.
* ``float32_d8_k6`` -- 500 x 8 float32, six blobs, labels = blob ids with 5% reassigned.
* ``offset_weighted_d6_k3`` -- 600 x 6, three blobs shifted by +100 on every coordinate (centering
  matters), integer weights 1..5; labels from a weighted KMeans(k=3, init = first 3 rows, tol=0) run to
  strict convergence, so ``sklearn_kmeans_inertia`` is scikit-learn's weighted inertia for them.

``comparisons`` -- pairs of labellings (a, b) with ``nmi`` (``normalized_mutual_info_score``,
average_method="arithmetic"), ``ari`` (``adjusted_rand_score``; null where a label is negative, which the
Swift ARI does not take) and ``jaccard`` (for each value 0..max(a): the largest |A & B| / |A | B| over the
clusters B of b, 0 for a value no row carries; an independent numpy computation; null where a has a
negative label). Cases: each data set's labels against a perturbed copy, identical up to renaming, both
single clusters (NMI 1), one single cluster (NMI 0), negative label values, and random labellings.
"""
import os

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import threadpoolctl  # noqa: E402
from scipy.spatial.distance import cdist, pdist  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    normalized_mutual_info_score,
    silhouette_samples,
    silhouette_score,
)

HERE = Path(__file__).resolve().parent


def blobs(rng, n, centers, sd):
    centers = np.asarray(centers, dtype=np.float64)
    ids = rng.integers(0, len(centers), size=n)
    X = centers[ids] + sd * rng.standard_normal((n, centers.shape[1]))
    return X, ids.astype(np.int32)


def reassign(rng, labels, share, values):
    labels = labels.copy()
    picked = rng.choice(len(labels), size=int(round(share * len(labels))), replace=False)
    labels[picked] = rng.choice(values, size=len(picked))
    return labels


def exact_silhouette(X, labels):
    """Silhouettes from difference-based distances, scikit-learn's conventions."""
    D = cdist(X, X)
    values = np.unique(labels)
    out = np.zeros(len(labels))
    for i in range(len(labels)):
        own = labels[i] == labels
        if own.sum() == 1:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == v].mean() for v in values if v != labels[i])
        s = (b - a) / max(a, b)
        out[i] = 0.0 if np.isnan(s) else s
    return out


def dunn(X, labels):
    values = np.unique(labels)
    groups = [X[labels == v] for v in values]
    between = min(cdist(groups[i], groups[j]).min()
                  for i in range(len(groups)) for j in range(i + 1, len(groups)))
    within = max(pdist(g).max() if len(g) > 1 else 0.0 for g in groups)
    return float(between / within)


def inertia(X, labels, weights):
    w = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=np.float64)
    total = 0.0
    for v in np.unique(labels):
        rows = labels == v
        c = (w[rows, None] * X[rows]).sum(axis=0) / w[rows].sum()
        total += float((w[rows] * ((X[rows] - c) ** 2).sum(axis=1)).sum())
    return total


def jaccard(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    result = []
    for r in range(int(a.max()) + 1):
        A = a == r
        if not A.any():
            result.append(0.0)
            continue
        best = 0.0
        for v in np.unique(b):
            B = b == v
            best = max(best, float((A & B).sum() / (A | B).sum()))
        result.append(best)
    return result


def sklearn_indices(X, labels):
    return {
        "silhouette": float(silhouette_score(X, labels, metric="euclidean")),
        "silhouette_samples": [float(v) for v in silhouette_samples(X, labels)],
        "calinski_harabasz": float(calinski_harabasz_score(X, labels)),
        "davies_bouldin": float(davies_bouldin_score(X, labels)),
    }


def dataset(name, description, X, labels, weights=None, kmeans_inertia=None):
    X64 = X.astype(np.float64)
    ref = sklearn_indices(X64, labels)
    exact = exact_silhouette(X64, labels)
    difference = float(np.max(np.abs(exact - np.asarray(ref["silhouette_samples"]))))
    assert difference < 1e-10, (name, difference)
    entry = {
        "name": name,
        "description": description,
        "dtype": str(X.dtype),
        "n": int(X.shape[0]),
        "d": int(X.shape[1]),
        "X": [[float(v) for v in row] for row in X],
        "labels": [int(v) for v in labels],
        "weights": None if weights is None else [float(v) for v in weights],
        "sklearn": ref,
        "exact_silhouette": {"mean": float(exact.mean()), "max_abs_sample_difference_to_sklearn": difference},
        "dunn": dunn(X64, labels),
        "inertia": {"numpy": inertia(X64, labels, weights), "sklearn_kmeans_inertia": kmeans_inertia},
    }
    if X.dtype == np.float32:
        entry["sklearn_float32"] = {k: v for k, v in sklearn_indices(X, labels).items() if k != "silhouette_samples"}
    return entry


def build_datasets():
    out = []

    rng = np.random.default_rng(11)
    X, ids = blobs(rng, 400, [[0, 0], [6, 1], [2, 7], [-5, 4]], 1.0)
    labels = reassign(rng, ids, 0.08, [0, 1, 2, 3])
    out.append(dataset("blobs_d2_k4", "400 x 2, four blobs, 8% of labels reassigned", X, labels))

    rng = np.random.default_rng(12)
    X, ids = blobs(rng, 300, [[0, 0, 0, 0, 0], [4, 4, 0, 0, 0], [0, 4, 4, 0, 0], [0, 0, 4, 4, 0]], 1.2)
    values = np.array([0, 1, 3, 4], dtype=np.int32)
    labels = values[ids]
    X[17] = [8.5, -4.25, 6.0, 2.75, -1.5]
    labels[17] = 6
    out.append(dataset("singleton_unused_d5", "label values 0,1,3,4 and a singleton 6 (2 and 5 unused)", X, labels))

    rng = np.random.default_rng(13)
    X, ids = blobs(rng, 250, [[0, 0, 0], [5, 0, 0], [0, 5, 0]], 1.0)
    labels = ids.copy()
    X[6] = X[5] + np.array([1e-4, 0, 0])
    labels[6] = (labels[5] + 1) % 3
    X[11] = X[10] + np.array([2e-4, 0, 0])
    labels[11] = labels[10]
    out.append(dataset("near_duplicates_d3", "near-duplicate rows 5/6 (different clusters) and 10/11 (same)",
                       X, labels))

    rng = np.random.default_rng(14)
    centers = 3.0 * rng.standard_normal((6, 8))
    X, ids = blobs(rng, 500, centers, 1.0)
    X = X.astype(np.float32)
    labels = reassign(rng, ids, 0.05, list(range(6)))
    out.append(dataset("float32_d8_k6", "500 x 8 float32, six blobs, 5% of labels reassigned", X, labels))

    rng = np.random.default_rng(15)
    X, ids = blobs(rng, 600, [[0] * 6, [3, 3, 0, 0, 0, 0], [0, 0, 0, 3, 3, 3]], 1.0)
    X = X + 100.0
    weights = rng.integers(1, 6, size=600).astype(np.float64)
    km = KMeans(3, init=X[:3].copy(), n_init=1, tol=0.0, max_iter=1000, algorithm="lloyd").fit(X, sample_weight=weights)
    assert km.n_iter_ < 1000
    labels = km.labels_.astype(np.int32)
    out.append(dataset("offset_weighted_d6_k3", "600 x 6 at +100, weighted KMeans labels", X, labels, weights,
                       float(km.inertia_)))
    return out


def kmeans_inertia_blobs():
    rng = np.random.default_rng(11)
    X, _ = blobs(rng, 400, [[0, 0], [6, 1], [2, 7], [-5, 4]], 1.0)
    km = KMeans(4, init=X[:4].copy(), n_init=1, tol=0.0, max_iter=1000, algorithm="lloyd").fit(X)
    assert km.n_iter_ < 1000
    labels = km.labels_.astype(np.int32)
    return {"X": [[float(v) for v in row] for row in X], "labels": [int(v) for v in labels],
            "sklearn_kmeans_inertia": float(km.inertia_), "numpy": inertia(X, labels, None)}


def comparison(name, a, b):
    a = np.asarray(a, dtype=np.int32)
    b = np.asarray(b, dtype=np.int32)
    nonnegative = a.min() >= 0 and b.min() >= 0
    return {
        "name": name,
        "a": [int(v) for v in a],
        "b": [int(v) for v in b],
        "nmi": float(normalized_mutual_info_score(a, b, average_method="arithmetic")),
        "ari": float(adjusted_rand_score(a, b)) if nonnegative else None,
        "jaccard": jaccard(a, b) if a.min() >= 0 else None,
    }


def build_comparisons(datasets):
    out = []
    rng = np.random.default_rng(21)
    for ds in datasets:
        a = np.asarray(ds["labels"], dtype=np.int32)
        b = reassign(rng, a, 0.2, np.unique(a))
        b[b == b.max()] = b.max() + 3  # a gap in b's numbers
        out.append(comparison(ds["name"] + "_vs_perturbed", a, b))
    out.append(comparison("identical_renamed", [0, 0, 1, 1, 2, 2, 2], [5, 5, 3, 3, 9, 9, 9]))
    out.append(comparison("both_single", [0] * 6, [7] * 6))
    out.append(comparison("one_single", [0] * 6, [0, 1, 0, 1, 2, 2]))
    out.append(comparison("negative_values", [-1, -1, 0, 0, 3, 3, 3, -1], [2, 2, 2, 0, 0, 1, 1, 1]))
    out.append(comparison("unused_reference_value", [0, 0, 2, 2, 2, 4], [1, 1, 1, 0, 0, 0]))
    for seed, (n, ka, kb) in enumerate([(1000, 7, 4), (2000, 12, 12), (50, 2, 9)]):
        r = np.random.default_rng(100 + seed)
        out.append(comparison(f"random_n{n}_{ka}x{kb}", r.integers(0, ka, n), r.integers(0, kb, n)))
    return out


def main():
    with threadpoolctl.threadpool_limits(limits=1):
        datasets = build_datasets()
        result = {
            "versions": {
                "numpy": np.__version__,
                "scipy": scipy.__version__,
                "scikit-learn": sklearn.__version__,
                "threadpoolctl": threadpoolctl.__version__,
            },
            "datasets": datasets,
            "kmeans_inertia_blobs": kmeans_inertia_blobs(),
            "comparisons": build_comparisons(datasets),
        }
    path = HERE / "index_reference.json"
    path.write_text(json.dumps(result, allow_nan=False, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
