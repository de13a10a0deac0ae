# Expected values for the maximum-likelihood negative binomial fit where MASS::glm.nb does not
# converge (org.odtrial.analysis.glm.NegativeBinomialRegression with its profile-likelihood search,
# glm.internal.ThetaProfile). Writes ../resources/r/counts-nb-ml.json.
# Run: Rscript analysis/src/test/R/counts-nb-ml.R
#
# The reference fit is glm(y ~ arm + offset(log(followup_years)), family = negative.binomial(theta_ml))
# with glm.control(maxit = 1000, epsilon = 1e-12): at small theta glm.fit's undamped Fisher
# scoring from its default start overshoots and needs more than the default 25 iterations to walk
# back (fit$converged is FALSE with maxit = 25); with more iterations it converges to the same
# maximum from any start. theta_ml is the root of the profile score in log theta (uniroot, tol
# 1e-13), the score being theta.ml's U(theta) at the fitted means of that glm; its standard error
# is theta.ml's, 1/sqrt(I(theta_ml)) (theta.ml itself, started at its moment estimate, fails on
# these data as inside glm.nb). The model-based se is summary(fit, dispersion = 1): for a plain
# glm with the negative.binomial family summary.glm would estimate a dispersion (the family is
# neither poisson nor binomial by name), which the NB2 model, whose variance is mu + mu^2/theta,
# does not have; glm.nb's summary.negbin uses 1, as does sandwich's bread for vcovCL.
suppressPackageStartupMessages({
  library(MASS); library(sandwich); library(clubSandwich)
})
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "counts-helpers.R"))

ctl <- glm.control(maxit = 1000, epsilon = 1e-12)
nb_fit <- function(f, d, th) glm(f, family = negative.binomial(th), data = d, control = ctl)
profile_loglik <- function(f, d, th) as.numeric(logLik(nb_fit(f, d, th)))
profile_score <- function(f, d, th) {
  fit <- nb_fit(f, d, th); y <- fit$y; mu <- fitted(fit)
  sum(digamma(th + y) - digamma(th) + log(th) + 1 - log(th + mu) - (y + th)/(mu + th))
}

# odtrial's theta_ml for the bed-day cases (printed by CountRegressionMaximumLikelihoodTest), so that
# R's own logLik is evaluated at odtrial's point too.
odtrial_theta <- c(beddays.runaway = 0.041083952804261850, beddays.alternation = 0.053336784313697620)

ml_case <- function(name, f, d, cl) {
  env <- new.env(); env$d <- d; env$cl <- cl; env$f <- f; env$ctl <- ctl
  nb <- with_warnings(glm.nb(f, data = d)); env$glmnb <- nb$value
  lt <- uniroot(function(u) profile_score(f, d, exp(u)), c(log(1e-4), log(10)), tol = 1e-13)$root
  env$theta_ml <- exp(lt)
  env$fit <- nb_fit(f, d, env$theta_ml)
  fit <- env$fit
  out <- list(name = name, formula = deparse(f), cluster = "cl (input$cluster)",
              glm_nb_warnings = I(unique(nb$warnings)),
              input = design(fit$y, model.matrix(fit), offset = fit$offset, cluster = cl))
  out$glm_nb <- vals(c(theta = "glmnb$theta", twologlik = "glmnb$twologlik",
                       loglik = "as.numeric(logLik(glmnb))",
                       converged = "is.null(glmnb$th.warn) && glmnb$converged"), env)
  out$values <- vals(c(
    theta_ml = "theta_ml",
    theta_ml_check = "exp(optimize(function(u) as.numeric(logLik(glm(f, family = negative.binomial(exp(u)), data = d, control = ctl))), log(theta_ml) + c(-0.5, 0.5), maximum = TRUE, tol = 1e-10)$maximum)",
    se_theta = "1 / sqrt(sum(-trigamma(theta_ml + fit$y) + trigamma(theta_ml) - 1/theta_ml + 2/(fitted(fit) + theta_ml) - (fit$y + theta_ml)/(fitted(fit) + theta_ml)^2))",
    loglik_ml = "as.numeric(logLik(fit))",
    loglik_at_glm_nb_theta = "as.numeric(logLik(glm(f, family = negative.binomial(glmnb$theta), data = d, control = ctl)))",
    coefficients = "coef(fit)",
    se = "sqrt(diag(summary(fit, dispersion = 1)$cov.scaled))",
    robust_se = "sqrt(diag(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)))",
    rate_ratio = "exp(coef(fit)[['armOD']])",
    p_value = "2 * pnorm(-abs(coef(fit)[['armOD']] / sqrt(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)['armOD', 'armOD'])))",
    cr2_se = "clubSandwich::coef_test(fit, vcov = 'CR2', cluster = cl, test = 'Satterthwaite')$SE",
    cr2_df = "clubSandwich::coef_test(fit, vcov = 'CR2', cluster = cl, test = 'Satterthwaite')$df_Satt"
  ), env)
  if (!is.na(odtrial_theta[name])) {
    env$odtrial_theta <- odtrial_theta[[name]]
    out$values <- c(out$values, vals(c(
      odtrial_theta = "odtrial_theta",
      loglik_at_odtrial_theta = "as.numeric(logLik(glm(f, family = negative.binomial(odtrial_theta), data = d, control = ctl)))"), env))
  }
  out
}

# Bed-day-like clustered data: most participants never admitted, admitted ones stay long.
beddays <- function(seed, G = 28) {
  set.seed(seed)
  m <- rpois(G, 20) + 3
  d <- data.frame(cluster_id = rep(sprintf("C%02d", 1:G), m))
  gi <- match(d$cluster_id, sprintf("C%02d", 1:G))
  d$arm <- factor(rep(c("TAU", "OD"), length.out = G)[gi], levels = c("TAU", "OD"))
  d$followup_years <- pmin(2, runif(nrow(d), 0.2, 2.5))
  admitted <- rbinom(nrow(d), 1, 0.2)
  d$y <- ifelse(admitted == 1, round(rexp(nrow(d), 1/40) * d$followup_years) + 1, 0)
  d
}
cases <- list()
b1 <- beddays(1)   # glm.nb: theta.ml iteration limit, theta runs to ~1.5e5
cases[[1]] <- ml_case("beddays.runaway", y ~ arm + offset(log(followup_years)), b1, b1$cluster_id)
b2 <- beddays(2)   # glm.nb: alternation limit reached
cases[[2]] <- ml_case("beddays.alternation", y ~ arm + offset(log(followup_years)), b2, b2$cluster_id)

# No overdispersion: the profile rises towards theta = infinity and the Poisson fit is the ML fit.
pois_case <- function(name, f, d, cl) {
  env <- new.env(); env$d <- d; env$cl <- cl; env$f <- f; env$ctl <- ctl
  nb <- with_warnings(glm.nb(f, data = d)); env$glmnb <- nb$value
  env$fit <- glm(f, family = poisson, data = d)
  out <- list(name = name, formula = deparse(f), cluster = "cl (input$cluster)",
              glm_nb_warnings = I(unique(nb$warnings)),
              input = design(env$fit$y, model.matrix(env$fit),
                             offset = if (is.null(env$fit$offset)) NULL else env$fit$offset, cluster = cl))
  out$glm_nb <- vals(c(theta = "glmnb$theta"), env)
  out$values <- vals(c(
    poisson_loglik = "as.numeric(logLik(fit))",
    profile_theta = "10^(0:7)",
    profile_loglik = "sapply(10^(0:7), function(th) as.numeric(logLik(glm(f, family = negative.binomial(th), data = d, control = ctl))))",
    overdispersion_score = "sum((fit$y - fitted(fit))^2 - fit$y) / 2",
    coefficients = "coef(fit)",
    robust_se = "sqrt(diag(sandwich::vcovCL(fit, cluster = cl, type = 'HC0', cadjust = TRUE)))"
  ), env)
  out
}
set.seed(34)
G <- 24; m <- rpois(G, 15) + 3
eq <- data.frame(cluster_id = rep(sprintf("C%02d", 1:G), m))
eq$arm <- factor(rep(c("TAU", "OD"), length.out = G)[match(eq$cluster_id, sprintf("C%02d", 1:G))], levels = c("TAU", "OD"))
eq$followup_years <- runif(nrow(eq), 0.5, 2)
eq$y <- rpois(nrow(eq), eq$followup_years * exp(0.8 - 0.3 * (eq$arm == "OD")))
cases[[3]] <- pois_case("equidispersed", y ~ arm + offset(log(followup_years)), eq, eq$cluster_id)
cases[[4]] <- pois_case("insurance", Claims ~ District + Group + Age + offset(log(Holders)), MASS::Insurance,
                        MASS::Insurance$District)

write_expected(list(
  produced_by = "analysis/src/test/R/counts-nb-ml.R",
  versions = versions(c("MASS", "sandwich", "clubSandwich", "jsonlite")),
  control = "glm.control(maxit = 1000, epsilon = 1e-12) for every glm at fixed theta",
  cases = cases), "counts-nb-ml.json")
