// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

#include "engine.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <vector>

#include "dynlib.h"

namespace rfm4j {
namespace {

using api::fn;

// ---------------------------------------------------------------------------------------------
// Status helpers: every CUDA, cuBLAS and cuSOLVER status is checked and becomes a Status.

std::string where(const char* file, int line) {
    const char* base = std::strrchr(file, '/');
    return std::string(" [") + (base ? base + 1 : file) + ":" + std::to_string(line) + "]";
}

Status fromCuda(cudaError_t e, const char* what, const char* file, int line) {
    std::string text = std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e);
    (void)cudaGetLastError();  // clear a non-sticky error so the next call starts clean
    if (e == cudaErrorMemoryAllocation) {
        return Status(Code::OutOfMemory, std::string("device memory exhausted in ") + what + " (" + text +
                                             "): use float32, a smaller n, or --backend cpu" + where(file, line));
    }
    std::string msg = std::string(what) + " failed: " + text + where(file, line);
    if (e == cudaErrorIllegalAddress || e == cudaErrorLaunchFailure || e == cudaErrorHardwareStackError ||
        e == cudaErrorIllegalInstruction || e == cudaErrorMisalignedAddress || e == cudaErrorInvalidPc) {
        msg += "; the CUDA context is now unusable: restart the JVM (or use --backend cpu) and report this as a bug";
    }
    return Status(Code::DeviceError, msg);
}

const char* blasStatusName(int s) {
    switch (s) {
        case api::CUBLAS_STATUS_SUCCESS: return "CUBLAS_STATUS_SUCCESS";
        case api::CUBLAS_STATUS_NOT_INITIALIZED: return "CUBLAS_STATUS_NOT_INITIALIZED";
        case api::CUBLAS_STATUS_ALLOC_FAILED: return "CUBLAS_STATUS_ALLOC_FAILED";
        case api::CUBLAS_STATUS_INVALID_VALUE: return "CUBLAS_STATUS_INVALID_VALUE";
        case api::CUBLAS_STATUS_ARCH_MISMATCH: return "CUBLAS_STATUS_ARCH_MISMATCH";
        case api::CUBLAS_STATUS_MAPPING_ERROR: return "CUBLAS_STATUS_MAPPING_ERROR";
        case api::CUBLAS_STATUS_EXECUTION_FAILED: return "CUBLAS_STATUS_EXECUTION_FAILED";
        case api::CUBLAS_STATUS_INTERNAL_ERROR: return "CUBLAS_STATUS_INTERNAL_ERROR";
        case api::CUBLAS_STATUS_NOT_SUPPORTED: return "CUBLAS_STATUS_NOT_SUPPORTED";
        case api::CUBLAS_STATUS_LICENSE_ERROR: return "CUBLAS_STATUS_LICENSE_ERROR";
        default: return "unknown cuBLAS status";
    }
}

const char* solverStatusName(int s) {
    switch (s) {
        case api::CUSOLVER_STATUS_SUCCESS: return "CUSOLVER_STATUS_SUCCESS";
        case api::CUSOLVER_STATUS_NOT_INITIALIZED: return "CUSOLVER_STATUS_NOT_INITIALIZED";
        case api::CUSOLVER_STATUS_ALLOC_FAILED: return "CUSOLVER_STATUS_ALLOC_FAILED";
        case api::CUSOLVER_STATUS_INVALID_VALUE: return "CUSOLVER_STATUS_INVALID_VALUE";
        case api::CUSOLVER_STATUS_ARCH_MISMATCH: return "CUSOLVER_STATUS_ARCH_MISMATCH";
        case api::CUSOLVER_STATUS_EXECUTION_FAILED: return "CUSOLVER_STATUS_EXECUTION_FAILED";
        case api::CUSOLVER_STATUS_INTERNAL_ERROR: return "CUSOLVER_STATUS_INTERNAL_ERROR";
        case api::CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED: return "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
        case api::CUSOLVER_STATUS_NOT_SUPPORTED: return "CUSOLVER_STATUS_NOT_SUPPORTED";
        default: return "unknown cuSOLVER status";
    }
}

Status fromBlas(int s, const char* what, const char* file, int line) {
    std::string msg = std::string(what) + " failed: " + blasStatusName(s) + " (" + std::to_string(s) + ")";
    if (s == api::CUBLAS_STATUS_ALLOC_FAILED) {
        return Status(Code::OutOfMemory, msg + ": use float32, a smaller n, or --backend cpu" + where(file, line));
    }
    return Status(Code::DeviceError, msg + where(file, line));
}

Status fromSolver(int s, const char* what, const char* file, int line) {
    std::string msg = std::string(what) + " failed: " + solverStatusName(s) + " (" + std::to_string(s) + ")";
    if (s == api::CUSOLVER_STATUS_ALLOC_FAILED) {
        return Status(Code::OutOfMemory, msg + ": use float32, a smaller n, or --backend cpu" + where(file, line));
    }
    return Status(Code::DeviceError, msg + where(file, line));
}

#define RFM_CUDA(...)                                                                         \
    do {                                                                                       \
        cudaError_t e_ = (__VA_ARGS__);                                                               \
        if (e_ != cudaSuccess) return fromCuda(e_, #__VA_ARGS__, __FILE__, __LINE__);                 \
    } while (0)
/** A library call's status and the entry point's name, for the message when it fails. */
struct LibCall {
    int status;
    const char* function;
};

/** Calls a resolved cuBLAS/cuSOLVER entry point: LIB(cublasCreate_v2, &handle). */
#define LIB(name, ...) (LibCall{fn().name(__VA_ARGS__), #name})

#define RFM_BLAS(...)                                                                                         \
    do {                                                                                                      \
        LibCall c_ = (__VA_ARGS__);                                                                           \
        if (c_.status != api::CUBLAS_STATUS_SUCCESS) return fromBlas(c_.status, c_.function, __FILE__, __LINE__); \
    } while (0)
#define RFM_SOLVER(...)                                                                                           \
    do {                                                                                                          \
        LibCall c_ = (__VA_ARGS__);                                                                               \
        if (c_.status != api::CUSOLVER_STATUS_SUCCESS) return fromSolver(c_.status, c_.function, __FILE__, __LINE__); \
    } while (0)
#define RFM_TRY(...)                         \
    do {                                      \
        Status st_ = (__VA_ARGS__);                  \
        if (!st_.isOk()) return st_;          \
    } while (0)

/** Device scratch memory freed on every path out of the function that owns it. */
class Scratch {
public:
    Scratch() = default;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() {
        if (ptr_ != nullptr) cudaFree(ptr_);  // synchronises with pending work on it
    }
    Status alloc(size_t bytes, const char* purpose) {
        if (bytes == 0) bytes = 16;
        cudaError_t e = cudaMalloc(&ptr_, bytes);
        if (e != cudaSuccess) {
            ptr_ = nullptr;
            (void)cudaGetLastError();
            size_t freeB = 0, totalB = 0;
            cudaMemGetInfo(&freeB, &totalB);
            (void)cudaGetLastError();
            return Status(Code::OutOfMemory, std::string("cannot allocate ") + std::to_string(bytes) +
                                                 " bytes of device memory for " + purpose + " (" +
                                                 std::to_string(freeB) + " bytes free of " + std::to_string(totalB) +
                                                 "): use float32, a smaller n, or --backend cpu");
        }
        return Status::ok();
    }
    template <class T>
    T* as() const {
        return static_cast<T*>(ptr_);
    }

private:
    void* ptr_ = nullptr;
};

Status sync(Context* ctx) {
    RFM_CUDA(cudaStreamSynchronize(ctx->stream));
    return Status::ok();
}

Status makeCurrent(Context* ctx) {
    RFM_CUDA(cudaSetDevice(ctx->device));
    return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// Typed cuBLAS / cuSOLVER shims.

inline LibCall blasGemm(Context* ctx, int ta, int tb, int m, int n, int k, const float* alpha, const float* a, int lda,
                        const float* b, int ldb, const float* beta, float* c, int ldc) {
    return LIB(cublasSgemm_v2, ctx->blas, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
inline LibCall blasGemm(Context* ctx, int ta, int tb, int m, int n, int k, const double* alpha, const double* a,
                        int lda, const double* b, int ldb, const double* beta, double* c, int ldc) {
    return LIB(cublasDgemm_v2, ctx->blas, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
inline LibCall blasSyrk(Context* ctx, int uplo, int trans, int n, int k, const float* alpha, const float* a, int lda,
                        const float* beta, float* c, int ldc) {
    return LIB(cublasSsyrk_v2, ctx->blas, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}
inline LibCall blasSyrk(Context* ctx, int uplo, int trans, int n, int k, const double* alpha, const double* a,
                        int lda, const double* beta, double* c, int ldc) {
    return LIB(cublasDsyrk_v2, ctx->blas, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}
template <class T>
constexpr int dataType() {
    return sizeof(T) == sizeof(double) ? api::CUDA_R_64F : api::CUDA_R_32F;
}

// cuSOLVER's 64-bit API: n, lda and the workspace size are 64-bit (a 32-bit int workspace overflows
// at n >= 46341, where n^2 > 2^31). A row-major lower triangle is the column-major upper one.
template <class T>
LibCall potrfBufferSize(Context* ctx, int64_t n, T* a, size_t* onDevice, size_t* onHost) {
    return LIB(cusolverDnXpotrf_bufferSize, ctx->solver, ctx->solverParams, api::CUBLAS_FILL_MODE_UPPER, n,
               dataType<T>(), a, n, dataType<T>(), onDevice, onHost);
}
template <class T>
LibCall potrf(Context* ctx, int64_t n, T* a, void* work, size_t workBytes, void* hostWork, size_t hostBytes) {
    return LIB(cusolverDnXpotrf, ctx->solver, ctx->solverParams, api::CUBLAS_FILL_MODE_UPPER, n, dataType<T>(), a, n,
               dataType<T>(), work, workBytes, hostWork, hostBytes, ctx->devInfo);
}
template <class T>
LibCall potrs(Context* ctx, int64_t n, int64_t nrhs, const T* a, T* b) {
    return LIB(cusolverDnXpotrs, ctx->solver, ctx->solverParams, api::CUBLAS_FILL_MODE_UPPER, n, nrhs, dataType<T>(), a,
               n, dataType<T>(), b, n, ctx->devInfo);
}

Status readInfo(Context* ctx, int* info) {
    RFM_CUDA(cudaMemcpyAsync(info, ctx->devInfo, sizeof(int), cudaMemcpyDeviceToHost, ctx->stream));
    return sync(ctx);
}

/**
 * Row-major GEMM on column-major cuBLAS: a row-major X is the column-major X^T, so
 * C^T = op(B)^T op(A)^T is computed with the operands swapped.
 */
template <class T>
Status gemmRowMajor(Context* ctx, bool transA, bool transB, int m, int n, int k, T alpha, const T* a, int lda,
                    const T* b, int ldb, T beta, T* c, int ldc) {
    if (m == 0 || n == 0) return Status::ok();
    const int opA = transA ? api::CUBLAS_OP_T : api::CUBLAS_OP_N;
    const int opB = transB ? api::CUBLAS_OP_T : api::CUBLAS_OP_N;
    // a row-major matrix with no columns has leading dimension 0, which cuBLAS refuses even when
    // nothing is read (d = 0 features): 1 is as good
    RFM_BLAS(blasGemm(ctx, opB, opA, n, m, k, &alpha, b, std::max(ldb, 1), a, std::max(lda, 1), &beta, c,
                      std::max(ldc, 1)));
    return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// Kernel blocks.

/**
 * out (m x n) = r or k(r) between rows of a and b. For p = 2: GEMM of the cross term, then the
 * epilogue with row norms (na/nb precomputed when given, else computed into scratch). diagOffset:
 * column j == row i + diagOffset is the same point (distance exactly 0); < 0 for none.
 */
template <class T>
Status pairBlock(Context* ctx, KernelParams kp, kernels::Epilogue what, const T* a, int m, const T* na, const T* b,
                 int n, const T* nb, int d, long long diagOffset, T* out) {
    if (m == 0 || n == 0) return Status::ok();
    if (kp.p != 2.0) {
        RFM_CUDA(kernels::lpPairwise<T>(a, b, m, n, d, what, kp, out, ctx->stream));
        return Status::ok();
    }
    Scratch norms;
    const bool needA = na == nullptr, needB = nb == nullptr;
    RFM_TRY(norms.alloc(sizeof(T) * ((needA ? m : 0) + (needB ? n : 0)), "row norms"));
    T* scratch = norms.as<T>();
    if (needA) {
        RFM_CUDA(kernels::rowSquaredNorms<T>(a, m, d, scratch, ctx->stream));
        na = scratch;
    }
    if (needB) {
        T* target = scratch + (needA ? m : 0);
        RFM_CUDA(kernels::rowSquaredNorms<T>(b, n, d, target, ctx->stream));
        nb = target;
    }
    RFM_TRY(gemmRowMajor<T>(ctx, false, true, m, n, d, T(1), a, d, b, d, T(0), out, n));
    RFM_CUDA(kernels::l2Epilogue<T>(out, na, nb, m, n, diagOffset, what, kp, ctx->stream));
    return sync(ctx);  // the scratch norms are freed on return
}

template <class T>
Status predictT(Context* ctx, KernelParams kp, const T* u, int n, int d, const T* alpha, int c, const T* q, int m,
                T* out, int batchRows) {
    if (m == 0) return Status::ok();
    const int batch = std::max(1, std::min(batchRows, m));
    Scratch block, normsU;
    RFM_TRY(block.alloc(sizeof(T) * static_cast<size_t>(batch) * n, "the prediction kernel block"));
    const T* nu = nullptr;
    if (kp.p == 2.0) {
        RFM_TRY(normsU.alloc(sizeof(T) * n, "training-point norms"));
        RFM_CUDA(kernels::rowSquaredNorms<T>(u, n, d, normsU.as<T>(), ctx->stream));
        nu = normsU.as<T>();
    }
    for (int r0 = 0; r0 < m; r0 += batch) {
        const int rows = std::min(batch, m - r0);
        const long long diag = (q == u) ? r0 : -1;
        RFM_TRY(pairBlock<T>(ctx, kp, kernels::Epilogue::Kernel, q + static_cast<size_t>(r0) * d, rows, nullptr, u, n,
                             nu, d, diag, block.as<T>()));
        RFM_TRY(gemmRowMajor<T>(ctx, false, false, rows, c, n, T(1), block.as<T>(), n, alpha, c, T(0),
                                out + static_cast<size_t>(r0) * c, c));
    }
    return sync(ctx);
}

/**
 * AGOP over rows of z in batches of b points. The gradients of a batch are one (c b) x d matrix,
 * row k b + j holding output k at point j: for l2, grad = coef z - (w . alpha)^T u from two GEMMs and
 * the expanded weights; for other p, grad = alpha^T psi, psi the per-coordinate factors (n x b d).
 * Full G accumulates its lower triangle by SYRK and is symmetrised into g once at the end; diagonal G
 * and the Jacobian sums are column reductions.
 */
template <class T>
Status agopT(Context* ctx, KernelParams kp, const T* u, int n, int d, const T* alpha, int c, const T* z, int rows,
             const int* zIndexHost, T* g, bool diagonal, T* jac, int batchRows) {
    if (rows == 0) return Status::ok();
    const bool l2 = kp.p == 2.0;
    const int batch = std::max(1, std::min(batchRows, rows));
    const size_t bc = static_cast<size_t>(batch) * c;
    Scratch zIndex, dist, factors, coef, grad, normsU, normsZ, lower, partial;
    if (zIndexHost != nullptr) {
        RFM_TRY(zIndex.alloc(sizeof(int) * rows, "the AGOP self-pair index"));
        RFM_CUDA(cudaMemcpyAsync(zIndex.as<int>(), zIndexHost, sizeof(int) * rows, cudaMemcpyHostToDevice,
                                 ctx->stream));
    }
    RFM_TRY(dist.alloc(sizeof(T) * static_cast<size_t>(n) * batch, "AGOP distances and weights"));
    RFM_TRY(grad.alloc(sizeof(T) * bc * d, "AGOP gradients"));
    const size_t perPoint = l2 ? static_cast<size_t>(c) : static_cast<size_t>(d);  // columns of the factors
    RFM_TRY(factors.alloc(sizeof(T) * static_cast<size_t>(n) * batch * perPoint,
                          l2 ? "AGOP weights times coefficients" : "AGOP per-coordinate factors"));
    if (l2) {
        RFM_TRY(coef.alloc(sizeof(T) * bc, "AGOP weight sums"));
        RFM_TRY(normsU.alloc(sizeof(T) * n, "training-point norms"));
        RFM_TRY(normsZ.alloc(sizeof(T) * batch, "AGOP point norms"));
        RFM_CUDA(kernels::rowSquaredNorms<T>(u, n, d, normsU.as<T>(), ctx->stream));
    }
    if (diagonal || jac != nullptr) {
        const size_t sets = jac != nullptr ? static_cast<size_t>(c) : 1;
        RFM_TRY(partial.alloc(sizeof(T) * sets * kernels::kMaxColumnSumChunks * d, "AGOP partial sums"));
    }
    if (!diagonal) {
        RFM_TRY(lower.alloc(sizeof(T) * static_cast<size_t>(d) * d, "the AGOP accumulator"));
        RFM_CUDA(cudaMemsetAsync(lower.as<T>(), 0, sizeof(T) * static_cast<size_t>(d) * d, ctx->stream));
    }
    for (int j0 = 0; j0 < rows; j0 += batch) {
        const int bb = std::min(batch, rows - j0);
        const int rowsG = bb * c;
        const T* zb = z + static_cast<size_t>(j0) * d;
        T* w = dist.as<T>();
        // distances of training point i to batch point j (n x bb), then the weights in place: self
        // pair masked by index, coincident points by distance
        if (l2) {
            RFM_CUDA(kernels::rowSquaredNorms<T>(zb, bb, d, normsZ.as<T>(), ctx->stream));
            RFM_TRY(pairBlock<T>(ctx, kp, kernels::Epilogue::Distance, u, n, normsU.as<T>(), zb, bb, normsZ.as<T>(),
                                 d, -1, w));
        } else {
            RFM_CUDA(kernels::lpPairwise<T>(u, zb, n, bb, d, kernels::Epilogue::Distance, kp, w, ctx->stream));
        }
        RFM_CUDA(kernels::derivativeWeights<T>(w, n, bb, zIndexHost != nullptr ? zIndex.as<int>() + j0 : nullptr, kp,
                                               ctx->stream));
        if (l2) {
            // grad = -(wall^T u) + coef z, wall[i, k bb + j] = w[i, j] alpha[i, k], coef = w^T alpha (bb x c)
            RFM_CUDA(kernels::expandWeights<T>(w, alpha, n, bb, c, factors.as<T>(), ctx->stream));
            RFM_TRY(gemmRowMajor<T>(ctx, true, false, rowsG, d, n, T(-1), factors.as<T>(), rowsG, u, d, T(0),
                                    grad.as<T>(), d));
            RFM_TRY(gemmRowMajor<T>(ctx, true, false, bb, c, n, T(1), w, bb, alpha, c, T(0), coef.as<T>(), c));
            RFM_CUDA(kernels::addScaledPoints<T>(grad.as<T>(), coef.as<T>(), zb, bb, c, d, ctx->stream));
        } else {
            // grad (c x bb d) = alpha^T psi: every power computed once, all c outputs in one GEMM
            const int cols = bb * d;
            RFM_CUDA(kernels::lpFactors<T>(w, u, zb, n, bb, d, kp.p, factors.as<T>(), ctx->stream));
            RFM_TRY(gemmRowMajor<T>(ctx, true, false, c, cols, n, T(1), alpha, c, factors.as<T>(), cols, T(0),
                                    grad.as<T>(), cols));
        }
        if (diagonal) {
            RFM_CUDA(kernels::addColumnSums<T>(grad.as<T>(), 1, rowsG, d, true, partial.as<T>(), g, ctx->stream));
        } else {
            // row-major grad ((c bb) x d) is column-major d x (c bb): lower += grad^T grad
            const T one = 1;
            RFM_BLAS(blasSyrk(ctx, api::CUBLAS_FILL_MODE_LOWER, api::CUBLAS_OP_N, d, rowsG, &one, grad.as<T>(),
                              std::max(d, 1), &one, lower.as<T>(), std::max(d, 1)));
        }
        // jac[k, a] += sum_j grad[k bb + j, a]: c stacked bb x d blocks
        if (jac != nullptr) {
            RFM_CUDA(kernels::addColumnSums<T>(grad.as<T>(), c, bb, d, false, partial.as<T>(), jac, ctx->stream));
        }
    }
    if (!diagonal) RFM_CUDA(kernels::addSymmetricFromLower<T>(lower.as<T>(), d, g, ctx->stream));
    return sync(ctx);
}

template <class T>
Status choleskyFactorT(Context* ctx, T* k, int n, int* info) {
    size_t onDevice = 0, onHost = 0;
    RFM_SOLVER(potrfBufferSize<T>(ctx, n, k, &onDevice, &onHost));
    Scratch work;
    RFM_TRY(work.alloc(std::max<size_t>(onDevice, 1), "the Cholesky workspace"));
    std::vector<unsigned char> hostWork(std::max<size_t>(onHost, 1));
    RFM_SOLVER(potrf<T>(ctx, n, k, work.as<void>(), onDevice, hostWork.data(), onHost));
    RFM_TRY(readInfo(ctx, info));
    if (*info < 0) {
        return Status(Code::Internal, "potrf rejected argument " + std::to_string(-*info) + " (a bug in rfm4j)");
    }
    return Status::ok();
}

template <class T>
Status choleskySolveT(Context* ctx, const T* factor, int n, T* b, int c) {
    int info = 0;
    if (c == 1) {
        RFM_SOLVER(potrs<T>(ctx, n, 1, factor, b));  // one column: row-major and column-major agree
        RFM_TRY(readInfo(ctx, &info));
    } else {
        // row-major B (n x c) -> column-major n x c (row-major c x n), solve, and back
        Scratch bt;
        RFM_TRY(bt.alloc(sizeof(T) * static_cast<size_t>(n) * c, "the right-hand sides"));
        RFM_CUDA(kernels::transpose<T>(b, n, c, bt.as<T>(), ctx->stream));
        RFM_SOLVER(potrs<T>(ctx, n, c, factor, bt.as<T>()));
        RFM_CUDA(kernels::transpose<T>(bt.as<T>(), c, n, b, ctx->stream));
        RFM_TRY(readInfo(ctx, &info));  // before bt is freed
    }
    if (info != 0) return Status(Code::Internal, "potrs rejected argument " + std::to_string(-info) + " (a bug in rfm4j)");
    return Status::ok();
}

template <class T>
Status scaleColumnsT(Context* ctx, const T* a, int rows, int cols, const double* scale, T* out) {
    std::vector<T> host(scale, scale + cols);
    Scratch s;
    RFM_TRY(s.alloc(sizeof(T) * cols, "column scales"));
    RFM_CUDA(cudaMemcpyAsync(s.as<T>(), host.data(), sizeof(T) * cols, cudaMemcpyHostToDevice, ctx->stream));
    RFM_CUDA(kernels::scaleColumns<T>(a, s.as<T>(), rows, cols, out, ctx->stream));
    return sync(ctx);
}

template <class T>
Status maxAbsRowSumT(Context* ctx, const T* k, int rows, int cols, double* result) {
    Scratch sums;
    RFM_TRY(sums.alloc(sizeof(T) * rows, "row sums"));
    RFM_CUDA(kernels::absRowSums<T>(k, rows, cols, sums.as<T>(), ctx->stream));
    std::vector<T> host(rows);
    RFM_CUDA(cudaMemcpyAsync(host.data(), sums.as<T>(), sizeof(T) * rows, cudaMemcpyDeviceToHost, ctx->stream));
    RFM_TRY(sync(ctx));
    double best = 0;
    for (T v : host) {
        if (std::isnan(static_cast<double>(v))) {
            *result = static_cast<double>(v);
            return Status::ok();
        }
        best = std::max(best, static_cast<double>(v));
    }
    *result = best;
    return Status::ok();
}

template <class T>
Status gatherRowsT(Context* ctx, const T* src, int cols, const int* index, int count, T* dst) {
    Scratch idx;
    RFM_TRY(idx.alloc(sizeof(int) * count, "the row index"));
    RFM_CUDA(cudaMemcpyAsync(idx.as<int>(), index, sizeof(int) * count, cudaMemcpyHostToDevice, ctx->stream));
    RFM_CUDA(kernels::gatherRows<T>(src, idx.as<int>(), count, cols, dst, ctx->stream));
    return sync(ctx);
}

// ---------------------------------------------------------------------------------------------
// The convolutional NTK (ConvRFM): org.rfm4j.conv.ConvNtk is the host reference.

/** Grid of layer l of a convolutional kernel. */
struct ConvLayerGrid {
    int rows, cols;
    size_t positions, offset;  // offset: positions of the layers before, where its variances start
};

std::vector<ConvLayerGrid> convGrids(const ConvShape& sh) {
    std::vector<ConvLayerGrid> g;
    size_t offset = 0;
    for (int l = 0; l < sh.depth; l++) {
        const int rows = sh.gridRows - l * (sh.q - 1), cols = sh.gridCols - l * (sh.q - 1);
        g.push_back({rows, cols, static_cast<size_t>(rows) * cols, offset});
        offset += g.back().positions;
    }
    return g;
}

/** Every layer's variances of count images (x: count * positions x dim): layer l at var + offset_l * count. */
Status convVariances(Context* ctx, const ConvShape& sh, const std::vector<ConvLayerGrid>& g, const double* x, int count,
                     int dim, double* var) {
    RFM_CUDA(kernels::convSquaredNorms(x, count, static_cast<int>(g[0].positions), dim, sh.inputScale, var,
                                       ctx->stream));
    for (size_t l = 1; l < g.size(); l++) {
        RFM_CUDA(kernels::convWindowSum(var + g[l - 1].offset * count, g[l - 1].rows, g[l - 1].cols, sh.q,
                                        static_cast<size_t>(count), var + g[l].offset * count, ctx->stream));
    }
    return Status::ok();
}

/**
 * Tiles of `tile` rows of a against all of b: the layer-1 covariances of the tile's pairs are one GEMM per
 * position (a's and b's patches at that position, strided by an image), then each layer is an element-wise
 * pass and a window sum into the next layer's grid (two grids of buffers, used in turn), and the kernel is
 * the mean over the last grid.
 */
Status convNtkT(Context* ctx, const ConvShape& sh, const double* a, int na, const double* b, int nb, int dim,
                double* out, int tileRows) {
    const std::vector<ConvLayerGrid> g = convGrids(sh);
    const size_t layersTotal = g.back().offset + g.back().positions;
    const int positions = static_cast<int>(g[0].positions);
    const int stride = positions * dim;  // Java checked it fits an int
    Scratch varA, varB;
    RFM_TRY(varA.alloc(sizeof(double) * layersTotal * na, "the convolutional kernel's variances"));
    RFM_TRY(convVariances(ctx, sh, g, a, na, dim, varA.as<double>()));
    const double* va = varA.as<double>();
    const double* vb = va;
    if (b != a) {
        RFM_TRY(varB.alloc(sizeof(double) * layersTotal * nb, "the convolutional kernel's variances"));
        RFM_TRY(convVariances(ctx, sh, g, b, nb, dim, varB.as<double>()));
        vb = varB.as<double>();
    }
    const int tile = std::max(1, std::min(tileRows, na));
    const size_t tilePairs = static_cast<size_t>(tile) * nb;
    Scratch grid0s, grid0t, grid1s, grid1t;
    RFM_TRY(grid0s.alloc(sizeof(double) * g[0].positions * tilePairs, "the convolutional kernel's covariances"));
    RFM_TRY(grid0t.alloc(sizeof(double) * g[0].positions * tilePairs, "the convolutional kernel's tangent terms"));
    if (sh.depth > 1) {
        RFM_TRY(grid1s.alloc(sizeof(double) * g[1].positions * tilePairs, "the convolutional kernel's covariances"));
        RFM_TRY(grid1t.alloc(sizeof(double) * g[1].positions * tilePairs, "the convolutional kernel's tangent terms"));
    }
    for (int i0 = 0; i0 < na; i0 += tile) {
        const int rows = std::min(tile, na - i0);
        const size_t pairs = static_cast<size_t>(rows) * nb;
        double* s = grid0s.as<double>();
        double* t = grid0t.as<double>();
        for (int p = 0; p < positions; p++) {
            RFM_TRY(gemmRowMajor<double>(ctx, false, true, rows, nb, dim, sh.inputScale,
                                         a + (static_cast<size_t>(i0) * positions + p) * dim, stride,
                                         b + static_cast<size_t>(p) * dim, stride, 0.0, s + p * pairs, nb));
        }
        for (int l = 0; l < sh.depth; l++) {
            RFM_CUDA(kernels::convLayer(s, l == 0 ? nullptr : t, t, va + g[l].offset * na, na, i0, rows,
                                        vb + g[l].offset * nb, nb, static_cast<int>(g[l].positions), ctx->stream));
            if (l + 1 == sh.depth) {
                RFM_CUDA(kernels::convMean(t, static_cast<int>(g[l].positions), pairs,
                                           out + static_cast<size_t>(i0) * nb, ctx->stream));
                break;
            }
            const bool inFirst = s == grid0s.as<double>();
            double* sNext = inFirst ? grid1s.as<double>() : grid0s.as<double>();
            double* tNext = inFirst ? grid1t.as<double>() : grid0t.as<double>();
            RFM_CUDA(kernels::convWindowSum(s, g[l].rows, g[l].cols, sh.q, pairs, sNext, ctx->stream));
            RFM_CUDA(kernels::convWindowSum(t, g[l].rows, g[l].cols, sh.q, pairs, tNext, ctx->stream));
            s = sNext;
            t = tNext;
        }
    }
    return sync(ctx);  // the scratch is freed on return
}

}  // namespace

// ---------------------------------------------------------------------------------------------

#define RFM_DISPATCH(t, call_f32, call_f64)                                                   \
    do {                                                                                      \
        if ((t) == DType::F32) return call_f32;                                               \
        if ((t) == DType::F64) return call_f64;                                               \
        return Status(Code::Internal, "unknown dtype " + std::to_string(static_cast<int>(t))); \
    } while (0)

DeviceQuery queryDevices() {
    DeviceQuery q{};
    q.driverStatus = static_cast<int>(cudaDriverGetVersion(&q.driverVersion));
    (void)cudaRuntimeGetVersion(&q.runtimeVersion);
    q.countStatus = static_cast<int>(cudaGetDeviceCount(&q.deviceCount));
    if (q.countStatus != cudaSuccess) q.deviceCount = 0;
    (void)cudaGetLastError();
    return q;
}

std::string cudaErrorText(int error) {
    cudaError_t e = static_cast<cudaError_t>(error);
    return std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e);
}

Status deviceProperties(int device, std::string* name, long long* totalMem, int* ccMajor, int* ccMinor,
                        int* smCount) {
    cudaDeviceProp prop;
    RFM_CUDA(cudaGetDeviceProperties(&prop, device));
    *name = prop.name;
    *totalMem = static_cast<long long>(prop.totalGlobalMem);
    *ccMajor = prop.major;
    *ccMinor = prop.minor;
    *smCount = prop.multiProcessorCount;
    return Status::ok();
}

Status createContext(int device, Context** out) {
    *out = nullptr;
    Context* ctx = new (std::nothrow) Context();
    if (ctx == nullptr) return Status(Code::OutOfMemory, "host memory exhausted creating the CUDA context");
    ctx->device = device;
    Status st = [&]() -> Status {
        RFM_CUDA(cudaSetDevice(device));
        RFM_CUDA(cudaStreamCreateWithFlags(&ctx->stream, cudaStreamNonBlocking));
        RFM_CUDA(cudaMalloc(reinterpret_cast<void**>(&ctx->devInfo), sizeof(int)));
        RFM_BLAS(LIB(cublasCreate_v2, &ctx->blas));
        RFM_BLAS(LIB(cublasSetStream_v2, ctx->blas, ctx->stream));
        // no TF32 or other reduced-precision paths: float32 means float32 (distance expansions)
        RFM_BLAS(LIB(cublasSetMathMode, ctx->blas, api::CUBLAS_PEDANTIC_MATH));
        RFM_SOLVER(LIB(cusolverDnCreate, &ctx->solver));
        RFM_SOLVER(LIB(cusolverDnSetStream, ctx->solver, ctx->stream));
        RFM_SOLVER(LIB(cusolverDnCreateParams, &ctx->solverParams));
        return Status::ok();
    }();
    if (!st.isOk()) {
        destroyContext(ctx);
        return st;
    }
    *out = ctx;
    return Status::ok();
}

void destroyContext(Context* ctx) {
    if (ctx == nullptr) return;
    cudaSetDevice(ctx->device);
    if (ctx->stream != nullptr) cudaStreamSynchronize(ctx->stream);
    if (ctx->solverParams != nullptr) fn().cusolverDnDestroyParams(ctx->solverParams);
    if (ctx->solver != nullptr) fn().cusolverDnDestroy(ctx->solver);
    if (ctx->blas != nullptr) fn().cublasDestroy_v2(ctx->blas);
    if (ctx->devInfo != nullptr) cudaFree(ctx->devInfo);
    if (ctx->stream != nullptr) cudaStreamDestroy(ctx->stream);
    (void)cudaGetLastError();
    delete ctx;
}

Status memInfo(Context* ctx, size_t* freeBytes, size_t* totalBytes) {
    RFM_TRY(makeCurrent(ctx));
    RFM_CUDA(cudaMemGetInfo(freeBytes, totalBytes));
    return Status::ok();
}

Status allocate(Context* ctx, size_t bytes, void** ptr) {
    RFM_TRY(makeCurrent(ctx));
    *ptr = nullptr;
    cudaError_t e = cudaMalloc(ptr, bytes == 0 ? 16 : bytes);
    if (e != cudaSuccess) {
        *ptr = nullptr;
        return fromCuda(e, "cudaMalloc", __FILE__, __LINE__);
    }
    return Status::ok();
}

Status release(void* ptr) {
    if (ptr != nullptr) RFM_CUDA(cudaFree(ptr));
    return Status::ok();
}

Status zero(Context* ctx, void* ptr, size_t bytes) {
    RFM_TRY(makeCurrent(ctx));
    RFM_CUDA(cudaMemsetAsync(ptr, 0, bytes, ctx->stream));
    return sync(ctx);
}

Status upload(Context* ctx, void* dst, DType t, size_t offset, const double* host, size_t count) {
    RFM_TRY(makeCurrent(ctx));
    if (t == DType::F64) {
        RFM_CUDA(cudaMemcpyAsync(static_cast<double*>(dst) + offset, host, count * sizeof(double),
                                 cudaMemcpyHostToDevice, ctx->stream));
        return sync(ctx);
    }
    std::vector<float> tmp(host, host + count);
    RFM_CUDA(cudaMemcpyAsync(static_cast<float*>(dst) + offset, tmp.data(), count * sizeof(float),
                             cudaMemcpyHostToDevice, ctx->stream));
    return sync(ctx);  // tmp must outlive the copy
}

Status download(Context* ctx, const void* src, DType t, size_t offset, size_t count, double* host) {
    RFM_TRY(makeCurrent(ctx));
    if (t == DType::F64) {
        RFM_CUDA(cudaMemcpyAsync(host, static_cast<const double*>(src) + offset, count * sizeof(double),
                                 cudaMemcpyDeviceToHost, ctx->stream));
        return sync(ctx);
    }
    std::vector<float> tmp(count);
    RFM_CUDA(cudaMemcpyAsync(tmp.data(), static_cast<const float*>(src) + offset, count * sizeof(float),
                             cudaMemcpyDeviceToHost, ctx->stream));
    RFM_TRY(sync(ctx));
    for (size_t i = 0; i < count; ++i) host[i] = tmp[i];
    return Status::ok();
}

Status gatherRows(Context* ctx, DType t, const void* src, int srcRows, int cols, const int* index, int count,
                  void* dst) {
    for (int i = 0; i < count; ++i) {
        if (index[i] < 0 || index[i] >= srcRows) {
            return Status(Code::InvalidArgument, "row index " + std::to_string(index[i]) + " out of range [0, " +
                                                     std::to_string(srcRows) + ")");
        }
    }
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t, gatherRowsT<float>(ctx, static_cast<const float*>(src), cols, index, count, static_cast<float*>(dst)),
                 gatherRowsT<double>(ctx, static_cast<const double*>(src), cols, index, count,
                                     static_cast<double*>(dst)));
}

Status pointerInfo(Context* ctx, const void* ptr, int* memoryType, int* device) {
    RFM_TRY(makeCurrent(ctx));
    cudaPointerAttributes attr;
    std::memset(&attr, 0, sizeof(attr));
    cudaError_t e = cudaPointerGetAttributes(&attr, ptr);
    if (e == cudaErrorInvalidValue) {
        // runtimes before CUDA 11 answered this for host memory they do not know: not device memory
        (void)cudaGetLastError();
        *memoryType = 0;
        *device = -1;
        return Status::ok();
    }
    if (e != cudaSuccess) return fromCuda(e, "cudaPointerGetAttributes", __FILE__, __LINE__);
    *memoryType = static_cast<int>(attr.type);
    *device = (attr.type == cudaMemoryTypeDevice || attr.type == cudaMemoryTypeManaged) ? attr.device : -1;
    return Status::ok();
}

Status copyDeviceToDevice(Context* ctx, void* dst, const void* src, size_t bytes) {
    RFM_TRY(makeCurrent(ctx));
    if (bytes == 0) return Status::ok();
    RFM_CUDA(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToDevice, ctx->stream));
    return sync(ctx);
}

Status synchronizeDevice(Context* ctx) {
    RFM_TRY(makeCurrent(ctx));
    RFM_CUDA(cudaDeviceSynchronize());
    return Status::ok();
}

Status gemm(Context* ctx, DType t, bool transA, bool transB, int m, int n, int k, double alpha, const void* a,
            int lda, const void* b, int ldb, double beta, void* c, int ldc) {
    RFM_TRY(makeCurrent(ctx));
    Status st = (t == DType::F32)
                    ? gemmRowMajor<float>(ctx, transA, transB, m, n, k, static_cast<float>(alpha),
                                          static_cast<const float*>(a), lda, static_cast<const float*>(b), ldb,
                                          static_cast<float>(beta), static_cast<float*>(c), ldc)
                    : gemmRowMajor<double>(ctx, transA, transB, m, n, k, alpha, static_cast<const double*>(a), lda,
                                           static_cast<const double*>(b), ldb, beta, static_cast<double*>(c), ldc);
    RFM_TRY(st);
    return sync(ctx);
}

Status scaleColumns(Context* ctx, DType t, const void* a, int rows, int cols, const double* scale, void* out) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t, scaleColumnsT<float>(ctx, static_cast<const float*>(a), rows, cols, scale, static_cast<float*>(out)),
                 scaleColumnsT<double>(ctx, static_cast<const double*>(a), rows, cols, scale,
                                       static_cast<double*>(out)));
}

Status addDiagonal(Context* ctx, DType t, void* k, int rows, int cols, double value) {
    RFM_TRY(makeCurrent(ctx));
    if (t == DType::F32) {
        RFM_CUDA(kernels::addDiagonal<float>(static_cast<float*>(k), rows, cols, value, ctx->stream));
    } else {
        RFM_CUDA(kernels::addDiagonal<double>(static_cast<double*>(k), rows, cols, value, ctx->stream));
    }
    return sync(ctx);
}

Status maxAbsRowSum(Context* ctx, DType t, const void* k, int rows, int cols, double* result) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t, maxAbsRowSumT<float>(ctx, static_cast<const float*>(k), rows, cols, result),
                 maxAbsRowSumT<double>(ctx, static_cast<const double*>(k), rows, cols, result));
}

Status choleskyFactor(Context* ctx, DType t, void* k, int n, int* info) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t, choleskyFactorT<float>(ctx, static_cast<float*>(k), n, info),
                 choleskyFactorT<double>(ctx, static_cast<double*>(k), n, info));
}

Status choleskySolve(Context* ctx, DType t, const void* factor, int n, void* b, int c) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t, choleskySolveT<float>(ctx, static_cast<const float*>(factor), n, static_cast<float*>(b), c),
                 choleskySolveT<double>(ctx, static_cast<const double*>(factor), n, static_cast<double*>(b), c));
}

Status psdPower(Context* ctx, DType t, const void* sym, int d, double exponent, void* out) {
    RFM_TRY(makeCurrent(ctx));
    const size_t dd = static_cast<size_t>(d) * d;
    Scratch a, scaled, lambda, work, result;
    RFM_TRY(a.alloc(sizeof(double) * dd, "the eigendecomposition"));
    RFM_TRY(scaled.alloc(sizeof(double) * dd, "the eigendecomposition"));
    RFM_TRY(lambda.alloc(sizeof(double) * d, "the eigenvalues"));
    if (t == DType::F64) {
        RFM_CUDA(cudaMemcpyAsync(a.as<double>(), sym, sizeof(double) * dd, cudaMemcpyDeviceToDevice, ctx->stream));
    } else {
        RFM_CUDA(kernels::convert<float, double>(static_cast<const float*>(sym), dd, a.as<double>(), ctx->stream));
    }
    // (a + a^T) / 2 as the CPU does: syevd reads only one triangle, and symmetric, the row-major
    // matrix is its own column-major transpose
    RFM_CUDA(kernels::symmetrize(a.as<double>(), d, ctx->stream));
    int lwork = 0;
    RFM_SOLVER(LIB(cusolverDnDsyevd_bufferSize, ctx->solver, api::CUSOLVER_EIG_MODE_VECTOR,
                   api::CUBLAS_FILL_MODE_LOWER, d, a.as<double>(), d, lambda.as<double>(), &lwork));
    RFM_TRY(work.alloc(sizeof(double) * static_cast<size_t>(std::max(lwork, 1)), "the eigensolver workspace"));
    RFM_SOLVER(LIB(cusolverDnDsyevd, ctx->solver, api::CUSOLVER_EIG_MODE_VECTOR, api::CUBLAS_FILL_MODE_LOWER, d,
                   a.as<double>(), d, lambda.as<double>(), work.as<double>(), lwork, ctx->devInfo));
    int info = 0;
    RFM_TRY(readInfo(ctx, &info));
    if (info > 0) {
        return Status(Code::Numerical, "the symmetric eigensolver (syevd) did not converge (info " +
                                           std::to_string(info) + "): the matrix may hold NaN or inf");
    }
    if (info < 0) return Status(Code::Internal, "syevd rejected argument " + std::to_string(-info));
    // column-major V in a; scaled = V diag(f(lambda)); result = scaled V^T (symmetric)
    RFM_CUDA(cudaMemcpyAsync(scaled.as<double>(), a.as<double>(), sizeof(double) * dd, cudaMemcpyDeviceToDevice,
                             ctx->stream));
    RFM_CUDA(kernels::scaleEigenvectors(scaled.as<double>(), lambda.as<double>(), d, exponent, ctx->stream));
    double* target = nullptr;
    if (t == DType::F64) {
        target = static_cast<double*>(out);
    } else {
        RFM_TRY(result.alloc(sizeof(double) * dd, "the matrix power"));
        target = result.as<double>();
    }
    const double one = 1, zeroD = 0;
    RFM_BLAS(blasGemm(ctx, api::CUBLAS_OP_N, api::CUBLAS_OP_T, d, d, d, &one, scaled.as<double>(), d, a.as<double>(), d,
                      &zeroD, target, d));
    if (t == DType::F32) RFM_CUDA(kernels::convert<double, float>(target, dd, static_cast<float*>(out), ctx->stream));
    return sync(ctx);
}

Status pairwiseDistances(Context* ctx, DType t, double p, const void* a, int m, const void* b, int n, int d,
                         void* out) {
    RFM_TRY(makeCurrent(ctx));
    KernelParams kp{p, p, 1.0};
    const long long diag = (a == b && m == n) ? 0 : -1;
    Status st = (t == DType::F32)
                    ? pairBlock<float>(ctx, kp, kernels::Epilogue::Distance, static_cast<const float*>(a), m, nullptr,
                                       static_cast<const float*>(b), n, nullptr, d, diag, static_cast<float*>(out))
                    : pairBlock<double>(ctx, kp, kernels::Epilogue::Distance, static_cast<const double*>(a), m,
                                        nullptr, static_cast<const double*>(b), n, nullptr, d, diag,
                                        static_cast<double*>(out));
    RFM_TRY(st);
    return sync(ctx);
}

Status kernelMatrix(Context* ctx, DType t, KernelParams kp, const void* a, int m, const void* b, int n, int d,
                    void* out) {
    RFM_TRY(makeCurrent(ctx));
    const long long diag = (a == b && m == n) ? 0 : -1;
    Status st = (t == DType::F32)
                    ? pairBlock<float>(ctx, kp, kernels::Epilogue::Kernel, static_cast<const float*>(a), m, nullptr,
                                       static_cast<const float*>(b), n, nullptr, d, diag, static_cast<float*>(out))
                    : pairBlock<double>(ctx, kp, kernels::Epilogue::Kernel, static_cast<const double*>(a), m, nullptr,
                                        static_cast<const double*>(b), n, nullptr, d, diag,
                                        static_cast<double*>(out));
    RFM_TRY(st);
    return sync(ctx);
}

Status predict(Context* ctx, DType t, KernelParams kp, const void* u, int n, int d, const void* alpha, int c,
               const void* q, int m, void* out, int batchRows) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t,
                 predictT<float>(ctx, kp, static_cast<const float*>(u), n, d, static_cast<const float*>(alpha), c,
                                 static_cast<const float*>(q), m, static_cast<float*>(out), batchRows),
                 predictT<double>(ctx, kp, static_cast<const double*>(u), n, d, static_cast<const double*>(alpha), c,
                                  static_cast<const double*>(q), m, static_cast<double*>(out), batchRows));
}

Status agopAccumulate(Context* ctx, DType t, KernelParams kp, const void* u, int n, int d, const void* alpha, int c,
                      const void* z, int rows, const int* zIndex, void* g, bool diagonal, void* jac, int batchRows) {
    RFM_TRY(makeCurrent(ctx));
    RFM_DISPATCH(t,
                 agopT<float>(ctx, kp, static_cast<const float*>(u), n, d, static_cast<const float*>(alpha), c,
                              static_cast<const float*>(z), rows, zIndex, static_cast<float*>(g), diagonal,
                              static_cast<float*>(jac), batchRows),
                 agopT<double>(ctx, kp, static_cast<const double*>(u), n, d, static_cast<const double*>(alpha), c,
                               static_cast<const double*>(z), rows, zIndex, static_cast<double*>(g), diagonal,
                               static_cast<double*>(jac), batchRows));
}

Status convNtkMatrix(Context* ctx, ConvShape shape, const void* a, int na, const void* b, int nb, int dim, void* out,
                     int tileRows) {
    RFM_TRY(makeCurrent(ctx));
    if (na == 0 || nb == 0) return Status::ok();
    return convNtkT(ctx, shape, static_cast<const double*>(a), na, static_cast<const double*>(b), nb, dim,
                    static_cast<double*>(out), tileRows);
}

}  // namespace rfm4j
