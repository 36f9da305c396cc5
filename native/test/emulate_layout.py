#!/usr/bin/env python3
"""CPU emulation of the engine's cuBLAS/cuSOLVER calls (native/src/engine.cpp) with column-major
semantics and leading dimensions, checked against the row-major formulas of the compute SPI.

Each emulated routine sees only a flat buffer, as the real library does, so a wrong operand
order, transpose, leading dimension or fill mode in the engine shows up here without a GPU:
    python3 native/test/emulate_layout.py
"""
import numpy as np
import scipy.linalg as sl

rng = np.random.default_rng(7)


def colmajor(buf, rows, cols, ld):
    """View of a flat buffer as a column-major rows x cols matrix with leading dimension ld."""
    return np.lib.stride_tricks.as_strided(buf, (rows, cols), (buf.itemsize, ld * buf.itemsize))


def gemm(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc):  # cublas<t>gemm
    a = colmajor(A, k, m, lda).T if ta else colmajor(A, m, k, lda)
    b = colmajor(B, n, k, ldb).T if tb else colmajor(B, k, n, ldb)
    c = colmajor(C, m, n, ldc)
    c[...] = alpha * (a @ b) + beta * c


def syrk_lower_n(n, k, alpha, A, lda, beta, C, ldc):  # cublas<t>syrk(LOWER, OP_N)
    a = colmajor(A, n, k, lda)
    c = colmajor(C, n, n, ldc)
    full = alpha * (a @ a.T) + beta * c
    low = np.tril_indices(n)
    c[low] = full[low]  # the strict upper triangle is not touched


def potrf_upper(n, A, lda):  # cusolverDn<t>potrf(UPPER): A = U^T U, U in the upper triangle
    a = colmajor(A, n, n, lda)
    sym = np.triu(a) + np.triu(a, 1).T
    u = np.linalg.cholesky(sym).T
    a[np.triu_indices(n)] = u[np.triu_indices(n)]


def potrs_upper(n, nrhs, A, lda, B, ldb):  # cusolverDn<t>potrs(UPPER)
    u = np.triu(colmajor(A, n, n, lda))
    b = colmajor(B, n, nrhs, ldb)
    b[...] = sl.solve_triangular(u, sl.solve_triangular(u.T, b, lower=True), lower=False)


def syevd_lower(n, A, lda, W):  # cusolverDnDsyevd(VECTOR, LOWER): eigenvectors in the columns of A
    a = colmajor(A, n, n, lda)
    sym = np.tril(a) + np.tril(a, -1).T
    w, v = np.linalg.eigh(sym)
    W[:n] = w
    a[...] = v


def gemm_row_major(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc):  # engine.cpp gemmRowMajor
    gemm(tb, ta, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc)


def check(name, got, want, tol=1e-10):
    err = np.max(np.abs(got - want)) / max(1.0, np.max(np.abs(want)))
    assert err < tol, f"{name}: relative error {err}"
    print(f"ok  {name}  ({err:.1e})")


# ---- gemm, all four transpose cases, non-square -----------------------------------------
for ta in (False, True):
    for tb in (False, True):
        m, n, k = 5, 3, 4
        A = rng.standard_normal((k, m) if ta else (m, k))
        B = rng.standard_normal((n, k) if tb else (k, n))
        C = rng.standard_normal((m, n))
        want = 0.7 * ((A.T if ta else A) @ (B.T if tb else B)) - 0.3 * C
        c = C.ravel().copy()
        gemm_row_major(ta, tb, m, n, k, 0.7, A.ravel().copy(), A.shape[1], B.ravel().copy(), B.shape[1], -0.3, c, n)
        check(f"gemm transA={ta} transB={tb}", c.reshape(m, n), want)

# ---- AGOP l2 assembly: grad, SYRK into the lower triangle, symmetrised add ---------------
n, d, c, bb = 7, 4, 3, 5
U = rng.standard_normal((n, d)); Z = rng.standard_normal((bb, d)); alpha = rng.standard_normal((n, c))
W = rng.standard_normal((n, bb))  # weights w[i, j], row-major n x bb
wall = np.einsum("ij,ik->ijk", W, alpha).reshape(n, bb * c)  # expandWeights: wall[i, j*c + k]
rowsG = bb * c
grad = np.zeros(rowsG * d)
gemm_row_major(True, False, rowsG, d, n, -1.0, wall.ravel().copy(), rowsG, U.ravel().copy(), d, 0.0, grad, d)
coef = np.zeros(bb * c)
gemm_row_major(True, False, bb, c, n, 1.0, W.ravel().copy(), bb, alpha.ravel().copy(), c, 0.0, coef, c)
grad = grad.reshape(bb, c, d) + coef.reshape(bb, c)[:, :, None] * Z[:, None, :]  # addScaledPoints
want = np.einsum("ij,ik,jia->jka", W, alpha, Z[:, None, :] - U[None, :, :])  # sum_i w alpha (z_j - u_i)
check("AGOP l2 gradients", grad, want)
g = grad.reshape(rowsG, d)
lower = np.zeros(d * d)
syrk_lower_n(d, rowsG, 1.0, g.ravel().copy(), d, 1.0, lower, d)
G = np.ones((d, d))  # accumulators are added to
for r in range(d):  # addSymmetricFromLower: g[r, c] += lower[max + min * d]
    for cc in range(d):
        G[r, cc] += lower[max(r, cc) + min(r, cc) * d]
check("AGOP SYRK + symmetrise", G, 1 + g.T @ g)

# ---- Cholesky: row-major lower factor, solve with a row-major n x c right-hand side ------
n, c = 6, 3
X = rng.standard_normal((n, n)); K = X @ X.T + n * np.eye(n)
Kbuf = np.tril(K).ravel().copy()  # only the row-major lower triangle is read
Kbuf[np.triu_indices(n, 1)[0] * n + np.triu_indices(n, 1)[1]] = np.nan
potrf_upper(n, Kbuf, n)
L = np.tril(Kbuf.reshape(n, n))
check("Cholesky factor in the row-major lower triangle", L @ L.T, K)
B = rng.standard_normal((n, c))
bt = B.T.ravel().copy()  # transpose(b, n, c): column-major n x c
potrs_upper(n, c, Kbuf, n, bt, n)
Xs = bt.reshape(c, n).T  # transpose back
check("Cholesky solve, c = 3", Xs, np.linalg.solve(K, B))
b1 = B[:, 0].copy()
potrs_upper(n, 1, Kbuf, n, b1, n)
check("Cholesky solve, c = 1", b1, np.linalg.solve(K, B[:, 0]))

# ---- psdPower: symmetrise, syevd(LOWER), scale columns, gemm(N, T) -----------------------
d, e = 5, 0.5
Y = rng.standard_normal((d, d)); S = Y @ Y.T - 2 * np.eye(d)  # some negative eigenvalues
S[0, 1] += 1e-3  # not exactly symmetric: both backends use (S + S^T) / 2
a = (0.5 * (S + S.T)).ravel().copy()
lam = np.zeros(d)
syevd_lower(d, a, d, lam)
scaled = a.copy()
for idx in range(d * d):  # scaleEigenvectors, column-major
    l = lam[idx // d]
    scaled[idx] = scaled[idx] * l ** e if l > 0 else 0.0
out = np.zeros(d * d)
gemm(False, True, d, d, d, 1.0, scaled, d, a, d, 0.0, out, d)
w, v = np.linalg.eigh(0.5 * (S + S.T))
check("psdPower", out.reshape(d, d), (v * np.where(w > 0, np.abs(w) ** e, 0)) @ v.T)
print("all layout checks passed")
