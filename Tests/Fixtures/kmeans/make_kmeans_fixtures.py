#!/usr/bin/env python3
"""Reference fixtures for the Swift k-means (Lloyd + greedy k-means++) port, taken from scikit-learn.

Writes ``kmeans_reference.json`` next to this script. Run it with a Python that has numpy, scipy and
scikit-learn (the exact numpy / scikit-learn versions used are recorded in the JSON under
``"versions"``), e.g.::

    python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install numpy scipy scikit-learn pandas
    .venv-fixtures/bin/python Tests/Fixtures/kmeans/make_kmeans_fixtures.py

Everything is deterministic: every data set comes from a fixed seed, every KMeans fit uses an explicit
``init`` array, ``n_init=1`` and ``random_state=0``, and OpenMP / BLAS are pinned to one thread
(``OMP_NUM_THREADS=1`` before numpy/sklearn are imported, plus ``threadpoolctl.threadpool_limits(1)``), so
sklearn's per-cluster sums are accumulated sequentially in sample order. Floats are written with
``repr`` (Python's json module does this), so every number round-trips exactly; nothing is rounded.
Float32 values are written as the exact double that equals the float32 value.

Sections of the JSON
--------------------
``lloyd_cases`` -- ``sklearn.cluster.KMeans(algorithm="lloyd").fit(X, sample_weight)`` results. Each case
has: name, description, n, d, k, dtype, X, init, sample_weight (or null), tol (the user-facing relative
tol), max_iter, algorithm, labels, centers, inertia, n_iter (= sklearn ``n_iter_``), and diagnostics:
``tol_abs`` (sklearn's private ``_tol``, the absolute threshold actually compared with the squared center
shift), ``x_mean`` (the column mean sklearn subtracts before the loop), ``convergence`` ("strict" = labels
unchanged, "tol" = center shift <= tol_abs, "max_iter"), ``verbose_inertia_trace`` (sklearn's verbose
per-iteration inertia: inertia of iteration i's labels w.r.t. the centers those labels were computed
from), ``min_relative_margin_final`` (smallest (d2 - d1) / d1 over points of the final E-step, where d1, d2
are the best and second-best squared distances; a tiny margin would make the labels fragile) and
``reference_check`` (an independent numpy re-implementation of sklearn's Lloyd loop, see
``reference_lloyd`` below, run on the same inputs and compared with sklearn).

* ``blobs_first_k`` -- 600x5 blobs (6 centers, std 1.5, random_state=1), init = first 6 rows,
  tol=1e-4, max_iter=300. The plain case: relative tolerance scaling, ordinary convergence.
* ``blobs_tol0_20`` -- 800x8 blobs (4 centers, random_state=2) scaled by 100 and shifted by +1000 on
  every coordinate, k=5, init = first 5 rows, tol=0, max_iter=20. Checks (a) tol=0 (sklearn then uses
  an absolute tolerance of exactly 0, so only strict label convergence or max_iter stop the loop; n_iter is
  sklearn's own count) and (b) the mean-centering sklearn applies before the loop: with a +1000 offset
  the expanded distance ||x||^2 - 2 x.c + ||c||^2 would lose ~6 digits without it.
* ``weighted`` -- 400x3 blobs (4 centers, random_state=3), integer sample weights 1..5 drawn from
  ``np.random.default_rng(3)``, k=4, init = first 4 rows. Weighted M-step and weighted inertia
  (the centering mean is NOT weighted; see SKLEARN_NOTES.md).
* ``empty_cluster`` -- 300 points in two tight blobs (std 0.3 around (0,0) and (5,5), shuffled, seed 11),
  k=4, init = one point of each blob plus (1e3, 1e3) and (-1e3, 1e3). Both far centers get no points
  in the first E-step, so sklearn relocates clusters 2 and 3 onto the points farthest from their
  assigned centers (largest first). The script verifies this on a one-iteration fit (max_iter=1, tol=0):
  no NaN, and centers 2 and 3 sit on the two farthest data points, in that order. The case carries
  ``relocation: true``, ``relocated_point_indices`` and ``after_one_iteration`` = {labels, centers,
  inertia, n_iter} exactly as sklearn returns them for max_iter=1; note those labels are the ones of the
  final E-step sklearn re-runs after the loop (w.r.t. the centers after the first M-step), not the
  labels of the first E-step.
* ``max_iter_cap`` -- (extra) empty_cluster's X and init with tol=0, max_iter=5: the only case whose loop
  ends by exhausting max_iter, so n_iter == max_iter and the labels come from the post-loop E-step.
* ``float32_blobs`` -- blobs_first_k's X and init cast to float32 (``dtype: "float32"``). sklearn then
  does everything in float32 (mean, sums, reciprocal scaling, shift, inertia accumulator); the Swift side
  is expected to compare with a looser tolerance.
* ``tie_breaking`` -- 200 integer-grid points (100 distinct points of the half grid
  {x>0 or (x=0, y>0)} of [-8,8]^2, drawn with ``np.random.default_rng(5)``, plus their negations), k=3,
  init = (-4,0), (4,0), (0,6). The data set is symmetric, so its mean is exactly (0,0) and sklearn's
  centering leaves every coordinate an exact small integer; the expanded distances sklearn computes in
  the first E-step are then exact, and points on x=0 (equidistant from centers 0 and 1), on 2x+3y=5
  (centers 0 and 2) and on -2x+3y=5 (centers 1 and 2) are exact ties. ``initial_labels`` is sklearn's own
  first E-step (``sklearn.cluster._kmeans._labels_inertia`` on the centered data, the same Cython routine
  fit uses), ``tied_points`` lists every tied point with the set of tied centers.
  FINDING (asserted below): sklearn gives every tied point the LOWEST tied center index (its argmin loop
  only replaces the current best on a strictly smaller value). The reference re-implementation with the
  lowest-index rule reproduces sklearn's final labels exactly, while the same loop with a highest-index
  rule ends in a different clustering (``tie_rule_matters``), so a wrong tie rule fails this fixture.

``inertia_convention`` -- for the weighted case: inertia recomputed in numpy as
sum_i w_i * ||x_i - c_{label_i}||^2 on the original (uncentered) X with sklearn's returned labels and
centers, next to sklearn's ``inertia_`` and their relative difference (asserted <= 1e-12). sklearn itself
computes it on the centered data.

``tolerance_scaling`` -- for blobs_first_k's X: ``np.mean(np.var(X, axis=0)) * 1e-4``, the absolute
tolerance sklearn compares the summed squared center shift against (``_tolerance`` in
sklearn/cluster/_kmeans.py), checked equal to the fitted estimator's ``_tol``; also shows that the same X
with random sample weights gives the same ``_tol`` (weights do not enter it in this sklearn version).

``kmeanspp`` -- distribution reference for greedy k-means++ (``sklearn.cluster.kmeans_plusplus``,
n_local_trials=None -> 2 + int(log k)) on a fixed 60x2 data set of three well-separated blobs of 20
points (blob b = rows 20b..20b+19, ``np.random.default_rng(7)``): over random_state = 0..4999, the mean
and 5/50/95 percentiles (numpy's default linear interpolation) of the seeding potential (sum of squared
distances of all points to the nearest chosen seed), the fraction of runs with the 3 seeds in 3 different
blobs, and the counts of each index as first seed (expected uniform: 5000/60 each; chi-square given).
The weighted variant uses sample_weight = 1 on blob 0 and 10 on blobs 1 and 2 with k=2 and records the
same statistics (potential both weighted and unweighted) plus the fraction of runs with both seeds in
blobs 1/2. ``first_runs`` lists the exact seeds of random_state 0..19 (they are MT19937-specific and only
useful to a port that replays numpy's RandomState).
"""

import os

os.environ["OMP_NUM_THREADS"] = "1"  # must be set before numpy / sklearn are imported

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.stats  # noqa: E402
import sklearn  # noqa: E402
import threadpoolctl  # noqa: E402
from sklearn.cluster import KMeans, kmeans_plusplus  # noqa: E402
from sklearn.cluster._kmeans import _labels_inertia  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

OUT = Path(__file__).parent / "kmeans_reference.json"


# --------------------------------------------------------------------------------------------------
# sklearn runs
# --------------------------------------------------------------------------------------------------


def fit_sklearn(X, init, k, tol, max_iter, sample_weight, verbose=0):
    km = KMeans(
        n_clusters=k,
        init=init,
        n_init=1,
        max_iter=max_iter,
        tol=tol,
        algorithm="lloyd",
        random_state=0,
        verbose=verbose,
    )
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        km.fit(X, sample_weight=sample_weight)
    return km, buf.getvalue()


def parse_verbose(text, max_iter):
    trace = [float(m.group(1)) for m in re.finditer(r"^Iteration \d+, inertia (\S+)\.$", text, re.M)]
    if "strict convergence" in text:
        conv = "strict"
    elif "within tolerance" in text:
        conv = "tol"
    else:
        conv = "max_iter"
        assert len(trace) == max_iter
    return trace, conv


# --------------------------------------------------------------------------------------------------
# Independent numpy re-implementation of sklearn's dense Lloyd loop (one thread), used as a cross-check
# of SKLEARN_NOTES.md. All arithmetic is done in X's dtype, in the same order as the Cython code where
# the order is specified (sequential sums in sample order, 4-way unrolled squared distances, reciprocal
# scaling). The only deliberate difference: the E-step uses direct squared differences instead of
# sklearn's BLAS-based ||c||^2 - 2 x.c, so labels agree unless a point is within rounding of a tie.
# --------------------------------------------------------------------------------------------------


def sq_dist_unrolled(A, B):
    """Row-wise squared distance summed like sklearn's _euclidean_dense_dense: blocks of 4 terms
    ((t0 + t1) + t2) + t3 added to the running total, then the remaining terms one by one."""
    dt = A.dtype
    sq = (A - B) * (A - B)
    d = A.shape[1]
    r = np.zeros(A.shape[0], dtype=dt)
    for b in range(d // 4):
        j = 4 * b
        r = r + (((sq[:, j] + sq[:, j + 1]) + sq[:, j + 2]) + sq[:, j + 3])
    for j in range(4 * (d // 4), d):
        r = r + sq[:, j]
    return r


def assign(Xc, C, tie="lowest"):
    D = ((Xc[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    if tie == "lowest":
        return np.argmin(D, axis=1).astype(np.int32)
    k = C.shape[0]
    return (k - 1 - np.argmin(D[:, ::-1], axis=1)).astype(np.int32)


def reference_lloyd(X, w, init, max_iter, tol_abs, tie="lowest"):
    dt = X.dtype
    n, d = X.shape
    k = init.shape[0]
    w = np.asarray(w, dtype=dt)
    mean = X.mean(axis=0)  # unweighted; sequential over rows for a C-contiguous (n, d>1) array
    Xc = X - mean
    C = init.astype(dt) - mean
    labels_old = np.full(n, -1, dtype=np.int32)
    strict = False
    i = 0
    for i in range(max_iter):
        labels = assign(Xc, C, tie)
        sums = np.zeros((k, d), dtype=dt)
        W = np.zeros(k, dtype=dt)
        for s in range(n):  # one thread: sequential accumulation in sample order
            lab = labels[s]
            W[lab] += w[s]
            sums[lab] += Xc[s] * w[s]
        empty = np.where(W == 0)[0]
        if len(empty):
            dist = sq_dist_unrolled(Xc, C[labels])
            if dist.max() != 0:
                far = np.argpartition(dist, -len(empty))[: -len(empty) - 1 : -1]
                for new, f in zip(empty, far):
                    old = labels[f]
                    sums[old] -= Xc[f] * w[f]
                    sums[new] = Xc[f] * w[f]
                    W[new] = w[f]
                    W[old] -= w[f]
        biggest = int(np.argmax(W))
        for j in range(k):
            if W[j] > 0:
                sums[j] *= dt.type(1.0) / W[j]
            else:
                sums[j] = sums[biggest]
        shift = np.sqrt(sq_dist_unrolled(sums, C))
        C = sums
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if (shift**2).sum() <= tol_abs:
            break
        labels_old = labels
    if not strict:
        labels = assign(Xc, C, tie)
    inertia = np.cumsum(sq_dist_unrolled(Xc, C[labels]) * w)[-1]  # cumsum = sequential sum
    return labels, C + mean, float(inertia), i + 1, Xc, C


def min_relative_margin(Xc, C):
    D = ((Xc.astype(np.float64)[:, None, :] - C.astype(np.float64)[None, :, :]) ** 2).sum(axis=2)
    D.sort(axis=1)
    return float(np.min((D[:, 1] - D[:, 0]) / np.maximum(D[:, 0], np.finfo(np.float64).tiny)))


# --------------------------------------------------------------------------------------------------
# Lloyd cases
# --------------------------------------------------------------------------------------------------


def lloyd_case(name, description, X, init, k, tol, max_iter, sample_weight=None, check_reference=True):
    X = np.ascontiguousarray(X)
    init = np.ascontiguousarray(init, dtype=X.dtype)
    n, d = X.shape
    km, _ = fit_sklearn(X, init, k, tol, max_iter, sample_weight)
    kmv, text = fit_sklearn(X, init, k, tol, max_iter, sample_weight, verbose=1)
    assert np.array_equal(km.labels_, kmv.labels_) and np.array_equal(km.cluster_centers_, kmv.cluster_centers_)
    assert km.inertia_ == kmv.inertia_ and km.n_iter_ == kmv.n_iter_
    trace, conv = parse_verbose(text, max_iter)
    assert len(trace) == km.n_iter_
    centers = km.cluster_centers_
    assert centers.dtype == X.dtype and np.all(np.isfinite(centers))
    x_mean = X.mean(axis=0)

    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    r_labels, r_centers, r_inertia, r_iter, Xc, Cc = reference_lloyd(X, w, init, max_iter, km._tol)
    ref = {
        "labels_equal": bool(np.array_equal(r_labels, km.labels_)),
        "n_iter_equal": r_iter == km.n_iter_,
        "max_abs_center_diff": float(np.max(np.abs(r_centers.astype(np.float64) - centers))),
        "centers_bitwise_equal": bool(np.array_equal(r_centers, centers)),
        "inertia_bitwise_equal": r_inertia == float(km.inertia_),
        "inertia_relative_diff": abs(r_inertia - float(km.inertia_)) / float(km.inertia_),
    }
    if check_reference:
        assert ref["labels_equal"] and ref["n_iter_equal"], (name, ref)
    case = {
        "name": name,
        "description": description,
        "n": n,
        "d": d,
        "k": k,
        "dtype": str(X.dtype),
        "X": X.tolist(),
        "init": init.tolist(),
        "sample_weight": None if sample_weight is None else np.asarray(sample_weight).tolist(),
        "tol": tol,
        "max_iter": max_iter,
        "algorithm": "lloyd",
        "labels": km.labels_.tolist(),
        "centers": centers.tolist(),
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
        "tol_abs": float(km._tol),
        "x_mean": x_mean.tolist(),
        "convergence": conv,
        "verbose_inertia_trace": trace,
        "min_relative_margin_final": min_relative_margin(X.astype(np.float64) - x_mean, centers - x_mean),
        "reference_check": ref,
    }
    return case, km


def build_lloyd_cases():
    cases = []
    kms = {}

    # 1. blobs_first_k
    X1, _ = make_blobs(n_samples=600, n_features=5, centers=6, cluster_std=1.5, random_state=1)
    c, kms["blobs_first_k"] = lloyd_case(
        "blobs_first_k",
        "make_blobs(n_samples=600, n_features=5, centers=6, cluster_std=1.5, random_state=1); "
        "init = first 6 rows; tol=1e-4 relative (scaled by mean column variance).",
        X1, X1[:6], 6, 1e-4, 300,
    )
    cases.append(c)

    # 2. blobs_tol0_20
    X2, _ = make_blobs(n_samples=800, n_features=8, centers=4, random_state=2)
    X2 = X2 * 100.0 + 1000.0
    c, kms["blobs_tol0_20"] = lloyd_case(
        "blobs_tol0_20",
        "make_blobs(n_samples=800, n_features=8, centers=4, random_state=2) * 100 + 1000; k=5, "
        "init = first 5 rows; tol=0 (absolute tolerance exactly 0), max_iter=20. Exercises centering.",
        X2, X2[:5], 5, 0.0, 20,
    )
    assert c["tol_abs"] == 0.0
    cases.append(c)

    # 3. weighted
    X3, _ = make_blobs(n_samples=400, n_features=3, centers=4, random_state=3)
    w3 = np.random.default_rng(3).integers(1, 6, size=400).astype(np.float64)
    c, kms["weighted"] = lloyd_case(
        "weighted",
        "make_blobs(n_samples=400, n_features=3, centers=4, random_state=3); sample_weight = "
        "np.random.default_rng(3).integers(1, 6, 400) as float; init = first 4 rows; tol=1e-4.",
        X3, X3[:4], 4, 1e-4, 300, sample_weight=w3,
    )
    cases.append(c)

    # 4. empty_cluster
    rng = np.random.default_rng(11)
    blob_a = rng.normal(loc=(0.0, 0.0), scale=0.3, size=(150, 2))
    blob_b = rng.normal(loc=(5.0, 5.0), scale=0.3, size=(150, 2))
    perm = rng.permutation(300)
    X4 = np.vstack([blob_a, blob_b])[perm]
    in_b = perm >= 150
    ia, ib = int(np.argmin(in_b)), int(np.argmax(in_b))
    init4 = np.array([X4[ia], X4[ib], [1e3, 1e3], [-1e3, 1e3]])
    c, kms["empty_cluster"] = lloyd_case(
        "empty_cluster",
        "Two tight blobs (std 0.3 around (0,0) and (5,5), 150 points each, shuffled, "
        "np.random.default_rng(11)); k=4, init = [X[%d] (blob A), X[%d] (blob B), (1e3,1e3), (-1e3,1e3)]; "
        "clusters 2 and 3 are empty after the first E-step and are relocated." % (ia, ib),
        X4, init4, 4, 1e-4, 300,
    )
    km1, _ = fit_sklearn(X4, init4, 4, 0.0, 1, None)
    C1 = km1.cluster_centers_
    assert np.all(np.isfinite(C1)) and km1.n_iter_ == 1
    # Which points should have been chosen: farthest from their assigned (initial) center, largest first.
    x_mean = X4.mean(axis=0)
    Xc, Ic = X4 - x_mean, init4 - x_mean
    first_labels = _labels_inertia(Xc, np.ones(300), Ic, n_threads=1, return_inertia=False)
    assert set(first_labels.tolist()) == {0, 1}, "clusters 2 and 3 must be empty after the first E-step"
    dist = sq_dist_unrolled(Xc, Ic[first_labels])
    order = np.argsort(-dist, kind="stable")
    assert dist[order[1]] > dist[order[2]] and dist[order[0]] > dist[order[1]]  # no ties among the top 3
    relocated = [int(order[0]), int(order[1])]
    for j, idx in zip((2, 3), relocated):
        assert np.max(np.abs(C1[j] - X4[idx])) <= 1e-12, (j, idx, C1[j], X4[idx])
        assert np.all(np.abs(C1[j]) < 100), "relocated center must have left (+-1e3, 1e3)"
    c["relocation"] = True
    c["relocated_point_indices"] = relocated
    c["relocation_note"] = (
        "First E-step leaves clusters 2 and 3 empty; cluster 2 receives X[%d] (largest squared distance to "
        "its assigned initial center, %r), cluster 3 receives X[%d] (second largest, %r). The points keep "
        "their labels; only the sums/weights move." % (relocated[0], float(dist[order[0]]), relocated[1], float(dist[order[1]]))
    )
    c["relocated_centers_exactly_on_points"] = [bool(np.array_equal(C1[j], X4[idx])) for j, idx in zip((2, 3), relocated)]
    c["after_one_iteration"] = {
        "max_iter": 1,
        "tol": 0.0,
        "labels": km1.labels_.tolist(),
        "centers": C1.tolist(),
        "inertia": float(km1.inertia_),
        "n_iter": int(km1.n_iter_),
        "first_e_step_labels": first_labels.tolist(),
        "note": "labels are sklearn's post-loop E-step w.r.t. the centers after one M-step (what fit returns); "
        "first_e_step_labels are the labels of the first E-step (w.r.t. init), for debugging.",
    }
    cases.append(c)

    # 4b. max_iter_cap: same data and init, stopped by max_iter (not in the original brief; it is the only
    # case whose loop ends by exhausting max_iter, so the post-loop E-step and n_iter == max_iter are covered).
    c, kms["max_iter_cap"] = lloyd_case(
        "max_iter_cap",
        "empty_cluster's X and init with tol=0 and max_iter=5: the loop is cut by max_iter "
        "(n_iter == 5, labels from the post-loop E-step); the first iteration relocates clusters 2 and 3.",
        X4, init4, 4, 0.0, 5,
    )
    assert c["convergence"] == "max_iter" and c["n_iter"] == 5
    cases.append(c)

    # 5. float32_blobs
    X5 = X1.astype(np.float32)
    c, kms["float32_blobs"] = lloyd_case(
        "float32_blobs",
        "blobs_first_k's X and init cast to float32; sklearn computes everything in float32.",
        X5, X5[:6], 6, 1e-4, 300, check_reference=False,
    )
    assert np.asarray(kms["float32_blobs"].cluster_centers_).dtype == np.float32
    cases.append(c)

    # 6. tie_breaking
    rng = np.random.default_rng(5)
    half = np.array([(x, y) for x in range(-8, 9) for y in range(-8, 9) if x > 0 or (x == 0 and y > 0)], dtype=np.float64)
    pick = half[np.sort(rng.choice(len(half), size=100, replace=False))]
    X6 = np.vstack([pick, -pick + 0.0])[rng.permutation(200)]  # + 0.0: no negative zeros in the JSON
    init6 = np.array([[-4.0, 0.0], [4.0, 0.0], [0.0, 6.0]])
    assert np.array_equal(X6.mean(axis=0) + 0.0, np.zeros(2))
    # exact integer distances to the initial centers
    Dint = ((X6.astype(np.int64)[:, None, :] - init6.astype(np.int64)[None, :, :]) ** 2).sum(axis=2)
    dmin = Dint.min(axis=1)
    tied = [(i, [int(j) for j in np.where(Dint[i] == dmin[i])[0]]) for i in range(200) if (Dint[i] == dmin[i]).sum() > 1]
    assert len(tied) >= 10, len(tied)
    Xc6 = X6 - X6.mean(axis=0)
    Ic6 = init6 - X6.mean(axis=0)
    initial_labels = _labels_inertia(Xc6, np.ones(200), Ic6, n_threads=1, return_inertia=False)
    for i, js in tied:
        assert initial_labels[i] == min(js), (i, js, initial_labels[i])
    assert np.array_equal(initial_labels, np.argmin(Dint, axis=1))
    c, kms["tie_breaking"] = lloyd_case(
        "tie_breaking",
        "200 integer points: 100 distinct points of the half grid {x>0 or (x=0,y>0)} of [-8,8]^2 "
        "(np.random.default_rng(5)) plus their negations, shuffled; mean exactly (0,0); k=3, "
        "init=(-4,0),(4,0),(0,6); %d points are exactly equidistant from two initial centers." % len(tied),
        X6, init6, 3, 1e-4, 300,
    )
    hi_labels, hi_centers, _, hi_iter, _, _ = reference_lloyd(X6, np.ones(200), init6, 300, kms["tie_breaking"]._tol, tie="highest")
    matters = not (np.array_equal(hi_labels, kms["tie_breaking"].labels_) and np.allclose(hi_centers, kms["tie_breaking"].cluster_centers_))
    assert matters, "the tie rule must change the outcome, otherwise this case does not test it"
    c["initial_labels"] = initial_labels.tolist()
    c["tied_points"] = [{"index": i, "tied_centers": js} for i, js in tied]
    c["tie_rule"] = "lowest index (sklearn assigned every tied point of the first E-step to min(tied_centers))"
    c["tie_rule_matters"] = {
        "highest_index_rule_labels_equal": bool(np.array_equal(hi_labels, kms["tie_breaking"].labels_)),
        "highest_index_rule_n_iter": hi_iter,
        "highest_index_rule_max_abs_center_diff": float(np.max(np.abs(hi_centers - kms["tie_breaking"].cluster_centers_))),
    }
    cases.append(c)
    return cases, kms, w3


# --------------------------------------------------------------------------------------------------
# inertia convention and tolerance scaling
# --------------------------------------------------------------------------------------------------


def inertia_convention(case, km):
    X = np.asarray(case["X"])
    w = np.asarray(case["sample_weight"])
    C = km.cluster_centers_
    lab = km.labels_
    numpy_inertia = float(np.sum(w * np.sum((X - C[lab]) ** 2, axis=1)))
    rel = abs(numpy_inertia - km.inertia_) / km.inertia_
    assert rel <= 1e-12, rel
    return {
        "case": case["name"],
        "formula": "sum_i w_i * ||x_i - c_{label_i}||^2 with sklearn's returned labels and centers, original X",
        "numpy_inertia": numpy_inertia,
        "sklearn_inertia": float(km.inertia_),
        "relative_difference": rel,
        "note": "sklearn accumulates sequentially over samples in X's dtype on the mean-centered data "
        "(x_i - mean) and centers (c - mean); numpy here uses the uncentered data and pairwise summation, "
        "hence the tiny difference. Weighted: each squared distance is multiplied by w_i; no normalisation.",
    }


def tolerance_scaling(X1, km1):
    tol = 1e-4
    value = float(np.mean(np.var(X1, axis=0)) * tol)
    assert value == float(km1._tol), (value, km1._tol)
    w = np.random.default_rng(123).integers(1, 10, size=X1.shape[0]).astype(np.float64)
    kmw, _ = fit_sklearn(X1, X1[:6], 6, tol, 300, w)
    assert float(kmw._tol) == value
    X32 = X1.astype(np.float32)
    v32 = np.mean(np.var(X32, axis=0)) * tol
    km32, _ = fit_sklearn(X32, X32[:6], 6, tol, 300, None)
    assert float(km32._tol) == float(v32)
    return {
        "case": "blobs_first_k",
        "tol": tol,
        "formula": "np.mean(np.var(X, axis=0)) * tol  (population variance, ddof=0, per column, unweighted)",
        "value": value,
        "sklearn_private_tol": float(km1._tol),
        "equal": True,
        "sample_weight_affects_tolerance": False,
        "sample_weight_check": {
            "sample_weight": "np.random.default_rng(123).integers(1, 10, 600)",
            "sklearn_private_tol_with_weights": float(kmw._tol),
        },
        "float32_value": float(v32),
        "float32_note": "for float32 X the variance, mean and product are float32 and _tol is a float32 scalar",
        "tol_zero": "tol == 0 returns 0 exactly (no variance computed)",
        "computed_on": "the validated X before mean-centering",
        "compared_with": "sum over clusters of squared Euclidean center shift, test is shift_tot <= tol_abs",
    }


# --------------------------------------------------------------------------------------------------
# k-means++
# --------------------------------------------------------------------------------------------------


def potential(X, idx, w=None):
    D = ((X[:, None, :] - X[idx][None, :, :]) ** 2).sum(axis=2).min(axis=1)
    return float(D.sum() if w is None else (w * D).sum())


def stats(v):
    p = np.percentile(v, [5, 50, 95])
    return {"mean": float(np.mean(v)), "p5": float(p[0]), "p50": float(p[1]), "p95": float(p[2])}


def replay_kmeanspp(X, k, w, seed):
    """Greedy k-means++ with the RandomState draws spelled out (see SKLEARN_NOTES.md (vi))."""
    rs = np.random.RandomState(seed)
    n = X.shape[0]
    trials = 2 + int(np.log(k))
    p = w / w.sum()
    cdf = p.cumsum()
    cdf /= cdf[-1]
    first = int(np.searchsorted(cdf, rs.random_sample(), side="right"))
    xx = np.einsum("ij,ij->i", X, X)

    def dists(rows):
        d = -2 * (X[rows] @ X.T)
        d += xx[rows][:, None]
        d += xx[None, :]
        return np.maximum(d, 0)

    idx = [first]
    closest = dists([first])
    pot = closest @ w
    for _ in range(1, k):
        r = rs.random_sample(trials) * pot
        cand = np.searchsorted(np.cumsum(w * closest), r)
        np.clip(cand, None, n - 1, out=cand)
        dc = np.minimum(closest, dists(cand))
        pots = dc @ w.reshape(-1, 1)
        b = int(np.argmin(pots))
        pot = pots[b]
        closest = dc[b]
        idx.append(int(cand[b]))
    return idx


def build_kmeanspp(n_runs=5000):
    rng = np.random.default_rng(7)
    means = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 8.660254037844386]])
    X = np.vstack([rng.normal(loc=m, scale=0.8, size=(20, 2)) for m in means])
    blob = np.repeat(np.arange(3), 20)
    out = {
        "X": X.tolist(),
        "blob_of_index": blob.tolist(),
        "n_runs": n_runs,
        "random_states": "0..%d" % (n_runs - 1),
        "function": "sklearn.cluster.kmeans_plusplus(X, n_clusters=k, sample_weight=..., random_state=s), "
        "n_local_trials=None",
        "percentile_method": "numpy.percentile default (linear interpolation)",
    }

    # unweighted, k = 3
    k = 3
    pots, distinct, firsts, first_runs, replay_mismatch = [], 0, np.zeros(60, dtype=int), [], 0
    for s in range(n_runs):
        _, idx = kmeans_plusplus(X, n_clusters=k, random_state=s)
        idx = [int(i) for i in idx]
        pots.append(potential(X, idx))
        distinct += len(set(blob[idx].tolist())) == 3
        firsts[idx[0]] += 1
        if s < 20:
            first_runs.append(idx)
        replay_mismatch += replay_kmeanspp(X, k, np.ones(60), s) != idx
    chi2 = scipy.stats.chisquare(firsts)
    out["unweighted"] = {
        "k": k,
        "n_local_trials": 2 + int(np.log(k)),
        "potential": stats(pots),
        "potential_definition": "sum over all 60 points of squared distance to the nearest chosen seed",
        "fraction_three_distinct_blobs": distinct / n_runs,
        "first_seed_counts": firsts.tolist(),
        "first_seed_expected_count": n_runs / 60,
        "first_seed_chi2": float(chi2.statistic),
        "first_seed_chi2_pvalue": float(chi2.pvalue),
        "first_runs": first_runs,
        "replay_mismatches": replay_mismatch,
    }

    # weighted, k = 2
    k = 2
    w = np.where(blob == 0, 1.0, 10.0)
    pots_w, pots_u, both12, distinct, first_blob, first_runs, replay_mismatch = [], [], 0, 0, np.zeros(3, dtype=int), [], 0
    for s in range(n_runs):
        _, idx = kmeans_plusplus(X, n_clusters=k, sample_weight=w, random_state=s)
        idx = [int(i) for i in idx]
        pots_w.append(potential(X, idx, w))
        pots_u.append(potential(X, idx))
        b = blob[idx]
        both12 += bool(np.all(b >= 1))
        distinct += len(set(b.tolist())) == 2
        first_blob[b[0]] += 1
        if s < 20:
            first_runs.append(idx)
        replay_mismatch += replay_kmeanspp(X, k, w, s) != idx
    out["weighted"] = {
        "k": k,
        "n_local_trials": 2 + int(np.log(k)),
        "sample_weight": w.tolist(),
        "potential_weighted": stats(pots_w),
        "potential_weighted_definition": "sum_i w_i * (squared distance of point i to the nearest chosen seed)",
        "potential_unweighted": stats(pots_u),
        "fraction_both_seeds_in_blobs_1_2": both12 / n_runs,
        "fraction_two_distinct_blobs": distinct / n_runs,
        "first_seed_blob_counts": first_blob.tolist(),
        "first_seed_blob_expected_fraction": [20 / 420, 200 / 420, 200 / 420],
        "first_runs": first_runs,
        "replay_mismatches": replay_mismatch,
    }
    return out


# --------------------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------------------


def _scalar(v):
    return json.dumps(v, allow_nan=False)


def _is_scalar_list(v):
    return isinstance(v, list) and all(not isinstance(e, (list, dict)) for e in v)


def encode(v, indent=0):
    """JSON with one matrix row / one scalar list per line (compact but diff-friendly)."""
    pad, pad1 = " " * indent, " " * (indent + 1)
    if isinstance(v, dict):
        items = [pad1 + _scalar(key) + ": " + encode(val, indent + 1) for key, val in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if _is_scalar_list(v):
            return "[" + ",".join(_scalar(e) for e in v) + "]"
        return "[\n" + ",\n".join(pad1 + encode(e, indent + 1) for e in v) + "\n" + pad + "]"
    return _scalar(v)


def main():
    with threadpoolctl.threadpool_limits(limits=1):
        cases, kms, _ = build_lloyd_cases()
        by_name = {c["name"]: c for c in cases}
        X1 = np.asarray(by_name["blobs_first_k"]["X"])
        doc = {
            "generator": "Tests/Fixtures/kmeans/make_kmeans_fixtures.py",
            "versions": {
                "numpy": np.__version__,
                "scikit-learn": sklearn.__version__,
                "scipy": scipy.__version__,
                "threadpoolctl": threadpoolctl.__version__,
                "python": platform.python_version(),
            },
            "threads": "OMP_NUM_THREADS=1 and threadpoolctl.threadpool_limits(1)",
            "lloyd_cases": cases,
            "inertia_convention": inertia_convention(by_name["weighted"], kms["weighted"]),
            "tolerance_scaling": tolerance_scaling(X1, kms["blobs_first_k"]),
            "kmeanspp": build_kmeanspp(),
        }
    text = encode(doc) + "\n"
    assert json.loads(text) == doc  # exact round trip, floats included
    OUT.write_text(text)
    print("wrote %s (%d bytes)" % (OUT.name, len(text.encode())))
    for c in cases:
        print("%-15s n_iter=%-3d conv=%-8s inertia=%r ref=%s" % (c["name"], c["n_iter"], c["convergence"], c["inertia"], c["reference_check"]))


if __name__ == "__main__":
    main()
