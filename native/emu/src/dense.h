// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Column-major reference routines behind the emulated cuBLAS and cuSOLVER, with the BLAS/LAPACK
// meaning of every argument (operations, fill modes, leading dimensions). Plain loops: the emulated
// device proves layouts and error paths, never speed or the libraries' exact rounding.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace rfm4j {
namespace emu {
namespace dense {

/** Element (r, c) of a column-major matrix with leading dimension ld. */
template <class T>
inline T& at(T* a, int64_t ld, int64_t r, int64_t c) {
    return a[r + c * ld];
}
template <class T>
inline const T& at(const T* a, int64_t ld, int64_t r, int64_t c) {
    return a[r + c * ld];
}

/** C (m x n) = alpha op(A) op(B) + beta C; C is not read when beta == 0 (BLAS). */
template <class T>
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, T alpha, const T* a, int64_t lda, const T* b,
          int64_t ldb, T beta, T* c, int64_t ldc) {
    for (int64_t j = 0; j < n; ++j) {
        for (int64_t i = 0; i < m; ++i) {
            T acc = 0;
            for (int64_t l = 0; l < k; ++l) {
                const T x = transA ? at(a, lda, l, i) : at(a, lda, i, l);
                const T y = transB ? at(b, ldb, j, l) : at(b, ldb, l, j);
                acc += x * y;
            }
            T& out = at(c, ldc, i, j);
            out = (beta == T(0)) ? alpha * acc : alpha * acc + beta * out;
        }
    }
}

/** The `lower` (or upper) triangle of C (n x n) = alpha op(A) op(A)^T + beta C; the other is untouched. */
template <class T>
void syrk(bool lower, bool trans, int64_t n, int64_t k, T alpha, const T* a, int64_t lda, T beta, T* c, int64_t ldc) {
    for (int64_t j = 0; j < n; ++j) {
        const int64_t i0 = lower ? j : 0, i1 = lower ? n : j + 1;
        for (int64_t i = i0; i < i1; ++i) {
            T acc = 0;
            for (int64_t l = 0; l < k; ++l) {
                const T x = trans ? at(a, lda, l, i) : at(a, lda, i, l);
                const T y = trans ? at(a, lda, l, j) : at(a, lda, j, l);
                acc += x * y;
            }
            T& out = at(c, ldc, i, j);
            out = (beta == T(0)) ? alpha * acc : alpha * acc + beta * out;
        }
    }
}

/**
 * Cholesky in place on one triangle (LAPACK potrf): upper, A = U^T U; lower, A = L L^T. Returns
 * LAPACK's info: 0, or the order i of the first leading minor that is not positive definite.
 */
template <class T>
int64_t potrf(bool lower, int64_t n, T* a, int64_t lda) {
    // element (r, c) of the triangle's factor R with A = R^T R (upper) is at(r, c); for lower, the
    // transpose: at(c, r)
    auto r = [&](int64_t row, int64_t col) -> T& { return lower ? at(a, lda, col, row) : at(a, lda, row, col); };
    for (int64_t j = 0; j < n; ++j) {
        T s = r(j, j);
        for (int64_t k = 0; k < j; ++k) s -= r(k, j) * r(k, j);
        if (!(s > T(0))) return j + 1;
        const T d = std::sqrt(s);
        r(j, j) = d;
        for (int64_t i = j + 1; i < n; ++i) {
            T t = r(j, i);
            for (int64_t k = 0; k < j; ++k) t -= r(k, j) * r(k, i);
            r(j, i) = t / d;
        }
    }
    return 0;
}

/** Solves A X = B (B n x nrhs, in place) from potrf's factor in the same triangle. */
template <class T>
void potrs(bool lower, int64_t n, int64_t nrhs, const T* a, int64_t lda, T* b, int64_t ldb) {
    auto r = [&](int64_t row, int64_t col) -> T { return lower ? at(a, lda, col, row) : at(a, lda, row, col); };
    for (int64_t c = 0; c < nrhs; ++c) {
        T* x = b + c * ldb;
        for (int64_t i = 0; i < n; ++i) {  // R^T y = b
            T t = x[i];
            for (int64_t k = 0; k < i; ++k) t -= r(k, i) * x[k];
            x[i] = t / r(i, i);
        }
        for (int64_t i = n - 1; i >= 0; --i) {  // R x = y
            T t = x[i];
            for (int64_t k = i + 1; k < n; ++k) t -= r(i, k) * x[k];
            x[i] = t / r(i, i);
        }
    }
}

/**
 * Symmetric eigendecomposition (LAPACK syevd) of the matrix held in one triangle of A: eigenvalues
 * ascending in w; with vectors, A's columns become the orthonormal eigenvectors. Cyclic Jacobi.
 * Returns false when it does not converge (NaN or inf in A).
 */
inline bool syevd(bool vectors, bool lower, int64_t n, double* a, int64_t lda, double* w) {
    std::vector<double> s(static_cast<size_t>(n * n)), v(static_cast<size_t>(n * n), 0.0);
    for (int64_t j = 0; j < n; ++j) {
        for (int64_t i = 0; i < n; ++i) {
            const bool stored = lower ? i >= j : i <= j;
            s[i + j * n] = stored ? at(a, lda, i, j) : at(a, lda, j, i);
        }
        v[j + j * n] = 1.0;
    }
    for (double x : s) {
        if (!std::isfinite(x)) return false;
    }
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0, total = 0;
        for (int64_t j = 0; j < n; ++j) {
            for (int64_t i = 0; i < n; ++i) {
                total += s[i + j * n] * s[i + j * n];
                if (i != j) off += s[i + j * n] * s[i + j * n];
            }
        }
        if (off <= 1e-30 * total || off == 0) break;
        for (int64_t p = 0; p < n; ++p) {
            for (int64_t q = p + 1; q < n; ++q) {
                const double apq = s[p + q * n];
                if (apq == 0) continue;
                const double theta = (s[q + q * n] - s[p + p * n]) / (2 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), sn = t * c;
                for (int64_t k = 0; k < n; ++k) {  // columns p, q
                    const double skp = s[k + p * n], skq = s[k + q * n];
                    s[k + p * n] = c * skp - sn * skq;
                    s[k + q * n] = sn * skp + c * skq;
                }
                for (int64_t k = 0; k < n; ++k) {  // rows p, q
                    const double spk = s[p + k * n], sqk = s[q + k * n];
                    s[p + k * n] = c * spk - sn * sqk;
                    s[q + k * n] = sn * spk + c * sqk;
                }
                for (int64_t k = 0; k < n; ++k) {
                    const double vkp = v[k + p * n], vkq = v[k + q * n];
                    v[k + p * n] = c * vkp - sn * vkq;
                    v[k + q * n] = sn * vkp + c * vkq;
                }
            }
        }
    }
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int64_t x, int64_t y) { return s[x + x * n] < s[y + y * n]; });
    for (int64_t j = 0; j < n; ++j) {
        const int64_t src = order[j];
        w[j] = s[src + src * n];
        if (vectors) {
            for (int64_t i = 0; i < n; ++i) at(a, lda, i, j) = v[i + src * n];
        }
    }
    return true;
}

}  // namespace dense
}  // namespace emu
}  // namespace rfm4j
