# Shared helpers for counts-*.R and mixed-*.R: every expected value is written
# with the exact R expression that produced it, at full double precision.
suppressPackageStartupMessages({
  library(jsonlite)
})

# Directory of this script, so the scripts run from any working directory.
script_dir <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f) == 0) "." else dirname(normalizePath(f[1]))
}

resources_dir <- function() file.path(script_dir(), "..", "resources")

versions <- function(pkgs) {
  c(list(R = R.version$version.string),
    setNames(lapply(pkgs, function(p) as.character(packageVersion(p))), pkgs))
}

# Evaluate `expr` (a string) in `env`; keep the call text beside the value.
val <- function(expr, env) {
  v <- eval(parse(text = expr), envir = env)
  if (is.matrix(v)) v <- unname(lapply(seq_len(nrow(v)), function(i) unname(v[i, ])))
  else v <- unname(v)
  list(call = expr, value = v)
}

vals <- function(exprs, env) setNames(lapply(exprs, val, env = env), names(exprs))

# Warnings of an expression, as text, plus its value.
with_warnings <- function(expr) {
  ws <- character()
  v <- withCallingHandlers(expr, warning = function(w) {
    ws <<- c(ws, conditionMessage(w)); invokeRestart("muffleWarning")
  })
  list(value = v, warnings = ws)
}

# The model inputs as the Java side consumes them: response, design matrix
# (R's own model.matrix, so contrasts are R's), offset and cluster labels.
design <- function(y, X, offset = NULL, cluster = NULL) {
  out <- list(y = unname(as.numeric(y)), colnames = I(colnames(X)),
              X = unname(lapply(seq_len(nrow(X)), function(i) unname(X[i, ]))))
  if (!is.null(offset)) out$offset <- unname(as.numeric(offset))
  if (!is.null(cluster)) out$cluster <- unname(as.character(cluster))
  out
}

# The example trial's complete cases for instrument `ins` at month `mo` (a score at months 0 and
# mo), ordered by participant: participant_id, cluster_id, arm (factor TAU, OD), score_0, score_m.
example_recovery <- function(ins, mo) {
  d <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
  o <- read.csv(file.path(resources_dir(), "example-trial", "outcomes.csv"))
  s0 <- o[o$instrument == ins & o$timepoint == 0, c("participant_id", "score")]
  sm <- o[o$instrument == ins & o$timepoint == mo, c("participant_id", "score")]
  names(s0)[2] <- "score_0"; names(sm)[2] <- "score_m"
  x <- merge(merge(d[, c("participant_id", "cluster_id", "arm")], s0), sm)
  x <- x[order(x$participant_id), ]
  x$arm <- factor(x$arm, levels = c("TAU", "OD"))
  x
}

write_expected <- function(obj, name) {
  path <- file.path(resources_dir(), "r", name)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = I(17), null = "null",
                    na = "null", pretty = TRUE), path, useBytes = TRUE)
  message("wrote ", normalizePath(path))
}
