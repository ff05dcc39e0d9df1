# Reference results for the area-level Fay-Herriot EBLUP: a small generated data set and R's REML fit.
#
# Run from the repository root:   Rscript tests/analysis/golden/make_golden_fay_herriot.R
# Needs R with metafor and jsonlite (Debian: r-cran-metafor). Then run make_golden_fay_herriot.py
# for the second reference (samplics).
#
# The data: 40 areas ("buurten"), a direct estimate of a share in percent (y), its sampling
# variance (psi, taken as known, from the number of respondents n), and two covariates: the
# share of residents aged 65 or over (x1) and the area's estimate in an earlier wave (x2).
# Generated from the model y = 8 + 0.3 x1 + 0.5 x2 + u + e, u ~ N(0, 16), e ~ N(0, psi), with a
# fixed seed (R's default Mersenne-Twister and Inversion).
#
# The reference: the Fay-Herriot model is the random-effects meta-regression of y on x1 and x2
# with known variances psi, so metafor's rma(method = "REML") estimates sigma_u^2 (tau2) and
# beta, and blup() gives the EBLUP. The MSE is Prasad-Rao's g1 + g2 + 2 g3 (Datta and Lahiri
# 2000 for REML; Rao and Molina 2015, section 6.2), written out below from the metafor fit:
#   gamma = s2 / (s2 + psi), g1 = gamma psi, g2 = (1 - gamma)^2 x' vcov(beta) x,
#   g3 = psi^2 / (s2 + psi)^3 * 2 / sum(1 / (s2 + psi)^2).

suppressPackageStartupMessages(library(metafor))
library(jsonlite)

data_dir <- "tests/analysis/data"
golden_dir <- "tests/analysis/golden"
stopifnot(dir.exists(data_dir), dir.exists(golden_dir))

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20261123)
m <- 40
area <- sprintf("BU%04d", seq_len(m))
n <- sort(sample(8:120, m, replace = TRUE))
x1 <- round(runif(m, 8, 35), 1)
x2 <- round(runif(m, 10, 40), 1)
u <- rnorm(m, 0, 4)
psi <- round(25 * 75 / n, 4)
y <- round(8 + 0.3 * x1 + 0.5 * x2 + u + rnorm(m, 0, sqrt(psi)), 2)
frame <- data.frame(area = area, y = y, psi = psi, n = n, x1 = x1, x2 = x2)
write.csv(frame, file.path(data_dir, "fay_herriot.csv"), row.names = FALSE, quote = FALSE)
frame <- read.csv(file.path(data_dir, "fay_herriot.csv"), stringsAsFactors = FALSE)

fit_call <- quote(rma(yi = y, vi = psi, mods = ~ x1 + x2, data = frame, method = "REML",
                      control = list(threshold = 1e-10, maxiter = 1000)))
fit <- eval(fit_call)
s2 <- fit$tau2
X <- cbind(1, frame$x1, frame$x2)
beta <- as.vector(coef(fit))
vb <- vcov(fit)
gamma <- s2 / (s2 + frame$psi)
synthetic <- as.vector(X %*% beta)
eblup <- gamma * frame$y + (1 - gamma) * synthetic
blups <- blup(fit)
stopifnot(max(abs(blups$pred - eblup)) < 1e-8)
g1 <- gamma * frame$psi
g2 <- (1 - gamma)^2 * rowSums((X %*% vb) * X)
var_s2 <- 2 / sum(1 / (s2 + frame$psi)^2)
g3 <- frame$psi^2 / (s2 + frame$psi)^3 * var_s2
mse <- g1 + g2 + 2 * g3

golden <- list(
  provenance = list(
    tool = "R metafor",
    r_version = R.version.string,
    metafor_version = as.character(packageVersion("metafor")),
    date = format(Sys.time(), "%Y-%m-%d", tz = "UTC"),
    script = "tests/analysis/golden/make_golden_fay_herriot.R",
    data_file = "fay_herriot.csv",
    r_call = paste(trimws(deparse(fit_call, width.cutoff = 500L)), collapse = " "),
    eblup = "blup(fit)$pred = gamma * y + (1 - gamma) * x' beta, gamma = sigma_u2 / (sigma_u2 + psi)",
    mse = "g1 + g2 + 2 * g3 (Prasad-Rao, REML), g1 = gamma psi, g2 = (1 - gamma)^2 x' vcov(fit) x, g3 = psi^2 / (sigma_u2 + psi)^3 * 2 / sum(1 / (sigma_u2 + psi)^2)",
    note = "blup(fit)$se^2 is g1 + g2 (the MSE without the uncertainty of sigma_u2)"
  ),
  model = list(response = "y", sampling_variance = "psi", covariates = c("x1", "x2"), intercept = TRUE,
               method = "REML"),
  sigma_u2 = s2,
  sigma_u2_variance = var_s2,
  beta = setNames(as.list(beta), c("intercept", "x1", "x2")),
  beta_se = setNames(as.list(sqrt(diag(vb))), c("intercept", "x1", "x2")),
  areas = lapply(seq_len(m), function(i) list(
    area = frame$area[i], eblup = eblup[i], mse = mse[i], gamma = gamma[i],
    g1 = g1[i], g2 = g2[i], g3 = g3[i], blup_se = blups$se[i]
  ))
)
writeLines(toJSON(golden, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(golden_dir, "fay_herriot_r_metafor.json"))
cat("sigma_u2 =", s2, " beta =", beta, "\n")
