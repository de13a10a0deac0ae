# Expected values for org.odtrial.analysis.descriptive and the example trial's
# meetings per participant. Writes ../resources/r/counts-descriptive.json.
# Run: Rscript analysis/src/test/R/counts-descriptive.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

probs <- seq(0, 1, by = 0.05)
summ <- function(name, expr, data) {
  env <- new.env(); env$x <- data; env$probs <- probs
  list(name = name, data_call = expr, x = unname(as.numeric(data)), values = vals(c(
    n = "length(x)", mean = "mean(x)", sd = "sd(x)", median = "median(x)",
    q1 = "unname(quantile(x, 0.25, type = 7))", q3 = "unname(quantile(x, 0.75, type = 7))",
    quantiles = "unname(quantile(x, probs, type = 7))", min = "min(x)", max = "max(x)",
    share_above_zero = "mean(x > 0)"), env))
}

cases <- list(
  summ("precip", "datasets::precip", datasets::precip),
  summ("rivers", "datasets::rivers", datasets::rivers),
  summ("warpbreaks.breaks", "datasets::warpbreaks$breaks", datasets::warpbreaks$breaks),
  summ("quine.Days", "MASS::quine$Days", MASS::quine$Days),
  summ("single", "42", 42)
)

# Meetings per participant: network meetings dated within [baseline_date - 30, end],
# participants without meetings counted as 0 (data contract, "Derived analysis data").
d <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
m <- read.csv(file.path(resources_dir(), "example-trial", "network_meetings.csv"))
m <- merge(m, d[, c("participant_id", "baseline_date", "end")])
inwin <- as.Date(m$meeting_date) >= as.Date(m$baseline_date) - 30 & as.Date(m$meeting_date) <= as.Date(m$end)
cnt <- table(factor(m$participant_id[inwin], levels = d$participant_id))
d$meetings <- as.numeric(cnt[d$participant_id])
for (a in c("OD", "TAU")) {
  cs <- summ(paste0("example.meetings.", a),
             sprintf("meetings of arm %s (counted in [baseline_date - 30, end] from network_meetings.csv)", a),
             d$meetings[d$arm == a])
  cs$participant_id <- d$participant_id[d$arm == a]
  cases[[length(cases) + 1]] <- cs
}

write_expected(list(
  produced_by = "analysis/src/test/R/counts-descriptive.R",
  versions = versions(c("jsonlite")),
  probs = probs,
  cases = cases), "counts-descriptive.json")
