# Expected values for org.odtrial.analysis.linear (OLS, cluster-robust CR1)
# and org.odtrial.analysis.mixed (random-intercept LMM, REML, Satterthwaite df).
# Writes ../resources/r/mixed-lmm.json.  Run: Rscript analysis/src/test/R/mixed-lmm.R
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(sandwich); library(lmtest)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

# lme4's default optimiser (BOBYQA, ftol_abs 1e-8 on the deviance) stops a little short of
# the REML optimum in theta; "tight" refits with tolerances near double precision. Both land
# within about 2e-7 (relative, in theta) of the optimum, in different directions: BOBYQA becomes
# roundoff-limited on the flat criterion. The Java fit solves d/dtheta REMLcrit = 0 exactly; at
# its theta lme4's own devFunOnly deviance has a central-difference slope of ~0 (checked by hand).
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15,
                                    maxeval = 1e5))

lmm_values <- function(term) c(
  fixef = "fixef(fit)",
  se = "sqrt(diag(as.matrix(vcov(fit))))",
  vcov = "as.matrix(vcov(fit))",
  theta = "getME(fit, 'theta')[[1]]",
  sigma = "sigma(fit)",
  var_cluster = "as.data.frame(VarCorr(fit))$vcov[1]",
  var_residual = "as.data.frame(VarCorr(fit))$vcov[2]",
  icc = "as.data.frame(VarCorr(fit))$vcov[1] / sum(as.data.frame(VarCorr(fit))$vcov)",
  reml_criterion = "unname(REMLcrit(fit))",
  singular = "isSingular(fit)",
  df_satterthwaite = sprintf("summary(fit)$coefficients['%s', 'df']", term),
  t_value = sprintf("summary(fit)$coefficients['%s', 't value']", term),
  p_value = sprintf("summary(fit)$coefficients['%s', 'Pr(>|t|)']", term),
  ci_low = sprintf("fixef(fit)[['%1$s']] - qt(0.975, summary(fit)$coefficients['%1$s', 'df']) * summary(fit)$coefficients['%1$s', 'Std. Error']", term),
  ci_high = sprintf("fixef(fit)[['%1$s']] + qt(0.975, summary(fit)$coefficients['%1$s', 'df']) * summary(fit)$coefficients['%1$s', 'Std. Error']", term)
)

lm_values <- function(term) c(
  coefficients = "coef(fit)",
  se = "sqrt(diag(vcov(fit)))",
  robust_vcov = "sandwich::vcovCL(fit, cluster = cl, type = 'HC1')",
  robust_se = "sqrt(diag(sandwich::vcovCL(fit, cluster = cl, type = 'HC1')))",
  df_residual = "fit$df.residual",
  n = "nobs(fit)",
  clusters = "length(unique(cl))",
  p_value = sprintf("lmtest::coeftest(fit, vcov. = sandwich::vcovCL(fit, cluster = cl, type = 'HC1'))['%s', 'Pr(>|t|)']", term),
  ci_low = sprintf("lmtest::coefci(fit, vcov. = sandwich::vcovCL(fit, cluster = cl, type = 'HC1'))['%s', 1]", term),
  ci_high = sprintf("lmtest::coefci(fit, vcov. = sandwich::vcovCL(fit, cluster = cl, type = 'HC1'))['%s', 2]", term)
)

lmm_case <- function(name, formula, data, term, cluster_col) {
  env <- new.env(); env$data <- data; env$tight <- tight
  fexpr <- sprintf("lmerTest::lmer(%s, data = data, REML = TRUE)", formula)
  texpr <- sprintf("lmerTest::lmer(%s, data = data, REML = TRUE, control = tight)", formula)
  r <- with_warnings(eval(parse(text = fexpr), envir = env)); env$fit <- r$value
  default_vals <- vals(lmm_values(term), env)
  rt <- with_warnings(eval(parse(text = texpr), envir = env)); env$fit <- rt$value
  tight_vals <- vals(lmm_values(term), env)
  mf <- model.frame(env$fit)
  list(name = name, model = fexpr, term = term, tight_control = deparse(tight$optCtrl),
       warnings = r$warnings, tight_warnings = rt$warnings,
       input = design(model.response(mf), getME(env$fit, "X"), cluster = as.character(mf[[cluster_col]])),
       values_default = default_vals, values_tight = tight_vals)
}

lm_case <- function(name, formula, data, term, cluster_col) {
  env <- new.env(); env$data <- data
  env$fit <- eval(parse(text = sprintf("lm(%s, data = data)", formula)), envir = env)
  mf <- model.frame(env$fit)
  env$cl <- as.character(data[[cluster_col]][as.integer(rownames(mf))])
  list(name = name, model = sprintf("lm(%s, data = data)", formula), term = term,
       cluster = sprintf("cl = data$%s on the complete cases", cluster_col),
       input = design(model.response(mf), model.matrix(env$fit), cluster = env$cl),
       values = vals(lm_values(term), env))
}

lmm <- list(); lms <- list()
lmm[[length(lmm) + 1]] <- lmm_case("sleepstudy", "Reaction ~ Days + (1 | Subject)", lme4::sleepstudy, "Days", "Subject")
lmm[[length(lmm) + 1]] <- lmm_case("Dyestuff", "Yield ~ 1 + (1 | Batch)", lme4::Dyestuff, "(Intercept)", "Batch")
lmm[[length(lmm) + 1]] <- lmm_case("Dyestuff2", "Yield ~ 1 + (1 | Batch)", lme4::Dyestuff2, "(Intercept)", "Batch")
lmm[[length(lmm) + 1]] <- lmm_case("ChickWeight", "weight ~ Time + Diet + (1 | Chick)",
                                   as.data.frame(datasets::ChickWeight), "Diet2", "Chick")
lms[[length(lms) + 1]] <- lm_case("sleepstudy", "Reaction ~ Days", lme4::sleepstudy, "Days", "Subject")
lms[[length(lms) + 1]] <- lm_case("ChickWeight", "weight ~ Time + Diet", as.data.frame(datasets::ChickWeight), "Diet2", "Chick")

# Generated cluster-randomised continuous outcome with baseline and missing follow-up.
set.seed(424242)
G <- 30; m <- rpois(G, 12) + 2
gen <- data.frame(cluster_id = rep(sprintf("C%02d", 1:G), m))
gi <- match(gen$cluster_id, sprintf("C%02d", 1:G))
gen$arm <- factor(rep(c("TAU", "OD"), length.out = G)[gi], levels = c("TAU", "OD"))
gen$score_0 <- round(rnorm(nrow(gen), 30, 8))
gen$score_12 <- round(10 + 0.6 * gen$score_0 + 2.5 * (gen$arm == "OD") + rnorm(G, 0, 2)[gi] + rnorm(nrow(gen), 0, 6))
gen$score_12[sample(nrow(gen), 40)] <- NA
lmm[[length(lmm) + 1]] <- lmm_case("generated", "score_12 ~ arm + score_0 + (1 | cluster_id)", gen, "armOD", "cluster_id")
lms[[length(lms) + 1]] <- lm_case("generated", "score_12 ~ arm + score_0", gen, "armOD", "cluster_id")

# The example trial: recovery at month m = score at timepoint m, baseline = timepoint 0.
d <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
o <- read.csv(file.path(resources_dir(), "example-trial", "outcomes.csv"))
for (spec in list(c("QPR", 12), c("QPR", 24), c("BPRS", 12))) {
  ins <- spec[1]; mo <- as.integer(spec[2])
  s0 <- o[o$instrument == ins & o$timepoint == 0, c("participant_id", "score")]
  sm <- o[o$instrument == ins & o$timepoint == mo, c("participant_id", "score")]
  names(s0)[2] <- "score_0"; names(sm)[2] <- "score_m"
  x <- merge(merge(d[, c("participant_id", "cluster_id", "arm")], s0, all.x = TRUE), sm, all.x = TRUE)
  x <- x[order(x$participant_id), ]
  x$arm <- factor(x$arm, levels = c("TAU", "OD"))
  id <- sprintf("example.%s.m%d", ins, mo)
  lms[[length(lms) + 1]] <- lm_case(id, "score_m ~ arm + score_0", x, "armOD", "cluster_id")
  lmm[[length(lmm) + 1]] <- lmm_case(paste0(id, ".lmm"), "score_m ~ arm + score_0 + (1 | cluster_id)",
                                     x[complete.cases(x), ], "armOD", "cluster_id")
}

write_expected(list(
  produced_by = "analysis/src/test/R/mixed-lmm.R",
  versions = versions(c("lme4", "lmerTest", "sandwich", "lmtest", "numDeriv", "jsonlite")),
  lm = lms, lmm = lmm), "mixed-lmm.json")
