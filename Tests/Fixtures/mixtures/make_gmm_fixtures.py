#!/usr/bin/env python3
"""Reference fixtures for the Swift Gaussian mixture engine (PersonasClustering.GaussianMixture), taken
from scikit-learn's ``sklearn.mixture.GaussianMixture``.

Writes ``gmm_reference.json`` next to this script. Run it with a Python that has numpy, scipy and
scikit-learn (the versions used are recorded in the JSON under ``"versions"``)::

    python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install numpy scipy scikit-learn threadpoolctl
    .venv-fixtures/bin/python Tests/Fixtures/mixtures/make_gmm_fixtures.py

Same start on both sides
------------------------
scikit-learn starts EM from k-means (its own random stream) or from given parameters. To compare the
engines iteration by iteration, every ``labels_start`` case starts both from the SAME initial
responsibilities: the one-hot matrix of a fixed hard labelling (``init_labels``, the labels of one
``KMeans(k, n_init=1, random_state=0)`` run, recorded in the JSON). On the scikit-learn side this is done
by subclassing ``GaussianMixture`` and overriding ``_initialize_parameters`` so that it calls
``self._initialize(X, resp)`` with those responsibilities: exactly what scikit-learn does after its own
k-means, i.e. an M-step from ``resp`` (weights = n_k / n, means, covariances + reg_covar, precision
Cholesky factors). The Swift side passes the same labels as ``.labels``.

The ``parameters_start`` cases start from given parameters instead (``weights_init``, ``means_init``,
``precisions_init``): equal weights, the first k rows as means and identity precisions in each
covariance type's shape, the start ``bench_peers.py --only gmm`` times.

Each case records scikit-learn's per-iteration lower bound (``lower_bounds_``: the mean log-likelihood
per row of the parameters before each M-step), ``lower_bound_``, ``n_iter_``, ``converged_``, the final
``weights_``, ``means_``, ``covariances_``, ``precisions_cholesky_`` (in scikit-learn's shapes), the labels
(``fit_predict``), ``bic``, ``aic``, ``score`` and, for the first five rows, ``score_samples`` and
``predict_proba``. Floats are written with ``repr`` (Python's json module does), so nothing is rounded.
OpenMP / BLAS are pinned to one thread.
"""
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import threadpoolctl  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

COVARIANCE_TYPES = ["full", "tied", "diag", "spherical"]


class GivenResponsibilities(GaussianMixture):
    """scikit-learn's GaussianMixture started from given responsibilities instead of k-means."""

    def __init__(self, responsibilities, **kwargs):
        super().__init__(**kwargs)
        self.responsibilities = responsibilities

    def _initialize_parameters(self, X, random_state, xp=None):
        self._initialize(X, self.responsibilities.copy())


def standardised(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def datasets():
    iris = standardised(load_iris().data.astype(np.float64))
    rng = np.random.default_rng(23)
    # Three correlated, unequal Gaussian blobs in 3 dimensions, not standardised (offset and scales kept),
    # so that the engine's centring on the column means is exercised.
    centres = np.array([[10.0, -4.0, 2.0], [11.5, -3.0, 2.5], [9.5, -2.5, 3.5]])
    scales = [np.array([[1.0, 0.3, 0.0], [0.0, 0.8, 0.2], [0.0, 0.0, 0.5]]),
              np.array([[0.6, 0.0, 0.0], [0.4, 1.2, 0.0], [0.0, 0.1, 0.7]]),
              np.array([[1.5, 0.0, 0.5], [0.0, 0.4, 0.0], [0.0, 0.0, 1.0]])]
    sizes = [140, 100, 60]
    blobs = np.vstack([centres[j] + rng.standard_normal((sizes[j], 3)) @ scales[j] for j in range(3)])
    blobs = blobs[rng.permutation(len(blobs))]
    return {
        "iris": ("sklearn.datasets.load_iris().data, standardised (column mean 0, population sd 1)", iris, 3),
        "blobs": ("three correlated Gaussian blobs (140, 100, 60 rows) in 3 dimensions, np.random.default_rng(23), "
                  "not standardised", blobs, 3),
    }


def identity_precisions(covariance_type, k, d):
    return {
        "full": np.array([np.eye(d) for _ in range(k)]),
        "tied": np.eye(d),
        "diag": np.ones((k, d)),
        "spherical": np.ones(k),
    }[covariance_type]


def record(gm, X, name, dataset, covariance_type, start):
    labels = gm.fit_predict(X)
    return {
        "name": name,
        "dataset": dataset,
        "covariance_type": covariance_type,
        "k": int(gm.n_components),
        "tol": gm.tol,
        "reg_covar": gm.reg_covar,
        "max_iter": gm.max_iter,
        "start": start,
        "lower_bounds": [float(v) for v in gm.lower_bounds_],
        "lower_bound": float(gm.lower_bound_),
        "n_iter": int(gm.n_iter_),
        "converged": bool(gm.converged_),
        "weights": gm.weights_.tolist(),
        "means": gm.means_.tolist(),
        "covariances": np.asarray(gm.covariances_).ravel().tolist(),
        "precisions_cholesky": np.asarray(gm.precisions_cholesky_).ravel().tolist(),
        "labels": labels.tolist(),
        "n_parameters": int(gm._n_parameters()),
        "bic": float(gm.bic(X)),
        "aic": float(gm.aic(X)),
        "score": float(gm.score(X)),
        "score_samples_first5": gm.score_samples(X[:5]).tolist(),
        "predict_proba_first5": gm.predict_proba(X[:5]).tolist(),
    }


def main():
    out = {
        "generator": "Tests/Fixtures/mixtures/make_gmm_fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                     "threadpoolctl": threadpoolctl.__version__, "python": sys.version.split()[0]},
        "threads": "OMP_NUM_THREADS=1 and threadpoolctl.threadpool_limits(1)",
        "datasets": {},
        "cases": [],
    }
    with threadpoolctl.threadpool_limits(1):
        for key, (description, X, k) in datasets().items():
            init_labels = KMeans(n_clusters=k, n_init=1, random_state=0).fit(X).labels_
            out["datasets"][key] = {"description": description, "X": X.tolist(), "k": k,
                                    "init_labels": init_labels.tolist()}
            resp = np.zeros((len(X), k))
            resp[np.arange(len(X)), init_labels] = 1
            for covariance_type in COVARIANCE_TYPES:
                gm = GivenResponsibilities(resp, n_components=k, covariance_type=covariance_type)
                out["cases"].append(record(gm, X, f"{key}_{covariance_type}_labels", key, covariance_type,
                                           "labels"))
                d = X.shape[1]
                gm = GaussianMixture(n_components=k, covariance_type=covariance_type,
                                     weights_init=np.full(k, 1.0 / k), means_init=X[:k].copy(),
                                     precisions_init=identity_precisions(covariance_type, k, d))
                out["cases"].append(record(gm, X, f"{key}_{covariance_type}_parameters", key, covariance_type,
                                           "parameters"))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gmm_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for case in out["cases"]:
        print(f'{case["name"]:28s} n_iter={case["n_iter"]:3d} converged={case["converged"]} '
              f'lower_bound={case["lower_bound"]:.6f} bic={case["bic"]:.3f}')


if __name__ == "__main__":
    main()
