# R peer for bench/analyse.sh: one fit of the default plan per call, so each can be capped with `timeout`.
# Usage: Rscript bench/analyse.R FIT derived.csv outcomes.csv
#   FIT: km_logrank | cox | nb_admissions | nb_bed_days | lm_m12 | lm_m24 | lmer_m12 | lmer_m24, or several
#   separated by commas, or all (the eight in one process, as bench/trial-scale.sh times R's whole analysis)
# derived.csv is what `odtrial analyse` writes (one row per participant); outcomes.csv is the upload's.
# Prints "read <s>" (reading and shaping the data) and "fit <FIT> <s> <estimate>" (elapsed seconds of the fit
# itself, including the robust variance where the plan uses one). The calls are those of analysis-results v1.
suppressPackageStartupMessages({
  library(data.table); library(survival); library(MASS); library(sandwich); library(lme4)
})
args <- commandArgs(TRUE)
fits <- strsplit(args[1], ",")[[1]]; derived_csv <- args[2]; outcomes_csv <- args[3]
if (identical(fits, "all")) {
  fits <- c("km_logrank", "cox", "nb_admissions", "nb_bed_days", "lm_m12", "lm_m24", "lmer_m12", "lmer_m24")
}

t_read <- system.time({
  d <- fread(derived_csv, colClasses = list(character = c("participant_id", "cluster_id", "arm")))
  d[, arm := factor(arm, levels = c("TAU", "OD"))]
  d <- as.data.frame(d)
  if (any(startsWith(fits, "lm"))) {
    o <- fread(outcomes_csv, select = c("participant_id", "instrument", "timepoint", "score"))
    o <- o[instrument == "QPR" & timepoint %in% c(0L, 12L, 24L)]
    w <- dcast(o, participant_id ~ timepoint, value.var = "score")
    setnames(w, c("0", "12", "24"), c("score_0", "score_12", "score_24"))
    r <- merge(as.data.table(d)[, .(participant_id, cluster_id, arm)], w, by = "participant_id")
    r <- as.data.frame(r)
  }
})[["elapsed"]]
cat(sprintf("read %.2f\n", t_read))

for (fit_name in fits) {
month <- if (grepl("m12$", fit_name)) "score_12" else "score_24"
est <- NA_real_
t_fit <- system.time({
  if (fit_name == "km_logrank") {
    km <- survfit(Surv(relapse_days, relapse) ~ arm, data = d)
    s <- summary(km, times = c(365, 730))
    lr <- survdiff(Surv(relapse_days, relapse) ~ arm, data = d)
    rm <- summary(km, rmean = 730)$table[, "rmean"]
    est <- lr$chisq
  } else if (fit_name == "cox") {
    fit <- coxph(Surv(relapse_days, relapse) ~ arm, data = d, ties = "efron", cluster = cluster_id)
    est <- exp(coef(fit))[[1]]
  } else if (fit_name %in% c("nb_admissions", "nb_bed_days")) {
    y <- if (fit_name == "nb_admissions") "admissions" else "bed_days"
    fit <- glm.nb(as.formula(paste(y, "~ arm + offset(log(followup_years))")), data = d)
    v <- vcovCL(fit, cluster = ~cluster_id, type = "HC0", cadjust = TRUE)
    est <- exp(coef(fit))[["armOD"]]
  } else if (startsWith(fit_name, "lm_")) {
    cc <- r[complete.cases(r[, c(month, "score_0")]), ]
    fit <- lm(as.formula(paste(month, "~ arm + score_0")), data = cc)
    v <- vcovCL(fit, cluster = ~cluster_id, type = "HC1")
    est <- coef(fit)[["armOD"]]
  } else if (startsWith(fit_name, "lmer_")) {
    cc <- r[complete.cases(r[, c(month, "score_0")]), ]
    fit <- lmer(as.formula(paste(month, "~ arm + score_0 + (1 | cluster_id)")), data = cc, REML = TRUE)
    v <- vcov(fit)
    est <- fixef(fit)[["armOD"]]
  } else {
    stop("unknown fit ", fit_name)
  }
})[["elapsed"]]
cat(sprintf("fit %s %.2f %.10g\n", fit_name, t_fit, est))
}
