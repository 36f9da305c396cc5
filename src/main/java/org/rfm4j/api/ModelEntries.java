// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.ModelFile;
import org.rfm4j.spi.Kernel;
import org.rfm4j.tree.RfmTree;

/**
 * The entries of what a model fitted, in a model file: one kernel machine under a prefix ("" for a
 * plain model, "leaf.K." for the leaves of a tree), and the tree's nodes. Reading checks every shape
 * against the others and every value for NaN/inf, so a damaged file fails with IO, never a wrong model.
 */
final class ModelEntries {
    /** The entry telling a tree from a plain model (absent: a plain model, as in every version-1 file). */
    static final String MODEL = "model";
    static final String TREE = "tree";

    private ModelEntries() {
    }

    // ---- one kernel machine -------------------------------------------------------------------

    static void putSingle(ModelFile.Builder b, String prefix, SingleRfm rfm) {
        RfmSolution s = rfm.solution();
        int d = s.d();
        b.putString(prefix + "kernel.type", s.kernel().type().cliName())
                .putDouble(prefix + "kernel.p", s.kernel().p())
                .putDouble(prefix + "kernel.q", s.kernel().q())
                .putDouble(prefix + "kernel.bandwidth", s.kernel().bandwidth())
                .putInt(prefix + "iteration", s.iteration())
                .put(prefix + "m", s.m(), s.diagonal() ? new int[] {d} : new int[] {d, d})
                .put(prefix + "s", s.s(), s.diagonal() ? new int[] {d} : new int[] {d, d})
                .put(prefix + "alpha", s.alpha(), rfm.trainingRows(), s.c())
                .put(prefix + "x_train", rfm.xTrain().data(), rfm.trainingRows(), d);
    }

    static SingleRfm readSingle(ModelFile.Contents f, String prefix, Path file) {
        Kernel kernel = Kernel.of(f.getString(prefix + "kernel.type"), f.getDouble(prefix + "kernel.bandwidth"),
                f.getDouble(prefix + "kernel.p"), f.getDouble(prefix + "kernel.q"));
        int[] xs = f.shape(prefix + "x_train");
        int[] as = f.shape(prefix + "alpha");
        int[] ms = f.shape(prefix + "m");
        if (xs.length != 2 || as.length != 2 || as[0] != xs[0]) {
            throw corrupt(file, "inconsistent shapes (" + prefix + "x_train " + Arrays.toString(xs) + ", " + prefix
                    + "alpha " + Arrays.toString(as) + ")");
        }
        int n = xs[0], d = xs[1], c = as[1];
        boolean diag = ms.length == 1;
        if ((diag && ms[0] != d) || (!diag && (ms.length != 2 || ms[0] != d || ms[1] != d))
                || !Arrays.equals(f.shape(prefix + "s"), ms)) {
            throw corrupt(file, prefix + "M has shape " + Arrays.toString(ms) + " but the model has " + d + " features");
        }
        double[] x = finite(f.getDoubles(prefix + "x_train"), file);
        double[] alpha = finite(f.getDoubles(prefix + "alpha"), file);
        double[] m = finite(f.getDoubles(prefix + "m"), file);
        double[] s = finite(f.getDoubles(prefix + "s"), file);
        RfmSolution sol = new RfmSolution(kernel, diag, d, m, s, alpha, c, f.getInt(prefix + "iteration"));
        return new SingleRfm(sol, new Matrix(x, n, d));
    }

    // ---- a tree -------------------------------------------------------------------------------

    static void putTree(ModelFile.Builder b, RfmTree t) {
        int nodes = t.nodeCount(), d = t.d();
        int[] left = new int[nodes], right = new int[nodes], leaf = new int[nodes];
        double[] dir = new double[nodes * d], th = new double[nodes], sp = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            left[i] = t.left(i);
            right[i] = t.right(i);
            leaf[i] = t.leafOf(i);
            System.arraycopy(t.direction(i), 0, dir, i * d, d);
            th[i] = t.threshold(i);
            sp[i] = t.spread(i);
        }
        b.formatVersion(2) // a version-1 reader would not know what to do with these entries
                .putString(MODEL, TREE)
                .putInts("tree.left", left, nodes)
                .putInts("tree.right", right, nodes)
                .putInts("tree.leaf", leaf, nodes)
                .put("tree.direction", dir, nodes, d)
                .put("tree.threshold", th, nodes)
                .put("tree.spread", sp, nodes)
                .putDouble("tree.temperature", t.temperature())
                .putInt("tree.leaves", t.leafCount());
        for (int k = 0; k < t.leafCount(); k++) {
            putSingle(b, leafPrefix(k), t.leaves().get(k));
        }
    }

    static RfmTree readTree(ModelFile.Contents f, Path file) {
        int leaves = f.getInt("tree.leaves");
        int[] left = f.getInts("tree.left");
        int nodes = left.length;
        if (leaves < 1 || leaves > nodes) {
            throw corrupt(file, leaves + " leaves in a tree of " + nodes + " nodes");
        }
        List<SingleRfm> fitted = new ArrayList<>(leaves);
        for (int k = 0; k < leaves; k++) {
            fitted.add(readSingle(f, leafPrefix(k), file));
        }
        int d = fitted.get(0).d();
        int[] dirShape = f.shape("tree.direction");
        if (dirShape.length != 2 || dirShape[0] != nodes || dirShape[1] != d) {
            throw corrupt(file, "tree.direction has shape " + Arrays.toString(dirShape) + " for " + nodes
                    + " nodes of " + d + " features");
        }
        double temperature = f.getDouble("tree.temperature");
        try {
            return new RfmTree(d, fitted.get(0).c(), left, f.getInts("tree.right"), f.getInts("tree.leaf"),
                    finite(f.getDoubles("tree.direction"), file), finite(f.getDoubles("tree.threshold"), file),
                    finite(f.getDoubles("tree.spread"), file), fitted, temperature);
        } catch (RfmException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static String leafPrefix(int k) {
        return "leaf." + k + ".";
    }

    private static double[] finite(double[] a, Path file) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                throw new RfmException(ErrorCode.IO, file + " holds NaN or inf in its arrays: the file is corrupt");
            }
        }
        return a;
    }

    static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, file + ": " + why + ": the file is corrupt");
    }
}
