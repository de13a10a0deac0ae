# Expected values for org.odtrial.analysis.competing (cumulative incidence, Gray's test,
# Fine-Gray), the counting-process / case-weighted Cox model, and the intercurrent-event and
# subgroup rows (relapse_or_death.cox, relapse.cif, relapse.gray, relapse.finegray,
# relapse.cox.interaction.V, relapse.cox.subgroup.V.LEVEL), computed by R's survival and cmprsk.
#
# Run from the repository root:   Rscript analysis/src/test/R/competing-risks.R
# Writes (overwriting) analysis/src/test/resources/r/:
#   datasets/mgus2.csv, datasets/heart.csv       R's own data sets (write.csv, unchanged)
#   datasets/competing_trial.csv                  generated clustered trial (seeded), and its
#   datasets/competing_sparse.csv                 hand-made sparse-subgroup trial
#   competing-risks.json                          every expected value with its R call
# CI never runs this script; the JSON is committed. Deterministic: rerunning with the same
# versions rewrites identical files.

suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
  library(jsonlite)
})

out_dir <- file.path("analysis", "src", "test", "resources", "r")
data_dir <- file.path(out_dir, "datasets")
dir.create(data_dir, recursive = TRUE, showWarnings = FALSE)
write_data <- function(df, name) {
  write.csv(df, file.path(data_dir, paste0(name, ".csv")), row.names = FALSE)
}

cases <- list()
add_case <- function(id, call, values) {
  cases[[length(cases) + 1]] <<- list(id = id, call = call, values = values)
}
ev <- function(expr_text, env = globalenv()) eval(parse(text = expr_text), envir = env)
# Value and warnings of an R expression (text); an error is kept as text.
try_ev <- function(expr_text) {
  warnings <- character(0)
  value <- tryCatch(
    withCallingHandlers(ev(expr_text), warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) structure(conditionMessage(e), class = "r_error"))
  list(value = value, warnings = warnings)
}

# --- data sets ------------------------------------------------------------------------------------
mgus2 <- survival::mgus2
heart <- survival::heart
write_data(mgus2, "mgus2")
# The competing-risks coding of survival's own vignette: progression (pcm) first, else death.
mgus2$etime <- with(mgus2, ifelse(pstat == 0, futime, ptime))
mgus2$status <- with(mgus2, ifelse(pstat == 0, 2 * death, 1))
mgus2$event <- factor(mgus2$status, 0:2, labels = c("censor", "pcm", "death"))
mgus2$agegrp <- cut(mgus2$age, c(0, 60, 75, Inf))

# A generated clustered trial: 24 clusters (one of size 1) alternately OD/TAU in 4 sites, integer
# days on a 5-day grid (many ties between relapses, deaths and censorings), relapse, death with and
# without a prior relapse, administrative and early censoring, sex with rare levels and diagnosis
# with missing values.
set.seed(20261202)
n_clusters <- 24
sizes <- c(1, sample(4:22, n_clusters - 1, replace = TRUE))
trial <- data.frame(cluster_id = rep(sprintf("C%02d", seq_len(n_clusters)), sizes))
trial$participant_id <- sprintf("P%04d", seq_len(nrow(trial)))
cluster_arm <- setNames(rep(c("OD", "TAU"), n_clusters / 2), sprintf("C%02d", seq_len(n_clusters)))
trial$arm <- unname(cluster_arm[trial$cluster_id])
n <- nrow(trial)
trial$sex <- sample(c("female", "male", "other", "unknown"), n, replace = TRUE,
                    prob = c(0.47, 0.47, 0.04, 0.02))
trial$diagnosis <- sample(c("psychosis", "bipolar", "depression", "personality", "anxiety", "other",
                            "unknown", NA), n, replace = TRUE,
                          prob = c(0.2, 0.15, 0.2, 0.12, 0.15, 0.1, 0.03, 0.05))
frailty <- rgamma(n_clusters, shape = 4, rate = 4)[match(trial$cluster_id, names(cluster_arm))]
rate_relapse <- 0.0015 * frailty * ifelse(trial$arm == "OD", 0.7, 1) *
  ifelse(trial$diagnosis %in% "psychosis", 1.5, 1)
t_relapse <- rexp(n, rate_relapse)
t_death <- rexp(n, 0.0003)
t_censor <- ifelse(runif(n) < 0.3, runif(n, 30, 730), 730)
grid <- function(t) pmax(1, ceiling(t / 5) * 5)
t_relapse <- grid(t_relapse); t_death <- grid(t_death); t_censor <- pmin(730, grid(t_censor))
trial$end_days <- pmin(t_censor, t_death)
trial$relapse <- as.integer(t_relapse <= trial$end_days)
trial$relapse_days <- ifelse(trial$relapse == 1, t_relapse, trial$end_days)
trial$died <- as.integer(t_death <= t_censor)
write_data(trial[, c("participant_id", "cluster_id", "arm", "sex", "diagnosis", "relapse",
                     "relapse_days", "died", "end_days")], "competing_trial")

# A hand-made sparse trial (8 clusters): sex "other" has no relapse in the OD arm, sex "unknown"
# one participant; diagnosis "anxiety" only in the OD arm, "other" without any relapse, one
# participant missing diagnosis. Relapses, deaths and censorings tie at 100 and 200 days.
sparse <- data.frame(
  participant_id = sprintf("S%02d", 1:32),
  cluster_id = rep(sprintf("K%d", 1:8), each = 4),
  arm = rep(rep(c("OD", "TAU"), each = 4), 4),
  sex = c("female", "male", "other", "female",  "male", "female", "other", "male",
          "female", "male", "other", "female",  "male", "female", "female", "male",
          "female", "male", "female", "unknown", "male", "female", "male", "male",
          "female", "male", "female", "female",  "male", "female", "male", "female"),
  diagnosis = c("psychosis", "anxiety", "bipolar", "other",  "psychosis", "bipolar", "other", "psychosis",
                "bipolar", "anxiety", "psychosis", "other",  "bipolar", "psychosis", "other", "bipolar",
                "psychosis", "anxiety", "bipolar", "psychosis", "bipolar", "psychosis", "psychosis", NA,
                "anxiety", "psychosis", "bipolar", "psychosis", "psychosis", "bipolar", "bipolar", "psychosis"),
  relapse_days = c(100, 200, 730, 730,  40, 100, 100, 300,  200, 55, 400, 730,  100, 100, 730, 200,
                   100, 730, 30, 650,  200, 200, 90, 500,  730, 200, 100, 250,  60, 100, 150, 100),
  relapse = c(1, 1, 0, 0,  1, 1, 1, 1,  1, 1, 0, 0,  1, 0, 0, 1,
              1, 0, 1, 1,  1, 0, 1, 0,  0, 1, 1, 1,  1, 1, 0, 1),
  died = c(0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 1, 0,  0, 1, 0, 0,
           0, 0, 0, 0,  0, 1, 0, 0,  0, 0, 0, 0,  0, 0, 1, 0))
sparse$end_days <- ifelse(sparse$relapse == 1 & sparse$died == 0, 730, sparse$relapse_days)
write_data(sparse, "competing_sparse")

prepare <- function(d) {
  d$arm <- factor(d$arm, levels = c("TAU", "OD"))
  d$status <- ifelse(d$relapse == 1, 1, ifelse(d$died == 1, 2, 0))
  d$event <- as.integer(d$relapse == 1 | d$died == 1)
  d$sex <- factor(d$sex, levels = c("female", "male", "other", "unknown"))
  d$diagnosis <- factor(d$diagnosis, levels = c("psychosis", "bipolar", "depression", "personality",
                                                "anxiety", "other", "unknown"))
  d
}
gen <- prepare(trial)
sp <- prepare(sparse)
# Hard cases on the generated trial: nobody dies; everybody dies before any relapse.
nodeath <- gen; nodeath$died <- 0L; nodeath <- prepare(nodeath)
alldeath <- gen; alldeath$relapse <- 0L; alldeath$died <- 1L; alldeath <- prepare(alldeath)

# --- cumulative incidence and Gray's test (cmprsk) ------------------------------------------------
cuminc_case <- function(id, call_text, times) {
  r <- try_ev(call_text)
  ci <- r$value
  curves <- ci[names(ci) != "Tests"]
  values <- list(curves = lapply(names(curves), function(nm) {
    tp <- timepoints(ci[nm], times)
    list(name = nm, time = curves[[nm]]$time, est = curves[[nm]]$est, var = curves[[nm]]$var,
         at = times, at_est = unname(tp$est[1, ]), at_var = unname(tp$var[1, ]))
  }), warnings = I(r$warnings))
  if (!is.null(ci$Tests)) {
    values$tests <- list(cause = rownames(ci$Tests), stat = unname(ci$Tests[, "stat"]),
                         pv = unname(ci$Tests[, "pv"]), df = unname(ci$Tests[, "df"]))
  }
  add_case(id, paste0("ci <- ", call_text, "; curves ci$time, ci$est, ci$var; ",
                      "timepoints(ci[name], at); ci$Tests"), values)
}
mgus_times <- c(0, 1, 12, 60, 120, 240, 300, 400, 424, 425)
cuminc_case("cuminc.mgus2.sex", "cuminc(mgus2$etime, mgus2$status, group = mgus2$sex, cencode = 0)",
            mgus_times)
cuminc_case("cuminc.mgus2.agegrp",
            "cuminc(mgus2$etime, mgus2$status, group = mgus2$agegrp, cencode = 0)", mgus_times)
cuminc_case("cuminc.mgus2.agegrp.rho1",
            "cuminc(mgus2$etime, mgus2$status, group = mgus2$agegrp, rho = 1, cencode = 0)", mgus_times)
cuminc_case("cuminc.mgus2.one", "cuminc(mgus2$etime, mgus2$status, cencode = 0)", mgus_times)
trial_times <- c(0, 5, 100, 365, 500, 730, 731)
cuminc_case("cuminc.gen.arm", "cuminc(gen$relapse_days, gen$status, group = gen$arm, cencode = 0)",
            trial_times)
cuminc_case("cuminc.nodeath.arm",
            "cuminc(nodeath$relapse_days, nodeath$status, group = nodeath$arm, cencode = 0)", trial_times)
cuminc_case("cuminc.alldeath.arm",
            "cuminc(alldeath$relapse_days, alldeath$status, group = alldeath$arm, cencode = 0)",
            trial_times)
cuminc_case("cuminc.sparse.arm", "cuminc(sp$relapse_days, sp$status, group = sp$arm, cencode = 0)",
            trial_times)

# --- Fine-Gray: the finegray expansion and the weighted counting-process Cox fit ------------------
finegray_case <- function(id, id_column, fg_text, cox_text) {
  fg <- ev(fg_text)
  assign("fg", fg, envir = globalenv())
  values <- list(rows = nrow(fg), sum_fgwt = sum(fg$fgwt), sum_fgwt_fgstop = sum(fg$fgwt * fg$fgstop),
                 sum_fgstart = sum(fg$fgstart), events = sum(fg$fgstatus))
  # Every row of the expansion where it is small enough to commit.
  if (nrow(fg) <= 2000) {
    values <- c(values, list(row_id = fg[[id_column]], fgstart = fg$fgstart, fgstop = fg$fgstop,
                             fgstatus = fg$fgstatus, fgwt = fg$fgwt))
  }
  add_case(paste0(id, ".data"), paste0(fg_text, "; nrow(fg), sum(fg$fgwt), sum(fg$fgwt * fg$fgstop), ",
                                       "sum(fg$fgstart), sum(fg$fgstatus) and (up to 2000 rows) every row"),
           values)
  for (k in names(cox_text)) cox_case(paste0(id, ".", k), paste0("fg <- ", fg_text, "; ", cox_text[[k]]))
}

cox_case <- function(id, call_text) {
  r <- try_ev(call_text)
  fit <- r$value
  if (inherits(fit, "r_error")) {
    add_case(id, call_text, list(error = as.character(fit), warnings = I(r$warnings)))
    return(invisible())
  }
  coef <- unname(coef(fit))
  robust <- !is.null(fit$naive.var)
  model_var <- if (robust) fit$naive.var else fit$var
  se <- sqrt(diag(as.matrix(fit$var)))
  z <- coef / se
  zval <- qnorm(0.975)
  values <- list(coef = coef, names = names(coef(fit)), var = unname(as.matrix(model_var)),
                 loglik = fit$loglik, iter = fit$iter, score = unname(fit$score),
                 n = fit$n, nevent = fit$nevent, ties = fit$method,
                 se = se, wald_z = z, p_value = 2 * pnorm(-abs(z)),
                 hr = exp(coef), hr_lower = exp(coef - zval * se), hr_upper = exp(coef + zval * se),
                 warnings = I(r$warnings))
  if (robust) values$robust_var <- unname(as.matrix(fit$var))
  add_case(id, call_text, values)
}

mgus2$id <- as.integer(mgus2$id)
finegray_case("finegray.mgus2.pcm", "id",
              "finegray(Surv(etime, event) ~ ., data = mgus2, etype = 'pcm')",
              list(cox = "coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex, weights = fgwt, data = fg)",
                   robust = "coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex, weights = fgwt, data = fg, cluster = id)",
                   breslow = "coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex, weights = fgwt, data = fg, ties = 'breslow')"))
finegray_case("finegray.mgus2.death", "id",
              "finegray(Surv(etime, event) ~ ., data = mgus2, etype = 'death')",
              list(robust = "coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex, weights = fgwt, data = fg, cluster = id)"))
gen$row <- seq_len(nrow(gen))
finegray_case("finegray.gen", "row",
              "finegray(Surv(relapse_days, factor(status, 0:2, c('censor', 'relapse', 'death'))) ~ ., data = gen, etype = 'relapse')",
              list(robust = "coxph(Surv(fgstart, fgstop, fgstatus) ~ arm, weights = fgwt, data = fg, cluster = cluster_id)"))
nodeath$row <- seq_len(nrow(nodeath))
finegray_case("finegray.nodeath", "row",
              "finegray(Surv(relapse_days, factor(status, 0:2, c('censor', 'relapse', 'death'))) ~ ., data = nodeath, etype = 'relapse')",
              list(robust = "coxph(Surv(fgstart, fgstop, fgstatus) ~ arm, weights = fgwt, data = fg, cluster = cluster_id)"))
sp$row <- seq_len(nrow(sp))
finegray_case("finegray.sparse", "row",
              "finegray(Surv(relapse_days, factor(status, 0:2, c('censor', 'relapse', 'death'))) ~ ., data = sp, etype = 'relapse')",
              list(robust = "coxph(Surv(fgstart, fgstop, fgstatus) ~ arm, weights = fgwt, data = fg, cluster = cluster_id)"))
# Everyone dies before relapsing: there is no relapse to model (finegray returns no rows).
cox_case("finegray.alldeath.robust",
         "coxph(Surv(fgstart, fgstop, fgstatus) ~ arm, weights = fgwt, cluster = cluster_id, data = finegray(Surv(relapse_days, factor(status, 0:2, c('censor', 'relapse', 'death'))) ~ ., data = alldeath, etype = 'relapse'))")

# --- counting-process (start, stop] Cox with case weights (survival's heart data) -----------------
set.seed(7)
heart$w <- round(runif(nrow(heart), 0.2, 3), 3)
heart$tr <- as.integer(heart$transplant == "1")
write_data(heart, "heart")  # again, with the generated weights and the transplant indicator
cox_case("agreg.heart.efron", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart)")
cox_case("agreg.heart.breslow", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart, ties = 'breslow')")
cox_case("agreg.heart.cluster", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart, cluster = id)")
cox_case("agreg.heart.weights", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart, weights = w)")
cox_case("agreg.heart.weights.cluster", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart, weights = w, cluster = id)")
cox_case("agreg.heart.weights.breslow.cluster", "coxph(Surv(start, stop, event) ~ age + year + surgery + tr, data = heart, weights = w, cluster = id, ties = 'breslow')")
cox_case("coxph.gen.weights.cluster", "coxph(Surv(relapse_days, relapse) ~ arm, data = gen, weights = 1 + (row %% 3), cluster = cluster_id)")

# --- composite strategy ---------------------------------------------------------------------------
cox_case("composite.gen", "coxph(Surv(relapse_days, event) ~ arm, data = gen, ties = 'efron', cluster = cluster_id)")
cox_case("composite.sparse", "coxph(Surv(relapse_days, event) ~ arm, data = sp, ties = 'efron', cluster = cluster_id)")
cox_case("composite.alldeath", "coxph(Surv(relapse_days, event) ~ arm, data = alldeath, ties = 'efron', cluster = cluster_id)")

# --- subgroups: arm-by-V interaction (robust joint Wald) and per-level hazard ratios ---------------
interaction_case <- function(id, data_name, v) {
  call_text <- sprintf(
    "coxph(Surv(relapse_days, relapse) ~ arm * %s, data = droplevels(subset(%s, !is.na(%s))), ties = 'efron', cluster = cluster_id)",
    v, data_name, v)
  r <- try_ev(call_text)
  fit <- r$value
  b <- coef(fit)
  k <- grep(paste0("^armOD:", v), names(b))
  k <- k[!is.na(b[k])]
  V <- vcov(fit)[k, k, drop = FALSE]
  chisq <- drop(t(b[k]) %*% solve(V, b[k]))
  dd <- droplevels(subset(ev(data_name), !is.na(ev(data_name)[[v]])))
  add_case(id, paste0("fit <- ", call_text, "; k <- the non-NA armOD:", v,
                      " coefficients; chisq = t(coef(fit)[k]) %*% solve(vcov(fit)[k, k], coef(fit)[k]); ",
                      "df = length(k); p = pchisq(chisq, df, lower.tail = FALSE)"),
           list(names = names(b), coef = unname(b), robust_var = unname(as.matrix(vcov(fit))),
                aliased = unname(is.na(b)), terms = I(names(b)[k]), levels = I(levels(dd[[v]])),
                chisq = chisq, df = length(k), p_value = pchisq(chisq, length(k), lower.tail = FALSE),
                n = nrow(dd), events = sum(dd$relapse), warnings = I(r$warnings)))
}
subgroup_cases <- function(prefix, data_name, v) {
  d <- ev(data_name)
  for (lev in levels(droplevels(d[[v]][!is.na(d[[v]])]))) {
    cox_case(paste0(prefix, ".", lev),
             sprintf("coxph(Surv(relapse_days, relapse) ~ arm, data = subset(%s, %s == '%s'), ties = 'efron', cluster = cluster_id)",
                     data_name, v, lev))
  }
}
interaction_case("interaction.gen.sex", "gen", "sex")
interaction_case("interaction.gen.diagnosis", "gen", "diagnosis")
interaction_case("interaction.sparse.sex", "sp", "sex")
interaction_case("interaction.sparse.diagnosis", "sp", "diagnosis")
subgroup_cases("subgroup.gen.sex", "gen", "sex")
subgroup_cases("subgroup.gen.diagnosis", "gen", "diagnosis")
subgroup_cases("subgroup.sparse.sex", "sp", "sex")
subgroup_cases("subgroup.sparse.diagnosis", "sp", "diagnosis")

doc <- list(
  produced_by = sprintf("%s; survival %s; cmprsk %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survival")), as.character(packageVersion("cmprsk")),
                        as.character(packageVersion("jsonlite"))),
  script = "analysis/src/test/R/competing-risks.R",
  notes = c("mgus2 is survival::mgus2 (datasets/mgus2.csv) with etime = ifelse(pstat == 0, futime, ptime), status = ifelse(pstat == 0, 2 * death, 1), event = factor(status, 0:2, c('censor', 'pcm', 'death')), agegrp = cut(age, c(0, 60, 75, Inf)).",
            "heart is survival::heart (datasets/heart.csv) plus w = round(runif(172, 0.2, 3), 3) after set.seed(7) and tr = transplant == 1.",
            "gen is datasets/competing_trial.csv, sp is datasets/competing_sparse.csv; in both arm = factor(arm, c('TAU', 'OD')), status = 1 relapse, 2 died without relapse, 0 censored; event = relapse or died; sex and diagnosis factors in contract code order. nodeath is gen with died = 0; alldeath is gen with relapse = 0 and died = 1.",
            "Cox 'var' is the model-based variance (naive.var when clustered); 'robust_var' is coxph's cluster-robust variance; se, wald_z, p_value and the HR limits use the robust se when present.",
            "cuminc curves are cmprsk's step-function corners (time, est, var); at_est and at_var are timepoints(ci[name], at) (NA beyond the group's follow-up)."),
  cases = cases)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, na = "string", pretty = TRUE),
           file.path(out_dir, "competing-risks.json"))
cat("wrote", length(cases), "cases\n")
