// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.util.Locale;
import java.util.Map;

import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.IterationRecord;
import org.rfm4j.tree.LeafRecord;
import org.rfm4j.tree.TreeListener;

/**
 * Prints phases on stderr as they start and one table row per iteration on stdout; for a tree, one
 * line per split and per leaf (leaves done / total, seconds, validation metric).
 */
final class ProgressPrinter implements FitListener, TreeListener {
    private final boolean quiet;
    private boolean header;

    ProgressPrinter(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public void phaseStarted(int iter, String phase, double elapsed) {
        if (!quiet && System.console() != null) {
            System.err.printf(Locale.ROOT, "\r  [%7.1f s] iteration %d: %-10s", elapsed, iter, phase);
            System.err.flush();
        }
    }

    @Override
    public void iterationDone(IterationRecord rec, double elapsed) {
        if (quiet) {
            return;
        }
        if (System.console() != null) {
            System.err.print("\r" + " ".repeat(50) + "\r");
        }
        if (!header) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%4s", "iter"));
            rec.validation().keySet().forEach(k -> h.append(String.format(Locale.ROOT, " %10s", "val_" + k)));
            h.append(String.format(Locale.ROOT, " %8s %8s %8s %8s %9s", "kernel_s", "solve_s", "agop_s", "iter_s", "elapsed_s"));
            System.out.println(h);
            header = true;
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d", rec.iter()));
        rec.validation().values().forEach(v -> row.append(String.format(Locale.ROOT, " %10.5g", v)));
        Map<String, Double> s = rec.seconds();
        row.append(String.format(Locale.ROOT, " %8.3f %8.3f %8.3f %8.3f %9.2f", s.getOrDefault("kernel", 0.0),
                s.getOrDefault("solve", 0.0), s.getOrDefault("agop", 0.0) + s.getOrDefault("sqrt", 0.0),
                rec.totalSeconds(), elapsed));
        System.out.println(row);
    }

    @Override
    public void epochDone(int iter, int epoch, Map<String, Double> scores, double seconds, double elapsed) {
        if (quiet) {
            return;
        }
        if (System.console() != null) {
            System.err.print("\r" + " ".repeat(50) + "\r");
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  iteration %d, epoch %d:", iter, epoch));
        scores.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.5g", k, v)));
        sb.append(String.format(Locale.ROOT, "  %.1f s  [%.0f s]", seconds, elapsed));
        System.out.println(sb);
    }

    @Override
    public void note(String message) {
        if (!quiet) {
            System.out.println("note: " + message);
        }
    }

    @Override
    public void planned(int leafSize, int workers, String why) {
        if (!quiet) {
            System.out.println("tree: leaf size " + leafSize + "; " + why);
        }
    }

    @Override
    public void split(int node, int depth, int rows, int left, int right, double seconds, double elapsed) {
        if (!quiet) {
            System.out.printf(Locale.ROOT, "  split node %d (depth %d, %d rows) -> %d | %d  %.1f s  [%.0f s]%n", node,
                    depth, rows, left, right, seconds, elapsed);
        }
    }

    @Override
    public void leafDone(LeafRecord leaf, int done, int total, double elapsed) {
        if (quiet) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  leaf %d/%d (#%d): %d rows, iteration %d of %d",
                done, total, leaf.leaf(), leaf.rows(), leaf.bestIteration(), leaf.iterations() - 1));
        if (leaf.validationRows() > 0) {
            sb.append(String.format(Locale.ROOT, ", %d validation rows", leaf.validationRows()));
            leaf.validation().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.5g", k, v)));
        }
        sb.append(String.format(Locale.ROOT, ", %.1f s  [%.0f s]", leaf.seconds(), elapsed));
        System.out.println(sb);
    }

    @Override
    public void routed(String routing, Map<String, Double> scores) {
        if (quiet) {
            return;
        }
        StringBuilder sb = new StringBuilder("routing: " + routing);
        if (!scores.isEmpty()) {
            sb.append(" (validation:");
            scores.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.5g;", k, v)));
            sb.setLength(sb.length() - 1);
            sb.append(')');
        }
        System.out.println(sb);
    }
}
