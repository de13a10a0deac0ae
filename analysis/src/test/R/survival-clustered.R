# Expected values for the cluster-respecting survival methods (issue 8): Kaplan-Meier with the
# cluster-robust (grouped infinitesimal-jackknife) variance, RMST with the clusters' influence on
# the area, the robust score test, the site-stratified clustered Cox model, cox.zph, and the
# restricted-randomisation (permutation) log-rank test enumerated with combn within site.
#
# Run from the repository root:   Rscript analysis/src/test/R/survival-clustered.R
# Writes (overwriting) analysis/src/test/resources/r/:
#   datasets/clustered_trials.csv           generated participants (design, cluster_id, time, status)
#   datasets/clustered_trials_clusters.csv  their clusters (design, cluster_id, site_id, arm)
#   survival-clustered.json                 every expected value with the R call that produced it
# Also reads datasets/lung.csv ... written by survival-expected.R (R's own datasets, unchanged).
# CI never runs this script; the JSON is committed. Takes about two minutes (design "d" enumerates
# 63,504 allocations with one survdiff each).

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

out_dir <- file.path("analysis", "src", "test", "resources", "r")
data_dir <- file.path(out_dir, "datasets")
dir.create(data_dir, recursive = TRUE, showWarnings = FALSE)

lung <- survival::lung
lung_inst <- subset(lung, !is.na(inst))
colon <- survival::colon
bladder <- survival::bladder
veteran <- survival::veteran

# --- generated cluster trials ---------------------------------------------------------------------
# Clusters within sites, arm by cluster, a shared gamma frailty per cluster, weekly event times
# (many ties, including event/censoring ties), censoring uniform in follow-up.
make_design <- function(design, seed, site_sizes, site_od, sizes, empty = integer(0)) {
  set.seed(seed)
  nclus <- sum(site_sizes)
  cl <- data.frame(design = design,
                   cluster_id = sprintf("%s%02d", toupper(design), seq_len(nclus)),
                   site_id = rep(sprintf("S%d", seq_along(site_sizes)), site_sizes),
                   stringsAsFactors = FALSE)
  cl$arm <- "TAU"
  start <- 0
  for (s in seq_along(site_sizes)) {
    idx <- start + seq_len(site_sizes[s])
    cl$arm[idx[sample.int(length(idx), site_od[s])]] <- "OD"
    start <- start + site_sizes[s]
  }
  stopifnot(length(sizes) == nclus)
  sizes[empty] <- 0
  frail <- rgamma(nclus, shape = 2, rate = 2)
  rows <- list()
  for (k in seq_len(nclus)) {
    m <- sizes[k]
    if (m == 0) next
    rate <- 0.004 * frail[k] * ifelse(cl$arm[k] == "OD", 0.7, 1)
    ev <- rexp(m, rate)
    ce <- runif(m, 60, 730)
    time <- pmax(7, ceiling(pmin(ev, ce) / 7) * 7)
    rows[[length(rows) + 1]] <- data.frame(design = design, cluster_id = cl$cluster_id[k],
                                           time = time, status = as.integer(ev <= ce),
                                           stringsAsFactors = FALSE)
  }
  list(clusters = cl, participants = do.call(rbind, rows))
}

designs <- list(
  # 3 sites x 4 clusters, 2 OD in each: 216 allocations; cluster sizes 1 to 25
  a = make_design("a", 20261201, c(4, 4, 4), c(2, 2, 2),
                  c(1, 12, 7, 25, 18, 3, 9, 14, 1, 22, 6, 11)),
  # 4 clusters in one site, 2 OD: 6 allocations; a cluster of size 1
  b = make_design("b", 20261202, 4, 2, c(1, 6, 9, 14)),
  # a mixed site with an empty cluster, a TAU-only site, and a site with one (OD) cluster
  c = make_design("c", 20261203, c(5, 3, 1), c(2, 0, 1), c(10, 8, 12, 6, 9, 7, 11, 5, 13),
                  empty = 5),
  # 2 sites x 10 clusters, 5 OD in each: 63,504 allocations (Monte Carlo agreement)
  d = make_design("d", 20261204, c(10, 10), c(5, 5),
                  c(5, 12, 30, 8, 17, 22, 9, 14, 26, 11, 6, 19, 10, 28, 15, 7, 21, 13, 16, 24)),
  # no site holds both arms: the site-stratified model has no within-site contrast
  e = make_design("e", 20261205, c(2, 2), c(2, 0), c(15, 12, 14, 16))
)
trials <- do.call(rbind, lapply(designs, `[[`, "participants"))
clusters <- do.call(rbind, lapply(designs, `[[`, "clusters"))
rownames(trials) <- NULL
rownames(clusters) <- NULL
write.csv(trials, file.path(data_dir, "clustered_trials.csv"), row.names = FALSE)
write.csv(clusters, file.path(data_dir, "clustered_trials_clusters.csv"), row.names = FALSE)

trial <- function(design) {
  d <- trials[trials$design == design, ]
  cl <- clusters[clusters$design == design, ]
  d$arm <- factor(cl$arm[match(d$cluster_id, cl$cluster_id)], levels = c("TAU", "OD"))
  d$site_id <- cl$site_id[match(d$cluster_id, cl$cluster_id)]
  d
}
ta <- trial("a"); tb <- trial("b"); tc <- trial("c"); td <- trial("d"); te <- trial("e")

# Everyone at risk dies at the last time: S reaches 0 (robust se 0 there).
alldie <- data.frame(time = c(2, 3, 3, 5, 6, 6, 8, 8), status = c(1, 0, 1, 1, 0, 1, 1, 1),
                     cl = c(1, 1, 2, 2, 3, 3, 1, 2))

# --- helpers --------------------------------------------------------------------------------------
cases <- list()
add_case <- function(id, call, values) {
  cases[[length(cases) + 1]] <<- list(id = id, call = call, values = values)
}
ev <- function(expr_text) eval(parse(text = expr_text), envir = globalenv())
quietly <- function(expr) {
  warnings <- character(0)
  v <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = v, warnings = warnings)
}

# survfit(..., cluster = , influence = TRUE): every column, the influence matrix (rows = clusters in
# sorted order of their labels), summary() at `times`, and the RMST with the robust se at each tau
# by the formula of analysis-results-v2.md.
km_case <- function(id, call_text, times, taus, keep_influence = FALSE) {
  fit <- ev(call_text)
  values <- list(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event,
                 surv = fit$surv, std_err = fit$std.err, lower = fit$lower, upper = fit$upper,
                 logse = fit$logse, conf_type = fit$conf.type,
                 clusters = nrow(fit$influence.surv),
                 std_err_from_influence = sqrt(colSums(fit$influence.surv^2)))
  if (keep_influence) {
    values$cluster_labels <- rownames(fit$influence.surv)
    values$influence <- unname(fit$influence.surv)
  }
  s <- summary(fit, times = times)
  values$summary <- list(requested = times, time = s$time, n_risk = s$n.risk, surv = s$surv,
                         std_err = s$std.err, lower = s$lower, upper = s$upper)
  values$rmst <- lapply(taus, function(tau) {
    tt <- fit$time
    nxt <- c(tt[-1], tau)
    j <- which(tt < tau)
    width <- pmin(nxt[j], tau) - tt[j]
    area <- min(tt[1], tau) + sum(fit$surv[j] * width)
    infl <- fit$influence.surv[, j, drop = FALSE] %*% width
    list(tau = tau, rmean = area, se = sqrt(sum(infl^2)),
         rmean_survmean = unname(summary(fit, rmean = tau)$table["rmean"]))
  })
  add_case(id, paste0(call_text, "; summary(fit, times = c(", paste(times, collapse = ", "),
                      ")); RMST at tau = ", paste(taus, collapse = ", "),
                      ": area = min(time[1], tau) + sum_{time[j] < tau} surv[j] * ",
                      "(min(time[j+1], tau) - time[j]) (last step to tau), ",
                      "se = sqrt(sum_g (influence.surv[g, j] %*% width)^2)"), values)
}

cox_robust_case <- function(id, call_text) {
  q <- quietly(ev(call_text))
  fit <- q$value
  s <- summary(fit)
  coef <- unname(coef(fit))
  se <- sqrt(diag(as.matrix(fit$var)))
  z <- coef / se
  zval <- qnorm(0.975)
  add_case(id, paste0(call_text, "; summary(fit)$robscore and the robust Wald results"),
           list(coef = coef, names = names(coef(fit)), robust_se = se,
                model_se = sqrt(diag(as.matrix(fit$naive.var))),
                p_value = 2 * pnorm(-abs(z)), hr = exp(coef), hr_lower = exp(coef - zval * se),
                hr_upper = exp(coef + zval * se), n = fit$n, nevent = fit$nevent,
                robscore = unname(s$robscore["test"]), robscore_df = unname(s$robscore["df"]),
                robscore_p = unname(s$robscore["pvalue"]),
                logrank = fit$score, warnings = I(q$warnings)))
}

zph_case <- function(id, fit_text, transform) {
  fit <- ev(fit_text)
  z <- cox.zph(fit, transform = transform)
  add_case(id, paste0("cox.zph(", fit_text, ", transform = '", transform, "')$table"),
           list(terms = rownames(z$table), chisq = unname(z$table[, "chisq"]),
                df = unname(z$table[, "df"]), p = unname(z$table[, "p"]),
                transform = z$transform))
}

# Every allocation of OD/TAU to the clusters keeping each site's number of OD clusters
# (combn within site, all combinations across sites); statistic survdiff chisq under each.
permutation_case <- function(id, design, keep_all = TRUE) {
  d <- trial(design)
  cl <- clusters[clusters$design == design, ]
  sites <- sort(unique(cl$site_id))
  choices <- lapply(sites, function(s) {
    ids <- cl$cluster_id[cl$site_id == s]
    k <- sum(cl$arm[cl$site_id == s] == "OD")
    if (k == 0) list(character(0))
    else if (k == length(ids)) list(ids)
    else combn(ids, k, simplify = FALSE)
  })
  grid <- expand.grid(lapply(choices, seq_along))
  stat <- function(od) {
    d$allocated_od <- d$cluster_id %in% od
    if (length(unique(d$allocated_od)) < 2) return(0)
    survdiff(Surv(time, status) ~ allocated_od, data = d)$chisq
  }
  stats <- apply(grid, 1, function(r) stat(unlist(mapply(function(ch, i) ch[[i]], choices, r))))
  observed <- stat(cl$cluster_id[cl$arm == "OD"])
  p <- mean(stats >= observed - 1e-9 * max(1, observed))
  values <- list(observed = observed, p_value = p, allocations = length(stats),
                 per_site = sapply(choices, length), sites = sites)
  if (keep_all) values$statistics_sorted <- sort(stats)
  add_case(id, paste0("design ", design, ": every allocation keeping each site's number of OD ",
                      "clusters (combn within site_id, expand.grid across sites); statistic ",
                      "survdiff(Surv(time, status) ~ allocated_od)$chisq (0 when an allocation leaves an ",
                      "arm without participants); p = mean(statistic >= observed - 1e-9 * ",
                      "max(1, observed))"), values)
}

# --- Kaplan-Meier, robust variance, and RMST --------------------------------------------------------
km_case("km.lung.inst.log",
        "survfit(Surv(time, status == 2) ~ 1, data = lung_inst, cluster = inst, influence = TRUE)",
        c(0, 100, 365, 730, 1022, 2000), c(365, 1022, 1500))
km_case("km.lung.inst.male.loglog",
        "survfit(Surv(time, status == 2) ~ 1, data = subset(lung_inst, sex == 1), cluster = inst, conf.type = 'log-log', influence = TRUE)",
        c(30, 365, 500), c(500))
km_case("km.lung.inst.female.plain",
        "survfit(Surv(time, status == 2) ~ 1, data = subset(lung_inst, sex == 2), cluster = inst, conf.type = 'plain', influence = TRUE)",
        c(30, 365, 500), c(500))
km_case("km.colon.id",
        "survfit(Surv(time, status) ~ 1, data = colon, cluster = id, influence = TRUE)",
        c(365, 1000, 3000), c(1000, 3329))
km_case("km.bladder.id.rx2",
        "survfit(Surv(stop, event) ~ 1, data = subset(bladder, rx == 2), cluster = id, influence = TRUE)",
        c(10, 30, 59), c(30, 59, 70))
km_case("km.gen_a.OD",
        "survfit(Surv(time, status) ~ 1, data = subset(ta, arm == 'OD'), cluster = cluster_id, influence = TRUE)",
        c(91, 365, 730), c(365, 730))
km_case("km.gen_a.TAU.loglog",
        "survfit(Surv(time, status) ~ 1, data = subset(ta, arm == 'TAU'), cluster = cluster_id, conf.type = 'log-log', influence = TRUE)",
        c(91, 365, 730), c(730))
km_case("km.gen_b.4clusters",
        "survfit(Surv(time, status) ~ 1, data = tb, cluster = cluster_id, influence = TRUE)",
        c(7, 100, 365), c(365), keep_influence = TRUE)
km_case("km.alldie",
        "survfit(Surv(time, status) ~ 1, data = alldie, cluster = cl, influence = TRUE)",
        c(1, 2, 5, 8), c(4, 8, 10), keep_influence = TRUE)
km_case("km.alldie.plain",
        "survfit(Surv(time, status) ~ 1, data = alldie, cluster = cl, conf.type = 'plain', influence = TRUE)",
        c(5, 8), c(8))

# --- robust score test and clustered Cox ----------------------------------------------------------
cox_robust_case("rscore.lung.sex", "coxph(Surv(time, status) ~ sex, data = lung_inst, cluster = inst)")
cox_robust_case("rscore.lung.age_sex", "coxph(Surv(time, status) ~ age + sex, data = lung_inst, cluster = inst)")
cox_robust_case("rscore.colon.rx", "coxph(Surv(time, status) ~ rx, data = colon, cluster = id)")
cox_robust_case("rscore.bladder.strata", "coxph(Surv(stop, event) ~ rx + size + number + strata(enum), data = bladder, cluster = id)")
cox_robust_case("rscore.gen_a.efron", "coxph(Surv(time, status) ~ arm, data = ta, ties = 'efron', cluster = cluster_id)")
cox_robust_case("rscore.gen_a.breslow", "coxph(Surv(time, status) ~ arm, data = ta, ties = 'breslow', cluster = cluster_id)")
cox_robust_case("rscore.gen_b.4clusters", "coxph(Surv(time, status) ~ arm, data = tb, ties = 'efron', cluster = cluster_id)")
cox_robust_case("rscore.gen_d", "coxph(Surv(time, status) ~ arm, data = td, ties = 'efron', cluster = cluster_id)")
cox_robust_case("stratified.gen_a", "coxph(Surv(time, status) ~ arm + strata(site_id), data = ta, ties = 'efron', cluster = cluster_id)")
cox_robust_case("stratified.gen_c", "coxph(Surv(time, status) ~ arm + strata(site_id), data = tc, ties = 'efron', cluster = cluster_id)")
cox_robust_case("stratified.gen_d", "coxph(Surv(time, status) ~ arm + strata(site_id), data = td, ties = 'efron', cluster = cluster_id)")
# No site holds both arms: arm is constant within every stratum, coef NA (no robscore then).
q <- quietly(coxph(Surv(time, status) ~ arm + strata(site_id), data = te, ties = "efron", cluster = cluster_id))
add_case("stratified.gen_e.none",
         "coxph(Surv(time, status) ~ arm + strata(site_id), data = te, ties = 'efron', cluster = cluster_id)",
         list(coef = unname(coef(q$value)), warnings = I(q$warnings),
              sites = length(unique(te$site_id)),
              sites_with_both_arms = sum(tapply(te$arm, te$site_id, function(a) length(unique(a)) == 2))))

# --- cox.zph --------------------------------------------------------------------------------------
zph_case("zph.lung.km", "coxph(Surv(time, status) ~ age + sex, data = lung_inst, cluster = inst)", "km")
zph_case("zph.lung.identity", "coxph(Surv(time, status) ~ age + sex, data = lung_inst, cluster = inst)", "identity")
zph_case("zph.lung.rank", "coxph(Surv(time, status) ~ age + sex, data = lung_inst, cluster = inst)", "rank")
zph_case("zph.lung.log", "coxph(Surv(time, status) ~ age + sex, data = lung_inst, cluster = inst)", "log")
zph_case("zph.veteran.strata", "coxph(Surv(time, status) ~ trt + karno + strata(celltype), data = veteran)", "km")
zph_case("zph.veteran.breslow", "coxph(Surv(time, status) ~ trt + karno, data = veteran, ties = 'breslow')", "km")
zph_case("zph.gen_a.efron", "coxph(Surv(time, status) ~ arm, data = ta, ties = 'efron', cluster = cluster_id)", "km")
zph_case("zph.gen_a.breslow", "coxph(Surv(time, status) ~ arm, data = ta, ties = 'breslow', cluster = cluster_id)", "km")
zph_case("zph.gen_b.4clusters", "coxph(Surv(time, status) ~ arm, data = tb, ties = 'efron', cluster = cluster_id)", "km")
# cox.zph ignores the cluster term: the same test as without it.
zph_case("zph.gen_a.efron.nocluster", "coxph(Surv(time, status) ~ arm, data = ta, ties = 'efron')", "km")

# --- restricted permutation test ------------------------------------------------------------------
permutation_case("perm.gen_a", "a")
permutation_case("perm.gen_b", "b")
permutation_case("perm.gen_c", "c")
permutation_case("perm.gen_e", "e")
permutation_case("perm.gen_d", "d", keep_all = FALSE)

doc <- list(
  produced_by = sprintf("%s; survival %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survival")),
                        as.character(packageVersion("jsonlite"))),
  script = "analysis/src/test/R/survival-clustered.R",
  notes = c("lung_inst is survival::lung without the row whose inst is NA; colon, bladder, veteran are survival's own (datasets/*.csv).",
            "ta, tb, tc, td, te are designs a-e of datasets/clustered_trials.csv with arm and site_id joined from datasets/clustered_trials_clusters.csv (arm reference TAU).",
            "alldie is data.frame(time = c(2, 3, 3, 5, 6, 6, 8, 8), status = c(1, 0, 1, 1, 0, 1, 1, 1), cl = c(1, 1, 2, 2, 3, 3, 1, 2)).",
            "With cluster =, survfit's std.err is on the survival scale (logse FALSE) and equals sqrt(colSums(influence.surv^2)).",
            "influence rows are clusters in sorted order of their labels; columns are the fit's times."),
  cases = cases)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, na = "string", pretty = TRUE),
           file.path(out_dir, "survival-clustered.json"))
cat("wrote", length(cases), "cases\n")
