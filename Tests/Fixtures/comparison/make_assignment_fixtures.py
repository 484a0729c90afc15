#!/usr/bin/env python3
"""SciPy's maximum-overlap matchings of migration matrices, for the Swift ``maximumOverlapMatching``.

Writes ``assignment_reference.json`` next to this script; run it with a Python that has numpy and
scipy (versions recorded in the JSON), e.g. as the Makefile's ``fixtures`` target does::

    .venv-fixtures/bin/python Tests/Fixtures/comparison/make_assignment_fixtures.py

Each case is a rectangular matrix of non-negative integer counts (``counts[i][j]``: customers in
old segment i and new segment j) and SciPy's answer,
``scipy.optimize.linear_sum_assignment(counts, maximize=True)``: ``rows`` and ``columns`` (the
matched pairs, min(rows, columns) of them) and ``total`` (their summed counts, an integer).

``unique`` says whether that maximum is reached by one assignment only, checked by forbidding each
matched pair in turn (its count replaced by -10**9) and solving again: the optimum is unique exactly
when every such solve scores less. Where it is unique the Swift matching must equal SciPy's pair for
pair; where it is not, only the total must agree (SciPy's choice among ties is its own; the Swift
rule, the lexicographically smallest assignment, is checked by the brute-force property test).

Cases (all from fixed seeds):

* ``renumbered_twin`` -- a run against itself with its segments renumbered: a permutation of a
  diagonal, one stray customer.
* ``refit`` -- two labelings of 2,000 customers, k = 6 and k = 7, the second a noisy copy of the
  first (each customer keeps its segment's image with probability 0.8).
* ``random_square_*``, ``random_wide``, ``random_tall`` -- uniform counts 0..50 of several shapes.
* ``sparse`` -- mostly zeros, with zero rows and zero columns.
* ``ties`` -- every count equal (unique is false).
* ``large`` -- 25 x 30 uniform counts 0..1000.
"""
import json
import os

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def solve(counts):
    rows, columns = linear_sum_assignment(counts, maximize=True)
    return [int(r) for r in rows], [int(c) for c in columns], int(counts[rows, columns].sum())


def is_unique(counts, rows, columns, total):
    for r, c in zip(rows, columns):
        forbidden = counts.astype(np.int64).copy()
        forbidden[r, c] = -10**9
        _, _, other = solve(forbidden)
        if other >= total:
            return False
    return True


def case(name, counts):
    counts = np.asarray(counts, dtype=np.int64)
    rows, columns, total = solve(counts)
    return {"name": name, "counts": counts.tolist(), "rows": rows, "columns": columns, "total": total,
            "unique": is_unique(counts, rows, columns, total)}


def main():
    cases = []
    rng = np.random.default_rng(21)
    k = 6
    twin = np.diag([1115, 640, 420, 300, 150, 90])
    twin[0, 1] = 1
    permutation = rng.permutation(k)
    cases.append(case("renumbered_twin", twin[:, permutation]))

    rng = np.random.default_rng(22)
    old = rng.integers(0, 6, size=2000)
    image = rng.permutation(7)[:6]
    new = np.where(rng.random(2000) < 0.8, image[old], rng.integers(0, 7, size=2000))
    refit = np.zeros((6, 7), dtype=np.int64)
    np.add.at(refit, (old, new), 1)
    cases.append(case("refit", refit))

    rng = np.random.default_rng(23)
    for size in (3, 5, 8):
        cases.append(case(f"random_square_{size}", rng.integers(0, 51, size=(size, size))))
    cases.append(case("random_wide", rng.integers(0, 51, size=(4, 7))))
    cases.append(case("random_tall", rng.integers(0, 51, size=(7, 3))))
    sparse = np.where(rng.random((6, 5)) < 0.25, rng.integers(1, 40, size=(6, 5)), 0)
    sparse[2, :] = 0
    sparse[:, 4] = 0
    cases.append(case("sparse", sparse))
    cases.append(case("ties", np.full((4, 5), 7)))
    cases.append(case("large", rng.integers(0, 1001, size=(25, 30))))

    out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__}, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assignment_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases, unique: {[c['name'] for c in cases if c['unique']]}")


if __name__ == "__main__":
    main()
