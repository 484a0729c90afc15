#!/bin/sh
# Freezes what `personas segment` recommends, with every default, on customers from the
# planted-segment generator, before the pipeline is made faster (issue 22): the recommended k
# and each customer's segment. `PipelineFreezeCLITests` reruns the same command and requires the
# same k and an adjusted Rand index of at least 0.99 against these segments.
#
# Run from the repository root with a release build of the commit to freeze:
#   swift build -c release --product personas
#   sh Tests/Fixtures/pipeline/make_frozen_choice.sh                   # 20,000 generated rows
#   ROWS=30000 sh Tests/Fixtures/pipeline/make_frozen_choice.sh
#   INPUT=examples/hcp-sample.csv SEED=1 sh Tests/Fixtures/pipeline/make_frozen_choice.sh
# COMMIT names the commit the binary was built from when it is not the checkout's HEAD.
# Only `personas` itself is needed (no Python): the fixture is the command's own output.
set -eu
PERSONAS=${PERSONAS:-.build/release/personas}
ROWS=${ROWS:-20000}
SEED=${SEED:-22}
OUT=Tests/Fixtures/pipeline
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ -n "${INPUT:-}" ]; then
    # A table of the repository (the bundled sample) instead of generated customers.
    cp "$INPUT" "$WORK/customers.csv"
    cp "${INPUT%.csv}.schema.json" "$WORK/schema.json"
    ROWS=$(($(wc -l < "$INPUT") - 1))
    TARGET="$OUT/frozen-choice-$(basename "${INPUT%.csv}")-seed$SEED.json"
else
    "$PERSONAS" generate --rows "$ROWS" --seed "$SEED" --out "$WORK/customers.csv" --schema-out "$WORK/schema.json"
    TARGET="$OUT/frozen-choice-$ROWS-seed$SEED.json"
fi
"$PERSONAS" segment "$WORK/customers.csv" --schema "$WORK/schema.json" --seed "$SEED" --quiet \
    --format json --out "$WORK/segments" > "$WORK/summary.json"
python3 - "$WORK" "$TARGET" "$ROWS" "$SEED" "${COMMIT:-$(git rev-parse --short HEAD)}" "${INPUT:-}" <<'PY'
import csv, json, sys
work, target, rows, seed, commit, given = sys.argv[1:]
summary = json.load(open(f"{work}/summary.json"))
with open(f"{work}/segments/assignments.csv", newline="") as f:
    segments = [int(row["segment"]) for row in csv.DictReader(f)]
assert len(segments) == int(rows)
frozen = {
    "commit": commit,
    "command": (f"personas segment {given} --schema SCHEMA --seed {seed}" if given else
                f"personas generate --rows {rows} --seed {seed}; personas segment FILE --schema SCHEMA --seed {seed}"),
    "rows": int(rows),
    "seed": int(seed),
    "recommended_k": summary["k"],
    "segments": "".join(str(s) for s in segments),
}
if given:
    frozen["input"] = given
json.dump(frozen, open(target, "w"), indent=1)
open(target, "a").write("\n")
print(f"{target}: k = {frozen['recommended_k']} on {rows} rows")
PY
