# Checks that a large generated trial recovers the generator's true effects (TrueEffects, docs/generator.md).
# Not run by CI. Usage, from ingest/ after test-compile:
#   java -cp target/classes:target/test-classes org.odtrial.ingest.generate.GeneratorBenchmark /tmp/gen-check 400 100000 1
#   Rscript src/test/R/generator-model-check.R /tmp/gen-check
suppressPackageStartupMessages({library(survival); library(MASS); library(lme4)})
dir <- commandArgs(trailingOnly = TRUE)[1]
rd <- function(f) read.csv(file.path(dir, f), colClasses = "character", na.strings = "")
cl <- rd("clusters.csv"); pa <- rd("participants.csv"); ad <- rd("admissions.csv"); oc <- rd("outcomes.csv")
pa$arm <- factor(cl$arm[match(pa$cluster_id, cl$cluster_id)], levels = c("TAU", "OD"))
b <- as.Date(pa$baseline_date); fe <- as.Date(pa$followup_end)
end <- pmin(fe, b + 730)
ad$b <- b[match(ad$participant_id, pa$participant_id)]; ad$end <- end[match(ad$participant_id, pa$participant_id)]
ad$s <- as.Date(ad$start_date)
post <- ad[ad$s > ad$b & ad$s <= ad$end, ]
first <- tapply(as.numeric(post$s - post$b), post$participant_id, min)
pa$relapse <- as.integer(pa$participant_id %in% names(first))
pa$days <- ifelse(pa$relapse == 1, first[pa$participant_id], as.numeric(end - b))
pa$admissions <- as.vector(table(factor(post$participant_id, levels = pa$participant_id)))
pa$fy <- as.numeric(end - b) / 365.25
pa$age10 <- (as.numeric(pa$age) - 40) / 10; pa$male <- as.integer(pa$sex == "male"); pa$prior <- as.numeric(pa$prior_admissions)
cat(R.version.string, "survival", format(packageVersion("survival")), "lme4", format(packageVersion("lme4")), "\n")
cat("participants", nrow(pa), "clusters", nrow(cl), "relapses", sum(pa$relapse), "\n")
f <- coxph(Surv(days, relapse) ~ arm + age10 + male + prior + frailty(cluster_id, distribution = "gaussian"), data = pa)
cat("conditional Cox HR (gaussian frailty): OD", exp(coef(f))[1], "age10", exp(coef(f))[2], "male", exp(coef(f))[3],
    "prior", exp(coef(f))[4], "\n")
m <- coxph(Surv(days, relapse) ~ arm, data = pa, cluster = cluster_id)
cat("marginal Cox HR (arm only, as relapse.cox):", exp(coef(m)), "\n")
nb <- glm.nb(admissions ~ arm + offset(log(fy)), data = pa[pa$fy > 0, ])
cat("admissions NB rate ratio (as admissions.nb, all episodes):", exp(coef(nb))[2], "theta", nb$theta, "\n")
w <- reshape(oc[oc$instrument == "QPR", c("participant_id", "timepoint", "score")], idvar = "participant_id",
             timevar = "timepoint", direction = "wide")
w <- merge(w, pa[, c("participant_id", "arm", "cluster_id")])
for (m in c("12", "24")) {
  d <- w[!is.na(w[[paste0("score.", m)]]) & !is.na(w$score.0), ]
  y <- as.numeric(d[[paste0("score.", m)]]); s0 <- as.numeric(d$score.0)
  l <- lm(y ~ d$arm + s0); mm <- lmer(y ~ arm + s0 + (1 | cluster_id), data = cbind(d, y = y, s0 = s0))
  cat("QPR month", m, "n", nrow(d), "lm OD-TAU", coef(l)[2], "slope", coef(l)[3], "lmer OD-TAU", fixef(mm)[2], "\n")
}
