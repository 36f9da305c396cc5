// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * The JCuda program of docs/JCUDA.md (JCudaExampleDocTest keeps the two equal): allocate with JCuda in
 * the primary context, fit and predict with rfm4j on those buffers, read the outputs, free. It needs a GPU
 * and JCuda's natives, so the tests only compile it; run: {@code java ... org.rfm4j.jcuda.JCudaExample}.
 */
public final class JCudaExample {
    private JCudaExample() {
    }

    /**
     * Fits y = x0 * x1 on n random points and prints the training error.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        int n = 2000, d = 10;
        float[] x = new float[n * d], y = new float[n];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * d] * x[i * d + 1];
        }
        // begin docs/JCUDA.md
        cuInit(0);
        CUdevice dev = new CUdevice();
        cuDeviceGet(dev, 0);
        CUcontext primary = new CUcontext();
        cuDevicePrimaryCtxRetain(primary, dev);   // rfm4j computes in the device's primary context
        cuCtxSetCurrent(primary);                 // (a context from cuCtxCreate is refused)

        CUdeviceptr dX = new CUdeviceptr(), dY = new CUdeviceptr(), dOut = new CUdeviceptr();
        cuMemAlloc(dX, (long) n * d * Sizeof.FLOAT);
        cuMemAlloc(dY, (long) n * Sizeof.FLOAT);
        cuMemAlloc(dOut, (long) n * Sizeof.FLOAT);
        cuMemcpyHtoD(dX, Pointer.to(x), (long) n * d * Sizeof.FLOAT);  // float[] x: n x d, row-major
        cuMemcpyHtoD(dY, Pointer.to(y), (long) n * Sizeof.FLOAT);

        try (ComputeBackend cuda = Backends.open("cuda"); JCudaRfm jc = JCudaRfm.on(cuda)) {
            DeviceMatrix xs = jc.wrap(dX, n, d, Precision.FLOAT32);  // a view: no copy, never freed by rfm4j
            DeviceMatrix ys = jc.wrap(dY, n, 1, Precision.FLOAT32);
            RfmRegressionModel model = jc.fit(new RfmRegressor(RfmParams.builder().build()), xs, ys);
            jc.predict(model, xs, jc.wrap(dOut, n, 1, Precision.FLOAT32));  // f(x) into dOut, finished on return
        }                                                            // the views end; the buffers stay yours

        float[] yHat = new float[n];
        cuMemcpyDtoH(Pointer.to(yHat), dOut, (long) n * Sizeof.FLOAT);
        cuMemFree(dX);
        cuMemFree(dY);
        cuMemFree(dOut);
        cuDevicePrimaryCtxRelease(dev);
        // end docs/JCUDA.md
        double mse = 0;
        for (int i = 0; i < n; i++) {
            mse += (yHat[i] - y[i]) * (yHat[i] - y[i]) / n;
        }
        System.out.println("training mse " + mse);
    }
}
