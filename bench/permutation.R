# Peer of PermutationBenchmark: the same restricted-randomisation test in R on the same data.
# Usage: Rscript bench/permutation.R naive|matrix DIR   (DIR holds participants.csv, clusters.csv)
#   naive:  every allocation (combn within site, expand.grid across sites), survdiff under each:
#           the reference computation of the R scripts in analysis/src/test/R.
#   matrix: the same allocations, statistic from per-cluster sums computed once (the algebra of
#           odtrial's ClusterLogRank), vectorised over all allocations: R at its best.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
d <- read.csv(file.path(args[2], "participants.csv"), stringsAsFactors = FALSE)
cl <- read.csv(file.path(args[2], "clusters.csv"), stringsAsFactors = FALSE)
sites <- sort(unique(cl$site_id))
choices <- lapply(sites, function(s) {
  ids <- cl$cluster_id[cl$site_id == s]
  combn(ids, sum(cl$arm[cl$site_id == s] == "OD"), simplify = FALSE)
})
grid <- as.matrix(expand.grid(lapply(choices, seq_along)))
alloc <- function(r) unlist(lapply(seq_along(choices), function(s) choices[[s]][[r[s]]]))
observed_od <- cl$cluster_id[cl$arm == "OD"]

t0 <- proc.time()
if (mode == "naive") {
  stat <- function(od) {
    d$allocated_od <- d$cluster_id %in% od
    survdiff(Surv(time, status) ~ allocated_od, data = d)$chisq
  }
  stats <- apply(grid, 1, function(r) stat(alloc(r)))
  observed <- stat(observed_od)
} else {
  ids <- cl$cluster_id
  et <- sort(unique(d$time[d$status == 1]))
  r <- sapply(et, function(t) tapply(d$time >= t, factor(d$cluster_id, levels = ids), sum))
  dj <- sapply(et, function(t) sum(d$time == t & d$status == 1))
  nj <- colSums(r)
  wj <- ifelse(nj > 1, dj * (nj - dj) / (nj - 1), 0)
  o <- as.vector(tapply(d$status, factor(d$cluster_id, levels = ids), sum))
  m <- o - drop(r %*% (dj / nj))
  b <- drop(r %*% (wj / nj))
  Q <- r %*% (t(r) * (wj / nj^2))
  A <- matrix(0, nrow(grid), length(ids))
  for (s in seq_along(choices)) {
    for (k in seq_along(choices[[s]])) {
      rows <- which(grid[, s] == k)
      A[rows, match(choices[[s]][[k]], ids)] <- 1
    }
  }
  lin <- drop(A %*% m)
  v <- drop(A %*% b) - rowSums((A %*% Q) * A)
  stats <- lin^2 / v
  a0 <- as.numeric(ids %in% observed_od)
  observed <- drop(a0 %*% m)^2 / drop(a0 %*% b - a0 %*% Q %*% a0)
}
elapsed <- (proc.time() - t0)[["elapsed"]]
p <- mean(stats >= observed - 1e-9 * max(1, observed))
cat(sprintf("R %s: allocations=%d statistic=%.15g p=%.15g elapsed(enumeration) %.3f s; %s, survival %s\n",
            mode, length(stats), observed, p, elapsed, R.version.string,
            as.character(packageVersion("survival"))))
