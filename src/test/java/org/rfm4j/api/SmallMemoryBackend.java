// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.function.IntConsumer;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.Precision;

/** A backend that computes on another but reports the memory it is given: for the plans that depend on memory. */
final class SmallMemoryBackend implements ComputeBackend {
    private final ComputeBackend inner;
    private final MemoryInfo memory;

    SmallMemoryBackend(ComputeBackend inner, MemoryInfo memory) {
        this.inner = inner;
        this.memory = memory;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description() + " (memory reported as " + MemoryInfo.gib(memory.freeBytes()) + ")";
    }

    @Override
    public boolean hostMemory() {
        return inner.hostMemory();
    }

    @Override
    public MemoryInfo memory() {
        return memory;
    }

    @Override
    public DeviceMatrix upload(double[] rowMajor, int rows, int cols, Precision precision) {
        return inner.upload(rowMajor, rows, cols, precision);
    }

    @Override
    public DeviceMatrix zeros(int rows, int cols, Precision precision) {
        return inner.zeros(rows, cols, precision);
    }

    @Override
    public double[] download(DeviceMatrix m) {
        return inner.download(m);
    }

    @Override
    public DeviceMatrix gatherRows(DeviceMatrix src, int[] rowIndex) {
        return inner.gatherRows(src, rowIndex);
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b, double beta,
                     DeviceMatrix c) {
        inner.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void scaleColumns(DeviceMatrix a, double[] s, DeviceMatrix out) {
        inner.scaleColumns(a, s, out);
    }

    @Override
    public void addDiagonal(DeviceMatrix k, double value) {
        inner.addDiagonal(k, value);
    }

    @Override
    public double maxAbsRowSum(DeviceMatrix k) {
        return inner.maxAbsRowSum(k);
    }

    @Override
    public int choleskyFactor(DeviceMatrix k) {
        return inner.choleskyFactor(k);
    }

    @Override
    public void choleskySolve(DeviceMatrix factor, DeviceMatrix b) {
        inner.choleskySolve(factor, b);
    }

    @Override
    public DeviceMatrix psdPower(DeviceMatrix sym, double exponent) {
        return inner.psdPower(sym, exponent);
    }

    @Override
    public void pairwiseDistances(double p, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        inner.pairwiseDistances(p, a, b, out);
    }

    @Override
    public void kernelMatrix(Kernel kernel, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        inner.kernelMatrix(kernel, a, b, out);
    }

    @Override
    public void kernelMatrixLower(Kernel kernel, DeviceMatrix a, DeviceMatrix out) {
        inner.kernelMatrixLower(kernel, a, out);
    }

    @Override
    public void predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix q, DeviceMatrix out) {
        inner.predict(kernel, u, alpha, q, out);
    }

    @Override
    public void agopAccumulate(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix z, int[] zIndex,
                               DeviceMatrix g, DeviceMatrix jacobianSum) {
        inner.agopAccumulate(kernel, u, alpha, z, zIndex, g, jacobianSum);
    }

    @Override
    public void forEachConcurrently(int tasks, int maxConcurrent, IntConsumer task) {
        inner.forEachConcurrently(tasks, maxConcurrent, task);
    }

    @Override
    public void close() {
        inner.close();
    }
}
