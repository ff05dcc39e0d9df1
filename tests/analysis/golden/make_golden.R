# Reference results for `buurtpeil stats`, computed with R survey on the California API data.
#
# Run from the repository root:   Rscript tests/analysis/golden/make_golden.R
# Needs R with the survey and jsonlite packages (Debian: r-base-core r-cran-survey).
#
# Writes the reference data sets to tests/analysis/data/ (only the columns the cases use, plus
# columns derived here: api00_na, awards_na with every 7th value missing, ell0 = ell == 0), reads
# them back so every figure is computed from exactly the committed files, and writes
#   tests/analysis/golden/r_survey_api.json       estimates per `buurtpeil stats` case
#   tests/analysis/golden/r_survey_rake.json      raked (rake() and calibrate()) estimates and weights
#   tests/analysis/golden/r_survey_svyciprop.json Korn-Graubard and logit intervals of svyciprop
# Each file carries its provenance: R version, survey version, the date and each exact R call.

suppressPackageStartupMessages(library(survey))
library(jsonlite)

data_dir <- "tests/analysis/data"
golden_dir <- "tests/analysis/golden"
stopifnot(dir.exists(data_dir), dir.exists(golden_dir))
options(survey.lonely.psu = "fail")

data(api)

every_7th_missing <- function(x) {
  x[seq(7, length(x), by = 7)] <- NA
  x
}

write_data <- function(frame, name) {
  path <- file.path(data_dir, name)
  write.csv(frame, path, row.names = FALSE, na = "NA", quote = FALSE)
  read.csv(path, stringsAsFactors = FALSE, na.strings = c("", "NA"))
}

# ---- Reference data sets ---------------------------------------------------------------------
srs <- write_data(apisrs[, c("snum", "stype", "sch.wide", "api00", "api99", "enroll", "pw", "fpc")],
                  "api_srs.csv")
strat_frame <- apistrat[, c("snum", "stype", "sch.wide", "awards", "api00", "enroll", "pw", "fpc")]
strat_frame$api00_na <- every_7th_missing(strat_frame$api00)
strat_frame$awards_na <- every_7th_missing(as.character(strat_frame$awards))
# The same fpc as a sampling fraction n_h / N_h (svydesign takes either).
strat_frame$fpc_fraction <- ave(strat_frame$fpc, strat_frame$stype, FUN = length) / strat_frame$fpc
strat <- write_data(strat_frame, "api_strat.csv")
clus1_frame <- apiclus1[, c("snum", "dnum", "stype", "sch.wide", "awards", "api00", "api99", "enroll",
                            "pw", "fpc")]
clus1_frame$api00_na <- every_7th_missing(clus1_frame$api00)
clus1_frame$ell0 <- as.integer(apiclus1$ell == 0)
clus1 <- write_data(clus1_frame, "api_clus1.csv")
clus2 <- write_data(apiclus2[, c("snum", "dnum", "stype", "api00", "enroll", "pw", "fpc1")],
                    "api_clus2.csv")
# Population margins for raking, counted from apipop (the numbers of R survey's rake() example).
pop_stype <- as.data.frame(table(stype = apipop$stype))
pop_schwide <- as.data.frame(table(sch.wide = apipop$sch.wide))
margins <- rbind(
  data.frame(variable = "stype", category = as.character(pop_stype$stype), total = pop_stype$Freq),
  data.frame(variable = "sch.wide", category = as.character(pop_schwide$sch.wide), total = pop_schwide$Freq)
)
write.csv(margins, file.path(data_dir, "api_margins.csv"), row.names = FALSE, quote = FALSE)
stopifnot(identical(as.integer(pop_stype$Freq), c(4421L, 755L, 1018L)),
          identical(as.integer(pop_schwide$Freq), c(1072L, 5122L)))

# Text columns as factors, as the command line treats them (categories sorted as text).
as_factors <- function(frame, columns) {
  for (column in columns) frame[[column]] <- factor(frame[[column]])
  frame
}
strat <- as_factors(strat, c("stype", "sch.wide", "awards", "awards_na"))
clus1 <- as_factors(clus1, c("stype", "sch.wide", "awards"))
clus2 <- as_factors(clus2, c("stype"))
srs <- as_factors(srs, c("stype", "sch.wide"))

# ---- Designs ---------------------------------------------------------------------------------
design_calls <- list(
  dsrs = quote(svydesign(ids = ~1, weights = ~pw, fpc = ~fpc, data = srs)),
  dstrat = quote(svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)),
  dstrat_fraction = quote(svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc_fraction,
                                    data = strat)),
  dclus1 = quote(svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1)),
  # First stage only: `buurtpeil stats` knows first-stage PSUs (--cluster) and their fpc, not the
  # second stage (R's full design is svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)).
  dclus2 = quote(svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc1, data = clus2))
)
designs <- lapply(design_calls, eval)
design_data <- list(dsrs = "srs", dstrat = "strat", dstrat_fraction = "strat", dclus1 = "clus1",
                    dclus2 = "clus2")

rake_control <- list(maxit = 100, epsilon = 1e-13, verbose = FALSE)
rake_calls <- list(
  # rake()'s default control (maxit = 10, epsilon = 1: stop when no cell moves by a whole unit)
  # leaves the weights about 1e-4 from the fixed point; the tighter control converges fully.
  dclus1_rake = quote(rake(dclus1, list(~stype, ~sch.wide),
                           list(data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)),
                                data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))),
                           control = list(maxit = 100, epsilon = 1e-13, verbose = FALSE))),
  dclus1_calibrate = quote(calibrate(dclus1, ~stype + sch.wide,
                                     population = c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018,
                                                    sch.wideYes = 5122),
                                     calfun = "raking", epsilon = 1e-13, maxit = 100))
)
dclus1 <- designs$dclus1
designs$dclus1_rake <- eval(rake_calls$dclus1_rake)
designs$dclus1_calibrate <- eval(rake_calls$dclus1_calibrate)
design_data$dclus1_rake <- "clus1"
design_data$dclus1_calibrate <- "clus1"
datasets <- list(srs = srs, strat = strat, clus1 = clus1, clus2 = clus2)

one_line <- function(call) paste(trimws(deparse(call, width.cutoff = 500L)), collapse = " ")

# ---- Cases -----------------------------------------------------------------------------------
# A case: the design, the values and `by` columns, mean or total, proportion or not, the level.
# rows(): one row per (group, value, category), in the command line's JSON fields.
rows <- function(design_name, values, by = character(0), statistic = "mean", proportion = FALSE,
                 level = 0.95, na.rm = FALSE) {
  design <- designs[[design_name]]
  frame <- datasets[[design_data[[design_name]]]]
  weights_now <- weights(design)
  fun <- if (statistic == "mean") quote(svymean) else quote(svytotal)
  result <- list()
  calls <- character(0)
  for (value in values) {
    column <- frame[[value]]
    formula <- as.formula(paste("~", value))
    if (length(by) == 0) {
      call <- if (na.rm) bquote(.(fun)(.(formula), .(as.name(design_name)), na.rm = TRUE))
              else bquote(.(fun)(.(formula), .(as.name(design_name))))
    } else {
      by_formula <- as.formula(paste("~", paste(by, collapse = " + ")))
      call <- if (na.rm) bquote(svyby(.(formula), .(by_formula), .(as.name(design_name)), .(fun), na.rm = TRUE))
              else bquote(svyby(.(formula), .(by_formula), .(as.name(design_name)), .(fun)))
    }
    calls <- c(calls, paste0("fit <- ", one_line(call), "; coef(fit); SE(fit); confint(fit, level = ", level, ")"))
    fit <- eval(call, envir = c(designs, list(svymean = svymean, svytotal = svytotal)))
    est <- coef(fit)
    se <- as.vector(as.matrix(SE(fit)))
    ci <- confint(fit, level = level)
    if (is.factor(column)) {
      stopifnot(proportion)
      categories <- levels(column)
    } else if (proportion) {
      stopifnot(all(column %in% c(0, 1, NA)))
      categories <- "1"
    } else {
      categories <- NA_character_
    }
    groups <- if (length(by) == 0) data.frame(row.names = 1) else fit[, by, drop = FALSE]
    n_groups <- nrow(groups)
    stopifnot(length(est) == n_groups * length(categories), length(se) == length(est),
              nrow(ci) == length(est))
    for (k in seq_along(categories)) {
      for (g in seq_len(n_groups)) {
        i <- (k - 1) * n_groups + g
        inside <- !is.na(column)
        by_object <- setNames(list(), character(0))
        for (b in by) {
          label <- as.character(groups[g, b])
          inside <- inside & as.character(frame[[b]]) == label
          by_object[[b]] <- label
        }
        stat <- if (proportion && statistic == "mean") "proportion" else statistic
        result[[length(result) + 1]] <- list(
          by = by_object, value = value,
          category = if (is.na(categories[k])) NULL else categories[k],
          statistic = stat, estimate = unname(est[i]), se = se[i],
          ci_low = unname(ci[i, 1]), ci_high = unname(ci[i, 2]),
          n = sum(inside), weight_sum = sum(weights_now[inside])
        )
      }
    }
  }
  list(r_calls = as.list(calls), rows = result)
}

cli_args <- function(file, values, by = character(0), statistic = "mean", proportion = FALSE,
                     level = 0.95, design = list(), rake = NULL) {
  args <- c(file)
  for (v in values) args <- c(args, "--value", v)
  if (statistic != "mean") args <- c(args, "--statistic", statistic)
  if (proportion) args <- c(args, "--proportion")
  for (role in names(design)) args <- c(args, paste0("--", role), design[[role]])
  for (b in by) args <- c(args, "--by", b)
  if (!is.null(rake)) args <- c(args, "--rake", rake)
  if (level != 0.95) args <- c(args, "--level", format(level))
  c(args, "--format", "json")
}

design_args <- list(
  dsrs = list(file = "api_srs.csv", roles = list(weight = "pw", fpc = "fpc")),
  dstrat = list(file = "api_strat.csv", roles = list(weight = "pw", strata = "stype", fpc = "fpc")),
  dstrat_fraction = list(file = "api_strat.csv",
                         roles = list(weight = "pw", strata = "stype", fpc = "fpc_fraction")),
  dclus1 = list(file = "api_clus1.csv", roles = list(weight = "pw", cluster = "dnum", fpc = "fpc")),
  dclus2 = list(file = "api_clus2.csv", roles = list(weight = "pw", cluster = "dnum", fpc = "fpc1"))
)

make_case <- function(name, design_name, values, by = character(0), statistic = "mean", proportion = FALSE,
                      level = 0.95, na.rm = FALSE, note = NULL, rake = FALSE) {
  base <- if (rake) "dclus1" else design_name
  spec <- design_args[[base]]
  args <- cli_args(spec$file, values, by, statistic, proportion, level, spec$roles,
                   if (rake) "api_margins.csv" else NULL)
  case <- list(name = name, args = args)
  if (!is.null(note)) case$note <- note
  if (rake) {
    case$design <- list(dclus1 = one_line(design_calls$dclus1))
    case$variants <- list()
    for (variant in c("rake", "calibrate")) {
      dn <- paste0("dclus1_", variant)
      case$variants[[variant]] <- c(list(design = one_line(rake_calls[[dn]])),
                                    rows(dn, values, by, statistic, proportion, level, na.rm))
    }
  } else {
    case$design <- setNames(list(one_line(design_calls[[design_name]])), design_name)
    case <- c(case, rows(design_name, values, by, statistic, proportion, level, na.rm))
  }
  case
}

provenance <- function(description) {
  list(
    tool = "R survey",
    r_version = R.version.string,
    survey_version = as.character(packageVersion("survey")),
    date = format(Sys.time(), "%Y-%m-%d", tz = "UTC"),
    script = "tests/analysis/golden/make_golden.R",
    data = "California Academic Performance Index data, data(api) of R survey (Thomas Lumley), see README.md",
    description = description,
    interval = "confint(): estimate -/+ qnorm((1 + level) / 2) * SE",
    n = "respondents with a value in the group; weight_sum: their weights(design), computed in the script"
  )
}

write_golden <- function(object, name) {
  text <- toJSON(object, auto_unbox = TRUE, null = "null", na = "null", digits = NA, pretty = TRUE)
  writeLines(text, file.path(golden_dir, name))
}

cases <- list(
  make_case("srs_mean", "dsrs", c("api00", "enroll")),
  make_case("srs_total", "dsrs", c("enroll"), statistic = "total"),
  make_case("strat_mean", "dstrat", c("api00", "enroll")),
  make_case("strat_total", "dstrat", c("enroll"), statistic = "total"),
  make_case("strat_fpc_fraction", "dstrat_fraction", c("api00"), by = "sch.wide",
            note = "fpc given as the sampling fraction n_h / N_h instead of the population size"),
  make_case("strat_by_stratum", "dstrat", c("api00"), by = "stype",
            note = "domains are the strata themselves"),
  make_case("strat_by_sch_wide", "dstrat", c("api00"), by = "sch.wide"),
  make_case("clus1_mean", "dclus1", c("api00", "api99")),
  make_case("clus1_total", "dclus1", c("enroll"), statistic = "total"),
  make_case("clus1_by_stype", "dclus1", c("api00"), by = "stype"),
  make_case("clus1_total_by_stype", "dclus1", c("enroll"), by = "stype", statistic = "total"),
  make_case("clus1_by_stype_sch_wide", "dclus1", c("api00"), by = c("stype", "sch.wide"),
            note = "two crossed by columns; svyby leaves out combinations without respondents"),
  make_case("clus1_total_by_stype_sch_wide", "dclus1", c("enroll"), by = c("stype", "sch.wide"),
            statistic = "total"),
  make_case("clus2_first_stage", "dclus2", c("api00"),
            note = "first-stage PSUs only (ids = ~dnum, fpc = ~fpc1): the command line has no second stage"),
  make_case("clus2_first_stage_missing", "dclus2", c("enroll"), na.rm = TRUE,
            note = "enroll has 6 missing values in apiclus2 itself"),
  make_case("clus2_first_stage_total_missing", "dclus2", c("enroll"), statistic = "total", na.rm = TRUE),
  make_case("clus1_proportion_factor", "dclus1", c("stype"), proportion = TRUE),
  make_case("clus1_proportion_01", "dclus1", c("ell0"), proportion = TRUE,
            note = "a 0/1 column: only the share of 1s"),
  make_case("clus1_proportion_01_by_stype", "dclus1", c("ell0"), by = "stype", proportion = TRUE),
  make_case("strat_proportion_factor_by", "dstrat", c("awards"), by = "stype", proportion = TRUE),
  make_case("strat_proportion_certain_by", "dstrat", c("awards"), by = "sch.wide", proportion = TRUE,
            note = "no school without sch.wide has an award: shares of exactly 0 and 1 with SE 0"),
  make_case("clus1_category_totals", "dclus1", c("stype"), statistic = "total", proportion = TRUE,
            note = "--proportion with --statistic total: the estimated number per category (svytotal of a factor)"),
  make_case("strat_missing_mean", "dstrat", c("api00_na"), na.rm = TRUE,
            note = "api00 with every 7th row missing; na.rm = TRUE keeps the design (a domain)"),
  make_case("strat_missing_by", "dstrat", c("api00_na"), by = "sch.wide", na.rm = TRUE),
  make_case("strat_missing_total_by", "dstrat", c("api00_na"), by = "stype", statistic = "total",
            na.rm = TRUE),
  make_case("clus1_missing_by", "dclus1", c("api00_na"), by = "stype", na.rm = TRUE),
  make_case("strat_missing_proportion_factor", "dstrat", c("awards_na"), proportion = TRUE, na.rm = TRUE,
            note = "awards with every 7th row missing"),
  make_case("strat_missing_proportion_factor_by", "dstrat", c("awards_na"), by = "stype", proportion = TRUE,
            na.rm = TRUE),
  make_case("clus1_level_90", "dclus1", c("api00"), level = 0.90),
  make_case("clus1_by_stype_level_90", "dclus1", c("api00"), by = "stype", level = 0.90),
  make_case("srs_level_90", "dsrs", c("api00"), level = 0.90)
)

write_golden(list(
  provenance = provenance(paste(
    "Estimates for `buurtpeil stats`: each case gives the command line arguments (a .csv argument",
    "is a file in tests/analysis/data), the R design, the R calls and R's results as rows of the",
    "command line's JSON output.")),
  cases = cases
), "r_survey_api.json")

rake_cases <- list(
  make_case("rake_mean", "dclus1", c("api00", "api99"), rake = TRUE),
  make_case("rake_total", "dclus1", c("enroll"), statistic = "total", rake = TRUE),
  make_case("rake_by_raking_variable", "dclus1", c("api00"), by = "stype", rake = TRUE),
  make_case("rake_by_other_variable", "dclus1", c("api00"), by = "awards", rake = TRUE),
  make_case("rake_proportion", "dclus1", c("ell0", "awards"), proportion = TRUE, rake = TRUE),
  make_case("rake_missing", "dclus1", c("api00_na"), na.rm = TRUE, rake = TRUE),
  make_case("rake_missing_by", "dclus1", c("api00_na"), by = "sch.wide", na.rm = TRUE, rake = TRUE)
)
raked_weights <- list(
  rake = unname(weights(designs$dclus1_rake)),
  calibrate = unname(weights(designs$dclus1_calibrate))
)
write_golden(list(
  provenance = c(provenance(paste(
    "apiclus1 (one-stage cluster sample of districts) raked to the population counts of stype and",
    "sch.wide in apipop, as in R survey's rake() example. Two references: 'rake' (rake(): standard",
    "errors from ten rounds of iterated post-stratification residuals) and 'calibrate'",
    "(calibrate(calfun = 'raking'): residuals of the regression on all margin dummies at once).",
    "The weights are the same fixed point; the standard errors differ slightly.")),
    list(max_relative_difference_rake_calibrate_weights =
           max(abs(raked_weights$rake / raked_weights$calibrate - 1)))),
  margins_file = "api_margins.csv",
  data_file = "api_clus1.csv",
  design = one_line(design_calls$dclus1),
  raking = lapply(rake_calls, one_line),
  weights = list(
    r_call = "weights(dclus1_rake), weights(dclus1_calibrate), in the rows' order of api_clus1.csv",
    rake = raked_weights$rake,
    calibrate = raked_weights$calibrate
  ),
  cases = rake_cases
), "r_survey_rake.json")

# ---- svyciprop: interval functions ------------------------------------------------------------
ciprop <- function(formula_text, design_name, method, level) {
  design <- designs[[design_name]]
  formula <- as.formula(formula_text)
  call <- bquote(svyciprop(.(formula), .(as.name(design_name)), method = .(method), level = .(level)))
  ci <- eval(call, envir = designs)
  mean_call <- bquote(svymean(.(formula), .(as.name(design_name))))
  m <- eval(mean_call, envir = designs)
  list(
    r_call = one_line(call),
    proportion = unname(coef(m)[1]), se = unname(SE(m)[1]),
    n = nrow(design), df = degf(design), level = level,
    inputs_from = paste(one_line(mean_call), "(proportion, se); nrow(design) (n); degf(design) (df)"),
    ci_low = unname(attr(ci, "ci")[1]), ci_high = unname(attr(ci, "ci")[2])
  )
}
intervals <- list()
for (method in c("beta", "logit")) {
  for (spec in list(c("~ell0", "dclus1"), c("~as.numeric(stype == \"H\")", "dclus1"), c("~as.numeric(sch.wide == \"No\")", "dstrat"))) {
    for (level in c(0.95, 0.90)) {
      intervals[[length(intervals) + 1]] <- c(list(method = method), ciprop(spec[1], spec[2], method, level))
    }
  }
}
write_golden(list(
  provenance = c(provenance(paste(
    "Confidence intervals for a proportion by svyciprop(): method 'beta' is Korn and Graubard's",
    "Clopper-Pearson interval on the effective sample size (with the df adjustment: n_eff times",
    "(qt(alpha/2, n - 1) / qt(alpha/2, df))^2); 'logit' is the Wald interval of an intercept-only",
    "quasibinomial svyglm on the logit scale with Student's t on df = degf(design), transformed back.",
    "Inputs for a functions-level test: proportion, se, n, df, level.")),
    list(designs = lapply(design_calls[c("dclus1", "dstrat")], one_line))),
  intervals = intervals
), "r_survey_svyciprop.json")

cat("golden files written to", golden_dir, "\n")
