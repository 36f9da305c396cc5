// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import jcuda.NativePointerObject;
import jcuda.driver.CUdeviceptr;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Raw values of JCuda handles. JCuda keeps a handle's value in {@code NativePointerObject}'s native
 * pointer and a {@code Pointer}'s offset ({@code withByteOffset}) beside it, both readable only by
 * subclasses (protected API): the two small subclasses here copy a handle through JCuda's own protected
 * copy constructors and read it, with no reflection and no native call.
 */
final class DevicePointers {
    private DevicePointers() {
    }

    /** The device address a CUdeviceptr stands for: its native pointer plus its byte offset. */
    static long address(CUdeviceptr pointer) {
        if (pointer == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the CUdeviceptr is null: pass a buffer allocated "
                    + "with cuMemAlloc");
        }
        return new Address(pointer).value();
    }

    /** The raw handle of a JCuda object (a CUcontext, say). */
    static long handle(NativePointerObject object) {
        return new Handle(object).value();
    }

    private static final class Address extends CUdeviceptr {
        Address(CUdeviceptr pointer) {
            super(pointer, 0);
        }

        long value() {
            return getNativePointer() + getByteOffset();
        }
    }

    private static final class Handle extends NativePointerObject {
        Handle(NativePointerObject object) {
            super(object);
        }

        long value() {
            return getNativePointer();
        }
    }
}
