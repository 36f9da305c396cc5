// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Compile-time check of rfm4j_cuda_api.h against the toolkit's real cuBLAS/cuSOLVER headers,
// where they exist (a GPU workstation). On a machine with only nvcc and the CUDA runtime (CI),
// this file compiles to nothing; CMake reports which case applied.
#include "rfm4j_cuda_api.h"

#if defined(__has_include)
#if __has_include(<cublas_v2.h>) && __has_include(<cusolverDn.h>) && !defined(RFM4J_SKIP_API_CHECK)
#define RFM4J_API_CHECKED 1
#include <cublas_v2.h>
#include <cusolverDn.h>
#include <library_types.h>

#include <type_traits>

namespace {

// Our prototypes pass enums as int: an int of ours matches an int-sized enum of theirs.
template <class Ours, class Theirs>
struct ArgMatches : std::is_same<Ours, Theirs> {};
template <class Theirs>
struct ArgMatches<int, Theirs>
    : std::integral_constant<bool, std::is_same<int, Theirs>::value ||
                                       (std::is_enum<Theirs>::value && sizeof(Theirs) == sizeof(int))> {};

template <class... B>
struct All : std::true_type {};
template <class B1, class... B>
struct All<B1, B...> : std::integral_constant<bool, B1::value && All<B...>::value> {};

template <class Ours, class Theirs, class = void>
struct SameAbi : std::false_type {};
template <class R1, class... A1, class R2, class... A2>
struct SameAbi<R1 (*)(A1...), R2 (*)(A2...), typename std::enable_if<sizeof...(A1) == sizeof...(A2)>::type>
    : std::integral_constant<bool, ArgMatches<R1, R2>::value && All<ArgMatches<A1, A2>...>::value> {};

}  // namespace

#define RFM4J_CHECK_FN(name)                                                                   \
    static_assert(SameAbi<rfm4j::api::PFN_##name, decltype(&::name)>::value,                   \
                  "rfm4j_cuda_api.h: the prototype of " #name " differs from the toolkit's header")

RFM4J_CHECK_FN(cublasCreate_v2);
RFM4J_CHECK_FN(cublasDestroy_v2);
RFM4J_CHECK_FN(cublasSetStream_v2);
RFM4J_CHECK_FN(cublasSetMathMode);
RFM4J_CHECK_FN(cublasGetProperty);
RFM4J_CHECK_FN(cublasSgemm_v2);
RFM4J_CHECK_FN(cublasDgemm_v2);
RFM4J_CHECK_FN(cublasSsyrk_v2);
RFM4J_CHECK_FN(cublasDsyrk_v2);
RFM4J_CHECK_FN(cusolverDnCreate);
RFM4J_CHECK_FN(cusolverDnDestroy);
RFM4J_CHECK_FN(cusolverDnSetStream);
RFM4J_CHECK_FN(cusolverGetProperty);
RFM4J_CHECK_FN(cusolverDnCreateParams);
RFM4J_CHECK_FN(cusolverDnDestroyParams);
RFM4J_CHECK_FN(cusolverDnXpotrf_bufferSize);
RFM4J_CHECK_FN(cusolverDnXpotrf);
RFM4J_CHECK_FN(cusolverDnXpotrs);
RFM4J_CHECK_FN(cusolverDnDsyevd_bufferSize);
RFM4J_CHECK_FN(cusolverDnDsyevd);

#define RFM4J_CHECK_ENUM(name) \
    static_assert(static_cast<int>(::name) == rfm4j::api::name, "rfm4j_cuda_api.h: " #name " has another value")

RFM4J_CHECK_ENUM(CUBLAS_STATUS_SUCCESS);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_NOT_INITIALIZED);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_ALLOC_FAILED);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_INVALID_VALUE);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_ARCH_MISMATCH);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_MAPPING_ERROR);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_EXECUTION_FAILED);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_INTERNAL_ERROR);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_NOT_SUPPORTED);
RFM4J_CHECK_ENUM(CUBLAS_STATUS_LICENSE_ERROR);
RFM4J_CHECK_ENUM(CUBLAS_OP_N);
RFM4J_CHECK_ENUM(CUBLAS_OP_T);
RFM4J_CHECK_ENUM(CUBLAS_FILL_MODE_LOWER);
RFM4J_CHECK_ENUM(CUBLAS_FILL_MODE_UPPER);
RFM4J_CHECK_ENUM(CUBLAS_DEFAULT_MATH);
RFM4J_CHECK_ENUM(CUBLAS_PEDANTIC_MATH);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_SUCCESS);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_NOT_INITIALIZED);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_ALLOC_FAILED);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_INVALID_VALUE);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_ARCH_MISMATCH);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_EXECUTION_FAILED);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_INTERNAL_ERROR);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED);
RFM4J_CHECK_ENUM(CUSOLVER_STATUS_NOT_SUPPORTED);
RFM4J_CHECK_ENUM(CUSOLVER_EIG_MODE_NOVECTOR);
RFM4J_CHECK_ENUM(CUSOLVER_EIG_MODE_VECTOR);
RFM4J_CHECK_ENUM(CUDA_R_32F);
RFM4J_CHECK_ENUM(CUDA_R_64F);
static_assert(static_cast<int>(::MAJOR_VERSION) == rfm4j::api::PROPERTY_MAJOR_VERSION, "MAJOR_VERSION");
static_assert(static_cast<int>(::MINOR_VERSION) == rfm4j::api::PROPERTY_MINOR_VERSION, "MINOR_VERSION");
static_assert(static_cast<int>(::PATCH_LEVEL) == rfm4j::api::PROPERTY_PATCH_LEVEL, "PATCH_LEVEL");
#endif
#endif

#if defined(RFM4J_REQUIRE_API_CHECK) && !defined(RFM4J_API_CHECKED)
#error "RFM4J_REQUIRE_API_CHECK: cublas_v2.h and cusolverDn.h were not found on the include path"
#endif

namespace rfm4j {
/** 1 when this build checked rfm4j_cuda_api.h against the toolkit's headers. */
int apiCheckedAgainstToolkitHeaders() {
#ifdef RFM4J_API_CHECKED
    return 1;
#else
    return 0;
#endif
}
}  // namespace rfm4j
