#!/usr/bin/env python3
"""Reference fixtures for the Swift latent class engine (PersonasClustering.LatentClass), taken from
stepmix's ``StepMix`` (Morin et al., "StepMix: A Python Package for Pseudo-Likelihood Estimation of
Generalized Mixture Models with External Variables", Journal of Statistical Software, 2025).

Writes ``latent_class_reference.json`` next to this script. Run it with a Python that has stepmix and
its dependencies (the versions used are recorded in the JSON under ``"versions"``)::

    python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install stepmix numpy scipy scikit-learn pandas
    .venv-fixtures/bin/python Tests/Fixtures/mixtures/make_latent_class_fixtures.py

Data
----
A seeded generated survey (``numpy.random.default_rng(23)``): 600 respondents from three classes
(shares 0.5, 0.3, 0.2) answering 8 categorical items with 3 to 5 levels (each class's level
probabilities drawn from a Dirichlet) and 3 continuous items (Gaussian within class, unit-ish
variance around class means between 1 and 6). ``survey`` has about 6% of the answers missing
(missing completely at random) and 3 respondents with every answer missing; ``survey_complete`` is
the same respondents with nothing missing. Level codes are 0-based, -1 for a missing answer;
continuous values are ``null`` when missing.

Models
------
Categorical items are stepmix's ``categorical`` (``categorical_nan`` when answers are missing),
continuous items ``gaussian_diag`` (``reg_covar`` 1e-6, the Swift ``regularization``), or
``gaussian_diag_nan`` when answers are missing (no variance floor: the Swift side runs with
``regularization`` 0). The ``_nan`` models are full-information maximum likelihood: a missing answer's
term is left out of its row's likelihood and its row out of that item's M-step sums, which is what the
Swift engine does. A row with every answer missing contributes 0 to the log-likelihood and gets the
class weights as its posterior, on both sides.

Same start on both sides
------------------------
``parameters`` cases start from given parameters: stepmix's own random start (``init_params="random"``,
``random_state`` recorded), i.e. uniform class weights and the M-step of uniform random responsibilities,
snapshotted by a subclass right after ``_initialize_parameters`` and recorded; the Swift side passes them
as ``.parameters``. ``responsibilities`` cases start from recorded random responsibilities: the subclass
overrides ``_initialize_parameters`` to take them, with the class weights their weighted average (the
M-step; stepmix's own start keeps uniform weights) and the measurement model's M-step on them times the
sample weights; the Swift side passes them as ``.responsibilities``. The ``weighted`` case gives
stepmix ``sample_weight`` (the Swift case weights).

Each case records the lower bound at every iteration (stepmix's ``_e_step`` average log-likelihood,
recorded by the subclass; ``lower_bound_`` is the last), ``n_iter_``, ``converged_``, the final class
weights and item parameters, the log-likelihood of the final parameters (``score`` times the total
weight), the expected class sizes (the weighted column sums of ``predict_proba``), the labels
(``predict``), the posterior of the first 12 rows, ``n_parameters``, and for unweighted cases ``bic``
and ``aic``. Floats are written with ``repr`` (Python's json module does), so nothing is rounded.
BLAS is pinned to one thread.
"""
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import stepmix  # noqa: E402
from importlib.metadata import version  # noqa: E402
from stepmix.stepmix import StepMix  # noqa: E402

LEVELS = [3, 4, 5, 3, 5, 4, 3, 5]
CLASS_SHARES = [0.5, 0.3, 0.2]
CONTINUOUS_MEANS = np.array([[1.0, 4.0, 2.5], [3.0, 2.0, 5.5], [5.0, 6.0, 3.0]])
CONTINUOUS_SDS = np.array([[1.0, 0.8, 1.2], [0.7, 1.1, 0.9], [1.3, 0.6, 1.0]])
N = 600
K = 3


def survey():
    """The generated survey: (codes with NaN missing, continuous with NaN missing, complete versions, truth)."""
    rng = np.random.default_rng(23)
    truth = rng.choice(K, size=N, p=CLASS_SHARES)
    probabilities = [rng.dirichlet(np.full(levels, 0.7), size=K) for levels in LEVELS]
    codes = np.empty((N, len(LEVELS)))
    for q, levels in enumerate(LEVELS):
        for i in range(N):
            codes[i, q] = rng.choice(levels, p=probabilities[q][truth[i]])
    continuous = CONTINUOUS_MEANS[truth] + rng.standard_normal((N, 3)) * CONTINUOUS_SDS[truth]
    complete = (codes.copy(), continuous.copy())
    codes[rng.random(codes.shape) < 0.06] = np.nan
    continuous[rng.random(continuous.shape) < 0.06] = np.nan
    for i in (7, 311, 598):
        codes[i, :] = np.nan
        continuous[i, :] = np.nan
    # Every level of every item answered at least once, so stepmix infers the declared levels.
    for q, levels in enumerate(LEVELS):
        assert set(np.unique(codes[~np.isnan(codes[:, q]), q]).astype(int)) == set(range(levels))
    return (codes, continuous), complete, truth


class Recorded(StepMix):
    """StepMix that records every E-step's average log-likelihood, and can start from given
    responsibilities (``start_resp``) instead of its own random start."""

    def __init__(self, start_resp=None, **kwargs):
        super().__init__(**kwargs)
        self.start_resp = start_resp

    def _initialize_parameters(self, X, random_state):
        self.recorded_ = []
        if self.start_resp is None:
            super()._initialize_parameters(X, random_state)
        else:
            resp = self.start_resp
            weights = self.sample_weight_
            self.log_resp_ = np.log(np.clip(resp, 1e-15, 1 - 1e-15))
            self.weights_ = np.average(resp, weights=weights, axis=0)
            self._initialize_parameters_measurement(X, random_state, init_emission=False)
            self._mm.initialize(X, resp * weights[:, np.newaxis], random_state)
        self.initial_ = {"weights": self.weights_.copy(), "measurement": self._mm.get_parameters()}

    def _e_step(self, X, Y=None, sample_weight=None, log_emission_pm=None):
        avg, log_resp = super()._e_step(X, Y=Y, sample_weight=sample_weight, log_emission_pm=log_emission_pm)
        if hasattr(self, "recorded_"):
            self.recorded_.append(float(avg))
        return avg, log_resp

    def fit(self, X, Y=None, sample_weight=None, y=None):
        self.sample_weight_ = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, float)
        return super().fit(X, Y, sample_weight=sample_weight, y=y)


def item_parameters(mm, model, categorical, continuous):
    """stepmix's measurement parameters as the Swift ``LatentClassParameters.items``, in item order."""
    items = []
    if continuous == 0:
        cat, cont = mm, None
    else:
        cat, cont = mm["categorical"], mm["continuous"]
    if categorical:
        width = cat["max_n_outcomes"]
        for q in range(categorical):
            items.append({"probabilities": cat["pis"][:, q * width:q * width + LEVELS[q]].tolist()})
    if continuous:
        covariances = cont["covariances"]
        for c in range(continuous):
            items.append({"means": cont["means"][:, c].tolist(), "variances": covariances[:, c].tolist()})
    return items


def fit_case(name, data, X, categorical, continuous, missing, start, seed, sample_weight=None):
    cat_model = "categorical_nan" if missing else "categorical"
    cont_model = "gaussian_diag_nan" if missing else "gaussian_diag"
    if continuous == 0:
        measurement = cat_model
    else:
        measurement = {"categorical": {"model": cat_model, "n_columns": categorical},
                       "continuous": {"model": cont_model, "n_columns": continuous}}
    rng = np.random.default_rng(seed)
    start_resp = None
    if start == "responsibilities":
        start_resp = rng.uniform(size=(len(X), K))
        start_resp /= start_resp.sum(axis=1, keepdims=True)
    model = Recorded(start_resp=start_resp, n_components=K, measurement=measurement, init_params="random",
                     random_state=seed, progress_bar=0, max_iter=1000, abs_tol=1e-10)
    model.fit(X, sample_weight=sample_weight)
    w = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, float)
    proba = model.predict_proba(X)
    labels = model.predict(X)
    score = float(model.score(X, sample_weight=sample_weight))
    case = {
        "name": name,
        "data": data,
        "measurement": measurement,
        "k": K,
        "abs_tol": model.abs_tol,
        "max_iter": model.max_iter,
        "regularization": 0.0 if missing or continuous == 0 else 1e-6,
        "start": start,
        "random_state": seed,
        "initial": {"weights": model.initial_["weights"].tolist(),
                    "items": item_parameters(model.initial_["measurement"], measurement, categorical, continuous)},
        "start_responsibilities": None if start_resp is None else start_resp.tolist(),
        "sample_weight": None if sample_weight is None else list(map(float, sample_weight)),
        "lower_bounds": model.recorded_[:model.n_iter_],
        "lower_bound": float(model.lower_bound_),
        "n_iter": int(model.n_iter_),
        "converged": bool(model.converged_),
        "weights": model.weights_.tolist(),
        "items": item_parameters(model._mm.get_parameters(), measurement, categorical, continuous),
        "log_likelihood": score * float(w.sum()),
        "class_sizes": (w[:, None] * proba).sum(axis=0).tolist(),
        "labels": labels.tolist(),
        "posterior_first12": proba[:12].tolist(),
        "n_parameters": int(model.n_parameters),
        "bic": float(model.bic(X)) if sample_weight is None else None,
        "aic": float(model.aic(X)) if sample_weight is None else None,
    }
    assert len(case["lower_bounds"]) == case["n_iter"]
    return case


def codes_json(codes):
    return [[-1 if np.isnan(v) else int(v) for v in row] for row in codes]


def values_json(values):
    return [[None if np.isnan(v) else float(v) for v in row] for row in values]


def main():
    (codes, continuous), (complete_codes, complete_continuous), truth = survey()
    out = {
        "generator": "Tests/Fixtures/mixtures/make_latent_class_fixtures.py",
        "versions": {"stepmix": version("stepmix"), "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__, "pandas": pandas.__version__,
                     "python": sys.version.split()[0]},
        "levels": LEVELS,
        "datasets": {
            "survey": {"description": "600 generated respondents, 8 categorical items (3-5 levels) and 3 continuous "
                                      "items, about 6% of answers missing, rows 8, 312 and 599 (1-based) all missing",
                       "codes": codes_json(codes), "continuous": values_json(continuous)},
            "survey_complete": {"description": "the same respondents with no answer missing",
                                "codes": codes_json(complete_codes), "continuous": values_json(complete_continuous)},
        },
        "truth": truth.tolist(),
        "cases": [],
    }
    weights = np.random.default_rng(5).uniform(0.4, 2.5, size=N).round(3)
    mixed = np.hstack([codes[:, :5], continuous])
    complete_mixed = np.hstack([complete_codes[:, :5], complete_continuous])
    out["cases"] = [
        fit_case("categorical_missing_parameters", "survey", codes, 8, 0, True, "parameters", 1),
        fit_case("categorical_missing_responsibilities", "survey", codes, 8, 0, True, "responsibilities", 2),
        fit_case("categorical_missing_weighted", "survey", codes, 8, 0, True, "parameters", 3, sample_weight=weights),
        fit_case("categorical_complete_parameters", "survey_complete", complete_codes, 8, 0, False, "parameters", 4),
        fit_case("mixed_complete_parameters", "survey_complete", complete_mixed, 5, 3, False, "parameters", 5),
        fit_case("mixed_missing_parameters", "survey", mixed, 5, 3, True, "parameters", 6),
        fit_case("mixed_missing_responsibilities", "survey", mixed, 5, 3, True, "responsibilities", 7),
    ]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "latent_class_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for case in out["cases"]:
        print(f'{case["name"]:40s} n_iter={case["n_iter"]:4d} converged={case["converged"]} '
              f'lower_bound={case["lower_bound"]:.9f} sizes={[round(s, 2) for s in case["class_sizes"]]}')


if __name__ == "__main__":
    main()
