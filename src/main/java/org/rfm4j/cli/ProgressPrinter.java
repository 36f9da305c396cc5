package org.rfm4j.cli;

import java.util.Locale;
import java.util.Map;

import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.IterationRecord;

/** Prints phases on stderr as they start and one table row per iteration on stdout. */
final class ProgressPrinter implements FitListener {
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
    public void note(String message) {
        if (!quiet) {
            System.out.println("note: " + message);
        }
    }
}
