# Timing reference for docs/performance.md (writes nothing): the same design as the Java
# benchmark main org.odtrial.analysis.bench.CountsMixedBenchmark (R's own random numbers).
# Run: Rscript analysis/src/test/R/counts-benchmark.R [rows] [clusters]
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(lme4) })
args <- as.integer(commandArgs(trailingOnly = TRUE))
n <- if (length(args) >= 1) args[1] else 1e6
G <- if (length(args) >= 2) args[2] else 2000
set.seed(20261124)
k <- ((seq_len(n) - 1) * G) %/% n + 1
u <- rgamma(G, 8, 8); b <- rnorm(G, 0, 2)
d <- data.frame(cluster_id = sprintf("C%05d", k), arm = factor(ifelse(k %% 2 == 0, "OD", "TAU"), levels = c("TAU", "OD")))
d$followup_years <- runif(n, 0.3, 2)
mu <- d$followup_years * u[k] * exp(0.2 - 0.4 * (d$arm == "OD"))
d$y <- rnbinom(n, size = 1.5, mu = mu)
d$score_0 <- round(rnorm(n, 30, 8))
d$score <- 10 + 0.6 * d$score_0 + 2.5 * (d$arm == "OD") + b[k] + rnorm(n, 0, 6)
cat(R.version.string, "; MASS", as.character(packageVersion("MASS")), "; sandwich",
    as.character(packageVersion("sandwich")), "; lme4", as.character(packageVersion("lme4")), "\n")
cat(sprintf("rows %d, clusters %d\n", n, G))
for (r in 1:2) {
  t_nb <- system.time({
    fit <- glm.nb(y ~ arm + offset(log(followup_years)), data = d)
    v <- vcovCL(fit, cluster = ~cluster_id, type = "HC0", cadjust = TRUE)
  })
  t_lmm <- system.time(m <- lmer(score ~ arm + score_0 + (1 | cluster_id), data = d, REML = TRUE))
  cat(sprintf("run %d: glm.nb + vcovCL %.2f s elapsed (%.2f s user+sys); lmer %.2f s elapsed (%.2f s user+sys)\n",
              r, t_nb[["elapsed"]], t_nb[["user.self"]] + t_nb[["sys.self"]],
              t_lmm[["elapsed"]], t_lmm[["user.self"]] + t_lmm[["sys.self"]]))
}
cat(sprintf("theta %.6f, armOD %.6f (robust se %.6f); lmer armOD %.6f\n", fit$theta, coef(fit)[["armOD"]],
            sqrt(v["armOD", "armOD"]), fixef(m)[["armOD"]]))
