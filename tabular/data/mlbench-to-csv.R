# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0

# Converts the UCI data sets of Debian's r-cran-mlbench (.rda) to CSV for rfm4j's tabular benchmark.
# Run once by scripts/install-data.sh (Rscript tabular/data/mlbench-to-csv.R OUT_DIR); the outputs are
# checked against tabular/data/SHA256SUMS. Each CSV has a header, the features, then the column "target"
# (the class label as text, or the numeric target of a regression set). Encoding, the same for every set:
#   logical -> 0/1; a factor whose levels are all numbers -> that number; an ordered factor -> its
#   level index; an unordered factor with 2 levels -> 0/1 (NA -> 0.5); with more levels -> one-hot
#   columns, NA a level of its own; then rows with any remaining NA are dropped.
# BostonHousing is left out on purpose (its column "b" is derived from the share of Black residents).
suppressMessages(library(mlbench))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "data/tabular/mlbench"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

sets <- list(
  Glass = "Type", Ionosphere = "Class", Sonar = "Class", Vehicle = "Class", Vowel = "Class",
  Zoo = "type", PimaIndiansDiabetes = "diabetes", BreastCancer = "Class", HouseVotes84 = "Class",
  Soybean = "Class", DNA = "Class", Satellite = "classes", LetterRecognition = "lettr",
  Shuttle = "Class", Servo = "Class", Ozone = "V4")
drop <- list(BreastCancer = "Id")

numeric_levels <- function(f) !any(is.na(suppressWarnings(as.numeric(levels(f)))))

encode <- function(col, name) {
  if (is.logical(col)) return(setNames(data.frame(as.numeric(col)), name))
  if (is.factor(col) && numeric_levels(col)) return(setNames(data.frame(as.numeric(as.character(col))), name))
  if (is.ordered(col)) return(setNames(data.frame(as.integer(col)), name))
  if (is.factor(col) && nlevels(col) == 2) {
    v <- as.numeric(col == levels(col)[2]); v[is.na(v)] <- 0.5
    return(setNames(data.frame(v), name))
  }
  if (is.factor(col)) {
    f <- addNA(col, ifany = TRUE)
    lv <- levels(f)
    m <- sapply(lv, function(l) if (is.na(l)) as.numeric(is.na(col)) else as.numeric(!is.na(col) & col == l))
    m <- matrix(m, nrow = length(col))
    colnames(m) <- paste0(name, ".", ifelse(is.na(lv), "NA", make.names(lv)))
    return(as.data.frame(m))
  }
  setNames(data.frame(as.numeric(col)), name)
}

for (nm in names(sets)) {
  e <- new.env(); data(list = nm, package = "mlbench", envir = e); df <- get(nm, envir = e)
  target <- sets[[nm]]
  features <- setdiff(names(df), c(target, drop[[nm]]))
  x <- do.call(cbind, lapply(features, function(f) encode(df[[f]], f)))
  y <- df[[target]]
  y <- if (is.factor(y)) as.character(y) else as.numeric(y)
  all <- cbind(x, target = y)
  all <- all[complete.cases(all), , drop = FALSE]
  write.csv(all, file.path(out, paste0(nm, ".csv")), row.names = FALSE)
  cat(sprintf("%s: %d rows, %d features\n", nm, nrow(all), ncol(all) - 1))
}
