package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.ValidationScorer;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** The part of fitting that regression and classification share: validation, backend, trainer, report. */
final class Fitting {
    private Fitting() {
    }

    record Outcome(RfmTrainer.Result result, FitReport report) {
    }

    static Outcome run(RfmParams params, String task, double[] x, int n, int d, double[] y, int c,
                       double[] xv, int nv, double[] yv, List<String> metrics, FitListener listener) {
        Inputs.matrix(x, n, d, "X");
        Inputs.matrix(y, n, c, "y");
        if (nv > 0) {
            if (xv.length != (long) nv * d) {
                throw new org.rfm4j.RfmException(org.rfm4j.ErrorCode.INVALID_DATA, "validation X has "
                        + (xv.length / Math.max(1, nv)) + " columns per row but the training X has " + d);
            }
            Inputs.matrix(xv, nv, d, "validation X");
            Inputs.matrix(yv, nv, c, "validation y");
        }
        String tuning = params.tuningMetric() != null ? params.tuningMetric() : metrics.get(0);
        ValidationScorer scorer = new ValidationScorer() {
            @Override
            public Map<String, Double> score(double[] predictions, int rows) {
                Map<String, Double> out = new LinkedHashMap<>();
                for (String m : metrics) {
                    out.put(m, Metrics.compute(m, predictions, yv, rows, c));
                }
                if (!out.containsKey(tuning)) {
                    out.put(tuning, Metrics.compute(tuning, predictions, yv, rows, c));
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
        try (ComputeBackend be = Backends.open(params.backend())) {
            RfmTrainer.Result r = new RfmTrainer(be, params, listener).fit(x, n, d, y, c, xv, nv, scorer);
            int[] top = RfmModel.topFeatures(r.solution().m(), d, r.solution().diagonal());
            FitReport report = new FitReport(be.name(), be.description(), params.precision().toString(), n, d, c, task,
                    r.iterations(), r.bestIteration(), r.notes(), top, r.seconds(), Map.of());
            return new Outcome(r, report);
        }
    }
}
