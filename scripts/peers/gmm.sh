#!/usr/bin/env bash
# Gaussian mixture EM side by side, in one run: scikit-learn's GaussianMixture (scripts/peers/
# time_gmm.py) and Personas' (Benchmarks/Mixtures) on the same (1M, 16) .npy file from the same
# start, full and diagonal covariances, k = 8, per iteration. Called by `make peers-gmm`.
#
#   PEERS_VENV  Python venv with the peers (created with pip when missing)   default .venv-peers
#   PEERS_DATA  the peers' .npy files (written here when missing)            default /tmp/peers-data
#   ITERATIONS  scikit-learn's EM iterations (tol = 0, so each does the same work)   default 20
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
venv=${PEERS_VENV:-$root/.venv-peers}
export PEERS_DATA=${PEERS_DATA:-/tmp/peers-data}
peers_script=${PEERS_SCRIPT:-$root/../shared/peers/bench_peers.py}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q numpy scipy scikit-learn threadpoolctl
fi
# The peers' data file, written by bench_peers.py's own generator so both sides read the same rows.
"$venv/bin/python" - "$peers_script" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("bench_peers", sys.argv[1])
peers = importlib.util.module_from_spec(spec); sys.argv = sys.argv[:1]; spec.loader.exec_module(peers)
peers.ensure_data(1_000_000, 16)
PY
"$venv/bin/python" scripts/peers/time_gmm.py --iterations "${ITERATIONS:-20}"
# OpenBLAS 0.3.21 does not recognise these CPUs and falls back to old kernels; the personas CLI
# re-executes itself with the right OPENBLAS_CORETYPE (BLASCoreFix), so the library is timed the same way.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    if grep -q avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
    elif grep -q avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
fi
(cd Benchmarks && swift package benchmark --target Mixtures --filter "EM (full|diagonal).*1000000.*float64" --no-progress) \
    | grep -E "^EM |ms/iteration|Time \(wall"
# The lower bounds after the same iterations, to hold against scikit-learn's lower_bound above
# (package-benchmark keeps a benchmark's own output, so the runner is called directly for them).
Benchmarks/.build/release/Mixtures --filter "EM (full|diagonal).*1000000.*float64" 2>/dev/null | grep -a "^\[check\]" | sort -u
