package org.rfm4j.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.tree.RfmTree;

/**
 * A fitted RFM: one kernel machine (the training points, the learned feature matrix M and S =
 * M^(1/2), the coefficients) or an RFM tree of them ({@link #fitted()}), and the fit's report.
 * Immutable. Prediction runs on a backend the caller passes, or on "auto" for the call;
 * {@link #predictor} keeps the training points on a backend for many calls.
 */
public abstract class RfmModel {
    final RfmParams params;
    final FittedRfm fitted;
    final FitReport report;

    RfmModel(RfmParams params, FittedRfm fitted, FitReport report) {
        this.params = params;
        this.fitted = fitted;
        this.report = report;
    }

    public RfmParams params() {
        return params;
    }

    public FitReport report() {
        return report;
    }

    /** What was fitted: an {@link org.rfm4j.algo.SingleRfm} or an {@link org.rfm4j.tree.RfmTree}. */
    public FittedRfm fitted() {
        return fitted;
    }

    /** Number of input features d. */
    public int inputDimension() {
        return fitted.d();
    }

    /** Number of raw output columns c. */
    public int outputColumns() {
        return fitted.c();
    }

    /** Number of training rows n (the kernel centres the model keeps). */
    public int trainingRows() {
        return fitted.trainingRows();
    }

    /**
     * The learned feature matrix M: d x d row-major, or its diagonal (length d) in diagonal mode; for a
     * tree, the leaves' M weighted by their training rows.
     */
    public double[] featureMatrix() {
        return fitted.featureMatrix();
    }

    public boolean diagonal() {
        return fitted.diagonal();
    }

    /** The kernel with the bandwidth the kept iteration used (a tree: its first leaf's). */
    public org.rfm4j.spi.Kernel kernel() {
        return fitted.kernel();
    }

    /** Feature indices ordered by the diagonal of M ({@link #featureMatrix()}), largest first. */
    public int[] topFeatures() {
        return topFeatures(fitted.featureMatrix(), fitted.d(), fitted.diagonal());
    }

    static int[] topFeatures(double[] m, int d, boolean diagonal) {
        double[] diag = new double[d];
        for (int a = 0; a < d; a++) {
            diag[a] = diagonal ? m[a] : m[a * d + a];
        }
        return IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer a) -> -diag[a]).thenComparingInt(a -> a))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * A predictor on {@code be} that keeps this model's training points there until closed: for many
     * prediction calls (each other call uploads and transforms them anew).
     */
    public RfmPredictor predictor(ComputeBackend be) {
        if (be == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the backend is null: open one with Backends.open(\"auto\")");
        }
        return new RfmPredictor(this, be);
    }

    /** Raw outputs f(x) (rows x c, row-major) computed on the given backend. */
    public double[] predictRaw(ComputeBackend be, Matrix x) {
        try (RfmPredictor p = predictor(be)) {
            return p.predictRaw(x);
        }
    }

    /** Raw outputs f(x), on the backend "auto" picks (opened and closed for this call). */
    public double[] predictRaw(Matrix x) {
        checkInput(x); // before a GPU context is opened for nothing
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return predictRaw(be, x);
        }
    }

    /** Raw outputs for rows given as double[][], on "auto". */
    public double[][] predictRaw(double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(predictRaw(q), q.rows(), fitted.c()).toRows();
    }

    /** The input has the training features, and finite values. */
    void checkInput(Matrix x) {
        if (x == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "X is null: give the rows to predict");
        }
        if (x.cols() != fitted.d()) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the model was fitted on " + fitted.d()
                    + " features but the input has " + x.cols() + ": give the same columns, in the same order, "
                    + "as in training");
        }
        DataChecks.requireFinite(x, "X");
    }

    @Override
    public String toString() {
        String what = fitted instanceof SingleRfm ? "iteration " + ((SingleRfm) fitted).solution().iteration()
                : "tree of " + ((RfmTree) fitted).leafCount() + " leaves";
        return getClass().getSimpleName() + "[n=" + fitted.trainingRows() + ", d=" + fitted.d() + ", c=" + fitted.c()
                + ", " + fitted.kernel() + ", " + what + ", top features "
                + Arrays.toString(Arrays.copyOf(topFeatures(), Math.min(5, fitted.d()))) + "]";
    }
}
