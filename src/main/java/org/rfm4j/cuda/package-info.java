// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

/**
 * The CUDA backend: {@link org.rfm4j.cuda.CudaBackend} implements the compute SPI through JNI into
 * {@code librfm4j_cuda.so} (native/ in the source tree), which runs cuBLAS, cuSOLVER and rfm4j's own
 * kernels. {@link org.rfm4j.cuda.NativeLoader} finds and loads the library;
 * {@link org.rfm4j.cuda.CudaBackendProvider#probe()} says exactly why the backend cannot run when it
 * cannot. Nothing here is touched on the CPU path: {@link org.rfm4j.spi.Backends} loads the provider
 * by name.
 */
package org.rfm4j.cuda;
