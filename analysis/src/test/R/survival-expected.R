# Expected values for org.odtrial.analysis.survival, computed by R's survival package.
#
# Run from the repository root:   Rscript analysis/src/test/R/survival-expected.R
# Writes (overwriting) analysis/src/test/resources/r/:
#   datasets/*.csv            R's datasets unchanged (write.csv) plus generated ones
#   survival-expected.json    every expected value with the R call that produced it
# CI never runs this script; the JSON is committed.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

out_dir <- file.path("analysis", "src", "test", "resources", "r")
data_dir <- file.path(out_dir, "datasets")
dir.create(data_dir, recursive = TRUE, showWarnings = FALSE)

write_data <- function(df, name) {
  write.csv(df, file.path(data_dir, paste0(name, ".csv")), row.names = FALSE)
}

# --- datasets -----------------------------------------------------------------------------------
lung <- survival::lung
veteran <- survival::veteran
ovarian <- survival::ovarian
colon <- survival::colon
bladder <- survival::bladder
write_data(lung, "lung")
write_data(veteran, "veteran")
write_data(ovarian, "ovarian")
write_data(colon, "colon")
write_data(bladder, "bladder")

# Clustered data with heavy ties: 40 clusters with a shared gamma frailty, integer times on a
# coarse grid (many tied deaths and death/censoring ties), two covariates and a stratum.
set.seed(20261124)
n_gen <- 600
gen <- data.frame(id = seq_len(n_gen), cluster = sample(1:40, n_gen, replace = TRUE))
frail <- rgamma(40, shape = 2, rate = 2)
gen$trt <- rbinom(n_gen, 1, 0.5)
gen$x <- round(rnorm(n_gen), 3)
gen$stratum <- sample(1:3, n_gen, replace = TRUE)
rate <- 0.01 * frail[gen$cluster] * exp(-0.5 * gen$trt + 0.3 * gen$x)
event_time <- rexp(n_gen, rate)
cens_time <- runif(n_gen, 20, 200)
gen$time <- pmax(1, ceiling(pmin(event_time, cens_time) / 10) * 10)
gen$status <- as.integer(event_time <= cens_time)
gen$const <- 1.5
write_data(gen, "clustered_ties")

# Monotone likelihood: no events in group 1.
mono <- data.frame(time = c(5, 8, 12, 15, 20, 22, 25, 30, 31, 40, 45, 50),
                   status = c(1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0),
                   grp = c(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1),
                   z = c(1.2, 0.4, -0.3, 2.0, 0.1, -1.1, 0.5, 0.7, -0.2, 1.4, 0.3, -0.8))
write_data(mono, "monotone")

# Example trial (copied from /work/shared/specs/example-trial).
derived <- read.csv(file.path("analysis", "src", "test", "resources", "example-trial", "derived.csv"),
                    stringsAsFactors = FALSE)
participants <- read.csv(file.path("analysis", "src", "test", "resources", "example-trial",
                                   "participants.csv"), stringsAsFactors = FALSE)
trial <- merge(derived, participants[, c("participant_id", "age", "sex", "prior_admissions")],
               by = "participant_id", sort = FALSE)
trial <- trial[order(trial$participant_id), ]
trial$arm <- factor(trial$arm, levels = c("TAU", "OD"))
# Contract code order, reference female; levels without participants are dropped.
trial$sex <- droplevels(factor(trial$sex, levels = c("female", "male", "other", "unknown")))

# --- helpers --------------------------------------------------------------------------------------
cases <- list()
add_case <- function(id, call, values) {
  cases[[length(cases) + 1]] <<- list(id = id, call = call, values = values)
}
ev <- function(expr_text, env = parent.frame()) eval(parse(text = expr_text), envir = env)

km_case <- function(id, call_text, times = NULL) {
  fit <- ev(call_text)
  values <- list(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event,
                 n_censor = fit$n.censor, surv = fit$surv, std_err = fit$std.err,
                 lower = fit$lower, upper = fit$upper, conf_type = fit$conf.type,
                 conf_int = fit$conf.int)
  call <- call_text
  if (!is.null(times)) {
    s <- summary(fit, times = times)
    values$summary <- list(requested = times, time = s$time, n_risk = s$n.risk, surv = s$surv,
                           std_err = s$std.err, lower = s$lower, upper = s$upper)
    call <- paste0(call_text, "; summary(fit, times = c(", paste(times, collapse = ", "), "))")
  }
  add_case(id, call, values)
}

rmst_case <- function(id, call_text, tau) {
  fit <- ev(call_text)
  tab <- summary(fit, rmean = tau)$table
  if (is.matrix(tab)) {
    values <- list(strata = rownames(tab), rmean = unname(tab[, "rmean"]),
                   se = unname(tab[, "se(rmean)"]))
  } else {
    values <- list(rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
  }
  values$tau <- tau
  add_case(id, paste0(call_text, "; summary(fit, rmean = ", tau, ")$table[, c('rmean', 'se(rmean)')]"),
           values)
}

logrank_case <- function(id, call_text) {
  fit <- ev(call_text)
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  exp <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  df <- sum(exp > 0) - 1
  add_case(id, call_text, list(groups = names(fit$n), n = as.vector(fit$n), observed = obs,
                               expected = exp, chisq = fit$chisq, df = df, p_value = fit$pvalue,
                               var = fit$var))
}

cox_case <- function(id, call_text) {
  warnings <- character(0)
  fit <- withCallingHandlers(ev(call_text), warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  coef <- unname(coef(fit))
  robust <- !is.null(fit$naive.var)
  model_var <- if (robust) fit$naive.var else fit$var
  se <- sqrt(diag(as.matrix(fit$var)))
  z <- coef / se
  zval <- qnorm(0.975)
  values <- list(coef = coef, names = names(coef(fit)), var = unname(as.matrix(model_var)),
                 loglik = fit$loglik, iter = fit$iter, score = unname(fit$score),
                 n = fit$n, nevent = fit$nevent, ties = fit$method,
                 wald_z = z, p_value = 2 * pnorm(-abs(z)),
                 hr = exp(coef), hr_lower = exp(coef - zval * se), hr_upper = exp(coef + zval * se),
                 warnings = I(warnings))
  if (robust) values$robust_var <- unname(as.matrix(fit$var))
  add_case(id, call_text, values)
}

# --- Kaplan-Meier ---------------------------------------------------------------------------------
km_times <- c(0, 100, 365, 730, 1022, 2000)
km_case("km.lung.log", "survfit(Surv(time, status == 2) ~ 1, data = lung, conf.type = 'log')", km_times)
km_case("km.lung.loglog", "survfit(Surv(time, status == 2) ~ 1, data = lung, conf.type = 'log-log')", km_times)
km_case("km.lung.plain", "survfit(Surv(time, status == 2) ~ 1, data = lung, conf.type = 'plain')", km_times)
km_case("km.lung.log90", "survfit(Surv(time, status == 2) ~ 1, data = lung, conf.int = 0.9)", c(200, 500))
km_case("km.ovarian.log", "survfit(Surv(futime, fustat) ~ 1, data = ovarian)", c(50, 59, 400, 1000, 1227, 1300))
km_case("km.veteran.trt1", "survfit(Surv(time, status) ~ 1, data = veteran, subset = trt == 1, conf.type = 'log-log')", c(30, 90, 365))
km_case("km.veteran.trt2", "survfit(Surv(time, status) ~ 1, data = veteran, subset = trt == 2)", c(30, 90, 365, 999))
km_case("km.ties.trt0", "survfit(Surv(time, status) ~ 1, data = gen, subset = trt == 0)", c(15, 50, 100, 200))
km_case("km.trial.OD", "survfit(Surv(relapse_days, relapse) ~ 1, data = trial, subset = arm == 'OD')", c(365, 730))
km_case("km.trial.TAU", "survfit(Surv(relapse_days, relapse) ~ 1, data = trial, subset = arm == 'TAU')", c(365, 730))

# --- RMST -----------------------------------------------------------------------------------------
rmst_case("rmst.lung.365", "survfit(Surv(time, status == 2) ~ 1, data = lung)", 365)
rmst_case("rmst.lung.1022", "survfit(Surv(time, status == 2) ~ 1, data = lung)", 1022)
rmst_case("rmst.lung.1500", "survfit(Surv(time, status == 2) ~ 1, data = lung)", 1500)
rmst_case("rmst.veteran.trt", "survfit(Surv(time, status) ~ trt, data = veteran)", 500)
rmst_case("rmst.ovarian.800", "survfit(Surv(futime, fustat) ~ 1, data = ovarian)", 800)
rmst_case("rmst.ties.trt", "survfit(Surv(time, status) ~ trt, data = gen)", 150)
rmst_case("rmst.trial.arm", "survfit(Surv(relapse_days, relapse) ~ arm, data = trial)", 730)

# --- log-rank -------------------------------------------------------------------------------------
logrank_case("logrank.lung.sex", "survdiff(Surv(time, status) ~ sex, data = lung)")
logrank_case("logrank.veteran.trt", "survdiff(Surv(time, status) ~ trt, data = veteran)")
logrank_case("logrank.veteran.celltype", "survdiff(Surv(time, status) ~ celltype, data = veteran)")
logrank_case("logrank.veteran.trt.strata", "survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran)")
logrank_case("logrank.colon.rx", "survdiff(Surv(time, status) ~ rx, data = colon, subset = etype == 2)")
logrank_case("logrank.ties.trt.strata", "survdiff(Surv(time, status) ~ trt + strata(stratum), data = gen)")
logrank_case("logrank.trial.arm", "survdiff(Surv(relapse_days, relapse) ~ arm, data = trial)")

# --- Cox ------------------------------------------------------------------------------------------
cox_case("cox.lung.efron", "coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = 'efron')")
cox_case("cox.lung.breslow", "coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = 'breslow')")
cox_case("cox.ovarian.efron", "coxph(Surv(futime, fustat) ~ age + rx, data = ovarian)")
cox_case("cox.veteran.strata", "coxph(Surv(time, status) ~ trt + karno + strata(celltype), data = veteran)")
cox_case("cox.veteran.strata.breslow", "coxph(Surv(time, status) ~ trt + karno + strata(celltype), data = veteran, ties = 'breslow')")
cox_case("cox.colon.cluster", "coxph(Surv(time, status) ~ rx + age + nodes + strata(etype), data = colon, cluster = id)")
cox_case("cox.bladder.cluster", "coxph(Surv(stop, event) ~ rx + size + number + strata(enum), data = bladder, cluster = id)")
cox_case("cox.ties.efron.cluster", "coxph(Surv(time, status) ~ trt + x, data = gen, ties = 'efron', cluster = cluster)")
cox_case("cox.ties.breslow.cluster", "coxph(Surv(time, status) ~ trt + x, data = gen, ties = 'breslow', cluster = cluster)")
cox_case("cox.ties.strata.cluster", "coxph(Surv(time, status) ~ trt + x + strata(stratum), data = gen, cluster = cluster)")
cox_case("cox.ties.const", "coxph(Surv(time, status) ~ trt + const + x, data = gen)")
cox_case("cox.monotone", "coxph(Surv(time, status) ~ grp + z, data = mono)")
cox_case("cox.trial.arm", "coxph(Surv(relapse_days, relapse) ~ arm, data = trial, ties = 'efron', cluster = cluster_id)")
cox_case("cox.trial.adjusted", "coxph(Surv(relapse_days, relapse) ~ arm + age + sex + prior_admissions, data = trial, ties = 'efron', cluster = cluster_id)")

doc <- list(
  produced_by = sprintf("%s; survival %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survival")), as.character(packageVersion("jsonlite"))),
  script = "analysis/src/test/R/survival-expected.R",
  notes = c("Datasets in datasets/*.csv are R's own (write.csv, unchanged) or generated by the script above.",
            "'gen' is datasets/clustered_ties.csv, 'mono' is datasets/monotone.csv, 'trial' is example-trial derived.csv merged with participants.csv (arm reference TAU; sex factor levels female, male, other after droplevels).",
            "Cox 'var' is the model-based variance (naive.var when clustered); 'robust_var' is coxph's cluster-robust variance; wald_z, p_value and HR CI use the robust se when present."),
  cases = cases)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, na = "string", pretty = TRUE),
           file.path(out_dir, "survival-expected.json"))
cat("wrote", length(cases), "cases\n")
