# Expected values for recovery.I.mM.mi and recovery.I.mM.tipping: R reads the completed data sets
# odtrial exported (one CSV per instrument, month and imputation, as `odtrial analyse
# --export-imputations` writes them), runs the .cr2 analysis in each
# (clubSandwich::coef_test(lm(score_M ~ arm + score_0), vcov = "CR2", test = "Satterthwaite")) and
# pools with Rubin's rules and Barnard-Rubin df (mice::pool.scalar, complete-data df = the mean of
# the imputations' Satterthwaite df); the tipping-point analysis shifts the imputed month-M scores
# of OD participants (imputed_M = 1) by each delta of the default plan's grid and pools again.
# The MD5 of every file read is recorded, so the Java test can check that it exports the same bytes.
#
# Run, from the repository root:
#   mvn -q -B -o -pl analysis -am test-compile
#   java -cp analysis/target/classes:analysis/target/test-classes:... \
#     org.odtrial.analysis.estimate.ImputationCases /tmp/mi-export
#   Rscript analysis/src/test/R/recovery-mi.R /tmp/mi-export
# Writes ../resources/r/recovery-mi.json.
suppressPackageStartupMessages({
  library(clubSandwich); library(mice)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

root <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(root)) stop("usage: Rscript recovery-mi.R EXPORT_DIR")
# the default plan's multiple_imputation.tipping_deltas
deltas <- c(-10, -8, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 8, 10)

cr2 <- function(d, y) {
  fit <- lm(y ~ arm + score_0, data = d)
  ct <- clubSandwich::coef_test(fit, vcov = "CR2", cluster = d$cluster_id, test = "Satterthwaite")
  list(q = ct$beta[2], u = ct$SE[2]^2, df = ct$df_Satt[2], clusters = length(unique(d$cluster_id)))
}

pool <- function(q, u, df) {
  dfcom <- mean(df)
  p <- mice::pool.scalar(Q = q, U = u, n = dfcom + 1, k = 1)
  se <- sqrt(p$t)
  list(estimate = p$qbar, se = se, df = p$df, ci_low = p$qbar - qt(0.975, p$df) * se,
       ci_high = p$qbar + qt(0.975, p$df) * se, p_value = 2 * pt(-abs(p$qbar / se), p$df),
       df_complete = dfcom, riv = p$r, fmi = p$fmi, within = p$ubar, between = p$b)
}

cases <- list()
for (case in sort(list.dirs(root, full.names = FALSE, recursive = FALSE))) {
  files <- sort(list.files(file.path(root, case), pattern = "\\.csv$"))
  groups <- unique(sub("\\.imputation-[0-9]+\\.csv$", "", files))
  for (g in groups) {
    fs <- file.path(root, case, sort(files[startsWith(files, paste0(g, ".imputation-"))]))
    month <- as.integer(sub("^.*\\.m", "", g))
    sm <- paste0("score_", month); im <- paste0("imputed_", month)
    data <- lapply(fs, function(f) {
      d <- read.csv(f)
      d$arm <- factor(d$arm, levels = c("TAU", "OD"))
      d
    })
    fits <- lapply(data, function(d) cr2(d, d[[sm]]))
    q <- sapply(fits, `[[`, "q"); u <- sapply(fits, `[[`, "u"); df <- sapply(fits, `[[`, "df")
    nothing <- all(sapply(data, function(d) sum(d$imputed_0) + sum(d[[im]]) == 0))
    mi <- if (nothing) {
      # nothing imputed: the complete-case analysis itself
      se <- sqrt(u[1])
      list(estimate = q[1], se = se, df = df[1], ci_low = q[1] - qt(0.975, df[1]) * se,
           ci_high = q[1] + qt(0.975, df[1]) * se, p_value = 2 * pt(-abs(q[1] / se), df[1]),
           df_complete = df[1])
    } else pool(q, u, df)
    out <- list(case = case, instrument = sub("\\..*$", "", g), month = month, files = I(basename(fs)),
                md5 = I(unname(tools::md5sum(fs))), n = nrow(data[[1]]), clusters = fits[[1]]$clusters,
                imputed = sum(data[[1]][[im]]), imputed_baseline = sum(data[[1]]$imputed_0),
                nothing_imputed = nothing,
                call = paste0("in each file: fit <- lm(score_", month, " ~ arm + score_0, data = d);",
                              " ct <- clubSandwich::coef_test(fit, vcov = 'CR2', cluster = d$cluster_id,",
                              " test = 'Satterthwaite'); Q = ct$beta[2], U = ct$SE[2]^2, df = ct$df_Satt[2];",
                              " then mice::pool.scalar(Q, U, n = mean(df) + 1, k = 1): estimate = qbar,",
                              " se = sqrt(t), df, ci = qbar -/+ qt(0.975, df) se, p = 2 pt(-|qbar/se|, df)",
                              " (nothing imputed: the complete-case coef_test itself)"),
                mi = mi)
    od_imputed <- sum(data[[1]][[im]] == 1 & data[[1]]$arm == "OD")
    if (!nothing && od_imputed > 0) {
      p0 <- mi$p_value
      tip <- lapply(deltas, function(delta) {
        f <- lapply(data, function(d) cr2(d, d[[sm]] + delta * (d[[im]] == 1 & d$arm == "OD")))
        pool(sapply(f, `[[`, "q"), sapply(f, `[[`, "u"), sapply(f, `[[`, "df"))
      })
      ps <- sapply(tip, `[[`, "p_value")
      flips <- which((ps < 0.05) != (p0 < 0.05))
      point <- if (length(flips) == 0) NULL else deltas[flips[which.min(abs(deltas[flips]))]]
      out$tipping <- list(
        call = paste0("in each file the month-", month, " scores of OD participants with imputed_", month,
                      " = 1 shifted by delta, then as above; tipping point = the delta of smallest |delta|",
                      " (the first in the grid on a tie) whose pooled p is on the other side of 0.05 than",
                      " the unshifted p"),
        deltas = deltas, estimates = sapply(tip, `[[`, "estimate"), p_values = ps,
        imputed_od = od_imputed, tipping_point = point)
    }
    cases[[length(cases) + 1]] <- out
  }
}

write_expected(list(
  produced_by = "analysis/src/test/R/recovery-mi.R",
  versions = versions(c("clubSandwich", "mice", "jsonlite")),
  input = "the completed data sets written by org.odtrial.analysis.estimate.ImputationCases (test scope)",
  cases = cases), "recovery-mi.json")
