// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Host-side launchers of rfm4j's custom CUDA kernels. Each enqueues on the given stream and
// returns the launch status (cudaGetLastError); errors during execution surface at the engine's
// stream synchronisation. All matrices are row-major; T is float or double.
#pragma once
#include <cuda_runtime_api.h>

#include <cstddef>

namespace rfm4j {
namespace kernels {

/** What an epilogue writes for a pair at distance r (p-norm), with s = r^p. */
enum class Epilogue : int {
    Distance = 0,  // r
    Kernel = 1,    // k = exp(-s^(q/p) / scale)
};

/** Kernel-function parameters: k(r) = exp(-r^q / scale), r the p-norm distance. */
struct KernelParams {
    double p;
    double q;
    double scale;
};

/** out[i] = sum_j a[i, j]^2 (rows x cols). */
template <class T>
cudaError_t rowSquaredNorms(const T* a, int rows, int cols, T* out, cudaStream_t s);

/**
 * l2 epilogue, in place on out (m x n) holding the cross term a_i . b_j: r^2 = na_i + nb_j - 2 out,
 * clamped at 0, set to exactly 0 where j == i + diagOffset (the same point; diagOffset < 0: none),
 * then out = r or k(r).
 */
template <class T>
cudaError_t l2Epilogue(T* out, const T* na, const T* nb, int m, int n, long long diagOffset, Epilogue what,
                       KernelParams kp, cudaStream_t s);

/** Fused tiled kernel for any p: out[i, j] = r or k(r) with r = ||a_i - b_j||_p (a m x d, b n x d). */
template <class T>
cudaError_t lpPairwise(const T* a, const T* b, int m, int n, int d, Epilogue what, KernelParams kp, T* out,
                       cudaStream_t s);

/**
 * AGOP derivative weights, in place on r (n x b, r[i, j] = distance of train point i to batch
 * point j): w = -(q/scale) k(r) r^(q-p), and 0 where r < 1e-10 or zIndex[j] == i (zIndex may be null:
 * the batch's slice of the caller's index array).
 */
template <class T>
cudaError_t derivativeWeights(T* r, int n, int b, const int* zIndex, KernelParams kp, cudaStream_t s);

/** wall[i, k*b + j] = w[i, j] * alpha[i, k] (w n x b, alpha n x c, wall n x (c b)). */
template <class T>
cudaError_t expandWeights(const T* w, const T* alpha, int n, int b, int c, T* wall, cudaStream_t s);

/** grad[k*b + j, a] += coef[j, k] * z[j, a]  (grad (c b) x d, coef b x c, z b x d). */
template <class T>
cudaError_t addScaledPoints(T* grad, const T* coef, const T* z, int b, int c, int d, cudaStream_t s);

/**
 * Factors of the Lp gradient (p != 2): psi[i, j*d + a] = w[i, j] |z[j, a] - u[i, a]|^(p-1) sign(.)
 * (0 at a zero difference), psi n x (b d). The gradients are then one GEMM: grad (c x (b d), which is
 * (c b) x d) = alpha^T psi.
 */
template <class T>
cudaError_t lpFactors(const T* w, const T* u, const T* z, int n, int b, int d, double p, T* psi, cudaStream_t s);

/** The most row chunks addColumnSums splits a column into (its partial scratch holds sets x chunks x cols);
 *  org.rfm4j.cuda.MemoryPlanner.COLUMN_SUM_CHUNKS holds the same number. */
constexpr int kMaxColumnSumChunks = 64;

/** Row chunks addColumnSums uses for `rows` rows (at most kMaxColumnSumChunks). */
int columnSumChunks(int rows);

/**
 * out[s, a] += sum_r f(in[s, r, a]) for `sets` stacked rows x cols row-major matrices, f(v) = v^2
 * when square, else v. Two passes through partial (sets x columnSumChunks(rows) x cols), so the sum's
 * order is fixed: the same inputs give the same bits.
 */
template <class T>
cudaError_t addColumnSums(const T* in, int sets, int rows, int cols, bool square, T* partial, T* out,
                          cudaStream_t s);

/** g[r, c] += lower[max(r,c) + min(r,c) * d]: adds a SYRK result (lower triangle, column-major). */
template <class T>
cudaError_t addSymmetricFromLower(const T* lower, int d, T* g, cudaStream_t s);

/** k[i, i] += value for i < min(rows, cols). */
template <class T>
cudaError_t addDiagonal(T* k, int rows, int cols, double value, cudaStream_t s);

/** out[i, j] = a[i, j] * scale[j]. */
template <class T>
cudaError_t scaleColumns(const T* a, const T* scale, int rows, int cols, T* out, cudaStream_t s);

/** out[i] = sum_j |k[i, j]|. */
template <class T>
cudaError_t absRowSums(const T* k, int rows, int cols, T* out, cudaStream_t s);

/** dst row i = src row index[i]; indices already checked in range. */
template <class T>
cudaError_t gatherRows(const T* src, const int* index, int count, int cols, T* dst, cudaStream_t s);

/** out (cols x rows) = in (rows x cols) transposed. */
template <class T>
cudaError_t transpose(const T* in, int rows, int cols, T* out, cudaStream_t s);

/** Element-wise precision conversion. */
template <class From, class To>
cudaError_t convert(const From* in, size_t count, To* out, cudaStream_t s);

/**
 * v[:, j] *= f(lambda_j) (column-major d x d), lambda ascending (as syevd returns it):
 * f(l) = l^e where l > d eps lambda_max, else 0 (so round-off eigenvalues of a rank-deficient matrix
 * never become ~1e-8 after a square root, and NaN gives 0).
 */
cudaError_t scaleEigenvectors(double* v, const double* lambda, int d, double exponent, cudaStream_t s);

/** a = (a + a^T) / 2 in place (d x d), as the CPU backend does before its eigendecomposition. */
cudaError_t symmetrize(double* a, int d, cudaStream_t s);

// ---- ConvRFM's convolutional NTK (conv_ntk.cu); float64, values position-major: v[p * width + w] ----

/** out[p * count + i] = scale |x_i(p)|^2, x_i(p) = row i * positions + p of x (count * positions x dim). */
cudaError_t convSquaredNorms(const double* x, int count, int positions, int dim, double scale, double* out,
                             cudaStream_t s);

/** out (grid (rows - q + 1) x (cols - q + 1)) = the q x q window sums of in (grid rows x cols), per column w < width. */
cudaError_t convWindowSum(const double* in, int rows, int cols, int q, size_t width, double* out, cudaStream_t s);

/**
 * One sqrt2-ReLU layer over positions x (rows x nb) pairs (a's images i0 .. i0 + rows - 1 against b's nb):
 * s (the covariances) becomes S', tOut = S' + Sdot tIn (tIn null: tIn = s, layer 1; tIn may be tOut).
 * varA: a's variances, positions x na; varB: b's, positions x nb.
 */
cudaError_t convLayer(double* sv, const double* tIn, double* tOut, const double* varA, int na, int i0, int rows,
                      const double* varB, int nb, int positions, cudaStream_t s);

/** out[w] = mean over the positions of t[p * pairs + w]. */
cudaError_t convMean(const double* t, int positions, size_t pairs, double* out, cudaStream_t s);

}  // namespace kernels
}  // namespace rfm4j
