# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0

# Reports whether native/src/api_check.cpp will hold rfm4j_cuda_api.h against the toolkit's own
# cuBLAS/cuSOLVER headers (they exist on a GPU workstation, not on the CI machine).
include(CheckIncludeFileCXX)
set(CMAKE_REQUIRED_INCLUDES ${CUDAToolkit_INCLUDE_DIRS})
check_include_file_cxx(cublas_v2.h RFM4J_HAVE_CUBLAS_HEADER)
check_include_file_cxx(cusolverDn.h RFM4J_HAVE_CUSOLVER_HEADER)
unset(CMAKE_REQUIRED_INCLUDES)
if(RFM4J_HAVE_CUBLAS_HEADER AND RFM4J_HAVE_CUSOLVER_HEADER)
  message(STATUS "rfm4j: cuBLAS/cuSOLVER headers found: prototypes and enum values are checked at compile time")
else()
  message(STATUS "rfm4j: no cuBLAS/cuSOLVER headers here: rfm4j_cuda_api.h is used unchecked (checked where the headers exist)")
endif()
