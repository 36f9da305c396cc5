package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.ValidationScorer;
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
        ValidationScorer scorer = new ValidationScorer() {
            @Override
            public Map<String, Double> score(double[] predictions, int rows) {
                Map<String, Double> out = new LinkedHashMap<>();
                for (String m : metrics) {
                    out.put(m, Metrics.compute(m, predictions, yv.data(), rows, c));
                }
                if (!out.containsKey(tuning)) {
                    out.put(tuning, Metrics.compute(tuning, predictions, yv.data(), rows, c));
                }
                return out;
            }

            @Override
            public String tuningMetric() {
                return tuning;
            }

            @Override
            public boolean higherIsBetter() {
                return Metrics.higherIsBetter(tuning);
            }
        };
        RfmTrainer.Result r = new RfmTrainer(be, params.trainerSettings(), listener).fit(x, y, xv,
                xv == null ? null : scorer);
        int d = x.cols();
        int[] top = RfmModel.topFeatures(r.solution().m(), d, r.solution().diagonal());
        FitReport report = new FitReport(be.name(), be.description(), params.precision().toString(), x.rows(), d, c,
                task, r.iterations(), r.bestIteration(), r.notes(), top, r.seconds(), Map.of());
        return new Outcome(r, report);
    }
}
