#!/usr/bin/env Rscript
# Reference figures from R's mclust for the Swift Gaussian mixture engine's mclust-convention BIC
# (GaussianMixtureModel.mclustBIC, parameterCount, logLikelihood).
#
# Writes mclust_reference.json next to this script. Needs R with mclust and jsonlite (Debian:
# apt-get install -y r-cran-mclust, which brings jsonlite):
#
#     Rscript Tests/Fixtures/mixtures/make_mclust_fixtures.R
#
# The four mclust models that are scikit-learn's four covariance types are fitted to R's iris
# (the four measurements, 150 rows, as R ships them), G = 3, with no prior (no regularisation) and
# EM run to a tight tolerance so that the recorded memberships z are at EM's fixed point:
#   VVV = full, VVI = diagonal, VII = spherical, EEE = tied.
# The Swift test starts its own EM from these z with regularisation 0 and must reach the same
# log-likelihood, count the same free parameters (mclust's df) and report the same BIC
# (mclust's sign: 2 loglik - df log n, higher is better).
suppressPackageStartupMessages({ library(mclust); library(jsonlite) })

here <- tryCatch(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) ".")
X <- as.matrix(iris[, 1:4])
models <- c(full = "VVV", diag = "VVI", spherical = "VII", tied = "EEE")
cases <- lapply(names(models), function(type) {
  fit <- Mclust(X, G = 3, modelNames = models[[type]], verbose = FALSE,
                control = emControl(tol = c(1e-14, sqrt(.Machine$double.eps))))
  list(covariance_type = type, model = models[[type]], k = 3L,
       loglik = fit$loglik, bic = fit$bic, df = fit$df, n = fit$n,
       z = unname(fit$z), weights = unname(fit$parameters$pro),
       means = unname(t(fit$parameters$mean)))
})
out <- list(generator = "Tests/Fixtures/mixtures/make_mclust_fixtures.R",
            versions = list(R = R.version.string, mclust = as.character(packageVersion("mclust"))),
            data = "R's iris, columns 1-4", X = unname(X), cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE), file.path(here, "mclust_reference.json"))
