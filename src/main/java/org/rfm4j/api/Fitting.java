// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.MemoryNeeds;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.tree.RfmTreeTrainer;
import org.rfm4j.tree.TreeFit;
import org.rfm4j.tree.TreeListener;

/**
 * The part of fitting that regression and classification share: validation of the data, the choice
 * of solver (direct or tree), the fit, the report.
 */
final class Fitting {
    private Fitting() {
    }

    record Outcome(FittedRfm fitted, FitReport report) {
    }

    /**
     * Validates the data, then fits on {@code be}; xv and yv may be null (no validation set). The
     * listener gets the iterations of a direct fit and, when it is also a {@link TreeListener}, the
     * progress of a tree fit.
     */
    static Outcome run(ComputeBackend be, RfmParams params, String task, Matrix x, Matrix y, Matrix xv, Matrix yv,
                       List<String> metrics, FitListener listener) {
        if (be == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the backend is null: open one with Backends.open(\"auto\")");
        }
        DataChecks.requireFinite(x, "X");
        DataChecks.requireFinite(y, "y");
        DataChecks.requireSameRows(x.rows(), "X", y.rows(), "y");
        if (xv != null) {
            if (xv.cols() != x.cols()) {
                throw new RfmException(ErrorCode.INVALID_DATA, "validation X has " + xv.cols()
                        + " columns per row but the training X has " + x.cols());
            }
            DataChecks.requireFinite(xv, "validation X");
            DataChecks.requireFinite(yv, "validation y");
            DataChecks.requireSameRows(xv.rows(), "validation X", yv.rows(), "validation y");
        }
        String tuning = params.tuningMetric() != null ? params.tuningMetric() : metrics.get(0);
        MetricScorer scorer = xv == null ? null : new MetricScorer(metrics, tuning, yv);
        String why = solverReason(be, params, x.rows(), x.cols(), y.cols());
        if (why.startsWith("tree")) {
            return tree(be, params, task, x, y, xv, yv, scorer, why, listener);
        }
        if (params.solver().equals("auto") && listener != null) {
            listener.note("solver: " + why);
        }
        RfmTrainer.Result r = new RfmTrainer(be, params.trainerSettings(), listener).fit(x, y, xv, scorer);
        int d = x.cols();
        int[] top = RfmModel.topFeatures(r.solution().m(), d, r.solution().diagonal());
        List<String> notes = new ArrayList<>(r.notes());
        if (params.solver().equals("auto")) {
            notes.add(0, "solver: " + why);
        }
        FitReport report = new FitReport(be.name(), be.description(), params.precision().toString(), x.rows(), d,
                y.cols(), task, r.iterations(), r.bestIteration(), List.copyOf(notes), top, r.seconds(), Map.of(),
                params.solver().equals("eigenpro") ? "eigenpro" : "direct", null);
        return new Outcome(new SingleRfm(r.solution(), copy(x)), report);
    }

    /** "direct ..." or "tree ...", and why: the parameter, or (auto) whether the n x n matrix fits. */
    static String solverReason(ComputeBackend be, RfmParams params, int n, int d, int c) {
        switch (params.solver()) {
            case "direct":
                return "direct (asked for)";
            case "tree":
                return "tree (asked for)";
            case "eigenpro":
                return "eigenpro (asked for)";
            default:
                MemoryInfo mem = be.memory();
                long need = MemoryNeeds.directFitBytes(n, d, c, params.precision());
                String sizes = "a direct fit of " + n + " rows needs " + MemoryInfo.gib(need) + ", the " + be.name()
                        + " backend has " + MemoryInfo.gib(mem.freeBytes()) + " free";
                return MemoryNeeds.directFits(n, d, c, params.precision(), mem) ? "direct (" + sizes + ")"
                        : "tree (" + sizes + ")";
        }
    }

    private static Outcome tree(ComputeBackend be, RfmParams params, String task, Matrix x, Matrix y, Matrix xv,
                                Matrix yv, MetricScorer scorer, String why, FitListener listener) {
        TreeListener tl = listener instanceof TreeListener ? (TreeListener) listener : TreeListener.NONE;
        synchronized (tl) {
            tl.note("solver: " + why);
        }
        TreeFit f = new RfmTreeTrainer(be, params.trainerSettings(), params.tree(), tl).fit(x, y, xv, yv, scorer);
        FitReport report = TreeModels.report(params, f, task, x.rows(), be.name(), be.description(), why);
        return new Outcome(f.tree(), report);
    }

    /** The features of a data set passed to fit, which must not be null. */
    static Matrix features(Dataset data, String what) {
        if (data == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the " + what + " is null: pass a Dataset (CsvReader reads one)");
        }
        return data.features();
    }

    /** The model keeps its own copy of the training points. */
    static Matrix copy(Matrix x) {
        return new Matrix(x.data().clone(), x.rows(), x.cols());
    }
}
