// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * Opens the backend a task computes on. Where Spark assigned the task a GPU
 * (spark.task.resource.gpu.amount), the CUDA backend is pointed at that GPU (rfm4j.cuda.device)
 * before "auto" chooses; without one, "auto" takes the executor's GPU if it has one, else the CPU.
 */
final class TaskBackends {
    private TaskBackends() {
    }

    static ComputeBackend open(String name) {
        TaskContext tc = TaskContext.get();
        if (tc != null) {
            ResourceInformation gpu = tc.resourcesJMap().get("gpu");
            if (gpu != null && gpu.addresses().length > 0) {
                System.setProperty("rfm4j.cuda.device", gpu.addresses()[0].trim());
            }
        }
        return Backends.open(name);
    }

    static String where() {
        TaskContext tc = TaskContext.get();
        return tc == null ? "driver" : "stage " + tc.stageId() + " partition " + tc.partitionId();
    }
}
