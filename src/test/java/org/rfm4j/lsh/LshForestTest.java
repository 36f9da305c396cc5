// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.lsh.PlantedBias;
import org.rfm4j.lsh.LshEvaluation;

class LshForestTest {
    private static final BitMatrix DATA = PlantedBias.generate(200, 96, 24, 0.05, 11);

    private static ForestParams params() {
        return ForestParams.defaults(3).withTrees(10).withRounds(60).withSeed(5).withThreads(2);
    }

    @Test
    void treesStopAtTheBucketSizeAndHoldEveryPointOnce() {
        for (SplitRule rule : SplitRule.values()) {
            LshForest f = LshForest.fit(DATA, params().withBucketSize(5), rule);
            assertEquals(rule, f.rule());
            for (int t = 0; t < f.trees(); t++) {
                HashTree tree = f.tree(t);
                assertTrue(tree.maxBucket() <= 5, rule + " tree " + t + " has a bucket of " + tree.maxBucket());
                int[] seen = new int[DATA.rows()];
                for (int k = 0; k < tree.nodes(); k++) {
                    if (tree.isLeaf(k)) {
                        for (int s = tree.bucketStart(k); s < tree.bucketStart(k) + tree.bucketSize(k); s++) {
                            seen[tree.items()[s]]++;
                        }
                    }
                }
                for (int p = 0; p < seen.length; p++) {
                    assertEquals(1, seen[p], "point " + p + " in tree " + t);
                }
            }
        }
    }

    @Test
    void duplicatePointsShareOneLeafEvenAboveTheBucketSize() {
        boolean[][] rows = new boolean[12][16];
        for (int p = 0; p < 12; p++) {
            rows[p][3] = p >= 8; // 8 copies of one point, 4 of another
        }
        BitMatrix data = BitMatrix.of(rows);
        LshForest f = LshForest.fit(data, params().withBucketSize(2).withTrees(3), SplitRule.LEARNED);
        assertEquals(8, f.tree(0).maxBucket());
    }

    @Test
    void anExactDuplicateQueryFindsItsPointWithProbabilityOne() {
        for (SplitRule rule : SplitRule.values()) {
            LshForest f = LshForest.fit(DATA, params(), rule);
            LshForest.Searcher s = f.searcher();
            for (int p = 0; p < DATA.rows(); p++) {
                assertEquals(1.0, f.success(DATA.row(p), p), rule + " point " + p);
                assertEquals(p, s.nearest(DATA.row(p), 1));
            }
        }
    }

    @Test
    void sameSeedSameForestWhateverTheThreads() {
        for (SplitRule rule : SplitRule.values()) {
            LshForest a = LshForest.fit(DATA, params().withThreads(1), rule);
            LshForest b = LshForest.fit(DATA, params().withThreads(2), rule);
            LshForest c = LshForest.fit(DATA, params().withSeed(6), rule);
            LshEvaluation.Queries q = LshEvaluation.flipQueries(DATA, LshEvaluation.allRows(DATA), 3, 9);
            assertArrayEquals(LshEvaluation.successes(a, q), LshEvaluation.successes(b, q), rule.label());
            for (int t = 0; t < a.trees(); t++) {
                assertEquals(a.tree(t).nodes(), b.tree(t).nodes());
                assertArrayEquals(a.tree(t).items(), b.tree(t).items());
            }
            boolean differs = false;
            for (int t = 0; t < a.trees() && !differs; t++) {
                differs = a.tree(t).nodes() != c.tree(t).nodes()
                        || !java.util.Arrays.equals(a.tree(t).items(), c.tree(t).items());
            }
            assertTrue(differs, rule + ": another seed should give other trees");
        }
    }

    @Test
    void queriesFlipExactlyRBits() {
        LshEvaluation.Queries q = LshEvaluation.flipQueries(DATA, LshEvaluation.allRows(DATA), 7, 1);
        for (int k = 0; k < q.count(); k++) {
            assertEquals(7, DATA.hamming(q.sources()[k], q.query(k)));
        }
    }

    @Test
    void candidatesAreDistinctAndWithinRadiusIsExact() {
        LshForest f = LshForest.fit(DATA, params(), SplitRule.LEARNED);
        LshForest.Searcher s = f.searcher();
        long[] q = DATA.row(17);
        q[0] ^= 0b101;
        int[] c = s.candidates(q, f.trees());
        assertEquals(c.length, java.util.Arrays.stream(c).distinct().count());
        for (int p : s.withinRadius(q, 2, f.trees())) {
            assertTrue(DATA.hamming(p, q) <= 2);
        }
        RfmException e = assertThrows(RfmException.class, () -> s.candidates(new long[5], 1));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertThrows(RfmException.class, () -> s.candidates(q, f.trees() + 1));
    }

    @Test
    void percentileIsNearestRank() {
        double[] v = {0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.4, 0.6, 0.8, 1.0};
        assertEquals(0.1, LshEvaluation.percentile(v, 0.1));
        assertEquals(0.5, LshEvaluation.percentile(v, 0.5));
        assertEquals(0.1, LshEvaluation.percentile(v, 0.0));
        assertFalse(Double.isNaN(LshEvaluation.mean(v)));
    }

    @Test
    void badParametersAreClearErrors() {
        RfmException e = assertThrows(RfmException.class, () -> ForestParams.defaults(3).withTrees(0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertThrows(RfmException.class, () -> ForestParams.defaults(3).withBeta(1.0));
        assertThrows(RfmException.class, () -> ForestParams.defaults(-1));
    }
}
