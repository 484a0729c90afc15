#!/usr/bin/env python3
"""SciPy's median and centroid linkages of tables full of ties, for the Swift generic linkage.

Writes ``linkage_ties_reference.json`` next to this script; run it with a Python that has numpy and
scipy (versions recorded in the JSON), e.g.::

    python3 Tests/Fixtures/hierarchical/make_tie_fixtures.py

The companion of ``make_linkage_fixtures.py`` (whose JSON writer this script reuses): those data sets
are tie-free on purpose; these are the opposite. Centroid and median are not associative, so when
two merges tie, the one taken first changes the later centres and heights, and SciPy's answer is
then decided by its own tie rule (issue 17, item 9: a table with many duplicate rows gave median
heights 1e-5 away from SciPy's).

The tables (``tables``, each with its ``X``)
--------------------------------------------
* ``near_duplicates`` (seed 17) -- ``BASES`` distinct base rows with integer coordinates in 0..15 in
  R^3; each base row appears 1 to 4 times exactly (duplicates: zero-height merges, all tied at 0),
  and some get near-duplicates a +- DELTA e_q (DELTA = 1/16, one coordinate q) on one or both sides
  (a row with a near-duplicate on each side is equally far from both: a positive tie whose
  resolution moves the median centre by DELTA/2); rows shuffled. Every coordinate is a small
  multiple of 1/16, so every tie SciPy sees is a tie in exact arithmetic too, also between merged
  clusters.
* ``standardized`` (seed 22) -- 56 rows of four discrete columns (age 18..79, children 0..3,
  Poisson(3) visits, a N(5, 2) score rounded to one decimal), a quarter of the rows copied over
  others, each column z-scored, as the CLI does. Its ties are those of a real table: duplicate rows,
  and rows whose differences are equal, or whose distances round to the same double, in other
  places -- ties between rows, which SciPy compares as ``pdist`` computes them.

Per table and method (``median``, ``centroid``): ``Z`` -- ``scipy.cluster.hierarchy.linkage(X,
method)`` (that is ``pdist(X)`` and the Lance-Williams recurrence), rows in merge order.

How SciPy breaks ties (read in scipy/cluster/hierarchy/_hierarchy.pyx ``fast_linkage`` and
_structures.pxi ``Heap``; ``port_generic`` below is a port of both)
----------------------------------------------------------------------------------------------
Each slot x keeps its nearest neighbour among the higher slots (lowest index on a tie, strict
"<") and that distance in a binary min-heap built by sifting down from the last parent; a sift
moves an entry only past a strictly larger parent or strictly smaller child (the left child when
both are equal), and removing the minimum moves the last entry to the top and sifts it down. The
pair merged is the heap's top: among equal distances, whichever the sifts left on top -- not the
lowest slot.

Checks (``checks``; the script fails unless they hold)
------------------------------------------------------
* ``port_bit_exact`` -- ``port_generic`` on ``pdist(X)`` with the Lance-Williams update reproduces
  SciPy's Z bit for bit.
* ``lower_index_ties_same_merges`` (false) and ``lower_index_ties_max_rel_height_diff`` -- the same
  port with ties given to the lowest slot merges other pairs (other cluster ids); on
  ``near_duplicates`` it also ends with other median heights (by more than 1e-3 relative; centroid's
  come out the same there: the centroid of a row and its two near-duplicates is the row, whichever
  side joins first).
* SciPy's order is determined, not an accident of rounding, so an implementation on centres (as
  the Swift one is) has to reproduce every row, ids included (``determined_by``):
  ``near_duplicates``: ``exact_arithmetic_same_merges`` and ``exact_arithmetic_max_rel_height_diff``
  -- the algorithm on exact rational centres (squared distances compared exactly) gives SciPy's
  merge pairs and its heights to 1e-12 relative.
  ``standardized``: ``same_merges_under_jitter`` -- SciPy's merge pairs survive ``JITTER_RUNS``
  runs of the port in which every distance updated after a merge of distinct centres is multiplied
  by a random 1 + u, |u| <= 1e-13 (the distances between rows and groups of exact duplicates are
  left exact: an implementation can reproduce those bit for bit).
Also recorded: the number of zero-height merges and of merges whose height equals another's.
"""
import math
import platform
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

from make_linkage_fixtures import cidx, dump, lw_update

HERE = Path(__file__).resolve().parent
OUT = HERE / "linkage_ties_reference.json"

BASES = 10
DELTA = 1.0 / 16.0
METHODS = ["median", "centroid"]
JITTER_RUNS = 5


def make_near_duplicates(seed):
    rng = np.random.default_rng(seed)
    bases = rng.integers(0, 16, size=(BASES, 3)).astype(float)
    rows = []
    for a in bases:
        rows.extend([a.copy() for _ in range(int(rng.integers(1, 5)))])
        q = int(rng.integers(0, 3))
        for sign in (-1.0, 1.0):
            if rng.random() < 0.6:
                b = a.copy()
                b[q] += sign * DELTA
                rows.append(b)
    X = np.array(rows)
    return X[rng.permutation(len(X))]


def make_standardized(seed):
    rng = np.random.default_rng(seed)
    n = 56
    X = np.column_stack([rng.integers(18, 80, n), rng.integers(0, 4, n), rng.poisson(3, n),
                         np.round(rng.normal(5, 2, n), 1)]).astype(float)
    source, target = rng.integers(0, n, n // 4), rng.integers(0, n, n // 4)
    X[target] = X[source]
    return (X - X.mean(0)) / X.std(0)


TABLES = [
    ("near_duplicates", make_near_duplicates, 17, "exact_arithmetic",
     "multiples of 1/16 in R^3: 10 integer base rows, each 1-4 times, with near-duplicates +-1/16"),
    ("standardized", make_standardized, 22, "jitter",
     "n=56, d=4: age, children, visits, score (one decimal), some rows copied over others, z-scored"),
]


class Heap:
    """SciPy's ``Heap`` (``lowest_index_ties=False``) or a heap that gives ties to the lower key."""

    def __init__(self, values, lowest_index_ties):
        self.values = list(values)
        self.size = len(self.values)
        self.index_by_key = list(range(self.size))
        self.key_by_index = list(range(self.size))
        self.ties = lowest_index_ties
        for i in reversed(range(self.size // 2)):
            self.sift_down(i)

    def less(self, i, j):
        a, b = self.values[i], self.values[j]
        return a < b or (self.ties and a == b and self.key_by_index[i] < self.key_by_index[j])

    def swap(self, i, j):
        v, k = self.values, self.key_by_index
        v[i], v[j] = v[j], v[i]
        k[i], k[j] = k[j], k[i]
        self.index_by_key[k[i]] = i
        self.index_by_key[k[j]] = j

    def sift_up(self, i):
        while i > 0 and self.less(i, (i - 1) >> 1):
            self.swap(i, (i - 1) >> 1)
            i = (i - 1) >> 1

    def sift_down(self, i):
        child = 2 * i + 1
        while child < self.size:
            if child + 1 < self.size and self.less(child + 1, child):
                child += 1
            if not self.less(child, i):
                break
            self.swap(i, child)
            i = child
            child = 2 * i + 1

    def top(self):
        return self.key_by_index[0], self.values[0]

    def value(self, key):
        return self.values[self.index_by_key[key]]

    def remove_top(self):
        self.swap(0, self.size - 1)
        self.size -= 1
        self.sift_down(0)

    def change(self, key, value):
        i = self.index_by_key[key]
        old = self.values[i]
        self.values[i] = value
        if value < old:
            self.sift_up(i)
        else:
            self.sift_down(i)


def port_generic(n, value, merge, height, lowest_index_ties=False):
    """SciPy's ``fast_linkage``: ``value(x, y)`` the comparable distance of live slots, ``merge(x, y,
    v, nx, ny, size)`` folds slot x into slot y, ``height(v)`` the reported height."""
    size = [1] * n
    cluster_id = list(range(n))

    def nearest_above(x):
        best, found = math.inf, -1
        for j in range(x + 1, n):
            if size[j]:
                v = value(x, j)
                if v < best:
                    best, found = v, j
        return found, best

    neighbor, lowest = zip(*(nearest_above(x) for x in range(n - 1)))
    neighbor = list(neighbor)
    heap = Heap(lowest, lowest_index_ties)
    Z = []
    for k in range(n - 1):
        for _ in range(n - k):
            x, v = heap.top()
            y = neighbor[x]
            if v == value(x, y):
                break
            y, v = nearest_above(x)
            neighbor[x] = y
            heap.change(x, v)
        heap.remove_top()
        nx, ny = size[x], size[y]
        Z.append([min(cluster_id[x], cluster_id[y]), max(cluster_id[x], cluster_id[y]), height(v), nx + ny])
        size[x] = 0
        merge(x, y, v, nx, ny, size)
        size[y] = nx + ny
        cluster_id[y] = n + k
        for z in range(x):
            if size[z] and neighbor[z] == x:
                neighbor[z] = y
        for z in range(y):
            if size[z]:
                v = value(z, y)
                if v < heap.value(z):
                    neighbor[z] = y
                    heap.change(z, v)
        if y < n - 1:
            z, v = nearest_above(y)
            if z != -1:
                neighbor[y] = z
                heap.change(y, v)
    return np.array(Z, dtype=float)


def port_scipy(X, method, lowest_index_ties=False, jitter=None):
    """SciPy's arithmetic (``pdist`` and the Lance-Williams update); ``jitter``, a random generator,
    multiplies every distance updated after a merge of distinct centres (height > 0) by a random
    1 + u, |u| <= 1e-13: rounding noise where SciPy and an implementation on centres can differ."""
    n = len(X)
    D = pdist(X).tolist()

    def merge(x, y, v, nx, ny, size):
        for z in range(n):
            if size[z] and z != y:
                u = lw_update(method, D[cidx(n, z, x)], D[cidx(n, z, y)], v, nx, ny, size[z])
                if jitter is not None and v > 0:
                    u *= 1 + 1e-13 * jitter.uniform(-1, 1)
                D[cidx(n, z, y)] = u

    return port_generic(n, lambda i, j: D[cidx(n, i, j)], merge, lambda v: v, lowest_index_ties)


def port_exact(X, method):
    """Rational centres, squared distances compared exactly, SciPy's tie rule."""
    centres = [[Fraction(float(c)) for c in row] for row in X]

    def value(i, j):
        return sum((a - b) ** 2 for a, b in zip(centres[i], centres[j]))

    def merge(x, y, v, nx, ny, size):
        share = Fraction(1, 2) if method == "median" else Fraction(nx, nx + ny)
        centres[y] = [b + share * (a - b) for a, b in zip(centres[x], centres[y])]

    return port_generic(len(X), value, merge, lambda v: math.sqrt(v))


def max_rel(a, b):
    h = b[:, 2]
    return float(np.max(np.abs(a[:, 2] - h) / np.maximum(h, np.finfo(float).tiny)))


def same_merges(a, Z):
    return bool(np.array_equal(a[:, [0, 1, 3]], Z[:, [0, 1, 3]]))


def case(X, method, determined_by):
    Z = linkage(X, method)
    lowest = port_scipy(X, method, lowest_index_ties=True)
    heights = Z[:, 2].tolist()
    checks = {
        "port_bit_exact": bool(np.array_equal(port_scipy(X, method), Z)),
        "lower_index_ties_same_merges": same_merges(lowest, Z),
        "lower_index_ties_max_rel_height_diff": max_rel(lowest, Z),
    }
    assert checks["port_bit_exact"], method
    assert not checks["lower_index_ties_same_merges"], method
    if determined_by == "exact_arithmetic":
        exact = port_exact(X, method)
        checks["exact_arithmetic_same_merges"] = same_merges(exact, Z)
        checks["exact_arithmetic_max_rel_height_diff"] = max_rel(exact, Z)
        assert checks["exact_arithmetic_same_merges"], method
        assert checks["exact_arithmetic_max_rel_height_diff"] < 1e-12, method
        assert method != "median" or checks["lower_index_ties_max_rel_height_diff"] > 1e-3, method
    else:
        checks["same_merges_under_jitter"] = all(
            same_merges(port_scipy(X, method, jitter=np.random.default_rng(s)), Z) for s in range(JITTER_RUNS))
        assert checks["same_merges_under_jitter"], method
    return {
        "method": method,
        "zero_height_merges": sum(h == 0 for h in heights),
        "merges_sharing_their_height": sum(heights.count(h) > 1 for h in heights),
        "checks": checks,
        "Z": Z.tolist(),
    }


def main():
    tables = []
    for name, maker, seed, determined_by, description in TABLES:
        X = maker(seed)
        tables.append({"name": name, "description": description, "seed": seed, "n": len(X), "d": X.shape[1],
                       "determined_by": determined_by, "X": X.tolist(),
                       "linkages": [case(X, m, determined_by) for m in METHODS]})
        for c in tables[-1]["linkages"]:
            print(name, c["method"], "zero-height merges", c["zero_height_merges"], "sharing a height",
                  c["merges_sharing_their_height"], c["checks"])
    doc = {
        "generator": "Tests/Fixtures/hierarchical/make_tie_fixtures.py (see its docstring)",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__, "platform": platform.platform()},
        "tables": tables,
    }
    OUT.write_text(dump(doc) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
