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

/** wall[i, j*c + k] = w[i, j] * alpha[i, k] (w n x b, alpha n x c, wall n x (b c)). */
template <class T>
cudaError_t expandWeights(const T* w, const T* alpha, int n, int b, int c, T* wall, cudaStream_t s);

/** grad[j*c + k, a] += coef[j, k] * z[j, a]  (grad (b c) x d, coef b x c, z b x d). */
template <class T>
cudaError_t addScaledPoints(T* grad, const T* coef, const T* z, int b, int c, int d, cudaStream_t s);

/**
 * Fused gradient for p != 2: grad[j*c + k, a] = sum_i w[i, j] alpha[i, k] psi(z[j, a] - u[i, a]),
 * psi(t) = |t|^(p-1) sign(t), psi(0) = 0.
 */
template <class T>
cudaError_t lpGradients(const T* w, const T* alpha, const T* u, const T* z, int n, int b, int c, int d, double p,
                        T* grad, cudaStream_t s);

/** g[0, a] += sum_r grad[r, a]^2 (grad rows x d). */
template <class T>
cudaError_t addColumnSquares(const T* grad, int rows, int d, T* g, cudaStream_t s);

/** jac[k, a] += sum_j grad[j*c + k, a] (grad (b c) x d, jac c x d). */
template <class T>
cudaError_t addJacobianSums(const T* grad, int b, int c, int d, T* jac, cudaStream_t s);

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

/** v[:, j] *= f(lambda_j) (column-major d x d) with f(l) = l^e for l > 0, 0 where l <= 0 or NaN. */
cudaError_t scaleEigenvectors(double* v, const double* lambda, int d, double exponent, cudaStream_t s);

/** a = (a + a^T) / 2 in place (d x d), as the CPU backend does before its eigendecomposition. */
cudaError_t symmetrize(double* a, int d, cudaStream_t s);

}  // namespace kernels
}  // namespace rfm4j
