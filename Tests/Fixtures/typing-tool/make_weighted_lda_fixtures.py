"""A weighted linear discriminant analysis computed by hand with NumPy (WeightedTypingToolTests).

Run from the repository root:
    python3 Tests/Fixtures/typing-tool/make_weighted_lda_fixtures.py
Writes weighted_lda.json: a small numeric data set X, classes y, survey weights w, and the
discriminant the golden questions must fit from them, from the definitions:
    prior_k = sum(w in k) / sum(w)
    mu_k    = sum(w x in k) / sum(w in k)
    Sigma   = sum_k sum_{i in k} w_i (x_i - mu_k)(x_i - mu_k)^T / sum(w)
    b_k     = Sigma^-1 mu_k                 (the points per unit of class k)
    c_k     = -1/2 mu_k . b_k + log prior_k  (its constant)
"""
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2324)
n, p, k = 150, 3, 3
y = rng.integers(0, k, n)
X = np.round(rng.normal(0, 1, (n, p)) + np.array([[0, 0, 0], [1.5, -1, 0.5], [-1, 1.2, 1]])[y], 3)
w = np.round(rng.uniform(0.2, 4.0, n), 3)

W = w.sum()
priors = np.array([w[y == c].sum() / W for c in range(k)])
means = np.array([(w[y == c, None] * X[y == c]).sum(0) / w[y == c].sum() for c in range(k)])
sigma = np.zeros((p, p))
for c in range(k):
    d = X[y == c] - means[c]
    sigma += (w[y == c, None] * d).T @ d
sigma /= W
coef = np.linalg.solve(sigma, means.T).T
const = -0.5 * (means * coef).sum(1) + np.log(priors)
with open(os.path.join(here, "weighted_lda.json"), "w") as f:
    json.dump({"X": X.tolist(), "y": y.tolist(), "w": w.tolist(), "coef": coef.tolist(), "constant": const.tolist()},
              f, indent=1)
    f.write("\n")
