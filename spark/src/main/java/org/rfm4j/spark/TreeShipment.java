// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.rfm4j.algo.SingleRfm;
import org.rfm4j.api.TreeModels;
import org.rfm4j.tree.RfmTree;

/**
 * A fitted tree's splits and leaves as bytes, broadcast to the executors to predict the validation
 * rows at each routing temperature; each executor JVM rebuilds the tree once per fit.
 */
final class TreeShipment implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final LatestCache<RfmTree> BUILT = new LatestCache<>();

    private final String key;
    private final Router router;
    private final List<byte[]> leaves;
    private final int c;

    TreeShipment(String key, Router router, List<byte[]> leaves, int c) {
        this.key = key;
        this.router = router;
        this.leaves = new ArrayList<>(leaves);
        this.c = c;
    }

    RfmTree tree() {
        return BUILT.get(key, () -> {
            List<SingleRfm> fitted = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) {
                fitted.add(TreeModels.leafFromBytes(leaves.get(i), "leaf " + i + " of " + key));
            }
            return new RfmTree(router.d, c, router.left, router.right, router.leafOf, router.direction,
                    router.threshold, router.spread, fitted, 0);
        });
    }
}
