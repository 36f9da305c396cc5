// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.Warmup;
import org.rfm4j.io.AtomicFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rfm} command line. Exit codes: 0 success, 2 a user error (bad option, bad data,
 * unreadable file, unavailable backend: one clear line on stderr, no stack trace), 1 an internal
 * error (a bug: the stack trace is printed so it can be reported).
 */
@Command(name = "rfm", mixinStandardHelpOptions = true, versionProvider = RfmCli.Version.class,
        description = "Recursive Feature Machines on the JVM (CPU and CUDA backends).")
public final class RfmCli {
    /** The subcommands, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("fit", FitCommand::new);
        m.put("predict", PredictCommand::new);
        m.put("info", InfoCommand::new);
        m.put("experiment", ExperimentCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("export", ExportCommand::new);
        m.put("import", ImportCommand::new);
        return m;
    }

    public static final int EXIT_USER_ERROR = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length > 0 && (args[0].equals("fit") || args[0].equals("predict"))) {
            Warmup.startInBackground(); // compiles the small-fit kernels on the other core while picocli parses
        }
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                interrupted(System.err);
            }
        }, "rfm-interrupted"));
        int code = run(args);
        finished.set(true);
        System.exit(code);
    }

    /**
     * Ctrl-C (or SIGTERM) before the command ended: the JVM is on its way out and stops the command's
     * threads where they are; remove the files half written and say what the user has.
     */
    static void interrupted(PrintStream err) {
        int removed = AtomicFiles.deleteUnfinished();
        err.println();
        err.println("rfm: interrupted before the command finished"
                + (removed > 0 ? " (" + removed + " file" + (removed == 1 ? "" : "s") + " being written removed)" : "")
                + ": files it had already written are complete, files it had not reached are as they were; "
                + "run it again to finish");
        err.flush();
    }

    /** Runs the CLI and returns its exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    /**
     * The command line for these arguments. picocli builds each command's model by reflection (about 0.35 s
     * for all of them in a fresh JVM), so only the subcommand {@code args[0]} names is added; all of them
     * for help, a top-level option or a misspelt name (which then gets picocli's suggestions).
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new RfmCli());
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(c -> cl.addSubcommand(c.get()));
        }
        return cl;
    }

    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof RfmException) {
            RfmException e = (RfmException) ex;
            err.println("rfm: error: " + e.getMessage());
            err.flush();
            return e.code() == ErrorCode.INTERNAL || e.code() == ErrorCode.UNKNOWN ? 1 : EXIT_USER_ERROR;
        }
        if (ex instanceof java.io.UncheckedIOException || ex instanceof java.nio.file.InvalidPathException) {
            err.println("rfm: error: " + ex.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("rfm: internal error (please report it with the command that caused it):");
        ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RfmCli.class.getPackage().getImplementationVersion();
            return new String[] {"rfm4j " + (v == null ? "dev" : v)};
        }
    }
}
