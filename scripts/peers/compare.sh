#!/usr/bin/env bash
# Side-by-side measurements of Personas and its peers on the same files, in one run (absolute
# times on shared machines drift; ratios hold). Called by `make peers`.
#
#   PEERS_VENV   Python venv with the peers (created with pip when missing)   default .venv-peers
#   PEERS_DATA   the peers' .npy files (written by bench_peers.py)             default /tmp/peers-data
#   PEERS_OUT    results folder                                                default out/peers
#   SECTIONS     bench_peers.py sections (add gmm for Gaussian mixtures)       default pca,kmeans,kmeanspp,hier
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv=${PEERS_VENV:-$root/.venv-peers}
export PEERS_DATA=${PEERS_DATA:-/tmp/peers-data}
export PEERS_OUT=${PEERS_OUT:-$root/out/peers}
sections=${SECTIONS:-pca,kmeans,kmeanspp,hier}
peers_script=${PEERS_SCRIPT:-$root/../shared/peers/bench_peers.py}
mkdir -p "$PEERS_OUT"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q numpy scipy scikit-learn fastcluster faiss-cpu threadpoolctl pandas
fi

# 1. The peers on their own data (this also writes the .npy files Personas reads).
(cd "$PEERS_OUT" && "$venv/bin/python" "$peers_script" --only "$sections")

# 2. CSV loading: one generated 1,000,000-row HCP universe, read by Personas then by pandas.
csv=$PEERS_OUT/hcp-1m.csv
[ -f "$csv" ] || .build/release/personas generate --rows 1000000 --seed 1 --out "$csv"
(cd Benchmarks && PERSONAS_BENCH_CSV="$csv" swift package benchmark --target Data --filter "CSV read.*" --no-progress) \
    | tee "$PEERS_OUT/personas-csv.txt"
"$venv/bin/python" scripts/peers/time_read_csv.py "$csv" | tee "$PEERS_OUT/pandas-csv.txt"

# 3. Personas on the peers' .npy files: numerics (PCA) and k-means.
(cd Benchmarks && swift package benchmark --target LinearAlgebra --no-progress) | tee "$PEERS_OUT/personas-numerics.txt"
(cd Benchmarks && swift package benchmark --target KMeans --no-progress) | tee "$PEERS_OUT/personas-kmeans.txt"
(cd Benchmarks && swift package benchmark --target Hierarchical --no-progress) | tee "$PEERS_OUT/personas-hierarchical.txt"

# 4. Gaussian mixtures, when the peers' gmm section ran (SECTIONS=...,gmm): EM from the peers' start
#    (first k rows as means, equal weights, identity precisions, tol = 0), compared per iteration.
case ",$sections," in
*,gmm,*) (cd Benchmarks && swift package benchmark --target Mixtures --no-progress) | tee "$PEERS_OUT/personas-mixtures.txt" ;;
esac
echo "peers: results in $PEERS_OUT (RESULTS.md for the peers, personas-*.txt for Personas)"
