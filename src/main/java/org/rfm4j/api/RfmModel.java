package org.rfm4j.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * A fitted RFM: the training points, the learned feature matrix M (and S = M^(1/2)), the kernel
 * coefficients, and the fit's report. Immutable; prediction opens the backend named by the
 * parameters ("auto" by default), or one the caller passes.
 */
public abstract class RfmModel {
    final RfmParams params;
    final RfmSolution solution;
    final double[] xTrain;
    final int nTrain;
    final FitReport report;

    RfmModel(RfmParams params, RfmSolution solution, double[] xTrain, int nTrain, FitReport report) {
        this.params = params;
        this.solution = solution;
        this.xTrain = xTrain;
        this.nTrain = nTrain;
        this.report = report;
    }

    public RfmParams params() {
        return params;
    }

    public FitReport report() {
        return report;
    }

    /** Number of input features d. */
    public int inputDimension() {
        return solution.d();
    }

    /** Number of raw output columns c. */
    public int outputColumns() {
        return solution.c();
    }

    public int trainingRows() {
        return nTrain;
    }

    /** The learned feature matrix M: d x d row-major, or its diagonal (length d) in diagonal mode. */
    public double[] featureMatrix() {
        return solution.m().clone();
    }

    public boolean diagonal() {
        return solution.diagonal();
    }

    /** The kernel with the bandwidth the kept iteration used. */
    public org.rfm4j.spi.Kernel kernel() {
        return solution.kernel();
    }

    /** Feature indices ordered by the diagonal of M, largest first. */
    public int[] topFeatures() {
        return topFeatures(solution.m(), solution.d(), solution.diagonal());
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

    /** Raw outputs f(x) (m x c, row-major) for m query rows of d features, on the parameters' backend. */
    public double[] predictRaw(double[] x, int m) {
        try (ComputeBackend be = Backends.open(params.backend())) {
            return predictRaw(x, m, be);
        }
    }

    /** Raw outputs f(x) (m x c) computed on the given backend. */
    public double[] predictRaw(double[] x, int m, ComputeBackend be) {
        int d = solution.d();
        if (x != null && m > 0 && x.length % m == 0 && x.length / m != d) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the model was fitted on " + d + " features but the input has "
                    + (x.length / m) + ": give the same columns, in the same order, as in training");
        }
        Inputs.matrix(x, m, d, "X");
        Precision pr = params.precision();
        try (DeviceMatrix xs = be.upload(xTrain, nTrain, d, pr);
             DeviceMatrix qs = be.upload(x, m, d, pr);
             DeviceMatrix u = be.zeros(nTrain, d, pr);
             DeviceMatrix uq = be.zeros(m, d, pr);
             DeviceMatrix alpha = be.upload(solution.alpha(), nTrain, solution.c(), pr);
             DeviceMatrix out = be.zeros(m, solution.c(), pr)) {
            transform(be, xs, u);
            transform(be, qs, uq);
            be.predict(solution.kernel(), u, alpha, uq, out);
            return be.download(out);
        }
    }

    private void transform(ComputeBackend be, DeviceMatrix x, DeviceMatrix out) {
        if (solution.diagonal()) {
            be.scaleColumns(x, solution.s(), out);
        } else {
            try (DeviceMatrix s = be.upload(solution.s(), solution.d(), solution.d(), x.precision())) {
                be.gemm(false, false, 1, x, s, 0, out);
            }
        }
    }

    /** Raw outputs for rows given as double[][]. */
    public double[][] predictRaw(double[][] x) {
        double[] flat = Inputs.flatten(x, "X");
        return Inputs.unflatten(predictRaw(flat, x.length), x.length, solution.c());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[n=" + nTrain + ", d=" + solution.d() + ", c=" + solution.c() + ", "
                + solution.kernel() + ", iteration " + solution.iteration() + ", top features "
                + Arrays.toString(Arrays.copyOf(topFeatures(), Math.min(5, solution.d()))) + "]";
    }
}
