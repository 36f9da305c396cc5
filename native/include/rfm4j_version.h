// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Version handshake between the Java classes and this library.
// org.rfm4j.cuda.NativeLoader.ABI_VERSION must hold the same number: bump both together
// whenever a native method's signature or meaning changes.
#pragma once
#define RFM4J_NATIVE_ABI_VERSION 2
