// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import java.util.concurrent.Callable;

import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * Loaded by {@link CoreWithoutJCudaTest} in a class loader without JCuda: lists the backends and fits
 * and predicts a small regression on the CPU through the public API, returning a summary.
 */
public final class CoreFitProbe implements Callable<String> {
    @Override
    public String call() {
        int n = 60;
        double[][] x = new double[n][3];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = Math.sin(i);
            x[i][1] = Math.cos(0.7 * i);
            x[i][2] = (i % 7) / 7.0;
            y[i][0] = x[i][0] * x[i][1];
        }
        RfmParams params = RfmParams.builder().iterations(2).build();
        try (ComputeBackend cpu = Backends.open("cpu")) {
            RfmRegressionModel model = new RfmRegressor(params).fit(cpu, x, y);
            double[][] yHat = model.predict(cpu, x);
            double mse = 0;
            for (int i = 0; i < n; i++) {
                mse += (yHat[i][0] - y[i][0]) * (yHat[i][0] - y[i][0]) / n;
            }
            return "backends " + Backends.providers().size() + ", auto " + Backends.autoChoice() + ", mse " + mse;
        }
    }
}
