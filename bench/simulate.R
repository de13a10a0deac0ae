# R peer of bench/simulate.sh: the fits of odtrial's default plan, in R, in a loop over the reps of a
# simulation (the same trials: SimulationPeerData writes each rep's derived.csv, the scores of each
# recovery instrument and the clusters). Usage: Rscript bench/simulate.R DIR [DRAWS]
# Prints, per fit, the mean CPU (user + system) and elapsed seconds a rep, and the total a rep; the
# reading of the files is timed apart ("read"). DRAWS: Monte Carlo allocations of the permutation
# test (default 10000, the plan's). The calls are those the R scripts of analysis/src/test/R check
# odtrial against; failures (a fit R cannot do on a rep) are counted, not fatal.
# The version-2 recovery rows: .mmrm (lmerTest::lmer with cluster and participant intercepts,
# Kenward-Roger contrasts by lmerTest::contest, as recovery-trials.R), .cace (AER::ivreg, vcovCL
# HC1, the first-stage F), .mi and .tipping. R has no sampler of odtrial's imputation model with
# its Huang-Wand prior on Psi; the nearest is jomo (jomo1rancon: the same two-level normal model,
# arm means, unstructured Sigma and Psi with random cluster intercepts, inverse-Wishart priors),
# run with odtrial's burn-in 100, thinning 25 and 20 imputations; then clubSandwich CR2 in each
# completed data set and mice::pool.scalar. The tipping point's 16 shifts use that the shift enters
# linearly, as odtrial does: the CR2 variance of the arm effect is a quadratic in delta, known from
# the fits at delta = 0, 1 and -1 (2 extra clubSandwich fits an imputation instead of 16).
suppressPackageStartupMessages({
  library(survival); library(MASS); library(sandwich); library(clubSandwich)
  library(lme4); library(lmerTest); library(pbkrtest); library(cmprsk); library(AER)
  library(jomo); library(mice)
})
# the default plan's multiple_imputation and tipping_deltas; odtrial's burn-in and thinning
mi_m <- 20L; mi_burn <- 100L; mi_thin <- 25L
deltas <- c(-10, -8, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 8, 10)
pooled <- function(q, u, df) {
  p <- mice::pool.scalar(Q = q, U = u, n = mean(df) + 1, k = 1)
  2 * pt(-abs(p$qbar / sqrt(p$t)), p$df)
}
args <- commandArgs(TRUE)
dir <- args[1]
draws <- if (length(args) > 1) as.integer(args[2]) else 10000L
reps <- sort(list.files(dir, pattern = "^rep[0-9]+$"))

cpu <- list(); wall <- list(); fails <- list()
timed <- function(name, expr) {
  t0 <- proc.time()
  ok <- tryCatch({ suppressWarnings(force(expr)); TRUE }, error = function(e) FALSE)
  dt <- proc.time() - t0
  cpu[[name]] <<- c(cpu[[name]], dt[["user.self"]] + dt[["sys.self"]])
  wall[[name]] <<- c(wall[[name]], dt[["elapsed"]])
  if (!ok) fails[[name]] <<- c(fails[[name]], 1)
  invisible(NULL)
}

# restricted randomisation, Monte Carlo: per-cluster log-rank sums once, then each allocation is a
# matrix product (the algebra of odtrial's ClusterLogRank: R at its best, not survdiff per draw)
permutation <- function(d, cl, draws) {
  ids <- cl$cluster_id
  et <- sort(unique(d$relapse_days[d$relapse == 1]))
  # at risk per cluster (rows) and event time (columns)
  f <- factor(d$cluster_id, levels = ids)
  r <- t(sapply(split(d$relapse_days, f), function(x) findInterval(et, sort(x), left.open = TRUE)))
  r <- matrix(as.numeric(sapply(split(d$relapse_days, f), length)), length(ids), length(et)) - r
  dj <- sapply(et, function(t) sum(d$relapse_days == t & d$relapse == 1))
  nj <- colSums(r)
  wj <- ifelse(nj > 1, dj * (nj - dj) / (nj - 1), 0)
  o <- as.vector(tapply(d$relapse, factor(d$cluster_id, levels = ids), sum)); o[is.na(o)] <- 0
  m <- o - drop(r %*% (dj / nj))
  b <- drop(r %*% (wj / nj))
  Q <- r %*% (t(r) * (wj / nj^2))
  A <- matrix(0, draws, length(ids))
  for (s in unique(cl$site_id)) {
    idx <- which(cl$site_id == s); k <- sum(cl$arm[idx] == "OD"); n <- length(idx)
    # each draw's first k clusters in a random order: one vectorised sort for all draws
    ord <- order(rep(seq_len(draws), each = n), runif(draws * n))
    M <- matrix(0, n, draws); M[ord[rep(seq_len(n), draws) <= k]] <- 1
    A[, idx] <- t(M)
  }
  stats <- drop(A %*% m)^2 / (drop(A %*% b) - rowSums((A %*% Q) * A))
  a0 <- as.numeric(cl$arm == "OD")
  observed <- drop(a0 %*% m)^2 / drop(a0 %*% b - a0 %*% Q %*% a0)
  (1 + sum(stats >= observed - 1e-9 * max(1, observed))) / (1 + draws)
}

set.seed(20261202)
for (rep in reps) {
  t0 <- proc.time()
  d <- read.csv(file.path(dir, rep, "derived.csv"), stringsAsFactors = FALSE)
  sf <- sort(list.files(file.path(dir, rep), pattern = "^scores_.*[.]csv$"))
  q <- lapply(sf, function(f) read.csv(file.path(dir, rep, f), stringsAsFactors = FALSE))
  names(q) <- sub("^scores_(.*)[.]csv$", "\\1", sf)
  cl <- read.csv(file.path(dir, rep, "clusters.csv"), stringsAsFactors = FALSE)
  d$arm <- factor(d$arm, levels = c("TAU", "OD"))
  d$sex <- factor(d$sex, levels = c("female", "male", "other", "unknown"))
  d$diagnosis <- factor(d$diagnosis, levels = c("psychosis", "bipolar", "depression", "personality",
                                                "anxiety", "other", "unknown"))
  d$status <- ifelse(d$relapse == 1, 1, ifelse(d$died == 1, 2, 0))
  d$either <- as.integer(d$relapse == 1 | d$died == 1)
  d$fstatus <- factor(d$status, 0:2, labels = c("censor", "relapse", "death"))
  r <- lapply(q, function(x) merge(d[, c("participant_id", "cluster_id", "arm")], x, by = "participant_id"))
  comp <- read.csv(file.path(dir, rep, "compliers.csv"), stringsAsFactors = FALSE)
  dt <- proc.time() - t0
  cpu$read <- c(cpu$read, dt[["user.self"]] + dt[["sys.self"]]); wall$read <- c(wall$read, dt[["elapsed"]])

  S <- Surv(d$relapse_days, d$relapse)
  timed("relapse.km, .rmst (survfit, Greenwood)", {
    km <- survfit(Surv(relapse_days, relapse) ~ arm, data = d)
    summary(km, times = c(365, 730), extend = FALSE); summary(km, rmean = 730)
  })
  timed("relapse.logrank (survdiff)", survdiff(Surv(relapse_days, relapse) ~ arm, data = d))
  timed("relapse.cox (coxph, cluster)",
        coxph(Surv(relapse_days, relapse) ~ arm, data = d, ties = "efron", cluster = cluster_id))
  timed("relapse.cox_adjusted",
        coxph(Surv(relapse_days, relapse) ~ arm + age + sex + prior_admissions, data = d,
              ties = "efron", cluster = cluster_id))
  timed("relapse.km.robust, .rmst.robust (survfit, cluster, influence)", {
    f <- survfit(Surv(relapse_days, relapse) ~ arm, data = d, cluster = cluster_id, influence = TRUE)
    summary(f, times = c(365, 730), extend = FALSE)
  })
  timed("relapse.logrank.robust (coxph robust score test)",
        summary(coxph(Surv(relapse_days, relapse) ~ arm, data = d, cluster = cluster_id))$robscore)
  timed("relapse.cox_stratified (strata(site), cluster)",
        coxph(Surv(relapse_days, relapse) ~ arm + strata(site_id), data = d, ties = "efron",
              cluster = cluster_id))
  timed(sprintf("relapse.permutation (%d draws)", draws), permutation(d, cl, draws))
  timed("relapse.ph_test (cox.zph)",
        cox.zph(coxph(Surv(relapse_days, relapse) ~ arm, data = d, ties = "efron"), transform = "km"))
  timed("relapse_or_death.cox",
        coxph(Surv(relapse_days, either) ~ arm, data = d, ties = "efron", cluster = cluster_id))
  timed("relapse.cif, relapse.gray (cuminc)", {
    ci <- cuminc(d$relapse_days, d$status, d$arm, cencode = 0); timepoints(ci, c(365, 730))
  })
  timed("relapse.finegray (finegray, coxph)", {
    fg <- finegray(Surv(relapse_days, fstatus) ~ ., data = d, etype = "relapse")
    coxph(Surv(fgstart, fgstop, fgstatus) ~ arm, data = fg, weights = fgwt, cluster = cluster_id)
  })
  for (v in c("sex", "diagnosis")) {
    timed(sprintf("relapse.cox.interaction.%s", v), {
      f <- coxph(as.formula(sprintf("Surv(relapse_days, relapse) ~ arm * %s", v)), data = d,
                 ties = "efron", cluster = cluster_id)
      k <- grep(":", names(coef(f))); b <- coef(f)[k]; V <- vcov(f)[k, k, drop = FALSE]
      ok <- !is.na(b); drop(t(b[ok]) %*% solve(V[ok, ok, drop = FALSE], b[ok]))
    })
    timed(sprintf("relapse.cox.subgroup.%s.* (one coxph a level)", v), {
      for (lev in levels(d[[v]])) {
        s <- d[!is.na(d[[v]]) & d[[v]] == lev, ]
        if (nrow(s) > 1 && length(unique(s$arm)) == 2 && sum(s$relapse) > 0) {
          try(coxph(Surv(relapse_days, relapse) ~ arm, data = s, ties = "efron",
                    cluster = cluster_id), silent = TRUE)
        }
      }
    })
  }
  for (y in c("admissions", "bed_days")) {
    fit <- NULL
    timed(sprintf("%s.nb (glm.nb, vcovCL HC0)", y), {
      fit <- glm.nb(as.formula(paste(y, "~ arm + offset(log(followup_years))")), data = d)
      vcovCL(fit, cluster = ~cluster_id, type = "HC0", cadjust = TRUE)
    })
    timed(sprintf("%s.nb.cr2 (clubSandwich CR2, Satterthwaite)", y),
          coef_test(fit, vcov = "CR2", cluster = d$cluster_id, test = "Satterthwaite"))
  }
  for (ins in names(r)) for (m in setdiff(grep("^score_", names(r[[ins]]), value = TRUE), "score_0")) {
    cc <- r[[ins]][!is.na(r[[ins]][[m]]) & !is.na(r[[ins]]$score_0), ]
    f <- as.formula(paste(m, "~ arm + score_0"))
    row <- sprintf("recovery.%s.m%s", ins, sub("score_", "", m))
    timed(sprintf("%s (lm, vcovCL HC1)", row), {
      fit <- lm(f, data = cc); vcovCL(fit, cluster = ~cluster_id, type = "HC1")
    })
    timed(sprintf("%s.cr2 (clubSandwich CR2)", row),
          coef_test(lm(f, data = cc), vcov = "CR2", cluster = cc$cluster_id, test = "Satterthwaite"))
    fm <- as.formula(paste(m, "~ arm + score_0 + (1 | cluster_id)"))
    timed(sprintf("%s.lmm (lmerTest, Satterthwaite)", row),
          summary(lmerTest::lmer(fm, data = cc, REML = TRUE)))
    timed(sprintf("%s.lmm_kr (pbkrtest Kenward-Roger)", row),
          summary(lmerTest::lmer(fm, data = cc, REML = TRUE), ddf = "Kenward-Roger"))
    timed(sprintf("%s.cace (AER::ivreg, vcovCL HC1, first-stage F)", row), {
      cc$complier <- comp$complier[match(cc$participant_id, comp$participant_id)]
      fit <- AER::ivreg(as.formula(paste(m, "~ complier + score_0 | arm + score_0")), data = cc)
      vcovCL(fit, cluster = ~cluster_id, type = "HC1")
      fs <- lm(complier ~ arm + score_0, data = cc)
      coef(fs)["armOD"]^2 / vcovCL(fs, cluster = ~cluster_id, type = "HC1")["armOD", "armOD"]
    })
  }
  for (ins in names(r)) {
    x <- r[[ins]]
    ms <- setdiff(grep("^score_", names(x), value = TRUE), "score_0")
    timed(sprintf("recovery.%s.m*.mmrm (lmerTest lmer, cluster + participant, contest Kenward-Roger)", ins), {
      base <- x[!is.na(x$score_0), ]
      long <- do.call(rbind, lapply(ms, function(m) {
        y <- base[!is.na(base[[m]]), c("participant_id", "cluster_id", "arm", "score_0")]
        y$timepoint <- as.integer(sub("score_", "", m)); y$score <- base[[m]][!is.na(base[[m]])]; y
      }))
      fit <- lmerTest::lmer(score ~ arm * factor(timepoint) + score_0 + (1 | cluster_id) +
                              (1 | participant_id), data = long, REML = TRUE)
      L <- matrix(0, length(ms), length(fixef(fit)), dimnames = list(NULL, names(fixef(fit))))
      L[, "armOD"] <- 1
      for (k in seq_along(ms)[-1]) L[k, grep(sprintf("^armOD:factor\\(timepoint\\)%s$", sub("score_", "", ms[k])), colnames(L))] <- 1
      lmerTest::contest(fit, L, ddf = "Kenward-Roger", joint = FALSE)
    })
    imp <- NULL
    timed(sprintf("recovery.%s.*.mi imputation (jomo, %d imputations, burn-in %d, thin %d)", ins, mi_m, mi_burn, mi_thin), {
      invisible(capture.output(  # jomo announces the function it picks even with output = 0
        imp <- jomo::jomo(Y = x[, c("score_0", ms)], X = data.frame(int = 1, od = as.numeric(x$arm == "OD")),
                          clus = factor(x$cluster_id), nburn = mi_burn, nbetween = mi_thin, nimp = mi_m,
                          output = 0)))
    })
    if (is.null(imp)) next
    sets <- split(imp, imp$Imputation)[-1]
    for (m in ms) {
      row <- sprintf("recovery.%s.m%s", ins, sub("score_", "", m))
      shift <- x$arm == "OD" & is.na(x[[m]])
      fits <- NULL
      timed(sprintf("%s.mi analyses (%d x clubSandwich CR2, pool.scalar)", row, mi_m), {
        fits <- t(sapply(sets, function(s) {
          s$arm <- factor(ifelse(s$od == 1, "OD", "TAU"), levels = c("TAU", "OD"))
          ct <- coef_test(lm(as.formula(paste(m, "~ arm + score_0")), data = s), vcov = "CR2",
                          cluster = s$clus, test = "Satterthwaite")
          c(q = ct$beta[2], u = ct$SE[2]^2, df = ct$df_Satt[2])
        }))
        pooled(fits[, "q"], fits[, "u"], fits[, "df"])
      })
      timed(sprintf("%s.tipping (%d shifts: 2 more CR2 fits an imputation)", row, length(deltas)), {
        g <- t(sapply(sets, function(s) {
          s$arm <- factor(ifelse(s$od == 1, "OD", "TAU"), levels = c("TAU", "OD"))
          at <- function(delta) {
            s$yd <- s[[m]] + delta * shift
            ct <- coef_test(lm(yd ~ arm + score_0, data = s), vcov = "CR2", cluster = s$clus,
                            test = "Satterthwaite")
            c(ct$beta[2], ct$SE[2]^2)
          }
          up <- at(1); down <- at(-1)
          c(gamma = (up[1] - down[1]) / 2, b = (up[2] - down[2]) / 2,
            c = (up[2] + down[2]) / 2)
        }))
        sapply(deltas, function(delta) {
          pooled(fits[, "q"] + delta * g[, "gamma"],
                 fits[, "u"] + delta * g[, "b"] + delta^2 * (g[, "c"] - fits[, "u"]), fits[, "df"])
        })
      })
    }
  }
}

n <- length(reps)
cat(sprintf("%d reps; %s; survival %s, MASS %s, clubSandwich %s, lme4 %s, lmerTest %s, pbkrtest %s, cmprsk %s, AER %s, jomo %s, mice %s\n",
            n, R.version.string, packageVersion("survival"), packageVersion("MASS"),
            packageVersion("clubSandwich"), packageVersion("lme4"), packageVersion("lmerTest"),
            packageVersion("pbkrtest"), packageVersion("cmprsk"), packageVersion("AER"),
            packageVersion("jomo"), packageVersion("mice")))
cat(sprintf("%-66s %10s %10s %6s\n", "fit", "CPU ms/rep", "wall ms/rep", "failed"))
total_cpu <- 0; total_wall <- 0
for (name in names(cpu)) {
  c_ms <- 1000 * mean(cpu[[name]]); w_ms <- 1000 * mean(wall[[name]])
  if (name != "read") { total_cpu <- total_cpu + c_ms; total_wall <- total_wall + w_ms }
  cat(sprintf("%-66s %10.1f %10.1f %6d\n", name, c_ms, w_ms, length(fails[[name]])))
}
cat(sprintf("%-66s %10.1f %10.1f\n", "all fits (reading excluded)", total_cpu, total_wall))
