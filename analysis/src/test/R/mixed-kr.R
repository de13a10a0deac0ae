# Expected values for org.odtrial.analysis.mixed.KenwardRoger: the Kenward-Roger adjusted
# covariance of the fixed effects (pbkrtest::vcovAdj) and the Kenward-Roger df of single
# contrasts (summary(fit, ddf = "Kenward-Roger") and lmerTest::contest(fit, L, ddf =
# "Kenward-Roger", joint = FALSE), which call pbkrtest::Lb_ddf), for linear mixed models with one
# or several variance components. Writes ../resources/r/mixed-kr.json.
# Run: Rscript analysis/src/test/R/mixed-kr.R
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(pbkrtest)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

# As mixed-lmm.R: lme4's default optimiser stops slightly short of the REML optimum, "tight"
# refits with tolerances near double precision.
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15,
                                    maxeval = 1e5))

kr_values <- c(
  fixef = "unname(fixef(fit))",
  variances = "unname(sapply(components, function(g) as.data.frame(VarCorr(fit))$vcov[as.data.frame(VarCorr(fit))$grp == g]))",
  residual_variance = "sigma(fit)^2",
  theta = "unname(getME(fit, 'theta'))",
  singular = "isSingular(fit)",
  reml_criterion = "unname(REMLcrit(fit))",
  vcov = "as.matrix(vcov(fit))",
  vcov_adjusted = "as.matrix(pbkrtest::vcovAdj(fit))",
  se = "unname(summary(fit, ddf = 'Kenward-Roger')$coefficients[, 'Std. Error'])",
  df = "unname(summary(fit, ddf = 'Kenward-Roger')$coefficients[, 'df'])",
  t_value = "unname(summary(fit, ddf = 'Kenward-Roger')$coefficients[, 't value'])",
  p_value = "unname(summary(fit, ddf = 'Kenward-Roger')$coefficients[, 'Pr(>|t|)'])"
)

# components: grouping factors as named in VarCorr (random intercepts only); contrasts: rows of L.
kr_case <- function(name, formula, data, components, contrasts = NULL, with_tight = FALSE) {
  env <- new.env(); env$data <- data; env$tight <- tight; env$components <- components
  fexpr <- sprintf("lmerTest::lmer(%s, data = data, REML = TRUE)", formula)
  r <- with_warnings(eval(parse(text = fexpr), envir = env)); env$fit <- r$value
  con <- NULL
  if (!is.null(contrasts)) {
    con <- lapply(contrasts, function(L) {
      env$L <- L
      vals(c(L = "L",
             estimate = "lmerTest::contest(fit, L, ddf = 'Kenward-Roger', joint = FALSE)$Estimate",
             se = "lmerTest::contest(fit, L, ddf = 'Kenward-Roger', joint = FALSE)[['Std. Error']]",
             df = "lmerTest::contest(fit, L, ddf = 'Kenward-Roger', joint = FALSE)$df",
             p_value = "lmerTest::contest(fit, L, ddf = 'Kenward-Roger', joint = FALSE)[['Pr(>|t|)']]"), env)
    })
  }
  out <- list(name = name, model = fexpr, components = I(components), warnings = r$warnings,
              messages = if (isSingular(env$fit)) "boundary (singular) fit" else NULL)
  mf <- model.frame(env$fit)
  fl <- getME(env$fit, "flist")
  out$input <- design(model.response(mf), getME(env$fit, "X"))
  out$input$groups <- lapply(setNames(components, components), function(g) as.character(fl[[g]]))
  out$values <- vals(kr_values, env)
  out$contrasts <- con
  if (with_tight) {
    texpr <- sprintf("lmerTest::lmer(%s, data = data, REML = TRUE, control = tight)", formula)
    rt <- with_warnings(eval(parse(text = texpr), envir = env)); env$fit <- rt$value
    out$tight_control <- deparse(tight$optCtrl)
    out$values_tight <- vals(kr_values, env)
  }
  out
}

cases <- list()
# R datasets: one component (balanced, unbalanced, singular), nested and crossed components.
cases[[length(cases) + 1]] <- kr_case("sleepstudy", "Reaction ~ Days + (1 | Subject)", lme4::sleepstudy, "Subject", with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("Dyestuff", "Yield ~ 1 + (1 | Batch)", lme4::Dyestuff, "Batch", with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("Dyestuff2", "Yield ~ 1 + (1 | Batch)", lme4::Dyestuff2, "Batch", with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("ChickWeight", "weight ~ Time + Diet + (1 | Chick)", as.data.frame(datasets::ChickWeight),
                                      "Chick", with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("Pastes", "strength ~ 1 + (1 | batch) + (1 | batch:cask)", lme4::Pastes,
                                      c("batch:cask", "batch"))
cases[[length(cases) + 1]] <- kr_case("Penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)", lme4::Penicillin,
                                      c("plate", "sample"))

# Generated cluster-randomised trials (random intercept per cluster).
trial <- function(seed, sizes, arms, sd_cluster) {
  set.seed(seed)
  G <- length(sizes)
  d <- data.frame(cluster_id = rep(sprintf("C%02d", seq_len(G)), sizes))
  gi <- match(d$cluster_id, sprintf("C%02d", seq_len(G)))
  d$arm <- factor(arms[gi], levels = c("TAU", "OD"))
  d$score_0 <- round(rnorm(nrow(d), 30, 8))
  d$score_12 <- round(10 + 0.6 * d$score_0 + 2.5 * (d$arm == "OD") + rnorm(G, 0, sd_cluster)[gi] + rnorm(nrow(d), 0, 6))
  d
}
cases[[length(cases) + 1]] <- kr_case("trial.four", "score_12 ~ arm + score_0 + (1 | cluster_id)",
                                      trial(21, c(3, 15, 6, 22), c("TAU", "OD", "TAU", "OD"), 4), "cluster_id", with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("trial.ones", "score_12 ~ arm + score_0 + (1 | cluster_id)",
                                      trial(22, c(1, 1, 1, 4, 7, 2, 12, 1, 9, 5), rep(c("TAU", "OD"), 5), 4), "cluster_id",
                                      with_tight = TRUE)
cases[[length(cases) + 1]] <- kr_case("trial.singular", "score_12 ~ arm + score_0 + (1 | cluster_id)",
                                      trial(23, c(9, 14, 6, 11, 8, 13), rep(c("TAU", "OD"), 3), 0), "cluster_id",
                                      with_tight = TRUE)

# Repeated measures (the MMRM of issue 11): cluster and participant intercepts, months 12 and 24.
set.seed(28)
G <- 8; m <- c(6, 11, 4, 9, 13, 5, 8, 10)
p <- data.frame(participant_id = sprintf("P%03d", seq_len(sum(m))), cluster_id = rep(sprintf("C%d", 1:G), m))
gi <- match(p$cluster_id, sprintf("C%d", 1:G))
p$arm <- factor(rep(c("TAU", "OD"), 4)[gi], levels = c("TAU", "OD"))
p$score_0 <- round(rnorm(nrow(p), 30, 8))
u_c <- rnorm(G, 0, 5)[gi]; u_p <- rnorm(nrow(p), 0, 4)
long <- do.call(rbind, lapply(c(12, 24), function(tp) data.frame(p, timepoint = tp,
  score = round(8 + 0.6 * p$score_0 + (tp == 24) * 1.5 + (p$arm == "OD") * (2 + (tp == 24)) + u_c + u_p + rnorm(nrow(p), 0, 5)))))
long <- long[-sample(nrow(long), 25), ]
long <- long[order(long$participant_id, long$timepoint), ]
cases[[length(cases) + 1]] <- kr_case(
  "mmrm", "score ~ arm * factor(timepoint) + score_0 + (1 | cluster_id) + (1 | participant_id)", long,
  c("participant_id", "cluster_id"),
  contrasts = list(c(0, 1, 0, 0, 0), c(0, 1, 0, 0, 1), c(0, 0, 1, 0, 1)))

# The example trial: QPR m12, m24 and BPRS m12 (the last two singular).
for (spec in list(c("QPR", 12), c("QPR", 24), c("BPRS", 12))) {
  cases[[length(cases) + 1]] <- kr_case(sprintf("example.%s.m%s", spec[1], spec[2]), "score_m ~ arm + score_0 + (1 | cluster_id)",
                                        example_recovery(spec[1], as.integer(spec[2])), "cluster_id", with_tight = TRUE)
}

write_expected(list(
  produced_by = "analysis/src/test/R/mixed-kr.R",
  versions = versions(c("lme4", "lmerTest", "pbkrtest", "Matrix", "jsonlite")),
  cases = cases), "mixed-kr.json")
