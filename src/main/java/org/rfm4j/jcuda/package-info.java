// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

/**
 * JCuda interop: fit and predict on device buffers that a JCuda application already holds, and hand
 * predictions back into a buffer it owns ({@link org.rfm4j.jcuda.JCudaRfm}). The only package that
 * names JCuda classes; JCuda (org.jcuda:jcuda 12.6.0) is an optional dependency, so the rest of rfm4j
 * loads and runs without it.
 */
package org.rfm4j.jcuda;
