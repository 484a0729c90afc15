#!/usr/bin/env python3
"""Time scikit-learn's GaussianMixture on the peers' (1M, 16) blob file, from the start
bench_peers.py's gmm section uses and Benchmarks/Mixtures uses too: the first k rows as means,
equal weights, identity precisions, tol = 0 (so every run does all its iterations), reg_covar 1e-6.

Usage:  python time_gmm.py [--iterations 20] [--types full,diag] [--runs 1]

bench_peers.py --only gmm times 100 iterations, twice after a warm-up: about 14 minutes here.
With tol = 0 every iteration does the same work, so time per iteration is what compares; this
times fewer iterations so that `make peers-gmm` can run both sides in one short quiet window.
Prints one JSON line per covariance type: seconds, iterations, seconds per iteration, lower bound.
Threads: 2 (threadpoolctl), as every peer.
"""
import argparse
import json
import os
import time

import numpy as np
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--types", default="full,diag")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--k", type=int, default=8)
    args = parser.parse_args()
    data = os.environ.get("PEERS_DATA", "/tmp/peers-data")
    x = np.load(os.path.join(data, "blobs_n1000000_d16_float64.npy"))
    n, d = x.shape
    k = args.k
    for cov in args.types.split(","):
        precisions = np.tile(np.eye(d), (k, 1, 1)) if cov == "full" else np.ones((k, d))
        times = []
        for _ in range(args.runs):
            model = GaussianMixture(k, covariance_type=cov, max_iter=args.iterations, tol=0.0, reg_covar=1e-6,
                                    means_init=x[:k].copy(), weights_init=np.full(k, 1.0 / k),
                                    precisions_init=precisions)
            with threadpool_limits(limits=2):
                start = time.perf_counter()
                model.fit(x)
                times.append(time.perf_counter() - start)
        seconds = sorted(times)[len(times) // 2]
        print(json.dumps({"peer": f"sklearn GaussianMixture covariance_type='{cov}'", "n": n, "d": d, "k": k,
                          "iterations": int(model.n_iter_), "seconds": seconds,
                          "ms_per_iteration": 1000 * seconds / model.n_iter_,
                          "lower_bound": float(model.lower_bound_)}), flush=True)


if __name__ == "__main__":
    main()
