#!/usr/bin/env python3
"""Gower dissimilarity reference for mixed data, following R's ``cluster::daisy(x, metric = "gower")``.

Writes ``gower_mixed.csv`` and ``gower_reference.json`` next to this script::

    .venv-fixtures/bin/python Tests/Fixtures/hierarchical/make_gower_fixtures.py

R is not available here, so daisy's rules are re-implemented in numpy from its documentation
(``?daisy``, cluster package, man/daisy.Rd) and its source (R/daisy.q and src/daisy.c, function
``cldaisy``), read in the public cluster sources. The data are drawn from
``np.random.default_rng(606)``; numbers are written to the CSV with at most 2 decimals and the reference
is computed from the CSV text as re-read with Python's ``csv`` module and ``float()`` (correctly
rounded), i.e. from exactly the doubles a Swift reader gets. JSON floats are written with ``repr``.

The CSV (30 rows, missing cell = empty field)
---------------------------------------------
* ``row_id`` -- label only, not a variable (R: row names).
* ``num_a`` -- numeric (interval, daisy type "I"), 1 decimal, 3 missing.
* ``num_b`` -- numeric ("I"), 2 decimals, skewed (gamma), 4 missing; one row has both numerics
  missing.
* ``color`` -- nominal, 4 levels {blue, green, red, yellow} (daisy type "N"), 1 missing.
* ``grade`` -- ordinal, 5 ordered levels very_low < low < medium < high < very_high (daisy type "O"),
  every level used, no missing value.
* ``flag`` -- symmetric binary 0/1 (daisy type "S"), no missing value.
The R call this mirrors::

    x <- read.csv("gower_mixed.csv", row.names = "row_id", na.strings = "")
    x$color <- factor(x$color)
    x$grade <- factor(x$grade, levels = c("very_low", "low", "medium", "high", "very_high"),
                      ordered = TRUE)
    d <- daisy(x, metric = "gower", type = list(symm = "flag"))   # as.matrix(d)

Rules implemented (weights all 1; p = 5 variables in CSV column order)
----------------------------------------------------------------------
1. daisy first turns the data frame into a numeric matrix with ``data.matrix``: numeric columns stay
   as they are, a factor becomes its integer level codes (nominal: alphabetical level order, which does
   not matter; ordered factor: codes 1..K in the declared level order -- "standard scoring", the docs
   stress these are the codes 1:K, not ranks, so ties do not get averaged ranks), 0/1 stays 0/1.
2. EVERY column (nominal and binary included) is then rescaled ``(x - min) / (max - min)`` with min
   and max over the non-missing values of that column (``scale(x, center = colmin, scale = sx)``: a
   subtraction then a division); a constant column gets divisor 1. For an ordinal variable this means
   (code - min code) / (max code - min code) with the min / max of the codes actually present
   (unused levels do not widen the range; here all 5 levels occur, so it is (code - 1) / 4).
   Nominal / binary columns are only compared for equality, so their rescaling is harmless.
3. Per pair (i, j) and variable k, delta_ijk = 0 when x_ik or x_jk is missing (the variable leaves both
   the numerator and the denominator), else 1. (For asymmetric binary variables a 0-0 pair would also
   get delta = 0; there are none here: ``flag`` is symmetric.)
4. Contributions d_ijk: interval / ordinal: |x'_ik - x'_jk| on the rescaled values of rule 2 (the
   C code takes the absolute difference of the *rescaled* values, not |x_ik - x_jk| / range; the two
   differ in the last bits, see ``checks.max_abs_diff_vs_subtract_then_divide``); nominal: 0 if the
   codes are equal, else 1; symmetric binary: 0 if equal, else 1.
5. d(i, j) = sum_k w_k delta_ijk d_ijk / sum_k w_k delta_ijk, accumulated over k in column order
   (num_a, num_b, color, grade, flag) in double precision, then one division; NA if every delta is 0
   (cannot happen here: grade and flag are never missing). The matrix written is symmetric with a zero
   diagonal (``as.matrix(daisy(...))``).

Points where I was unsure / what was assumed
--------------------------------------------
* R itself could not be run; the reference is this re-implementation of daisy.c's loop. Exact
  floating-point agreement with R relies on R doing the same operations (rule 2 then rule 4-5);
  R's ``scale`` uses ``sweep(x, 2, center)`` then ``sweep(x, 2, scale, "/")`` -- a true division.
  Expect equality to the last bit or two; compare with a tolerance of ~1e-15 absolute.
* Binary column: declared ``symm`` in the R call above. Leaving it as a plain integer column would make
  daisy treat it as interval ("I", with a warning) and, since its range is 0..1, give identical values;
  a 2-level factor (nominal) would also give identical values. daisy's help says symm and nominal
  agree "only when no missing values are present"; the flag column has none, so this does not arise.
* "ordratio" is not used: it is a ``type`` option for *numeric* columns that daisy should treat as
  ordinal (it applies ``unclass(as.ordered(x))``, i.e. the codes of the sorted distinct values, and then
  the same range scaling as "O"). Our ordinal column is an ordered factor, so it is type "O" by default.
* Missing values: daisy replaces NAs by a sentinel ``1.1 * max(abs(range(x)))`` of the rescaled matrix
  (1.1 here, larger than any rescaled value) and skips a variable for a pair when either value equals
  it; that is the same as skipping missing values, which is what is implemented.

Cross-check with the PyPI package ``gower`` (0.1.2), if importable (it is not a dependency of anything
here; e.g. ``pip install --no-deps --target /tmp/gower_pkg gower`` and ``PYTHONPATH=/tmp/gower_pkg``):
it has no missing-value handling (NaN propagates) and works in float32, so it is compared on the rows
that are complete in the compared columns, with the ranges recomputed on those rows by both sides:
(1) num_a, num_b, color (numeric + nominal, as asked) and (2) all five variables with grade given as its
integer codes and flag as 0/1 (for gower both are plain numerics, which is what daisy's rules amount to).
The JSON section ``gower_package_crosscheck`` records the maximal absolute differences (float32-level,
~1e-7, is agreement); it says ``available: false`` when the package was not importable.
"""
import csv
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "gower_mixed.csv"
OUT = HERE / "gower_reference.json"

N = 30
SEED = 606
COLOR_LEVELS = ["blue", "green", "red", "yellow"]
GRADE_LEVELS = ["very_low", "low", "medium", "high", "very_high"]
COLUMNS = [  # (name, daisy type)
    ("num_a", "I"),
    ("num_b", "I"),
    ("color", "N"),
    ("grade", "O"),
    ("flag", "S"),
]


def make_csv():
    rng = np.random.default_rng(SEED)
    num_a = np.round(rng.normal(50.0, 12.0, N), 1)
    num_b = np.round(rng.gamma(2.0, 600.0, N) + 100.0, 2)
    color = rng.choice(COLOR_LEVELS, N).astype(object)
    grade = rng.choice(GRADE_LEVELS, N).astype(object)
    grade[:5] = GRADE_LEVELS          # every level occurs (rows 0..4 get one each, in order)
    rng.shuffle(grade)
    flag = rng.integers(0, 2, N)
    miss_a = rng.choice(N, 3, replace=False)
    rest = np.setdiff1d(np.arange(N), miss_a)
    miss_b = np.concatenate([[miss_a[0]], rng.choice(rest, 3, replace=False)])  # one row misses both
    miss_c = rng.choice(np.setdiff1d(np.arange(N), np.concatenate([miss_a, miss_b])), 1)
    rows = []
    for i in range(N):
        rows.append([
            f"R{i:02d}",
            "" if i in miss_a else f"{num_a[i]:.1f}",
            "" if i in miss_b else f"{num_b[i]:.2f}",
            "" if i in miss_c else color[i],
            grade[i],
            str(int(flag[i])),
        ])
    with CSV_PATH.open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["row_id"] + [c for c, _ in COLUMNS])
        w.writerows(rows)


def read_csv():
    with CSV_PATH.open(newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert header == ["row_id"] + [c for c, _ in COLUMNS]
    ids = [r[0] for r in body]
    cols = {name: [r[j + 1] for r in body] for j, (name, _) in enumerate(COLUMNS)}
    return ids, cols


def data_matrix(cols):
    """R's data.matrix: numeric -> value, factor -> level code (1-based); missing -> nan."""
    out = []
    for name, typ in COLUMNS:
        raw = cols[name]
        if typ == "I":
            v = [float(s) if s != "" else math.nan for s in raw]
        elif typ == "N":
            v = [float(COLOR_LEVELS.index(s) + 1) if s != "" else math.nan for s in raw]
        elif typ == "O":
            v = [float(GRADE_LEVELS.index(s) + 1) if s != "" else math.nan for s in raw]
        elif typ == "S":
            v = [float(int(s)) if s != "" else math.nan for s in raw]
        out.append(v)
    return np.array(out, dtype=np.float64).T


def daisy_gower(x, types, weights=None):
    """Loop-by-loop re-implementation of daisy's mixed/gower case (R/daisy.q + src/daisy.c)."""
    n, p = x.shape
    w = np.ones(p) if weights is None else np.asarray(weights, dtype=np.float64)
    xs = x.copy()
    for j in range(p):                       # scale(x, center = colmin, scale = sx)
        col = x[:, j]
        ok = ~np.isnan(col)
        lo, hi = float(np.min(col[ok])), float(np.max(col[ok]))
        sx = hi - lo
        if sx == 0.0:
            sx = 1.0
        xs[ok, j] = (col[ok] - lo) / sx
    D = np.zeros((n, n))
    for l in range(1, n):
        for k in range(l):
            ppa = 0.0
            dlk = 0.0
            for j in range(p):
                a, b = xs[l, j], xs[k, j]
                if types[j] in ("N", "O", "I", "T"):
                    if math.isnan(a) or math.isnan(b):
                        continue
                    ppa += w[j]
                    if types[j] == "N":
                        if a != b:
                            dlk += w[j]
                    else:
                        dlk += w[j] * abs(a - b)
                else:                        # binary: "A" asymmetric, "S" symmetric
                    if (a != 0.0 and a != 1.0) or (b != 0.0 and b != 1.0):
                        continue             # missing (NaN) or not binary
                    if types[j] == "S" or a != 0.0 or b != 0.0:
                        ppa += w[j]
                    if a != b:
                        dlk += w[j]
            D[l, k] = D[k, l] = (dlk / ppa) if ppa != 0.0 else math.nan
    return D


def gower_vectorized(x, types):
    """Independent formulation: |x_i - x_j| / range (subtract, then divide), masks for missing."""
    n, p = x.shape
    num = np.zeros((n, n))
    den = np.zeros((n, n))
    for j in range(p):
        col = x[:, j]
        ok = ~np.isnan(col)
        both = ok[:, None] & ok[None, :]
        if types[j] in ("N", "S"):
            dk = (col[:, None] != col[None, :]).astype(float)
        else:
            r = np.nanmax(col) - np.nanmin(col)
            dk = np.abs(col[:, None] - col[None, :]) / (r if r != 0 else 1.0)
        num += np.where(both, dk, 0.0)
        den += both
    with np.errstate(invalid="ignore"):
        D = num / den
    np.fill_diagonal(D, 0.0)
    return D


def gower_package_crosscheck(x, cols):
    try:
        import gower  # noqa: F401  (optional; see docstring)
        import pandas as pd
    except ImportError:
        return {"available": False}
    try:
        from importlib.metadata import version
        gver = version("gower")
    except Exception:  # noqa: BLE001
        gver = getattr(gower, "__version__", "unknown")
    res = {"available": True, "package": "gower", "version": gver, "pandas": pd.__version__}
    names = [c for c, _ in COLUMNS]
    types = [t for _, t in COLUMNS]
    for label, use in (("numeric_plus_nominal", ["num_a", "num_b", "color"]),
                       ("all_five_ordinal_as_codes", names)):
        idx = [names.index(c) for c in use]
        rows = np.where(~np.isnan(x[:, idx]).any(axis=1))[0]
        sub = x[np.ix_(rows, idx)]
        ours = daisy_gower(sub, [types[i] for i in idx])
        frame = {}
        for c, i in zip(use, idx):
            if types[i] == "N":
                frame[c] = pd.Series([cols[c][r] for r in rows], dtype=object)
            else:
                frame[c] = pd.Series(sub[:, use.index(c)], dtype=np.float64)
        df = pd.DataFrame(frame)
        cat = [types[i] == "N" for i in idx]
        theirs = gower.gower_matrix(df, cat_features=cat).astype(np.float64)
        diff = float(np.max(np.abs(theirs - ours)))
        res[label] = {"columns": use, "rows_used": int(len(rows)), "max_abs_diff": diff,
                      "agree_to_1e-6": bool(diff < 1e-6)}
    return res


def dump(obj, ind=0):
    """Compact JSON: dicts indented, lists of scalars on one line, matrices one row per line."""
    pad, pad1 = " " * ind, " " * (ind + 1)
    if isinstance(obj, dict):
        items = [f"{pad1}{json.dumps(k)}: {dump(v, ind + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(obj, list):
        if obj and all(isinstance(v, list) for v in obj):
            return "[\n" + ",\n".join(pad1 + dump(v, ind + 1) for v in obj) + "\n" + pad + "]"
        if any(isinstance(v, dict) for v in obj):
            return "[\n" + ",\n".join(pad1 + dump(v, ind + 1) for v in obj) + "\n" + pad + "]"
        return "[" + ", ".join(dump(v, ind + 1) for v in obj) + "]"
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError("non-finite float")
        return repr(obj)
    return json.dumps(obj)


def main():
    make_csv()
    ids, cols = read_csv()
    x = data_matrix(cols)
    types = [t for _, t in COLUMNS]
    assert sorted(set(cols["grade"])) == sorted(GRADE_LEVELS)
    D = daisy_gower(x, types)
    assert np.all(np.isfinite(D)) and np.array_equal(D, D.T) and np.all(np.diag(D) == 0.0)
    assert np.all((D >= 0.0) & (D <= 1.0))
    V = gower_vectorized(x, types)
    vec_diff = float(np.max(np.abs(V - D)))
    assert vec_diff < 1e-15, vec_diff

    ranges = {}
    for j, (name, typ) in enumerate(COLUMNS):
        col = x[:, j]
        ranges[name] = {"type": typ, "min": float(np.nanmin(col)), "max": float(np.nanmax(col)),
                        "n_missing": int(np.isnan(col).sum())}
    cross = gower_package_crosscheck(x, cols)

    meta = {
        "generator": "Tests/Fixtures/hierarchical/make_gower_fixtures.py (see its docstring)",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "platform": platform.platform()},
        "semantics": "R cluster::daisy(x, metric = 'gower', type = list(symm = 'flag')), all weights 1",
        "csv": CSV_PATH.name,
        "row_ids": ids,
        "columns": [{"name": c, "daisy_type": t} for c, t in COLUMNS],
        "levels": {"color": COLOR_LEVELS, "grade_ordered": GRADE_LEVELS},
        "column_stats_codes": ranges,
        "rules": [
            "factors -> integer level codes (ordered: 1..K in level order)",
            "every column rescaled (x - min)/(max - min) over non-missing values (divisor 1 if constant)",
            "a variable is skipped for a pair if either value is missing",
            "interval/ordinal: |x'_i - x'_j| of rescaled values; nominal/symmetric binary: 0 if equal else 1",
            "d = sum of contributions / number of variables used, summed in column order",
        ],
        "checks": {"max_abs_diff_vs_subtract_then_divide": vec_diff},
        "gower_package_crosscheck": cross,
    }
    meta["dissimilarity"] = [[float(v) for v in row] for row in D]
    OUT.write_text(dump(meta) + "\n")
    back = json.loads(OUT.read_text())
    assert np.array_equal(np.array(back["dissimilarity"]), D)
    print("gower package cross-check:", json.dumps(cross))
    print(f"subtract-then-divide vs daisy order: max abs diff {vec_diff:.3g}")
    print(f"wrote {CSV_PATH} ({CSV_PATH.stat().st_size} bytes) and {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
