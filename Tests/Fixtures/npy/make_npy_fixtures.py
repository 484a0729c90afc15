#!/usr/bin/env python3
"""Writes the .npy fixtures for Tests/PersonasDataTests/NPYTests.swift with NumPy itself.

Valid files hold small matrices defined by formulas (row i, column j, counting from 0):
  float cases:  value = i * 10 + j + 0.5        (f8, f4, >f8, Fortran order, versions 2.0 and 3.0)
  i4:           value = i * 10 + j - 7          (negative values too)
  >i2:          value = -(i * 10 + j) * 100
  u1:           value = i * 10 + j + 200        (above 127, so a sign mix-up shows)
  >u8:          value = i * 10 + j + 2**40
  bool:         value = (i + j) % 2 == 0
  1-D:          value = i * 1.5, shape (5,)
expected.json repeats every case's header fields and values (as Python reprs, so NaN and the
infinities survive JSON), and the data offset NumPy reports. Malformed files are built by hand
around NumPy's own headers. Run: .venv-fixtures/bin/python Tests/Fixtures/npy/make_npy_fixtures.py
"""
import io
import json
from pathlib import Path

import numpy as np
from numpy.lib import format as npformat

here = Path(__file__).resolve().parent
for old in here.glob("*.npy"):
    old.unlink()


def grid(rows, columns, formula, dtype):
    i, j = np.indices((rows, columns))
    return np.asarray(formula(i, j)).astype(dtype)


def save(name, array, version=None):
    with open(here / name, "wb") as f:
        npformat.write_array(f, array, version=version)


def header_of(name):
    with open(here / name, "rb") as f:
        major, minor = npformat.read_magic(f)
        if (major, minor) == (1, 0):
            shape, fortran, dtype = npformat.read_array_header_1_0(f)
        else:
            shape, fortran, dtype = npformat.read_array_header_2_0(f)
        return f"{major}.{minor}", f.tell(), dtype.str


floats = lambda i, j: i * 10 + j + 0.5
valid = [
    ("f8_3x4.npy", grid(3, 4, floats, "<f8"), None),
    ("f4_3x4.npy", grid(3, 4, floats, "<f4"), None),
    ("be_f8_3x4.npy", grid(3, 4, floats, ">f8"), None),
    ("fortran_f8_3x4.npy", np.asfortranarray(grid(3, 4, floats, "<f8")), None),
    ("v2_f8_3x4.npy", grid(3, 4, floats, "<f8"), (2, 0)),
    ("v3_f8_3x4.npy", grid(3, 4, floats, "<f8"), (3, 0)),
    ("i4_3x4.npy", grid(3, 4, lambda i, j: i * 10 + j - 7, "<i4"), None),
    ("be_i2_3x4.npy", grid(3, 4, lambda i, j: -(i * 10 + j) * 100, ">i2"), None),
    ("u1_3x4.npy", grid(3, 4, lambda i, j: i * 10 + j + 200, "u1"), None),
    ("be_u8_3x4.npy", grid(3, 4, lambda i, j: i * 10 + j + 2**40, ">u8"), None),
    ("bool_3x4.npy", grid(3, 4, lambda i, j: (i + j) % 2 == 0, "?"), None),
    ("f8_1d.npy", np.arange(5, dtype="<f8") * 1.5, None),
    ("empty_0x3.npy", np.zeros((0, 3), dtype="<f8"), None),
    ("nonfinite_f8.npy", np.array([np.nan, np.inf, -np.inf, -0.0], dtype="<f8"), None),
]
cases = []
for name, array, version in valid:
    save(name, array, version)
    version_text, offset, descr = header_of(name)
    matrix = array if array.ndim == 2 else array.reshape(-1, 1)
    cases.append({
        "file": name,
        "version": version_text,
        "descr": descr,
        "fortran_order": bool(array.flags.f_contiguous and not array.flags.c_contiguous),
        "shape": list(array.shape),
        "data_offset": offset,
        "rows": matrix.shape[0],
        "columns": matrix.shape[1],
        "values": [repr(float(v)) for v in matrix.astype("f8").ravel(order="C")],
    })

# Malformed files.
good = io.BytesIO()
npformat.write_array(good, grid(3, 4, floats, "<f8"))
good = good.getvalue()
(here / "bad_magic.npy").write_bytes(b"\x93NUMPZ" + good[6:])
(here / "truncated.npy").write_bytes(good[:-8])          # one float64 short
(here / "bad_version.npy").write_bytes(good[:6] + b"\x04\x00" + good[8:])
save("c16.npy", np.zeros((2, 2), dtype="<c16"))
save("3d.npy", np.zeros((2, 3, 4), dtype="<f8"))
save("structured.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))
save("object.npy", np.array([1, "a"], dtype=object))


def handmade(text):
    """A version 1.0 file around an arbitrary header text, padded the way NumPy pads."""
    body = text.encode("latin1")
    hlen = len(body) + 1
    pad = 64 - (10 + hlen) % 64
    return b"\x93NUMPY\x01\x00" + (hlen + pad).to_bytes(2, "little") + body + b" " * pad + b"\n"


(here / "garbage_header.npy").write_bytes(
    handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), } import os") + bytes(32))

(here / "expected.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
print("wrote", len(list(here.glob("*.npy"))), "files,", sum(p.stat().st_size for p in here.iterdir()), "bytes")
