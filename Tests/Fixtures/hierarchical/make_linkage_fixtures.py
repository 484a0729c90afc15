#!/usr/bin/env python3
"""Reference fixtures for the Swift hierarchical (agglomerative) clustering port, taken from SciPy.

Writes ``linkage_reference.json`` next to this script. Run it with a Python that has numpy and scipy
(the exact versions are recorded in the JSON under ``"versions"``), e.g.::

    .venv-fixtures/bin/python Tests/Fixtures/hierarchical/make_linkage_fixtures.py

Everything is deterministic: each data set comes from ``np.random.default_rng(seed)`` with a fixed seed
(the seed actually used is recorded; see "Tie-freeness" below), and SciPy's hierarchy code is
single-threaded. Floats are written with ``repr`` (shortest round-trip form), so every number parses back
to the identical double; the script re-reads the file and checks that. Matrices are written one row per
line; long float vectors six values per line.

Data sets (``datasets`` in the JSON)
------------------------------------
* ``a_blobs_n40_d3`` -- 40 points in R^3 around 3 centres (0,0,0), (6,1,-2), (1,7,3), unit-variance
  Gaussian noise, cluster membership shuffled (seed 101).
* ``b_uniform_n60_d5`` -- 60 points uniform on [0,1)^5 (seed 202).
* ``c_outliers_n25_d2`` -- 21 standard-normal points in R^2 plus 4 outliers at radius 12..30 in random
  directions, rows shuffled (seed 303); the outlier row indices are recorded.
* ``d_precision_n50_d16`` -- 50 points in R^16 around 4 centres (centres N(0, 3^2), unit noise), then
  scaled by 1000 and offset by +1e4 on every coordinate (seed 404). A precision check: coordinates
  are ~1e4 while many differences are ~1e3; SciPy's ``pdist`` takes differences coordinate by
  coordinate (sqrt of sum of (x_k - y_k)^2), so an implementation using the Gram expansion
  ||x||^2 - 2 x.y + ||y||^2 would lose digits here.
  (The brief's first idea, n=30 with an exact duplicate pair, is not tie-free and was dropped.)

Tie-freeness: for every data set (and for the cityblock / cosine / sqeuclidean distances of data set a)
the script sorts the condensed distance vector and requires every relative gap (d[k+1]-d[k])/d[k+1] to
exceed 1e-9; if it does not, it regenerates with seed + 1000 (the ``seed`` and ``seed_attempts`` fields
say what happened). Tie-free pairwise distances make single and complete linkage tie-free at every step
(their cluster distances are always original pairwise distances, and each point pair belongs to one
cluster pair). For the other methods the script also records ``min_relative_merge_gap``: over all merge
steps of a greedy re-run, the smallest relative gap between the chosen (minimum) cluster distance and the
second smallest one among all active cluster pairs. Every value is far above rounding level (see
the JSON), so the merge order is robust to last-bit differences.

Per data set and per method in single, complete, average, weighted, centroid, median, ward
(``scipy.cluster.hierarchy.linkage(X, method=m, metric='euclidean')`` on the raw observations):
* ``Z`` -- the (n-1) x 4 linkage matrix exactly as SciPy returns it (float64; columns id_a, id_b,
  height, size).
* ``fcluster_maxclust`` -- ``fcluster(Z, t=k, criterion='maxclust')`` for k = 2, 3, 5, with the number
  of clusters actually produced.
* ``fcluster_distance`` -- ``fcluster(Z, t=h, criterion='distance')`` for h = ``np.median(Z[:, 2])``
  (rule "median_height"; when n-1 is odd this is exactly one of the merge heights, so it also tests
  that the criterion is "<= t") and, as a rounding-robust companion, h = midpoint between the two
  sorted heights around the median (rule "midpoint_above_lower_median"). ``boundary_sensitive`` is
  true when t equals some merge height exactly.
* ``cophenetic_correlation`` -- ``cophenet(Z, pdist(X))[0]``. It is computed with numpy's (pairwise)
  sums, so compare it with a relative tolerance of ~1e-12, not bit-exactly.
* ``cophenetic_distances`` -- the condensed cophenetic distance vector (data set a only, to keep the
  file small). These are copies of Z heights, so they are exact.
* ``leaves_list`` -- ``leaves_list(Z)``.
* ``is_monotonic``, and ``checks`` (independent re-computations, see below).
Data set a also has linkages on precomputed condensed distances ``pdist(X, 'cityblock')``,
``pdist(X, 'cosine')`` and ``pdist(X, 'sqeuclidean')`` (methods average and complete), with the same
outputs (their cophenetic correlation is against the same condensed input). The condensed inputs of all
four metrics for data set a are stored under ``pdist`` so the linkage part can be tested separately from
the distance part.

Weighted observations (``weighted_ward``)
-----------------------------------------
SciPy has no sample weights. The Swift hybrid runs weighted Ward on micro-cluster centroids, so the
reference is built by expansion: 12 points in R^2 (seed 505) with integer weights in 1..4 (every value
used), ``Xe = np.repeat(X, w, axis=0)`` (row r of Xe is a copy of X[origin[r]]), and
``Ze = linkage(Xe, 'ward')`` is stored as ``Z_expanded``.
Correspondence: the first sum(w) - 12 rows of Ze have height exactly 0.0 and each joins two clusters
made only of copies of one original point (the script checks this); after them every original point i
is a single cluster of size w[i]. The remaining 11 rows (all heights > 0) are the merges of the weighted
problem, in the same order. They are rewritten in SciPy's convention for the 12-point problem as
``Z_weighted`` = [id_a, id_b, height, total_weight] with point i -> id i, the k-th non-zero row -> id 12+k,
smaller id first; ``expanded_row_index`` gives the row of Ze each comes from and ``n_points`` the number
of original (weighted) points in the merged cluster.
``Z_weighted`` heights are checked against an independent direct O(n^3) weighted Ward written here in
numpy: initial cluster distances d(i, j) = sqrt(2 w_i w_j / (w_i + w_j)) * ||x_i - x_j|| (that is what
Ward's height between two singletons of masses w_i, w_j is in SciPy's convention; for w = 1 it is
the Euclidean distance), then the Lance-Williams Ward update with cluster sizes replaced by total weights
and the globally closest pair merged each step. The two agree on every merge pair and on the heights
to ~1e-15 relative (exact equality is not expected: the expanded problem reaches the same cluster
distances through many more rounding steps). The JSON also records the closed form
sqrt(2 W_s W_t / (W_s + W_t)) * ||c_s - c_t|| with weighted centroids c as a third check.

SciPy conventions, confirmed by reading scipy/cluster/hierarchy.py (installed) and
scipy/cluster/_hierarchy.pyx, _hierarchy_distance_update.pxi, _structures.pxi (stored copies of the
SciPy sources, not necessarily the 1.17.1 tag), and by the Python ports in this script, which reproduce
the installed SciPy's Z bit for bit (``checks.port_bit_exact``)
------------------------------------------------------------------------------------------------------
1. Raw observations: ``linkage(X, m)`` first computes ``y = pdist(X, 'euclidean')`` (non-squared
   distances) and then works on the condensed matrix only. centroid / median / ward never see
   coordinates: they use the Lance-Williams recurrences written on *non-squared* distances, each update
   squaring its inputs and taking a sqrt (formulas from _hierarchy_distance_update.pxi, x, y = the two
   merged clusters, i = another cluster, n_* = sizes (ints converted to double), d_* = current
   distances; evaluated left to right exactly as written):
     single    min(d_xi, d_yi)
     complete  max(d_xi, d_yi)
     average   (n_x*d_xi + n_y*d_yi) / (n_x + n_y)
     weighted  0.5*(d_xi + d_yi)
     centroid  sqrt(((n_x*d_xi*d_xi) + (n_y*d_yi*d_yi) - (n_x*n_y)*d_xy*d_xy/(n_x + n_y)) / (n_x + n_y))
     median    sqrt(0.5*(d_xi*d_xi + d_yi*d_yi) - 0.25*d_xy*d_xy)
     ward      t = 1.0/(n_x + n_y + n_i);
               sqrt((n_i + n_x)*t*d_xi*d_xi + (n_i + n_y)*t*d_yi*d_yi - n_i*t*d_xy*d_xy)
   Meaning of the height Z[k, 2] (in exact arithmetic; verified from the coordinates to < 1e-15
   relative in every case here, see ``checks.height_formula_max_rel_err``; the script requires < 1e-12):
     centroid: ||c_s - c_t||, the Euclidean distance between the arithmetic-mean centroids of the two
       merged clusters;
     median:   ||m_s - m_t|| with m_leaf = x_leaf and m_u = (m_s + m_t)/2 (WPGMC);
     ward:     sqrt(2 |s| |t| / (|s| + |t|)) * ||c_s - c_t|| = sqrt(2 * dESS), where dESS is the
       increase of the total within-cluster sum of squared Euclidean deviations caused by the merge.
       It is NOT dESS and NOT the squared distance; for two singletons it is their Euclidean distance.
   Because the heights come out of sqrt/square chains, an implementation that keeps squared distances,
   or recomputes centroids, agrees only to rounding, not bit for bit.
2. Algorithms: single -> MST (Prim started at point 0); complete, average, weighted, ward -> nearest-
   neighbour chain; centroid, median -> Muellner's "generic" algorithm (heap of lower bounds; it
   always merges the globally closest pair). The nn-chain merges in a different order from the greedy
   global-minimum order, and with the Lance-Williams updates applied in that order the heights can
   differ from a greedy implementation in the last bits (``checks.greedy_max_ulps`` records by how
   much for each case). A Swift port that must match bit for bit has to replicate the nn-chain.
3. Row order and ids: single and the nn-chain methods record merges, then stably sort the rows by
   height (``np.argsort(kind='mergesort')``) and relabel with a union-find (``label``): row k creates
   cluster id n + k, ids are 0..n-1 for points. So their Z is sorted by height. centroid and median
   rows are in merge order (not sorted) and their heights may decrease ("inversions";
   ``is_monotonic`` is false then). In every row the smaller of the two cluster ids comes first
   (``label`` writes min(root_x, root_y) first; the generic algorithm swaps so id_x < id_y).
   Z[k, 3] is the number of points in the new cluster (float).
4. Ties (none occur in these tie-free fixtures, but for the record): nn-chain starts a new chain at
   the lowest-index active slot; when searching the nearest neighbour of the chain's top x it starts
   from the distance to the previous chain element (so that element wins ties) and scans slots in
   increasing index with a strict "<" (lowest index wins among the others); a merged cluster takes
   the slot max(x, y), slot min(x, y) is retired; equal heights keep discovery order in the stable
   sort. MST: after adding point x, the next point is the lowest index among those with the minimal
   distance to the tree (strict "<"). Generic: ties depend on the binary heap's order and on the
   nearest-neighbour candidate of each slot (found among higher slots, lowest index on ties).
5. leaves_list: pre-order traversal from the root (row n-2), left child Z[k, 0] before right child
   Z[k, 1].
6. fcluster: labels are int32 and 1-based. They are NOT numbered in leaves_list order (that guess is
   refuted by these fixtures: ``checks.fcluster_labels_follow_leaves_list_order`` is false in every
   case). cluster_monocrit walks the tree depth-first from the root and, at every node, first descends
   into its non-leaf children (left Z[k, 0], then right Z[k, 1]) and only afterwards handles its leaf
   children (left, then right). A flat cluster rooted at an internal node gets the next number when
   the walk enters that node; a singleton gets the next number when the walk handles it as a leaf
   child. Equivalently: build the leaf sequence of that "internal children first" traversal and number
   the clusters 1, 2, ... by first appearance in it (``internal_first_leaves`` below; checked against
   SciPy for every fcluster call). Each flat cluster is still a contiguous block of leaves_list(Z)
   (checked), only the numbering differs.
   criterion='distance': with MC[k] = max height in the subtree of row k (monotone even with
   inversions), the flat clusters are the maximal subtrees with MC <= t (inclusive), plus singletons.
   criterion='maxclust': SciPy binary-searches the row index i (MC is non-decreasing in the row index
   for SciPy's linkages; checked) for the smallest threshold MC[i] that yields at most k clusters and
   then applies the distance rule with t = MC[i]. The result has fewer than k clusters when MC has
   repeated values (equal heights, or an inversion making MC[i] = MC[i-1]); ``n_clusters`` records
   the actual count. This happens here: k = 2 gives ONE cluster for median on data sets b, c, d and
   centroid on d, because the last merge is an inversion (its height is below the previous merge's,
   so MC[n-2] = MC[n-3] and no threshold yields exactly 2 clusters). (k >= n gives labels 1..n.)
7. cophenet: the cophenetic distance of i, j is Z[k, 2] of the row k where they are first joined
   (not MC, so it can be smaller than a lower merge's height with inversions); the correlation is
   Pearson's r between that vector and the input condensed distances (numpy sums).

``checks`` per linkage (all must hold or the script fails): ``port_bit_exact`` -- a pure-Python port of
the SciPy algorithm used for that method (MST / nn-chain + stable sort + union-find relabel / greedy
global-minimum for centroid and median, which is what the generic algorithm computes) reproduces Z bit
for bit; ``greedy_same_topology`` and ``greedy_max_ulps`` -- a naive greedy O(n^3) re-run with the same
formulas; ``height_formula_max_rel_err`` -- the geometric meaning in item 1 (euclidean inputs only);
labels / leaves / cophenetic distances re-derived independently from Z (items 5-7).
"""
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.cluster import hierarchy as sch
from scipy.spatial.distance import pdist, squareform

HERE = Path(__file__).resolve().parent
OUT = HERE / "linkage_reference.json"

METHODS = ["single", "complete", "average", "weighted", "centroid", "median", "ward"]
MAXCLUST_K = [2, 3, 5]
TIE_REL_GAP = 1e-9


# ----------------------------------------------------------------------------------------------
# data sets
# ----------------------------------------------------------------------------------------------
def make_blobs_a(seed):
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 0.0, 0.0], [6.0, 1.0, -2.0], [1.0, 7.0, 3.0]])
    labels = rng.permutation(np.arange(40) % 3)
    X = centers[labels] + rng.normal(size=(40, 3))
    return X, {"true_labels": labels.tolist()}


def make_uniform_b(seed):
    rng = np.random.default_rng(seed)
    return rng.random((60, 5)), {}


def make_outliers_c(seed):
    rng = np.random.default_rng(seed)
    core = rng.normal(size=(21, 2))
    ang = rng.uniform(0.0, 2.0 * np.pi, size=4)
    rad = rng.uniform(12.0, 30.0, size=4)
    out = np.column_stack([rad * np.cos(ang), rad * np.sin(ang)])
    X = np.vstack([core, out])
    perm = rng.permutation(25)
    X = X[perm]
    outlier_rows = sorted(int(np.where(perm == i)[0][0]) for i in range(21, 25))
    return X, {"outlier_rows": outlier_rows}


def make_precision_d(seed):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=3.0, size=(4, 16))
    labels = rng.permutation(np.arange(50) % 4)
    X = (centers[labels] + rng.normal(size=(50, 16))) * 1000.0 + 1e4
    return X, {"true_labels": labels.tolist()}


DATASETS = [
    ("a_blobs_n40_d3", 101, make_blobs_a,
     "n=40, d=3: Gaussian blobs (3 centres (0,0,0),(6,1,-2),(1,7,3), unit noise), membership shuffled"),
    ("b_uniform_n60_d5", 202, make_uniform_b, "n=60, d=5: uniform on [0,1)^5"),
    ("c_outliers_n25_d2", 303, make_outliers_c,
     "n=25, d=2: 21 standard-normal points + 4 outliers at radius 12..30, rows shuffled"),
    ("d_precision_n50_d16", 404, make_precision_d,
     "n=50, d=16: 4 blobs (centres N(0,9), unit noise) scaled x1000 and offset +1e4 (precision check)"),
]
EXTRA_METRICS = ["cityblock", "cosine", "sqeuclidean"]   # data set a only, methods below
EXTRA_METHODS = ["average", "complete"]


def min_relative_gap(y):
    s = np.sort(np.asarray(y, dtype=np.float64))
    return float(np.min(np.diff(s) / s[1:]))


def tie_free(y):
    return min_relative_gap(y) > TIE_REL_GAP


def generate(maker, seed, extra_metrics=()):
    attempts = 0
    while True:
        attempts += 1
        X, meta = maker(seed)
        ok = tie_free(pdist(X)) and all(tie_free(pdist(X, m)) for m in extra_metrics)
        if ok:
            return X, meta, seed, attempts
        seed += 1000


# ----------------------------------------------------------------------------------------------
# Lance-Williams updates, same expressions / evaluation order as _hierarchy_distance_update.pxi
# ----------------------------------------------------------------------------------------------
def lw_update(method, d_xi, d_yi, d_xy, nx, ny, ni):
    nx, ny, ni = float(nx), float(ny), float(ni)
    if method == "single":
        return min(d_xi, d_yi)
    if method == "complete":
        return max(d_xi, d_yi)
    if method == "average":
        return (nx * d_xi + ny * d_yi) / (nx + ny)
    if method == "weighted":
        return 0.5 * (d_xi + d_yi)
    if method == "centroid":
        # C: size_x * size_y * d_xy * d_xy with int sizes -> (nx*ny) is an exact integer product
        return math.sqrt((((nx * d_xi * d_xi) + (ny * d_yi * d_yi)) -
                          (nx * ny) * d_xy * d_xy / (nx + ny)) / (nx + ny))
    if method == "median":
        return math.sqrt(0.5 * (d_xi * d_xi + d_yi * d_yi) - 0.25 * d_xy * d_xy)
    if method == "ward":
        t = 1.0 / (nx + ny + ni)
        return math.sqrt((ni + nx) * t * d_xi * d_xi + (ni + ny) * t * d_yi * d_yi - ni * t * d_xy * d_xy)
    raise ValueError(method)


def cidx(n, i, j):
    if i > j:
        i, j = j, i
    return n * i - (i * (i + 1)) // 2 + (j - i - 1)


def relabel(Z, n):
    """SciPy's `label`: union-find relabelling of a height-sorted Z whose ids are slot/point ids."""
    parent = list(range(2 * n - 1))
    size = [1] * (2 * n - 1)
    nxt = n

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for i in range(n - 1):
        x, y = int(Z[i, 0]), int(Z[i, 1])
        rx, ry = find(x), find(y)
        Z[i, 0], Z[i, 1] = (rx, ry) if rx < ry else (ry, rx)
        parent[rx] = nxt
        parent[ry] = nxt
        size[nxt] = size[rx] + size[ry]
        Z[i, 3] = size[nxt]
        nxt += 1
    return Z


def port_mst(y, n):
    Z = np.empty((n - 1, 4))
    merged = [False] * n
    D = [math.inf] * n
    x = 0
    for k in range(n - 1):
        cur = math.inf
        yy = 0
        merged[x] = True
        for i in range(n):
            if merged[i]:
                continue
            d = y[cidx(n, x, i)]
            if D[i] > d:
                D[i] = d
            if D[i] < cur:
                yy = i
                cur = D[i]
        Z[k, 0], Z[k, 1], Z[k, 2] = x, yy, cur
        x = yy
    Z = Z[np.argsort(Z[:, 2], kind="mergesort")]
    return relabel(Z, n)


def port_nn_chain(y, n, method):
    Z = np.empty((n - 1, 4))
    D = [float(v) for v in y]
    size = [1] * n
    chain = [0] * n
    clen = 0
    yv = 0
    for k in range(n - 1):
        if clen == 0:
            clen = 1
            chain[0] = next(i for i in range(n) if size[i] > 0)
        while True:
            x = chain[clen - 1]
            if clen > 1:
                yv = chain[clen - 2]
                cur = D[cidx(n, x, yv)]
            else:
                cur = math.inf
            for i in range(n):
                if size[i] == 0 or i == x:
                    continue
                d = D[cidx(n, x, i)]
                if d < cur:
                    cur = d
                    yv = i
            if clen > 1 and yv == chain[clen - 2]:
                break
            chain[clen] = yv
            clen += 1
        clen -= 2
        a, b = (x, yv) if x < yv else (yv, x)
        nx, ny = size[a], size[b]
        Z[k] = (a, b, cur, nx + ny)
        size[a] = 0
        size[b] = nx + ny
        for i in range(n):
            ni = size[i]
            if ni == 0 or i == b:
                continue
            D[cidx(n, i, b)] = lw_update(method, D[cidx(n, i, a)], D[cidx(n, i, b)], cur, nx, ny, ni)
    Z = Z[np.argsort(Z[:, 2], kind="mergesort")]
    return relabel(Z, n)


def greedy(y, n, method, sizes=None):
    """Naive O(n^3) agglomeration: always merge the globally closest active pair (lowest (x, y) on
    ties, x < y), new cluster in slot y. With `method == 'centroid'/'median'` this is exactly what
    SciPy's generic algorithm computes. Returns (Z in SciPy convention, min relative merge gap).
    `sizes` (float masses) replaces the all-ones initial sizes (used for weighted Ward)."""
    D = squareform(np.asarray(y, dtype=np.float64)).copy()
    np.fill_diagonal(D, np.inf)
    D[np.tril_indices(n)] = np.inf          # only x < y entries are searched
    size = [1.0] * n if sizes is None else [float(s) for s in sizes]
    active = [True] * n
    ids = list(range(n))
    Z = np.empty((n - 1, 4))
    gaps = []
    for k in range(n - 1):
        flat = int(np.argmin(D))            # row-major first minimum == (lowest x, lowest y)
        x, yy = divmod(flat, n)
        cur = float(D[x, yy])
        if k < n - 2:
            second = np.partition(D.ravel(), 1)[1]
            gaps.append((second - cur) / second if second > 0 else math.inf)
        nx, ny = size[x], size[yy]
        a, b = sorted((ids[x], ids[yy]))
        Z[k] = (a, b, cur, nx + ny)
        active[x] = False
        size[yy] = nx + ny
        ids[yy] = n + k
        for z in range(n):
            if not active[z] or z == yy:
                continue
            dzx = D[min(z, x), max(z, x)]
            dzy = D[min(z, yy), max(z, yy)]
            D[min(z, yy), max(z, yy)] = lw_update(method, float(dzx), float(dzy), cur, nx, ny, size[z])
        D[x, :] = np.inf
        D[:, x] = np.inf
    return Z, (min(gaps) if gaps else math.inf)


def ulps_apart(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    ia = a.view(np.int64)
    ib = b.view(np.int64)
    return int(np.max(np.abs(ia - ib))) if a.size else 0


# ----------------------------------------------------------------------------------------------
# independent re-derivations of leaves / fcluster / cophenet from Z
# ----------------------------------------------------------------------------------------------
def children(Z, n):
    return {n + k: (int(Z[k, 0]), int(Z[k, 1])) for k in range(n - 1)}


def preorder_leaves(Z, n, node=None):
    ch = children(Z, n)
    out = []
    stack = [2 * n - 2 if node is None else node]
    while stack:
        v = stack.pop()
        if v < n:
            out.append(v)
        else:
            a, b = ch[v]
            stack.append(b)
            stack.append(a)
    return out


def monocrit_maxdist(Z, n):
    MC = np.empty(n - 1)
    for k in range(n - 1):              # children always have smaller row indices
        m = Z[k, 2]
        for c in (int(Z[k, 0]), int(Z[k, 1])):
            if c >= n:
                m = max(m, MC[c - n])
        MC[k] = m
    return MC


def internal_first_leaves(Z, n):
    """Leaf sequence of a depth-first traversal from the root that, at every node, first descends into
    its non-leaf children (left, then right) and only then emits its leaf children (left, then right).
    This is the order in which SciPy's cluster_monocrit hands out flat-cluster numbers."""
    ch = children(Z, n)
    out = []

    def rec(v):
        a, b = ch[v]
        for c in (a, b):
            if c >= n:
                rec(c)
        for c in (a, b):
            if c < n:
                out.append(c)

    rec(2 * n - 2)
    return out


def flat_clusters(Z, n, MC, t):
    """Flat clusters = maximal subtrees with MC <= t (singletons otherwise), numbered 1, 2, ... by first
    appearance in internal_first_leaves order."""
    ch = children(Z, n)
    group = np.full(n, -1, dtype=np.int64)   # id of the flat cluster's root node

    def assign(v):
        if v < n:
            group[v] = v
        elif MC[v - n] <= t:
            for leaf in preorder_leaves(Z, n, v):
                group[leaf] = v
        else:
            for c in ch[v]:
                assign(c)

    assign(2 * n - 2)
    number = {}
    for leaf in internal_first_leaves(Z, n):
        number.setdefault(int(group[leaf]), len(number) + 1)
    labels = np.array([number[int(g)] for g in group], dtype=np.int64)
    return labels, len(number)


def blocks_contiguous(seq):
    seen = set()
    prev = None
    for v in seq:
        if v != prev:
            if v in seen:
                return False
            seen.add(v)
            prev = v
    return True


def maxclust_independent(Z, n, k):
    MC = monocrit_maxdist(Z, n)
    assert np.all(np.diff(MC) >= 0), "MC not sorted by row"
    for t in np.unique(MC):              # ascending candidate thresholds
        labels, nc = flat_clusters(Z, n, MC, t)
        if nc <= k:
            return labels
    raise AssertionError


def cophenetic_independent(Z, n):
    ch = children(Z, n)
    C = np.zeros((n, n))
    for k in range(n - 1):
        a, b = ch[n + k]
        la = preorder_leaves(Z, n, a) if a >= n else [a]
        lb = preorder_leaves(Z, n, b) if b >= n else [b]
        for i in la:
            for j in lb:
                C[i, j] = C[j, i] = Z[k, 2]
    return squareform(C, checks=False)


def members_of(Z, n):
    mem = {i: [i] for i in range(n)}
    for k in range(n - 1):
        mem[n + k] = mem[int(Z[k, 0])] + mem[int(Z[k, 1])]
    return mem


def height_formula_err(Z, X, method):
    """Max relative error between Z heights and their geometric meaning (convention item 1)."""
    n = X.shape[0]
    if method not in ("centroid", "median", "ward"):
        return None
    mem = members_of(Z, n)
    med = {i: X[i] for i in range(n)}
    worst = 0.0
    for k in range(n - 1):
        a, b = int(Z[k, 0]), int(Z[k, 1])
        if method == "median":
            med[n + k] = 0.5 * (med[a] + med[b])
            h = np.linalg.norm(med[a] - med[b])
        else:
            ca, cb = X[mem[a]].mean(axis=0), X[mem[b]].mean(axis=0)
            h = np.linalg.norm(ca - cb)
            if method == "ward":
                na, nb = len(mem[a]), len(mem[b])
                h *= math.sqrt(2.0 * na * nb / (na + nb))
                # same thing via the increase of the within-cluster sum of squares
                ess = lambda idx: float(((X[idx] - X[idx].mean(axis=0)) ** 2).sum())  # noqa: E731
                d_ess = ess(mem[a] + mem[b]) - ess(mem[a]) - ess(mem[b])
                worst = max(worst, abs(math.sqrt(2.0 * d_ess) - Z[k, 2]) / Z[k, 2])
        worst = max(worst, abs(h - Z[k, 2]) / Z[k, 2])
    return worst


# ----------------------------------------------------------------------------------------------
# one linkage case
# ----------------------------------------------------------------------------------------------
def linkage_case(y, n, method, metric, X=None, with_cophenetic_vector=False):
    if X is not None:
        Z = sch.linkage(X, method=method, metric="euclidean")
        assert np.array_equal(Z, sch.linkage(y, method=method)), "X and pdist(X) inputs differ"
    else:
        Z = sch.linkage(y, method=method)
    checks = {}

    # conventions 3: ids, sizes, ordering
    assert np.all(Z[:, 0] < Z[:, 1])
    assert np.array_equal(Z[:, 3], np.array([len(v) for k, v in sorted(members_of(Z, n).items()) if k >= n]))
    monotonic = bool(sch.is_monotonic(Z))
    if method not in ("centroid", "median"):
        assert monotonic and np.all(np.diff(Z[:, 2]) >= 0)

    # bit-exact ports of SciPy's algorithms
    if method == "single":
        P = port_mst(list(map(float, y)), n)
    elif method in ("centroid", "median"):
        P, _ = greedy(y, n, method)
    else:
        P = port_nn_chain(y, n, method)
    checks["port_bit_exact"] = bool(np.array_equal(P, Z))
    assert checks["port_bit_exact"], (method, metric)

    G, gap = greedy(y, n, method)
    checks["greedy_same_topology"] = bool(np.array_equal(G[:, [0, 1, 3]], Z[:, [0, 1, 3]]))
    assert checks["greedy_same_topology"]
    checks["greedy_max_ulps"] = ulps_apart(G[:, 2], Z[:, 2])
    checks["min_relative_merge_gap"] = gap
    if X is not None:
        checks["height_formula_max_rel_err"] = height_formula_err(Z, X, method)
        assert checks["height_formula_max_rel_err"] is None or checks["height_formula_max_rel_err"] < 1e-12

    leaves = sch.leaves_list(Z)
    assert leaves.tolist() == preorder_leaves(Z, n)

    contiguous_in_leaves = True
    sorted_in_leaves = True
    fc_max = []
    for k in MAXCLUST_K:
        lab = sch.fcluster(Z, t=k, criterion="maxclust")
        assert np.array_equal(lab, maxclust_independent(Z, n, k))
        contiguous_in_leaves &= blocks_contiguous(lab[leaves])
        sorted_in_leaves &= bool(np.all(np.diff(lab[leaves]) >= 0))
        fc_max.append({"k": k, "n_clusters": int(lab.max()), "labels": lab.tolist()})

    heights = np.sort(Z[:, 2])
    m = (n - 2) // 2
    fc_dist = []
    MC = monocrit_maxdist(Z, n)
    for rule, t in (("median_height", float(np.median(Z[:, 2]))),
                    ("midpoint_above_lower_median", float(0.5 * (heights[m] + heights[m + 1])))):
        lab = sch.fcluster(Z, t=t, criterion="distance")
        ind, nc = flat_clusters(Z, n, MC, t)
        assert np.array_equal(lab, ind)
        contiguous_in_leaves &= blocks_contiguous(lab[leaves])
        sorted_in_leaves &= bool(np.all(np.diff(lab[leaves]) >= 0))
        fc_dist.append({"rule": rule, "t": t, "boundary_sensitive": bool(np.any(Z[:, 2] == t)),
                        "n_clusters": int(nc), "labels": lab.tolist()})

    assert contiguous_in_leaves
    checks["fcluster_labels_follow_leaves_list_order"] = sorted_in_leaves
    c, coph = sch.cophenet(Z, y)
    assert np.array_equal(coph, cophenetic_independent(Z, n))

    case = {
        "method": method,
        "metric": metric,
        "input": "observations" if X is not None else "condensed",
        "call": (f"linkage(X, method='{method}', metric='euclidean')" if X is not None
                 else f"linkage(pdist(X, '{metric}'), method='{method}')"),
        "is_monotonic": monotonic,
        "Z": Z.tolist(),
        "leaves_list": leaves.tolist(),
        "fcluster_maxclust": fc_max,
        "fcluster_distance": fc_dist,
        "cophenetic_correlation": float(c),
    }
    if with_cophenetic_vector:
        case["cophenetic_distances"] = coph.tolist()
    case["checks"] = checks
    return case


# ----------------------------------------------------------------------------------------------
# weighted Ward by expansion
# ----------------------------------------------------------------------------------------------
def weighted_ward_direct(X, w):
    n = X.shape[0]
    D = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                D[i, j] = math.sqrt(2.0 * w[i] * w[j] / (w[i] + w[j])) * float(np.linalg.norm(X[i] - X[j]))
    Z, gap = greedy(squareform(D, checks=False), n, "ward", sizes=w)
    return Z, gap


def weighted_case():
    seed = 505
    attempts = 0
    while True:
        attempts += 1
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(12, 2)) * 2.0
        w = rng.integers(1, 5, size=12)
        if tie_free(pdist(X)) and set(w.tolist()) == {1, 2, 3, 4}:
            break
        seed += 1000
    n = 12
    Xe = np.repeat(X, w, axis=0)
    origin = np.repeat(np.arange(n), w)
    N = Xe.shape[0]
    Ze = sch.linkage(Xe, method="ward", metric="euclidean")

    n_zero = N - n
    assert np.all(Ze[:n_zero, 2] == 0.0) and np.all(Ze[n_zero:, 2] > 0.0)
    owner = {r: {int(origin[r])} for r in range(N)}     # expanded cluster id -> set of original points
    for k in range(n_zero):
        a, b = int(Ze[k, 0]), int(Ze[k, 1])
        assert len(owner[a]) == 1 and owner[a] == owner[b]
        owner[N + k] = owner[a]
    # after the zero rows, every original point must be one complete cluster
    wid = {}                                             # expanded cluster id -> weighted-problem id
    sizes_e = {r: 1 for r in range(N)}
    for k in range(N - 1):
        sizes_e[N + k] = int(Ze[k, 3])
    live = set(range(N))
    for k in range(n_zero):
        live -= {int(Ze[k, 0]), int(Ze[k, 1])}
        live.add(N + k)
    assert len(live) == n
    for cid in live:
        (p,) = owner[cid]
        assert sizes_e[cid] == w[p]
        wid[cid] = p
    Zw = np.empty((n - 1, 4))
    rows = []
    npts = []
    mem = {i: [i] for i in range(n)}
    for j, k in enumerate(range(n_zero, N - 1)):
        a, b = wid[int(Ze[k, 0])], wid[int(Ze[k, 1])]
        wid[N + k] = n + j
        a, b = min(a, b), max(a, b)
        Zw[j] = (a, b, Ze[k, 2], Ze[k, 3])
        mem[n + j] = mem[a] + mem[b]
        rows.append(k)
        npts.append(len(mem[n + j]))

    Zd, gap = weighted_ward_direct(X, w)
    assert np.array_equal(Zd[:, [0, 1, 3]], Zw[:, [0, 1, 3]]), "direct weighted Ward topology differs"
    rel_direct = float(np.max(np.abs(Zd[:, 2] - Zw[:, 2]) / Zw[:, 2]))
    assert rel_direct < 1e-12

    # closed form with weighted centroids
    closed = []
    for j in range(n - 1):
        a, b = int(Zw[j, 0]), int(Zw[j, 1])
        ia, ib = mem[a], mem[b]
        Wa, Wb = float(w[ia].sum()), float(w[ib].sum())
        ca = (w[ia, None] * X[ia]).sum(axis=0) / Wa
        cb = (w[ib, None] * X[ib]).sum(axis=0) / Wb
        closed.append(math.sqrt(2.0 * Wa * Wb / (Wa + Wb)) * float(np.linalg.norm(ca - cb)))
    closed = np.array(closed)
    rel_closed = float(np.max(np.abs(closed - Zw[:, 2]) / Zw[:, 2]))
    assert rel_closed < 1e-12

    return {
        "description": ("12 points in R^2 (normal x2), integer weights 1..4; SciPy reference via "
                        "linkage(np.repeat(X, w, axis=0), 'ward'). See the script docstring."),
        "seed": seed,
        "seed_attempts": attempts,
        "n": n,
        "d": 2,
        "X": X.tolist(),
        "weights": w.tolist(),
        "expanded_origin": origin.tolist(),
        "n_expanded": int(N),
        "n_zero_height_rows": int(n_zero),
        "Z_expanded": Ze.tolist(),
        "Z_weighted": Zw.tolist(),
        "expanded_row_index": rows,
        "n_points": npts,
        "weighted_ward_heights": Zw[:, 2].tolist(),
        "direct_weighted_ward": {
            "description": ("independent numpy O(n^3) weighted Ward: d0(i,j) = sqrt(2 w_i w_j/(w_i+w_j))"
                            " * ||x_i - x_j||, Lance-Williams Ward update with sizes = total weights, "
                            "global-minimum pair merged each step"),
            "Z": Zd.tolist(),
            "max_rel_diff_heights_vs_expanded": rel_direct,
            "min_relative_merge_gap": gap,
        },
        "closed_form_heights": closed.tolist(),
        "closed_form_max_rel_diff_vs_expanded": rel_closed,
    }


# ----------------------------------------------------------------------------------------------
# JSON writer: floats via repr, one matrix row per line
# ----------------------------------------------------------------------------------------------
def scalar(v):
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if not math.isfinite(f):
            raise ValueError("non-finite float")
        return repr(f)
    if isinstance(v, str):
        return json.dumps(v)
    raise TypeError(type(v))


def is_scalar(v):
    return not isinstance(v, (list, tuple, dict))


def dump(obj, ind=0, per_line=6):
    pad = " " * ind
    pad1 = " " * (ind + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad1}{json.dumps(k)}: {dump(v, ind + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        if all(is_scalar(v) for v in obj):
            if all(isinstance(v, (float, np.floating)) for v in obj) and len(obj) > per_line:
                chunks = [", ".join(scalar(v) for v in obj[i:i + per_line]) for i in range(0, len(obj), per_line)]
                return "[\n" + ",\n".join(pad1 + c for c in chunks) + "\n" + pad + "]"
            return "[" + ", ".join(scalar(v) for v in obj) + "]"
        if all(isinstance(v, (list, tuple)) and all(is_scalar(u) for u in v) for v in obj):
            rows = ["[" + ", ".join(scalar(u) for u in v) + "]" for v in obj]
            return "[\n" + ",\n".join(pad1 + r for r in rows) + "\n" + pad + "]"
        return "[\n" + ",\n".join(pad1 + dump(v, ind + 1) for v in obj) + "\n" + pad + "]"
    return scalar(obj)


def main():
    datasets = []
    for name, seed0, maker, desc in DATASETS:
        extra = EXTRA_METRICS if name.startswith("a_") else ()
        X, meta, seed, attempts = generate(maker, seed0, extra)
        n, d = X.shape
        y = pdist(X, "euclidean")
        entry = {"name": name, "description": desc, "seed": seed, "seed_attempts": attempts,
                 "n": n, "d": d}
        entry.update(meta)
        entry["min_relative_distance_gap"] = {"euclidean": min_relative_gap(y)}
        for m in extra:
            entry["min_relative_distance_gap"][m] = min_relative_gap(pdist(X, m))
        entry["X"] = X.tolist()
        full = name.startswith("a_")
        if full:
            entry["pdist"] = {m: pdist(X, m).tolist() for m in ["euclidean"] + list(extra)}
        cases = []
        for method in METHODS:
            cases.append(linkage_case(y, n, method, "euclidean", X=X, with_cophenetic_vector=full))
        for metric in extra:
            ym = pdist(X, metric)
            for method in EXTRA_METHODS:
                cases.append(linkage_case(ym, n, method, metric, with_cophenetic_vector=full))
        entry["linkages"] = cases
        datasets.append(entry)
        print(f"{name}: seed {seed} (attempts {attempts}), min rel distance gap "
              f"{entry['min_relative_distance_gap']['euclidean']:.3g}")
        for c in cases:
            ch = c["checks"]
            print(f"   {c['method']:9s} {c['metric']:11s} monotonic={c['is_monotonic']!s:5s} "
                  f"greedy_ulps={ch['greedy_max_ulps']:<4d} min_merge_gap={ch['min_relative_merge_gap']:.3g} "
                  f"height_err={ch.get('height_formula_max_rel_err')} "
                  f"maxclust_n={[f['n_clusters'] for f in c['fcluster_maxclust']]}")

    wcase = weighted_case()
    print("weighted ward: seed", wcase["seed"], "weights", wcase["weights"],
          "zero rows", wcase["n_zero_height_rows"],
          "rel diff direct", wcase["direct_weighted_ward"]["max_rel_diff_heights_vs_expanded"],
          "closed", wcase["closed_form_max_rel_diff_vs_expanded"])
    print("weighted ward heights:", wcase["weighted_ward_heights"])

    doc = {
        "generator": "Tests/Fixtures/hierarchical/make_linkage_fixtures.py (see its docstring)",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__, "platform": platform.platform()},
        "conventions": {
            "Z_row": "[id_a, id_b, height, n_points]; id_a < id_b; row k creates cluster id n+k; points are 0..n-1",
            "row_order": ("single/complete/average/weighted/ward: sorted by height (stable); "
                          "centroid/median: merge order of the generic algorithm, may be non-monotonic"),
            "raw_observations": "linkage(X, m) == linkage(pdist(X, 'euclidean'), m); non-squared Euclidean distances",
            "ward_height": "sqrt(2*|s|*|t|/(|s|+|t|)) * ||c_s - c_t|| = sqrt(2 * increase of within-cluster SSE)",
            "centroid_height": "||c_s - c_t|| (arithmetic-mean centroids)",
            "median_height": "||m_s - m_t||, m_leaf = x, m_u = (m_s + m_t)/2",
            "leaves_list": "pre-order from the root row n-2, Z[k,0] subtree before Z[k,1] subtree",
            "fcluster_labels": ("1-based int32, numbered by first appearance in the leaf order of a DFS from the "
                                "root that visits a node's non-leaf children (left, right) before its leaf "
                                "children (left, right); NOT leaves_list order"),
            "fcluster_distance": "maximal subtrees whose max merge height (MC) <= t, inclusive",
            "fcluster_maxclust": "distance rule at t = smallest MC[i] giving <= k clusters (binary search over rows)",
            "cophenetic_correlation_tolerance": "computed with numpy sums: compare with rel. tol ~1e-12",
        },
        "methods": METHODS,
        "maxclust_k": MAXCLUST_K,
        "datasets": datasets,
        "weighted_ward": wcase,
    }
    text = dump(doc) + "\n"
    OUT.write_text(text)
    back = json.loads(OUT.read_text())
    assert back == json.loads(json.dumps(doc, default=lambda o: o.tolist())), "round-trip mismatch"
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
