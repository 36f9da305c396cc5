// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUpointer_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * {@link DriverQueries} through JCuda's driver API (libcuda.so.1): cuCtxGetCurrent,
 * cuDevicePrimaryCtxRetain/Release, cuPointerGetAttribute and cuMemGetAddressRange. A failed call
 * (a CUresult, or JCuda's CudaException when the application enabled exceptions) becomes an
 * {@link RfmException} naming the call.
 */
final class JCudaDriverQueries implements DriverQueries {
    @Override
    public long currentContext() {
        CUcontext ctx = new CUcontext();
        check("cuCtxGetCurrent", () -> JCudaDriver.cuCtxGetCurrent(ctx));
        return DevicePointers.handle(ctx);
    }

    @Override
    public long primaryContext(int device) {
        CUdevice dev = new CUdevice();
        check("cuDeviceGet", () -> JCudaDriver.cuDeviceGet(dev, device));
        CUcontext ctx = new CUcontext();
        check("cuDevicePrimaryCtxRetain", () -> JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev));
        check("cuDevicePrimaryCtxRelease", () -> JCudaDriver.cuDevicePrimaryCtxRelease(dev));
        return DevicePointers.handle(ctx);
    }

    @Override
    public long allocationContext(long address) {
        long[] ctx = new long[1];
        check("cuPointerGetAttribute(CU_POINTER_ATTRIBUTE_CONTEXT)", () -> JCudaDriver.cuPointerGetAttribute(
                Pointer.to(ctx), CUpointer_attribute.CU_POINTER_ATTRIBUTE_CONTEXT, at(address)));
        return ctx[0];
    }

    @Override
    public int allocationDevice(long address) {
        int[] ordinal = new int[1];
        check("cuPointerGetAttribute(CU_POINTER_ATTRIBUTE_DEVICE_ORDINAL)", () -> JCudaDriver.cuPointerGetAttribute(
                Pointer.to(ordinal), CUpointer_attribute.CU_POINTER_ATTRIBUTE_DEVICE_ORDINAL, at(address)));
        return ordinal[0];
    }

    @Override
    public long[] allocationRange(long address) {
        CUdeviceptr base = new CUdeviceptr();
        long[] size = new long[1];
        check("cuMemGetAddressRange", () -> JCudaDriver.cuMemGetAddressRange(base, size, at(address)));
        return new long[] {DevicePointers.address(base), size[0]};
    }

    private static CUdeviceptr at(long address) {
        return new CUdeviceptr().withByteOffset(address);
    }

    private interface Call {
        int run();
    }

    private static void check(String what, Call call) {
        int result;
        try {
            result = call.run();
        } catch (CudaException e) {
            throw new RfmException(ErrorCode.DEVICE_ERROR, what + " failed: " + e.getMessage()
                    + ": pass a live buffer allocated with cuMemAlloc in the device's primary context", e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE, "JCuda's driver library did not load (" + e
                    + "): put JCuda 12.6.0 with its natives (org.jcuda:jcuda-natives) on the class path", e);
        }
        if (result != CUresult.CUDA_SUCCESS) {
            throw new RfmException(ErrorCode.DEVICE_ERROR, what + " failed: " + CUresult.stringFor(result)
                    + ": pass a live buffer allocated with cuMemAlloc in the device's primary context");
        }
    }
}
