# Expected values for org.odtrial.analysis.robust (CR2, bias-reduced linearisation, with
# Satterthwaite df): clubSandwich::coef_test(fit, vcov = "CR2", cluster = cl,
# test = "Satterthwaite") on lm and glm fits. Writes ../resources/r/smallsample-cr2.json.
# Run: Rscript analysis/src/test/R/smallsample-cr2.R
suppressPackageStartupMessages({
  library(MASS); library(clubSandwich)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

cr2_values <- c(
  coefficients = "coef(fit)",
  vcov = "as.matrix(clubSandwich::vcovCR(fit, cluster = cl, type = 'CR2'))",
  se = "clubSandwich::coef_test(fit, vcov = 'CR2', cluster = cl, test = 'Satterthwaite')$SE",
  df = "clubSandwich::coef_test(fit, vcov = 'CR2', cluster = cl, test = 'Satterthwaite')$df_Satt",
  p_value = "clubSandwich::coef_test(fit, vcov = 'CR2', cluster = cl, test = 'Satterthwaite')$p_Satt"
)

# The fit's working model, as clubSandwich reads it from a glm: mu, family$variance(mu),
# mu.eta(eta) and the bread summary(fit)$cov.unscaled (an lm: v = 1, bread (X'X)^-1).
working_model <- function(fit) {
  if (inherits(fit, "glm")) {
    list(mu = unname(fitted(fit)), variance = unname(fit$family$variance(fitted(fit))),
         mu_eta = unname(fit$family$mu.eta(fit$linear.predictors)),
         bread = unname(lapply(seq_len(ncol(model.matrix(fit))),
                               function(i) unname(summary(fit)$cov.unscaled[i, ]))))
  } else {
    X <- model.matrix(fit)
    list(residual = unname(resid(fit)),
         bread = unname(lapply(seq_len(ncol(X)), function(i) unname(solve(crossprod(X))[i, ]))))
  }
}

case <- function(name, fit_expr, data, cl_expr, extra = NULL) {
  env <- new.env(); env$data <- data
  r <- with_warnings(eval(parse(text = fit_expr), envir = env)); env$fit <- r$value
  env$cl <- eval(parse(text = cl_expr), envir = env)
  fit <- env$fit
  y <- if (inherits(fit, "glm")) fit$y else model.response(model.frame(fit))
  list(name = name, model = fit_expr, cluster = cl_expr, kind = if (inherits(fit, "glm")) "glm" else "lm",
       warnings = r$warnings, clusters = nlevels(droplevels(as.factor(env$cl))),
       input = design(y, model.matrix(fit), offset = if (is.null(fit$offset)) NULL else fit$offset,
                      cluster = env$cl),
       working = working_model(fit),
       values = vals(c(cr2_values, extra), env))
}

cases <- list()

# R datasets: balanced (sleepstudy) and unbalanced (ChickWeight: chicks with 2 to 12 weighings,
# Diet a cluster-level factor), with a contrast between two diets.
cases[[length(cases) + 1]] <- case("sleepstudy", "lm(Reaction ~ Days, data = data)", lme4::sleepstudy, "data$Subject")
cases[[length(cases) + 1]] <- case(
  "ChickWeight", "lm(weight ~ Time + Diet, data = data)", as.data.frame(datasets::ChickWeight), "data$Chick",
  extra = c(
    contrast = "c(0, 0, 1, -1, 0)",
    contrast_se = "clubSandwich::linear_contrast(fit, vcov = 'CR2', cluster = cl, contrasts = matrix(c(0, 0, 1, -1, 0), nrow = 1), test = 'Satterthwaite')$SE",
    contrast_df = "clubSandwich::linear_contrast(fit, vcov = 'CR2', cluster = cl, contrasts = matrix(c(0, 0, 1, -1, 0), nrow = 1), test = 'Satterthwaite')$df"))

# Generated cluster-randomised trials: arm by cluster, cluster effect, baseline score.
trial <- function(seed, sizes, arms) {
  set.seed(seed)
  G <- length(sizes)
  d <- data.frame(cluster_id = rep(sprintf("C%02d", seq_len(G)), sizes))
  gi <- match(d$cluster_id, sprintf("C%02d", seq_len(G)))
  d$arm <- factor(arms[gi], levels = c("TAU", "OD"))
  d$score_0 <- round(rnorm(nrow(d), 30, 8))
  d$score_12 <- round(10 + 0.6 * d$score_0 + 2.5 * (d$arm == "OD") + rnorm(G, 0, 3)[gi] + rnorm(nrow(d), 0, 6))
  d$followup_years <- round(runif(nrow(d), 0.3, 2), 3)
  stay <- rbinom(nrow(d), 1, 0.35) * (1 + rnbinom(nrow(d), size = 0.8, mu = 25))
  d$bed_days <- stay * rgamma(G, 4, 4)[gi] > 0
  d$bed_days <- round(stay * rgamma(G, 4, 4)[gi])
  d$admissions <- rnbinom(nrow(d), size = 1.2, mu = d$followup_years * exp(-0.2 - 0.4 * (d$arm == "OD")) * rgamma(G, 6, 6)[gi])
  d
}
# 4 clusters, unbalanced
four <- trial(11, c(3, 15, 6, 22), c("TAU", "OD", "TAU", "OD"))
# 10 clusters, four of them of size 1 (in both arms)
ones <- trial(12, c(1, 1, 1, 4, 7, 2, 12, 1, 9, 5), rep(c("TAU", "OD"), 5))
# 4 clusters, one of them the only OD cluster: its adjustment matrix is singular
lone <- trial(13, c(5, 8, 11, 6), c("OD", "TAU", "TAU", "TAU"))
# 12 clusters for the count models
twelve <- trial(14, c(14, 30, 9, 22, 17, 25, 11, 19, 28, 8, 16, 21), rep(c("TAU", "OD"), 6))

for (nm in c("four", "ones", "lone")) {
  cases[[length(cases) + 1]] <- case(paste0("trial.", nm, ".lm"), "lm(score_12 ~ arm + score_0, data = data)",
                                     get(nm), "data$cluster_id")
}
cases[[length(cases) + 1]] <- case("trial.four.nb", "MASS::glm.nb(admissions ~ arm + offset(log(followup_years)), data = data)",
                                   four, "data$cluster_id")
cases[[length(cases) + 1]] <- case("trial.twelve.nb", "MASS::glm.nb(bed_days ~ arm + offset(log(followup_years)), data = data)",
                                   twelve, "data$cluster_id")
cases[[length(cases) + 1]] <- case("trial.ones.poisson", "glm(admissions ~ arm + offset(log(followup_years)), family = poisson, data = data)",
                                   ones, "data$cluster_id")

# MASS::quine: 4 clusters (Eth x Lrn), NB; no cluster-level term, so no singular adjustment.
cases[[length(cases) + 1]] <- case("quine.nb", "MASS::glm.nb(Days ~ Sex + Age, data = data)", MASS::quine,
                                   "interaction(data$Eth, data$Lrn)")

# The example trial: ANCOVA at QPR m12, m24 and BPRS m12; admissions and bed days.
d <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
d$arm <- factor(d$arm, levels = c("TAU", "OD"))
for (spec in list(c("QPR", 12), c("QPR", 24), c("BPRS", 12))) {
  cases[[length(cases) + 1]] <- case(sprintf("example.%s.m%s", spec[1], spec[2]), "lm(score_m ~ arm + score_0, data = data)",
                                     example_recovery(spec[1], as.integer(spec[2])), "data$cluster_id")
}
for (outcome in c("admissions", "bed_days")) {
  cases[[length(cases) + 1]] <- case(paste0("example.", outcome, ".nb"),
                                     sprintf("MASS::glm.nb(%s ~ arm + offset(log(followup_years)), data = data)", outcome),
                                     d, "data$cluster_id")
}

# Singular adjustment matrices in a glm. clubSandwich inverts B_j by eigen() and drops eigenvalues
# below 1e-12 in absolute value; B_j = D (I - H_jj) Phi D' is on the scale of the squared working
# variance, so its null eigenvalue comes out as rounding noise of size 1e-16 x max(v)^2, which
# for large counts exceeds 1e-12 half the time and is then raised to the power -1/2. The result
# depends on rounding: the same fit with its rows in another order gives another answer. The
# "exact" values are clubSandwich's own code with only that threshold made relative to the
# largest eigenvalue of the matrix (a scale-free generalised inverse), which is order-invariant.
relative_matrix_power <- function(x, p, symmetric = TRUE, tol = -12) {
  eig <- eigen(x, symmetric = symmetric)
  val_p <- with(eig, ifelse(values > 10^tol * max(abs(values)), values^p, 0))
  with(eig, vectors %*% (val_p * t(vectors)))
}
with_relative_power <- function(expr) {
  ns <- asNamespace("clubSandwich")
  orig <- get("matrix_power", envir = ns)
  unlockBinding("matrix_power", ns); assign("matrix_power", relative_matrix_power, envir = ns)
  on.exit({ assign("matrix_power", orig, envir = ns); lockBinding("matrix_power", ns) })
  expr
}
noisy_case <- function(name, fit_expr, data, cl_col) {
  c0 <- case(name, fit_expr, data, sprintf("data$%s", cl_col))
  exact <- with_relative_power(case(name, fit_expr, data, sprintf("data$%s", cl_col)))
  orders <- lapply(1:5, function(seed) {
    set.seed(seed); dd <- data[sample(nrow(data)), ]
    fit <- suppressWarnings(eval(parse(text = fit_expr), envir = list(data = dd)))
    ct <- clubSandwich::coef_test(fit, vcov = "CR2", cluster = dd[[cl_col]], test = "Satterthwaite")
    list(call = sprintf("set.seed(%d); the rows of data in the order sample(nrow(data)); coef_test(...)$SE, $df_Satt", seed),
         se = unname(ct$SE), df = unname(ct$df_Satt))
  })
  c0$values_exact <- exact$values
  c0$values_exact$note <- "clubSandwich with matrix_power's eigenvalue threshold 1e-12 relative to the largest eigenvalue"
  c0$values_row_orders <- orders
  c0
}
cases[[length(cases) + 1]] <- noisy_case("quine.nb.byAge", "MASS::glm.nb(Days ~ Eth + Sex + Age + Lrn, data = data)",
                                         MASS::quine, "Age")
cases[[length(cases) + 1]] <- noisy_case("trial.lone.nb", "MASS::glm.nb(bed_days ~ arm + offset(log(followup_years)), data = data)",
                                         lone, "cluster_id")

write_expected(list(
  produced_by = "analysis/src/test/R/smallsample-cr2.R",
  versions = versions(c("clubSandwich", "MASS", "jsonlite")),
  cases = cases), "smallsample-cr2.json")
