# Expected values for the missing-data and treatment-received rows of issue 11:
# recovery.I.mM.mmrm (lmerTest::lmer with cluster and participant intercepts, Kenward-Roger
# contrasts by lmerTest::contest) and recovery.I.mM.cace (AER::ivreg with sandwich::vcovCL HC1),
# on R datasets (MASS::oats and lme4::Pastes for the nested REML fit, AER::CigarettesSW for
# two-stage least squares) and on generated cluster-randomised trials with the hard cases of the
# issue (4 clusters, clusters of size 1, heavy missingness, no missing data, one arm only at a
# month, singular fits, no compliers in an arm, all or no compliers, a weak instrument, a single
# month). Writes ../resources/r/datasets/recovery_trials.csv and ../resources/r/recovery-trials.json.
# Run: Rscript analysis/src/test/R/recovery-trials.R
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(pbkrtest); library(AER); library(sandwich)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

# lme4's default optimiser stops short of the REML optimum on flat criteria. "tight" refits with
# tolerances near double precision; "opt" then re-minimises lme4's own deviance function
# (devFunOnly = TRUE) by minqa::bobyqa (rhoend 1e-12) and L-BFGS-B (factr 1) from the better of
# the two, keeps the lowest point, and refits there without optimising
# (optimizer = NULL): the reference point for the Java fit, which solves the REML score equations.
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15,
                                    maxeval = 1e5))

# ---------------------------------------------------------------------------------------------
# Generated trials: arm by cluster; scores at months 0, 12, 24 with a cluster effect u, a
# participant effect w shared by the follow-up months, an effect of receiving OD (2+ meetings
# with 2+ practitioners) and missing values; meetings_2plus counts a participant's meetings with
# 2+ practitioners in the analysis window.
gen_trial <- function(case, seed, sizes, sd_c = 2, sd_p = 4, p_miss0 = 0.05, p_miss12 = 0.2,
                      p_miss24 = 0.35, comp_od = 0.7, comp_tau = 0.05) {
  set.seed(seed)
  G <- length(sizes)
  cl <- sprintf("%s-C%02d", case, seq_len(G))
  arm_of <- rep(c("OD", "TAU"), length.out = G)
  n <- sum(sizes)
  d <- data.frame(case = case, participant_id = sprintf("%s-P%04d", case, seq_len(n)),
                  cluster_id = rep(cl, sizes), stringsAsFactors = FALSE)
  gi <- match(d$cluster_id, cl)
  d$arm <- arm_of[gi]
  od <- d$arm == "OD"
  u <- rnorm(G, 0, sd_c)[gi]
  w <- rnorm(n, 0, sd_p)
  complier <- runif(n) < ifelse(od, comp_od, comp_tau)
  d$meetings_2plus <- ifelse(complier, 2L + rpois(n, 5), rbinom(n, 1, 0.4))
  s0 <- round(30 + u + rnorm(n, 0, 8))
  s12 <- round(12 + 0.5 * s0 + u + w + 2.5 * complier + rnorm(n, 0, 6))
  s24 <- round(14 + 0.5 * s0 + u + w + 3.0 * complier + rnorm(n, 0, 6))
  # missing at random given the month-12 score (when seen), more in TAU
  s0[runif(n) < p_miss0] <- NA
  s12[runif(n) < p_miss12] <- NA
  z <- ifelse(is.na(s12), 0, (s12 - 30) / 8)
  p24 <- plogis(qlogis(p_miss24) - ifelse(od, 0.8, -0.8) * z)
  if (p_miss24 > 0) s24[runif(n) < p24] <- NA
  d$score_0 <- s0; d$score_12 <- s12; d$score_24 <- s24
  d
}

sizes12 <- c(8, 25, 14, 31, 6, 19, 22, 11, 17, 28, 9, 15)
trials <- list(
  gen_trial("partial", 101, sizes12),
  gen_trial("four_clusters", 102, c(14, 22, 9, 30)),
  gen_trial("size_one", 103, c(1, 12, 1, 18, 1, 9, 1, 14, 1, 1, 20, 7, 1, 11, 16, 1)),
  gen_trial("heavy_missing", 104, sizes12, p_miss12 = 0.5, p_miss24 = 0.85),
  gen_trial("no_missing", 105, sizes12, p_miss0 = 0, p_miss12 = 0, p_miss24 = 0),
  gen_trial("no_tau_compliers", 106, sizes12, comp_tau = 0),
  gen_trial("no_od_compliers", 107, sizes12, comp_od = 0, comp_tau = 0.3),
  gen_trial("weak_instrument", 108, sizes12, comp_od = 0.3, comp_tau = 0.24),
  gen_trial("all_compliers", 109, sizes12, comp_od = 1, comp_tau = 1),
  gen_trial("no_compliers", 110, sizes12, comp_od = 0, comp_tau = 0),
  gen_trial("no_participant_effect", 111, sizes12, sd_p = 0),
  gen_trial("no_cluster_effect", 112, sizes12, sd_c = 0)
)
# one arm only at month 24: the TAU clusters' month-24 visits never happened
one_arm <- gen_trial("one_arm_at_24", 113, sizes12)
one_arm$score_24[one_arm$arm == "TAU"] <- NA
trials[[length(trials) + 1]] <- one_arm
all_trials <- do.call(rbind, trials)
dir.create(file.path(resources_dir(), "r", "datasets"), showWarnings = FALSE)
write.csv(all_trials, file.path(resources_dir(), "r", "datasets", "recovery_trials.csv"),
          row.names = FALSE, na = "")

# ---------------------------------------------------------------------------------------------
# The mixed model of the rows, with its default, tight and re-minimised fits.
mmrm_long <- function(d, months) {
  base <- d[!is.na(d$score_0), ]
  long <- do.call(rbind, lapply(months, function(m) {
    x <- base[!is.na(base[[paste0("score_", m)]]), c("participant_id", "cluster_id", "arm", "score_0")]
    if (nrow(x) == 0) return(NULL)
    x$timepoint <- m; x$score <- base[[paste0("score_", m)]][!is.na(base[[paste0("score_", m)]])]
    x
  }))
  long <- long[order(long$participant_id, long$timepoint), ]
  long$arm <- factor(long$arm, levels = c("TAU", "OD"))
  long
}

kr_contrast <- function(fit, L) {
  r <- lmerTest::contest(fit, L, ddf = "Kenward-Roger", joint = FALSE)
  est <- r$Estimate; se <- r[["Std. Error"]]; df <- r$df
  list(estimate = est, se = se, df = df, p_value = r[["Pr(>|t|)"]],
       ci_low = est - qt(0.975, df) * se, ci_high = est + qt(0.975, df) * se)
}

reminimise <- function(fit) {
  devfun <- update(fit, devFunOnly = TRUE)
  start <- unname(getME(fit, "theta"))
  lower <- rep(0, length(start))
  tries <- list(
    minqa::bobyqa(start, devfun, lower = lower, control = list(rhobeg = 1e-3, rhoend = 1e-12))$par,
    optim(start, devfun, method = "L-BFGS-B", lower = lower,
          control = list(factr = 1, pgtol = 0, ndeps = rep(1e-6, length(start))))$par)
  theta <- start
  for (t in tries) if (devfun(t) < devfun(theta)) theta <- t
  list(theta = theta, crit = devfun(theta), devfun = devfun)
}

mmrm_case <- function(d, case, months) {
  long <- mmrm_long(d, months)
  present <- sort(unique(long$timepoint))
  nested <- length(present) > 1
  formula <- if (nested) {
    "score ~ arm * factor(timepoint) + score_0 + (1 | cluster_id) + (1 | participant_id)"
  } else "score ~ arm + score_0 + (1 | cluster_id)"
  env <- new.env(); env$long <- long; env$tight <- tight
  fexpr <- sprintf("lmerTest::lmer(%s, data = long, REML = TRUE)", formula)
  texpr <- sprintf("lmerTest::lmer(%s, data = long, REML = TRUE, control = tight)", formula)
  r <- with_warnings(eval(parse(text = fexpr), envir = env)); fit <- r$value
  rt <- with_warnings(eval(parse(text = texpr), envir = env)); fit_t <- rt$value
  best <- if (REMLcrit(fit_t) < REMLcrit(fit)) fit_t else fit
  ro <- reminimise(best)
  fit_o <- update(best, start = list(theta = ro$theta), control = lmerControl(optimizer = NULL))
  X <- getME(fit, "X")
  cols <- colnames(X)
  contrasts <- lapply(months, function(m) {
    need <- "armOD"
    if (m != present[1]) need <- c(need, paste0("armOD:factor(timepoint)", m))
    out <- list(month = m)
    if (!(m %in% present) || !all(need %in% cols)) {
      out$estimable <- FALSE
      return(out)
    }
    L <- as.numeric(cols %in% need)
    out$estimable <- TRUE
    out$L <- L
    out$default <- kr_contrast(fit, L)
    out$opt <- kr_contrast(fit_o, L)
    out
  })
  fl <- getME(fit, "flist")
  comps <- names(getME(fit, "theta"))
  list(
    case = case, months = I(months), present = I(present),
    call = paste0("fit <- ", fexpr, "; lmerTest::contest(fit, L, ddf = 'Kenward-Roger', joint = FALSE),",
                  " L = armOD (+ armOD:factor(timepoint)M after the first month); long = the scores",
                  " at the months of participants with a baseline score; opt = the fit at theta",
                  " re-minimised by minqa::bobyqa and L-BFGS-B on update(fit, devFunOnly = TRUE),",
                  " refitted with lmerControl(optimizer = NULL)"),
    warnings = c(r$warnings, if (isSingular(fit)) "boundary (singular) fit"),
    dropped = I(setdiff(c("(Intercept)", "armOD", if (nested) paste0("factor(timepoint)", present[-1]),
                          "score_0", if (nested) paste0("armOD:factor(timepoint)", present[-1])), cols)),
    n = length(unique(long$participant_id)), observations = nrow(long),
    clusters = length(unique(long$cluster_id)),
    input = c(design(long$score, X),
              list(groups = list(cluster_id = as.character(long$cluster_id),
                                 participant_id = as.character(long$participant_id)))),
    theta_names = I(comps),
    default = list(theta = unname(getME(fit, "theta")), fixef = unname(fixef(fit)),
                   reml_criterion = unname(REMLcrit(fit)), singular = isSingular(fit)),
    tight = list(theta = unname(getME(fit_t, "theta")), reml_criterion = unname(REMLcrit(fit_t))),
    opt = list(theta = unname(ro$theta), fixef = unname(fixef(fit_o)), reml_criterion = ro$crit,
               singular = isSingular(fit_o),
               var_components = unname(as.data.frame(VarCorr(fit_o))$vcov)),
    contrasts = contrasts
  )
}

# ---------------------------------------------------------------------------------------------
# CACE: two-stage least squares on complete cases with the arm as instrument.
cace_case <- function(d, case, m) {
  sm <- paste0("score_", m)
  cc <- d[!is.na(d$score_0) & !is.na(d[[sm]]), ]
  cc$arm <- factor(cc$arm, levels = c("TAU", "OD"))
  cc$complier <- as.numeric(cc$meetings_2plus >= 2)
  cc$y <- cc[[sm]]
  out <- list(case = case, month = m, n = nrow(cc), compliers = sum(cc$complier),
              compliers_od = sum(cc$complier[cc$arm == "OD"]),
              compliers_tau = sum(cc$complier[cc$arm == "TAU"]),
              call = sprintf(paste0("fit <- AER::ivreg(score_%d ~ complier + score_0 | arm + score_0, data = cc);",
                                    " V <- sandwich::vcovCL(fit, cluster = ~cluster_id, type = 'HC1'); coefficient",
                                    " complier with normal CI and p; first_stage_f = coef(fs)['armOD']^2 /",
                                    " vcovCL(fs, cluster = ~cluster_id, type = 'HC1')['armOD', 'armOD'], fs <-",
                                    " lm(complier ~ arm + score_0, data = cc); cc = participants with scores at",
                                    " months 0 and %d"), m, m))
  if (length(unique(cc$arm)) < 2) {
    out$estimate <- NULL
    out$note <- "R: complete cases in one arm only (the model cannot be fitted)"
    return(out)
  }
  fit <- tryCatch(AER::ivreg(y ~ complier + score_0 | arm + score_0, data = cc), error = function(e) NULL)
  b <- if (is.null(fit)) NA else coef(fit)[["complier"]]
  if (is.na(b)) {
    out$estimate <- NULL
    out$note <- "R: coefficient of complier is NA (not identified)"
  } else {
    V <- sandwich::vcovCL(fit, cluster = ~cluster_id, type = "HC1")
    se <- sqrt(V["complier", "complier"])
    out$estimate <- b; out$se <- se
    out$ci_low <- b - qnorm(0.975) * se; out$ci_high <- b + qnorm(0.975) * se
    out$p_value <- 2 * pnorm(-abs(b / se))
  }
  fs <- lm(complier ~ arm + score_0, data = cc)
  if (!is.na(coef(fs)[["armOD"]]) && sd(cc$complier) > 0) {
    Vf <- sandwich::vcovCL(fs, cluster = ~cluster_id, type = "HC1")
    out$first_stage_f <- coef(fs)[["armOD"]]^2 / Vf["armOD", "armOD"]
  }
  out
}

mmrm_cases <- list(); cace_cases <- list()
for (d in split(all_trials, factor(all_trials$case, levels = unique(all_trials$case)))) {
  case <- d$case[1]
  mmrm_cases[[length(mmrm_cases) + 1]] <- mmrm_case(d, case, c(12, 24))
  for (m in c(12, 24)) cace_cases[[length(cace_cases) + 1]] <- cace_case(d, case, m)
}
# one month: the model without timepoint terms and participant intercept
mmrm_cases[[length(mmrm_cases) + 1]] <- mmrm_case(all_trials[all_trials$case == "partial", ], "partial.single_month", 12)

# ---------------------------------------------------------------------------------------------
# R datasets. Nested REML: MASS::oats (split plot: varieties within blocks) and lme4::Pastes
# (casks within batches); 2SLS: AER::CigarettesSW, both years, clustered by state.
nested_case <- function(name, formula, data, cluster, participant) {
  env <- new.env(); env$data <- data; env$tight <- tight
  fexpr <- sprintf("lmerTest::lmer(%s, data = data, REML = TRUE)", formula)
  fit <- eval(parse(text = fexpr), envir = env)
  ro <- reminimise(fit)
  fit_o <- update(fit, start = list(theta = ro$theta), control = lmerControl(optimizer = NULL))
  fl <- getME(fit, "flist")
  X <- getME(fit, "X")
  list(name = name, model = fexpr,
       input = c(design(model.response(model.frame(fit)), X),
                 list(groups = list(cluster = as.character(fl[[cluster]]),
                                    participant = as.character(fl[[participant]])))),
       theta_names = I(names(getME(fit, "theta"))),
       default = list(theta = unname(getME(fit, "theta")), fixef = unname(fixef(fit)),
                      reml_criterion = unname(REMLcrit(fit))),
       opt = list(theta = unname(ro$theta), fixef = unname(fixef(fit_o)), reml_criterion = ro$crit,
                  vcov_adjusted = unname(lapply(seq_len(ncol(X)), function(i) unname(as.matrix(pbkrtest::vcovAdj(fit_o))[i, ]))),
                  kr_df = unname(summary(fit_o, ddf = "Kenward-Roger")$coefficients[, "df"])))
}
oats <- MASS::oats
nested <- list(
  nested_case("oats", "Y ~ N + V + (1 | B) + (1 | B:V)", oats, "B", "B:V"),
  nested_case("Pastes", "strength ~ 1 + (1 | batch) + (1 | batch:cask)", lme4::Pastes, "batch", "batch:cask")
)

data("CigarettesSW", package = "AER")
cig <- CigarettesSW
cig$rprice <- with(cig, price / cpi); cig$rincome <- with(cig, income / population / cpi)
cig$tdiff <- with(cig, (taxs - tax) / cpi)
ivfit <- AER::ivreg(log(packs) ~ log(rprice) + log(rincome) | log(rincome) + tdiff + I(tax / cpi), data = cig)
Vcig <- sandwich::vcovCL(ivfit, cluster = ~state, type = "HC1")
iv_r <- list(
  name = "CigarettesSW",
  model = paste0("fit <- AER::ivreg(log(packs) ~ log(rprice) + log(rincome) | log(rincome) + tdiff + I(tax/cpi),",
                 " data = CigarettesSW) (both years; rprice = price/cpi, rincome = income/population/cpi,",
                 " tdiff = (taxs - tax)/cpi); sandwich::vcovCL(fit, cluster = ~state, type = 'HC1')"),
  input = list(y = unname(log(cig$packs)),
               X = unname(lapply(seq_len(nrow(cig)), function(i) unname(model.matrix(ivfit, component = "regressors")[i, ]))),
               Z = unname(lapply(seq_len(nrow(cig)), function(i) unname(model.matrix(ivfit, component = "instruments")[i, ]))),
               colnames = I(names(coef(ivfit))), cluster = as.character(cig$state)),
  coefficients = unname(coef(ivfit)),
  vcov_cl = unname(lapply(1:3, function(i) unname(Vcig[i, ]))),
  vcov_model = unname(lapply(1:3, function(i) unname(vcov(ivfit)[i, ]))))

# ---------------------------------------------------------------------------------------------
# The worked example's QPR MMRM: lme4's deviance function at lmer's theta, at R's re-minimised
# theta and at odtrial's theta (copied from the Java fit, NestedRandomInterceptModel, to full
# precision; the Java test checks that its fit still lands there).
odtrial_theta_example_qpr <- c(0.8229506477401506, 0.27993337466494905)
d_ex <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
o_ex <- read.csv(file.path(resources_dir(), "example-trial", "outcomes.csv"))
o_ex <- o_ex[o_ex$instrument == "QPR", ]
wide <- d_ex[, c("participant_id", "cluster_id", "arm")]
for (m in c(0, 12, 24)) {
  s <- o_ex[o_ex$timepoint == m, c("participant_id", "score")]
  names(s)[2] <- paste0("score_", m)
  wide <- merge(wide, s, all.x = TRUE)
}
example_long <- mmrm_long(wide, c(12, 24))
fit_ex <- lmerTest::lmer(score ~ arm * factor(timepoint) + score_0 + (1 | cluster_id) + (1 | participant_id),
                         data = example_long, REML = TRUE)
dev_ex <- update(fit_ex, devFunOnly = TRUE)
ro_ex <- reminimise(fit_ex)
example <- list(
  call = paste0("devfun <- update(lmerTest::lmer(score ~ arm * factor(timepoint) + score_0 + (1 | cluster_id) +",
                " (1 | participant_id), data = long, REML = TRUE), devFunOnly = TRUE); devfun(theta); long =",
                " the example trial's QPR at months 12 and 24 of participants with a baseline QPR"),
  theta_names = I(names(getME(fit_ex, "theta"))),
  lmer_theta = unname(getME(fit_ex, "theta")),
  lmer_criterion = dev_ex(unname(getME(fit_ex, "theta"))),
  reminimised_theta = ro_ex$theta,
  reminimised_criterion = ro_ex$crit,
  odtrial_theta = odtrial_theta_example_qpr,
  odtrial_criterion = dev_ex(odtrial_theta_example_qpr))

write_expected(list(
  produced_by = "analysis/src/test/R/recovery-trials.R",
  versions = versions(c("lme4", "lmerTest", "pbkrtest", "AER", "sandwich", "Matrix", "jsonlite")),
  datasets = "datasets/recovery_trials.csv (written by this script)",
  mmrm = mmrm_cases, cace = cace_cases, nested = nested, iv = iv_r,
  example_devfun = example), "recovery-trials.json")
