// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

/**
 * The compute SPI: coarse operations on {@link DeviceMatrix} handles. Each call does O(n^2) work
 * or more, so crossing into native code costs nothing that matters. Algorithms speak only to
 * this interface; a backend validates its operands before it computes and throws
 * {@link org.rfm4j.RfmException} (never crashes) on failure.
 *
 * <p>The operand rules, the same for every backend ({@link OperandChecks}; held to by the backend
 * contract suite): all matrices passed to one call come from this backend instance, are open, and
 * share one precision; shapes are as each method says; an output is never one of the inputs (except
 * where a method works in place, and scaleColumns, which may write over its input); scalars are
 * finite; nothing is called after {@link #close}. A call that breaks a rule throws
 * {@code RfmException} with code {@code INVALID_ARGUMENT} and computes nothing. Matrices are row-major. Arithmetic is in the matrices' precision, except where a method says
 * otherwise.
 *
 * <p>Threads: a backend may be shared by threads (fits and predictions from 8 threads on one backend
 * give what they give one after another: ConcurrentUseTest). The CPU backend's calls run side by side
 * on its thread pool; the CUDA backend's take turns on its stream under the backend's lock. A matrix
 * belongs to the thread that made it until it is closed. A new backend must do the same.
 */
public interface ComputeBackend extends AutoCloseable {

    /** The provider's name ({@link BackendProvider#name()}). */
    String name();

    /** One line for humans: device model, threads, library versions. */
    String description();

    /**
     * Whether this backend's matrices live in host memory, so a download costs a copy and no transfer
     * (a CPU backend), rather than in an accelerator's memory. Algorithms that can also compute on the
     * host ask this instead of a name.
     */
    boolean hostMemory();

    /** Memory this backend can still allocate, and its total. */
    MemoryInfo memory();

    // ---- storage -------------------------------------------------------------------------

    /** Copies a host row-major array (length rows*cols) to a new matrix, rounding to the precision. */
    DeviceMatrix upload(double[] rowMajor, int rows, int cols, Precision precision);

    /** A new matrix of zeros; throws OUT_OF_MEMORY naming the size and the limit when it cannot fit. */
    DeviceMatrix zeros(int rows, int cols, Precision precision);

    /** Copies a matrix to a new host row-major array. */
    double[] download(DeviceMatrix m);

    /** Copies rows {@code rowIndex[i]} of {@code src} into a new matrix (a subsample). */
    DeviceMatrix gatherRows(DeviceMatrix src, int[] rowIndex);

    // ---- dense algebra -------------------------------------------------------------------

    /** C = alpha op(A) op(B) + beta C, op = transpose when the flag is set. */
    void gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
              double beta, DeviceMatrix c);

    /** out[i, j] = a[i, j] * s[j]: the diagonal-metric transform U = X diag(s). */
    void scaleColumns(DeviceMatrix a, double[] s, DeviceMatrix out);

    /** K[i, i] += value for i &lt; min(rows, cols). */
    void addDiagonal(DeviceMatrix k, double value);

    /** max over rows of sum_j |K[i, j]| (for the Cholesky jitter). */
    double maxAbsRowSum(DeviceMatrix k);

    /**
     * Cholesky factorisation in place: K = L L^T, L in the lower triangle (the strict upper
     * triangle is left undefined). Returns 0 on success, or the order i &gt; 0 of the leading minor
     * that is not positive definite (LAPACK's info); then K's content is undefined. Reads only
     * the lower triangle of K.
     */
    int choleskyFactor(DeviceMatrix k);

    /** Solves L L^T X = B in place of B (n x c), given the factor from {@link #choleskyFactor}. */
    void choleskySolve(DeviceMatrix factor, DeviceMatrix b);

    /**
     * PSD matrix power: V diag(max(lambda, 0)^exponent) V^T for symmetric {@code sym} (d x d),
     * by symmetric eigendecomposition in float64 whatever the precision. Returns a new matrix.
     */
    DeviceMatrix psdPower(DeviceMatrix sym, double exponent);

    // ---- kernel machine operations -------------------------------------------------------

    /** out[i, j] = ||a_i - b_j||_p (out is a.rows x b.rows). */
    void pairwiseDistances(double p, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out);

    /** out[i, j] = k(a_i, b_j) in the coordinates given (already transformed by S). */
    void kernelMatrix(Kernel kernel, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out);

    /**
     * The symmetric training kernel matrix K = k(a, a), of which at least the lower triangle
     * (j &lt;= i) is written; the strict upper triangle is undefined. This is all a Cholesky factor
     * reads, and a backend may skip half the work. The default computes the full matrix.
     */
    default void kernelMatrixLower(Kernel kernel, DeviceMatrix a, DeviceMatrix out) {
        kernelMatrix(kernel, a, a, out);
    }

    /**
     * out = K(q, u) alpha: predictions for the rows of {@code q} (m x d) from training points
     * {@code u} (n x d) and coefficients {@code alpha} (n x c); out is m x c. Batched internally
     * so the m x n kernel block never needs to exist whole.
     */
    void predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix q, DeviceMatrix out);

    /**
     * Adds one set of points' gradient outer products to the AGOP accumulators, in u coordinates.
     * For each row z_j of {@code z} (N x d) and each output c, the gradient of
     * f_c(z) = sum_i alpha[i, c] k(u_i, z) is
     * <pre>  g_jc = sum_i alpha[i, c] w(r_ij) psi(z_j - u_i),   psi(t)_a = |t_a|^(p-1) sign(t_a)</pre>
     * with w(r) as in {@link Kernel}; the pair (i, j) is skipped when
     * {@code zIndex != null && zIndex[j] == i} (the self pair, masked by index) or when r_ij &lt; 1e-10.
     * Then, full mode (g is d x d): G += sum_jc g_jc g_jc^T; diagonal mode (g is 1 x d):
     * G[0, a] += sum_jc g_jc[a]^2. {@code jacobianSum} (c x d, required) += sum_j g_jc, for centring.
     * Accumulators are added to, never cleared. Batched internally within the memory budget.
     */
    void agopAccumulate(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix z, int[] zIndex,
                        DeviceMatrix g, DeviceMatrix jacobianSum);

    // ---- the convolutional kernel (ConvRFM) ---------------------------------------------------

    /**
     * Whether this backend computes {@link #convNtkMatrix}. Where it does not (the CPU backend), the caller
     * computes the convolutional kernel on the host ({@code org.rfm4j.conv}, the reference). The default is false.
     */
    default boolean hasConvNtk() {
        return false;
    }

    /**
     * The convolutional neural tangent kernel of ConvRFM between two sets of patch-expanded images:
     * out[i, j] = k(a_i, b_j) for the kernel of {@code shape} ({@code org.rfm4j.conv.ConvNtk} defines it:
     * per-position products of the two images' patches, then the arc-cosine recursion over the layers' grids).
     * Image i of {@code a} is rows {@code i P .. i P + P - 1} (P = {@code shape.positions()}), one patch per
     * row, already transformed by the patch metric; {@code b} likewise, with as many columns. out is
     * (a.rows / P) x (b.rows / P). All three are FLOAT64 (the recursion's angles need it); {@code b} may be
     * {@code a} (the training kernel). Batched internally within the memory budget. Only backends whose
     * {@link #hasConvNtk()} is true implement it; the default refuses the call.
     */
    default void convNtkMatrix(ConvNtkShape shape, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        throw OperandChecks.invalid("convNtkMatrix: the " + name() + " backend does not compute the convolutional "
                + "kernel (hasConvNtk() is false): compute it on the host (org.rfm4j.conv)");
    }

    // ---- independent work --------------------------------------------------------------

    /**
     * Opens one unit of work (a whole fit, a prediction) that the calling thread is about to run on this
     * backend, of a size of about {@code flops} floating-point operations, so the backend can choose its
     * kernels once for the unit rather than per call. The trainer and the predictor pass the size of the
     * model's problem (its shape, not the iterations or the query count), so a model's fit and its
     * predictions round alike. The CPU backend runs units too small to repay the vector kernels' JIT
     * warm-up on its scalar kernels. Nested scopes keep the outer choice. The default changes nothing.
     */
    default WorkScope workScope(double flops) {
        return WorkScope.NONE;
    }

    /**
     * Runs this backend's kernels once on tiny inputs, so that a first real call soon after does not pay for
     * loading and compiling them (the CPU backend's code runs interpreted until the JIT compiles it, which
     * dominates a small fit in a fresh JVM). Meant for a background thread started early
     * ({@code api.Warmup}); uses one core at most and leaves no state that changes any result. The default
     * does nothing.
     */
    default void warmUp() {
    }

    /**
     * Runs independent tasks 0..tasks-1 that each use this backend (fits of separate models, each with
     * its own matrices), at most {@code maxConcurrent} at a time, as many together as the backend can
     * serve: a CPU backend shares its threads among them; the default runs them one after another on
     * the calling thread. A task's results must not depend on which of these it gets. The first failure
     * is rethrown after the started tasks end.
     */
    default void forEachConcurrently(int tasks, int maxConcurrent, java.util.function.IntConsumer task) {
        for (int i = 0; i < tasks; i++) {
            task.accept(i);
        }
    }

    /** Frees backend resources (thread pools, device context). Matrices must be closed first. */
    @Override
    void close();
}
