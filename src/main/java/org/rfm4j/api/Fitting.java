package org.rfm4j.api;

import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;

/** The part of fitting that regression and classification share: validation, trainer, report. */
final class Fitting {
    private Fitting() {
    }

    record Outcome(RfmTrainer.Result result, FitReport report) {
    }

    /** Validates the data, then runs the RFM loop on {@code be}; xv and yv may be null (no validation set). */
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
        int c = y.cols();
        MetricScorer scorer = xv == null ? null : new MetricScorer(metrics, tuning, yv);
        RfmTrainer.Result r = new RfmTrainer(be, params.trainerSettings(), listener).fit(x, y, xv, scorer);
        int d = x.cols();
        int[] top = RfmModel.topFeatures(r.solution().m(), d, r.solution().diagonal());
        FitReport report = new FitReport(be.name(), be.description(), params.precision().toString(), x.rows(), d, c,
                task, r.iterations(), r.bestIteration(), r.notes(), top, r.seconds(), Map.of());
        return new Outcome(r, report);
    }
}
