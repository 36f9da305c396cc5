// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import org.apache.spark.Partitioner;

/** Partition k holds the rows of part k of the tree (the driver's leaf k): one part, one task. */
final class LeafPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int leaves;

    LeafPartitioner(int leaves) {
        this.leaves = leaves;
    }

    @Override
    public int numPartitions() {
        return leaves;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafPartitioner && ((LeafPartitioner) o).leaves == leaves;
    }

    @Override
    public int hashCode() {
        return leaves;
    }
}
