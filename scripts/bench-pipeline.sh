#!/bin/sh
# Issue 22's goals, measured as an analyst meets them: `personas segment` with every default (k
# 2…10, bootstrap stability, gap statistic, typing tool, reports, notebook) on generated customers
# (`generate --wide`, 30 columns), each command run 3 times under /usr/bin/time; prints every
# run, the median wall time and the largest peak resident memory, against the goal; the runs'
# warnings go to OUT_DIR/warnings-NAME.txt.
#   scripts/bench-pipeline.sh PERSONAS OUT_DIR
set -eu
PERSONAS=$1
OUT=$2
mkdir -p "$OUT"

data() { # rows name
    [ -f "$OUT/$2.csv" ] || "$PERSONAS" generate --rows "$1" --seed 1 --wide --out "$OUT/$2.csv" \
        --schema-out "$OUT/$2.schema.json" > /dev/null
}

# measure LABEL GOAL_SECONDS GOAL_MB NAME [segment options…]
measure() {
    label=$1 goal=$2 goalmb=$3 name=$4
    shift 4
    : > "$OUT/times.txt"
    for run in 1 2 3; do
        /usr/bin/time -o "$OUT/time.txt" -f "%e %M" "$PERSONAS" segment "$OUT/$name.csv" --schema "$OUT/$name.schema.json" \
            --seed 1 --quiet --force --out "$OUT/segments-$name" "$@" > /dev/null 2>> "$OUT/warnings-$name.txt"
        cat "$OUT/time.txt" >> "$OUT/times.txt"
    done
    sort -n "$OUT/times.txt" | awk -v label="$label" -v goal="$goal" -v goalmb="$goalmb" '
        { wall[NR] = $1; if ($2 > peak) peak = $2; runs = runs (NR > 1 ? ", " : "") $1 }
        END {
            median = wall[2]; mb = peak / 1024
            verdict = (median < goal && mb < goalmb) ? "met" : "NOT MET"
            printf "%s: median %.2f s (runs %s), peak %.0f MB; goal under %d s and %d MB: %s\n",
                   label, median, runs, mb, goal, goalmb, verdict
        }'
}

data 1000000 hcp-1m-wide
data 200000 hcp-200k-wide
data 25000 hcp-25k-wide
measure "segment, 1,000,000 x 30, defaults" 60 4096 hcp-1m-wide
measure "segment, 200,000 x 30, defaults" 15 4096 hcp-200k-wide
measure "segment --method ward --k 2...8, 25,000 x 30" 15 4096 hcp-25k-wide --method ward --k 2...8
measure "segment --method hybrid --k 2...8, 25,000 x 30" 15 4096 hcp-25k-wide --method hybrid --k 2...8
