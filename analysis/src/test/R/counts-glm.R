# Expected values for org.odtrial.analysis.glm (Poisson and negative binomial
# GLMs with cluster-robust variance). Writes ../resources/r/counts-glm.json.
# Run: Rscript analysis/src/test/R/counts-glm.R
suppressPackageStartupMessages({
  library(MASS); library(sandwich)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

nb_values <- c(
  coefficients = "coef(fit)",
  se = "sqrt(diag(vcov(fit)))",
  vcov = "vcov(fit)",
  theta = "fit$theta",
  se_theta = "fit$SE.theta",
  twologlik = "fit$twologlik",
  deviance = "fit$deviance",
  iter = "fit$iter",
  robust_vcov = "sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)",
  robust_se = "sqrt(diag(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)))"
)
pois_values <- c(
  coefficients = "coef(fit)",
  se = "sqrt(diag(vcov(fit)))",
  vcov = "vcov(fit)",
  deviance = "fit$deviance",
  loglik = "as.numeric(logLik(fit))",
  iter = "fit$iter",
  robust_vcov = "sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)",
  robust_se = "sqrt(diag(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)))"
)

case <- function(name, model_call, fit_expr, data, values, cl, offset = NULL) {
  env <- new.env()
  env$data <- data
  env$cl <- cl
  r <- with_warnings(eval(parse(text = fit_expr), envir = env))
  env$fit <- r$value
  fit <- r$value
  list(name = name, model = model_call, cluster = "cl (listed under input$cluster)",
       warnings = r$warnings,
       input = design(fit$y, model.matrix(fit),
                      offset = if (is.null(fit$offset)) NULL else fit$offset,
                      cluster = cl),
       values = vals(values, env))
}

cases <- list()

# MASS::quine (Venables & Ripley, MASS 4th ed. section 7.4), clustered by Age.
cases[[length(cases) + 1]] <- case(
  "quine.nb", "glm.nb(Days ~ Eth + Sex + Age + Lrn, data = MASS::quine)",
  "glm.nb(Days ~ Eth + Sex + Age + Lrn, data = data)", MASS::quine, nb_values,
  cl = MASS::quine$Age)

# MASS::Insurance: Poisson with offset log(Holders); clustered by District.
cases[[length(cases) + 1]] <- case(
  "insurance.poisson",
  "glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = MASS::Insurance)",
  "glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = data)",
  MASS::Insurance, pois_values, cl = MASS::Insurance$District)

# MASS::Insurance with glm.nb and the same offset: theta is large but finite.
cases[[length(cases) + 1]] <- case(
  "insurance.nb",
  "glm.nb(Claims ~ District + Group + Age + offset(log(Holders)), data = MASS::Insurance)",
  "glm.nb(Claims ~ District + Group + Age + offset(log(Holders)), data = data)",
  MASS::Insurance, nb_values, cl = MASS::Insurance$District)

# datasets::warpbreaks Poisson, clustered by tension.
cases[[length(cases) + 1]] <- case(
  "warpbreaks.poisson", "glm(breaks ~ wool + tension, family = poisson, data = warpbreaks)",
  "glm(breaks ~ wool + tension, family = poisson, data = data)", warpbreaks, pois_values,
  cl = warpbreaks$tension)

# Generated cluster-randomised counts: 40 clusters, arm by cluster, gamma
# cluster effect, NB2 with theta 1.5, follow-up 0.3 to 2 years.
set.seed(20261124)
G <- 40; m <- rpois(G, 15) + 3
gen <- data.frame(cluster_id = rep(sprintf("C%02d", 1:G), m))
arm_g <- rep(c("TAU", "OD"), length.out = G)
gen$arm <- factor(arm_g[match(gen$cluster_id, sprintf("C%02d", 1:G))], levels = c("TAU", "OD"))
u <- rgamma(G, 8, 8)[match(gen$cluster_id, sprintf("C%02d", 1:G))]
gen$followup_years <- runif(nrow(gen), 0.3, 2)
gen$age <- round(rnorm(nrow(gen), 40, 12))
mu <- gen$followup_years * u * exp(0.2 - 0.4 * (gen$arm == "OD") + 0.01 * (gen$age - 40))
gen$admissions <- rnbinom(nrow(gen), size = 1.5, mu = mu)
cases[[length(cases) + 1]] <- case(
  "generated.nb",
  "glm.nb(admissions ~ arm + age + offset(log(followup_years)), data = gen)",
  "glm.nb(admissions ~ arm + age + offset(log(followup_years)), data = data)",
  gen, nb_values, cl = gen$cluster_id)

# Equidispersed (Poisson) data: glm.nb's theta runs away ("iteration limit
# reached"); the Java side falls back to Poisson, whose values follow.
set.seed(7)
eq <- gen[, c("cluster_id", "arm", "followup_years")]
eq$y <- rpois(nrow(eq), eq$followup_years * exp(0.5 - 0.3 * (eq$arm == "OD")))
cases[[length(cases) + 1]] <- case(
  "equidispersed.nb",
  "glm.nb(y ~ arm + offset(log(followup_years)), data = eq)",
  "glm.nb(y ~ arm + offset(log(followup_years)), data = data)",
  eq, nb_values, cl = eq$cluster_id)
cases[[length(cases) + 1]] <- case(
  "equidispersed.poisson",
  "glm(y ~ arm + offset(log(followup_years)), family = poisson, data = eq)",
  "glm(y ~ arm + offset(log(followup_years)), family = poisson, data = data)",
  eq, pois_values, cl = eq$cluster_id)

# An arm with no events: R returns a huge negative coefficient (no finite MLE).
noev <- gen[, c("cluster_id", "arm", "followup_years", "admissions")]
noev$admissions[noev$arm == "OD"] <- 0
cases[[length(cases) + 1]] <- case(
  "no_events_in_arm.nb",
  "glm.nb(admissions ~ arm + offset(log(followup_years)), data = noev)",
  "glm.nb(admissions ~ arm + offset(log(followup_years)), data = data)",
  noev, nb_values, cl = noev$cluster_id)

# The example trial (/work/shared/specs/example-trial/derived.csv).
d <- read.csv(file.path(resources_dir(), "example-trial", "derived.csv"))
d$arm <- factor(d$arm, levels = c("TAU", "OD"))
for (outcome in c("admissions", "bed_days")) {
  fexpr <- sprintf("glm.nb(%s ~ arm + offset(log(followup_years)), data = data)", outcome)
  cs <- case(paste0("example.", outcome, ".nb"),
             sprintf("glm.nb(%s ~ arm + offset(log(followup_years)), data = derived.csv)", outcome),
             fexpr, d, nb_values, cl = d$cluster_id)
  env <- new.env(); env$fit <- eval(parse(text = fexpr), envir = list(data = d)); env$cl <- d$cluster_id
  cs$values <- c(cs$values, vals(c(
    rate_ratio = "exp(coef(fit)[['armOD']])",
    ci_low = "exp(coef(fit)[['armOD']] - qnorm(0.975) * sqrt(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)['armOD', 'armOD']))",
    ci_high = "exp(coef(fit)[['armOD']] + qnorm(0.975) * sqrt(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)['armOD', 'armOD']))",
    p_value = "2 * pnorm(-abs(coef(fit)[['armOD']] / sqrt(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)['armOD', 'armOD'])))"
  ), env))
  cases[[length(cases) + 1]] <- cs
}

write_expected(list(
  produced_by = "analysis/src/test/R/counts-glm.R",
  versions = versions(c("MASS", "sandwich", "jsonlite")),
  control = "glm.control(): epsilon 1e-8, maxit 25",
  cases = cases), "counts-glm.json")
