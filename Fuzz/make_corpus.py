#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora (Fuzz/Corpus/<target>/) and the fixed table that the model,
schema and typing-tool fuzzers read (Fuzz/Sources/FuzzSupport/FixedTableText.swift).

The seeds are small valid and malformed samples: the CSV and .npy fixtures of the test suite (the
large generated CSVs cut down; .npy files with huge shapes made here), a slice of
examples/hcp-sample.csv, and the model.json and typing-tool.json that `personas segment` writes
for a 400-row, 11-column slice of the sample (small enough that a mutation is cheap; the full
sample's model.json is 340 KB, mostly profiles).

Run from the repository root after `swift build -c release --product personas`:
    python3 Fuzz/make_corpus.py [--personas .build/release/personas]
The output is deterministic (model.json's createdAt is pinned), so rerunning it changes nothing.
"""

import argparse
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"
FIXED_TABLE_SWIFT = ROOT / "Fuzz" / "Sources" / "FuzzSupport" / "FixedTableText.swift"

MINI_COLUMNS = ["hcp_id", "specialty", "region", "practice_size", "age_band", "monthly_rx",
                "product_share", "adoption_stage", "rep_access_restricted", "value", "potential"]
# model.json carries the personas' profiles of every column, so its seed comes from fewer columns
# (and k = 2): a 70 KB seed made the model fuzzer ten times slower than this one.
MODEL_COLUMNS = ["hcp_id", "specialty", "age_band", "monthly_rx", "rep_access_restricted", "value", "potential"]
MINI_ROWS = 400
FIXED_ROWS = 24
# Control bytes of the CSV fuzzer (see Fuzz/Sources/FuzzCSV/FuzzCSV.swift): default options.
PLAIN = b"\x00\x00\x00"


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def write(target, name, data):
    path = CORPUS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def mini_table(columns=MINI_COLUMNS):
    """The first MINI_ROWS rows of the sample, `columns` only, as CSV text."""
    with open(ROOT / "examples" / "hcp-sample.csv", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [header.index(c) for c in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows[: MINI_ROWS + 1]:
        writer.writerow([row[i] for i in keep])
    return out.getvalue()


def mini_schema(columns=MINI_COLUMNS):
    schema = json.loads((ROOT / "examples" / "hcp-sample.schema.json").read_text())
    schema["columns"] = [c for c in schema["columns"] if c["name"] in columns]
    return schema


def csv_seeds(mini_csv):
    # The reader's valid samples and the bad-input catalogue (valid and malformed cases alike).
    fixtures = ROOT / "Tests" / "Fixtures"
    for folder, prefix in (("csv/valid", "valid"), ("bad-input", "bad-input")):
        for path in sorted((fixtures / folder).glob("*.csv")):
            data = path.read_bytes()
            if len(data) <= 16_384:
                write("FuzzCSV", f"{prefix}-{path.stem}", PLAIN + data)
    # The large generated fixtures, cut to what still exercises their path: a stray text under 1%
    # of a numeric column (an error at its line), and free text past the 1,000-value checkpoint.
    rows = ["hcp_id,rx_volume,region"] + [f"H{i},{i * 1.5},north" for i in range(1, 301)]
    rows[250] = "H250,n/a?,north"
    write("FuzzCSV", "malformed-stray_text_short", PLAIN + ("\n".join(rows) + "\n").encode())
    rows = ["id,note,visits"] + [f'{i},"{i} dosing and side effects",{i % 7}' for i in range(1, 1011)]
    write("FuzzCSV", "valid-free_text_short", PLAIN + ("\n".join(rows) + "\n").encode())

    sample = "".join(mini_csv.splitlines(keepends=True)[:61]).encode()
    write("FuzzCSV", "hcp-mini", PLAIN + sample)
    # The same slice through other options: 64-byte blocks, with a derived schema (all ordinal
    # choices, one level unknown), robust scaling and PCA; semicolons with decimal commas.
    write("FuzzCSV", "hcp-mini-small-blocks-schema", b"\x44\x04\x61" + sample)
    write("FuzzCSV", "hcp-mini-schema-unknown-level", b"\x40\x84\x00" + sample)
    semicolon = sample.decode().replace(",", ";").replace(".", ",").encode()
    write("FuzzCSV", "hcp-mini-semicolon", b"\x0a\x00\x02" + semicolon)
    write("FuzzCSV", "latin1", b"\x10\x00\x00" + "name,city\nJos\xe9,M\xfcnchen\nAnn,K\xf6ln\n".encode("latin-1"))


def npy_file(header, data=b"", version=1):
    """A .npy file around the header dict text `header`, padded as numpy.save pads, then `data`."""
    length_bytes = 2 if version == 1 else 4
    body = header.encode("utf-8" if version == 3 else "latin-1")
    padding = 64 - (6 + 2 + length_bytes + len(body) + 1) % 64
    body += b" " * padding + b"\n"
    return b"\x93NUMPY" + bytes([version, 0]) + len(body).to_bytes(length_bytes, "little") + body + data


def npy_seeds():
    # The control byte (see Fuzz/Sources/FuzzNPY/FuzzNPY.swift) picks the row reader's block size:
    # 0 one row at a time, 3 five rows, 7 every row.
    # NumPy's own files from the test suite: versions 1.0, 2.0 and 3.0, Fortran order, big-endian
    # floats and integers, bool, 1-D, empty, non-finite values, truncated data, and the refusals
    # (3-D, complex, object and structured dtypes, a bad magic string or version, text after the dict).
    for i, path in enumerate(sorted((ROOT / "Tests" / "Fixtures" / "npy").glob("*.npy"))):
        write("FuzzNPY", path.stem, bytes([i % 8]) + path.read_bytes())

    def dict_text(descr, shape, fortran=False):
        dims = "".join(f"{n}, " for n in shape) if len(shape) == 1 else ", ".join(str(n) for n in shape)
        return f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': ({dims}), }}"

    # Small handmade files for the types the fixtures lack, each with its data.
    write("FuzzNPY", "handmade-i8_2x2", b"\x01" + npy_file(dict_text("<i8", (2, 2)), bytes(range(32))))
    write("FuzzNPY", "handmade-be_f4_fortran_2x3", b"\x02" + npy_file(dict_text(">f4", (2, 3), True), bytes(range(24))))
    write("FuzzNPY", "handmade-u2_3", b"\x00" + npy_file(dict_text("<u2", (3,)), b"\x01\x00\xff\xff\x00\x80"))
    write("FuzzNPY", "handmade-i1_1x0", b"\x00" + npy_file(dict_text("|i1", (1, 0))))
    write("FuzzNPY", "handmade-v2_f4_2x1", b"\x03" + npy_file(dict_text("<f4", (2, 1)), bytes(8), version=2))
    write("FuzzNPY", "handmade-v3_f8_1x1", b"\x07" + npy_file(dict_text("<f8", (1, 1)), bytes(8), version=3))
    # Shapes whose byte counts overflow 64 bits or far exceed the file: refused before any allocation.
    for name, shape in (("huge_rows", (2**62, 4)), ("huge_columns", (1, 2**62)), ("huge_square", (2**32, 2**32)),
                        ("int64_max", (2**63 - 1,)), ("big_truncated", (1_000_000, 32))):
        write("FuzzNPY", f"handmade-{name}", b"\x00" + npy_file(dict_text("<f8", shape), bytes(64)))
    write("FuzzNPY", "handmade-huge_u1", b"\x00" + npy_file(dict_text("|u1", (2**62, 2)), bytes(64)))
    write("FuzzNPY", "handmade-too_large_integer", b"\x00" + npy_file(dict_text("<f8", (10**20, 1))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--personas", default=str(ROOT / ".build" / "release" / "personas"))
    args = parser.parse_args()

    for target in ("FuzzCSV", "FuzzNPY", "FuzzSchema", "FuzzModel", "FuzzTypingTool"):
        shutil.rmtree(CORPUS / target, ignore_errors=True)

    mini_csv = mini_table()
    schema = mini_schema()
    csv_seeds(mini_csv)
    npy_seeds()

    # Schema seeds: the mini schema (it fits the fixed table), the sample's, and malformed ones.
    write("FuzzSchema", "mini.schema.json", compact(schema))
    write("FuzzSchema", "hcp-sample.schema.json", (ROOT / "examples" / "hcp-sample.schema.json").read_bytes())
    write("FuzzSchema", "truncated.json", compact(schema)[:200])
    broken = json.loads(json.dumps(schema))
    broken["columns"][4]["levels"] = []
    write("FuzzSchema", "ordinal-without-levels.json", compact(broken))
    broken = json.loads(json.dumps(schema))
    broken["columns"][0]["colour"] = "red"
    write("FuzzSchema", "unknown-key.json", compact(broken))
    write("FuzzSchema", "minimal.json", b'{"version":1,"columns":[{"name":"age_band","type":"ordinal","levels":["<35","35-44"]}]}')

    # Model and typing-tool seeds from `personas segment` on the mini table (the model on fewer columns).
    def segment(columns, k):
        with tempfile.TemporaryDirectory() as work:
            work = pathlib.Path(work)
            (work / "t.csv").write_text(mini_table(columns))
            (work / "t.schema.json").write_text(json.dumps(mini_schema(columns), indent=2))
            env = dict(os.environ, PERSONAS_NO_REEXEC="1")
            subprocess.run([args.personas, "segment", str(work / "t.csv"), "--schema", str(work / "t.schema.json"),
                            "--k", str(k), "--seed", "1", "--quiet", "--out", str(work / "seg")],
                           check=True, env=env, stdout=subprocess.DEVNULL)
            return (json.loads((work / "seg" / "model.json").read_text()),
                    json.loads((work / "seg" / "typing-tool.json").read_text()))

    model, _ = segment(MODEL_COLUMNS, 2)
    _, tree = segment(MINI_COLUMNS, 3)
    model["createdAt"] = "2025-01-01T00:00:00Z"
    write("FuzzModel", "model.json", compact(model))
    write("FuzzModel", "truncated.json", compact(model)[:3000])
    # The same model through two principal components (the first two features' axes), so the
    # PCA path of applying a preparation has a seed; the centers keep their first two coordinates.
    variant = json.loads(json.dumps(model))
    p = variant["centers"]["columns"]
    variant["preparation"]["pca"] = {
        "mean": [0.0] * p,
        "components": {"rows": 2, "columns": p, "elements": [1.0 if j == i else 0.0 for i in range(2) for j in range(p)]},
        "explainedVariance": [1.0, 1.0], "explainedVarianceRatio": [0.5, 0.5]}
    rows = variant["centers"]["rows"]
    variant["centers"] = {"rows": rows, "columns": 2,
                          "elements": [variant["centers"]["elements"][i * p + j] for i in range(rows) for j in range(2)]}
    write("FuzzModel", "model-pca.json", compact(variant))
    write("FuzzModel", "version-2.json", b'{"formatVersion":2,"centers":{"rows":1,"columns":1,"elements":[0]}}')
    write("FuzzModel", "not-a-model.json", b'{"formatVersion":"1","centers":[]}')

    write("FuzzTypingTool", "typing-tool.json", compact(tree))
    variant = json.loads(json.dumps(tree))
    variant["formatVersion"] = 99
    write("FuzzTypingTool", "version-99.json", compact(variant))
    variant = json.loads(json.dumps(tree))
    variant["nodes"][0]["left"] = len(variant["nodes"])
    write("FuzzTypingTool", "child-out-of-range.json", compact(variant))
    write("FuzzTypingTool", "truncated.json", compact(tree)[:1500])

    # The regression inputs of the test suite (minimised crashes and the cases found around them),
    # so fuzzing starts from every bug already fixed. CSV ones get control bytes: plain options,
    # min-max scaling for the range one (the case it was found with).
    for path in sorted((ROOT / "Tests" / "Fixtures" / "fuzz-regressions").iterdir()):
        target, _, rest = path.name.partition("-")
        if target == "FuzzCSV":
            control = b"\x00\x00\x02" if "range" in rest else PLAIN
            write(target, "regression-" + rest, control + path.read_bytes())
        elif target == "FuzzNPY":
            write(target, "regression-" + rest, b"\x00" + path.read_bytes())
        elif target in ("FuzzSchema", "FuzzModel", "FuzzTypingTool"):
            write(target, "regression-" + rest, path.read_bytes())

    # The fixed table: the mini table's first rows, embedded so the fuzzers need no files.
    fixed = "".join(mini_csv.splitlines(keepends=True)[: FIXED_ROWS + 1])
    FIXED_TABLE_SWIFT.write_text(
        "// Generated by Fuzz/make_corpus.py: the first rows of the 11-column slice of\n"
        "// examples/hcp-sample.csv that the model and typing-tool seeds were fitted on.\n\n"
        "extension FixedTable {\n"
        "    /// The table's text.\n"
        '    public static let text = """\n' + fixed + '"""\n'
        "}\n")


if __name__ == "__main__":
    main()
