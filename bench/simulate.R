# R peer of bench/simulate.sh: the fits of odtrial's default plan, in R, in a loop over the reps of a
# simulation (the same trials: SimulationPeerData writes each rep's derived.csv, the scores of each
# recovery instrument and the clusters). Usage: Rscript bench/simulate.R DIR [DRAWS]
# Prints, per fit, the mean CPU (user + system) and elapsed seconds a rep, and the total a rep; the
# reading of the files is timed apart ("read"). DRAWS: Monte Carlo allocations of the permutation
# test (default 10000, the plan's). The calls are those the R scripts of analysis/src/test/R check
# odtrial against; failures (a fit R cannot do on a rep) are counted, not fatal.
suppressPackageStartupMessages({
  library(survival); library(MASS); library(sandwich); library(clubSandwich)
  library(lme4); library(lmerTest); library(pbkrtest); library(cmprsk)
})
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
  }
}

n <- length(reps)
cat(sprintf("%d reps; %s; survival %s, MASS %s, clubSandwich %s, lme4 %s, lmerTest %s, pbkrtest %s, cmprsk %s\n",
            n, R.version.string, packageVersion("survival"), packageVersion("MASS"),
            packageVersion("clubSandwich"), packageVersion("lme4"), packageVersion("lmerTest"),
            packageVersion("pbkrtest"), packageVersion("cmprsk")))
cat(sprintf("%-66s %10s %10s %6s\n", "fit", "CPU ms/rep", "wall ms/rep", "failed"))
total_cpu <- 0; total_wall <- 0
for (name in names(cpu)) {
  c_ms <- 1000 * mean(cpu[[name]]); w_ms <- 1000 * mean(wall[[name]])
  if (name != "read") { total_cpu <- total_cpu + c_ms; total_wall <- total_wall + w_ms }
  cat(sprintf("%-66s %10.1f %10.1f %6d\n", name, c_ms, w_ms, length(fails[[name]])))
}
cat(sprintf("%-66s %10.1f %10.1f\n", "all fits (reading excluded)", total_cpu, total_wall))
