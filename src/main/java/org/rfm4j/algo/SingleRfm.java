// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/** One kernel machine: a solution of the RFM loop and the training points it was fitted on. */
public record SingleRfm(RfmSolution solution, Matrix xTrain) implements FittedRfm {

    @Override
    public int d() {
        return solution.d();
    }

    @Override
    public int c() {
        return solution.c();
    }

    @Override
    public int trainingRows() {
        return xTrain.rows();
    }

    @Override
    public boolean diagonal() {
        return solution.diagonal();
    }

    @Override
    public double[] featureMatrix() {
        return solution.m().clone();
    }

    @Override
    public Kernel kernel() {
        return solution.kernel();
    }

    @Override
    public RawPredictor open(ComputeBackend be, Precision precision) {
        return new SolutionPredictor(be, solution, xTrain, precision);
    }
}
