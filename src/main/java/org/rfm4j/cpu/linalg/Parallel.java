// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one concurrency switch of the CPU linear algebra kernels.
 *
 * <p>A shared pool of daemon threads (so the JVM can exit); the number of threads a
 * kernel uses is {@link #threads()}: system property {@code rfm4j.cpu.threads}, default
 * {@code Runtime.availableProcessors()}, overridable with {@link #setThreads(int)} or
 * {@link #withThreads(int, Runnable)} (meant for tests and benchmarks). The calling thread
 * always does one share of the work; calls made from inside a worker run sequentially,
 * so nested kernels never oversubscribe or deadlock.
 *
 * <p>The bodies that the fit's code passes here (and the other callbacks on a fit's path) are anonymous
 * classes, not lambdas: the JVM spins each lambda or method reference into a class at its first use, through
 * the lambda metafactory and its bytecode writer, about a millisecond each and C2 time on the JDK's class
 * writer; an anonymous class is loaded from the jar like any other. The first fit of a process met some 25 of
 * them: 264 x 10 now fits in a median 98 ms instead of 138 (docs/BENCHMARKS.md, "Lambdas and the first fit").
 */
public final class Parallel {

    /** Body of a static range split: handles indices [from, to) as worker {@code worker}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int from, int to);
    }

    /** Body of a dynamically scheduled task loop: handles task {@code task} as worker {@code worker}. */
    @FunctionalInterface
    public interface TaskBody {
        void run(int worker, int task);
    }

    private static final int DEFAULT_THREADS = defaultThreads();
    private static volatile int threads = DEFAULT_THREADS;
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>() {
        @Override
        protected Boolean initialValue() {
            return Boolean.FALSE;
        }
    };
    /** Threads the kernels of this thread may use, inside {@link #forEachJob} (0: no limit). */
    private static final ThreadLocal<Integer> SHARE = new ThreadLocal<>() {
        @Override
        protected Integer initialValue() {
            return 0;
        }
    };

    private static final ExecutorService POOL = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "rfm4j-cpu-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    /**
     * Units of work below this many flops run their kernels on the calling thread alone ({@link #serialBelow};
     * system property {@code rfm4j.cpu.serialMaxFlops}, default 5e8: a default fit of 500 x 20). On such sizes a
     * second thread gained nothing once compiled and cost 18-22 % of a fresh JVM's first fit, whose other core
     * the JIT compiler needs (docs/BENCHMARKS.md, "One thread for small units").
     */
    public static final double SERIAL_MAX_FLOPS = LinalgParams.flopsProperty("rfm4j.cpu.serialMaxFlops", 5e8);

    private Parallel() {
    }

    /**
     * Caps the calling thread's kernels at one thread until the returned scope is closed (which restores its
     * previous cap) when a unit of work of {@code flops} flops is below {@link #SERIAL_MAX_FLOPS}; otherwise
     * changes nothing. The kernels' results do not depend on their thread count, so this changes speed only.
     */
    public static Simd.Scope serialBelow(double flops) {
        if (!(flops < SERIAL_MAX_FLOPS)) {
            return Simd.NO_SCOPE;
        }
        int old = SHARE.get();
        SHARE.set(1);
        return new Simd.Scope() {
            @Override
            public void close() {
                SHARE.set(old);
            }
        };
    }

    private static int defaultThreads() {
        int def = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("rfm4j.cpu.threads");
        if (p != null) {
            try {
                int v = Integer.parseInt(p.trim());
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return Math.max(1, def);
    }

    /** Number of threads kernels use now (1 inside a worker). */
    public static int threads() {
        if (INSIDE.get()) {
            return 1;
        }
        int share = SHARE.get();
        return share > 0 ? Math.min(share, threads) : threads;
    }

    /** Sets the thread count for all later kernel calls (process wide); {@code t < 1} restores the default. */
    public static void setThreads(int t) {
        threads = t < 1 ? DEFAULT_THREADS : t;
    }

    /** Runs {@code r} with the thread count set to {@code t}, then restores the previous count. Not re-entrant across threads. */
    public static void withThreads(int t, Runnable r) {
        int old = threads;
        setThreads(t);
        try {
            r.run();
        } finally {
            threads = old;
        }
    }

    /**
     * Runs {@code r} with the calling thread's kernels on that thread alone (work in the background that
     * must leave the other cores to the foreground), then restores the thread's share.
     */
    public static void onOneThread(Runnable r) {
        int old = SHARE.get();
        SHARE.set(1);
        try {
            r.run();
        } finally {
            SHARE.set(old);
        }
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous chunks of at least
     * {@code minChunk} indices, runs them concurrently and waits. Worker ids are
     * 0..workers-1 with {@code workers <= workers(n, minChunk)}. Exceptions propagate.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int w = workers(n, minChunk);
        if (w <= 1) {
            if (n > 0) {
                body.run(0, 0, n);
            }
            return;
        }
        final int nw = w;
        run(nw, new Worker() {
            @Override
            public void run(int id) {
                int from = (int) ((long) n * id / nw);
                int to = (int) ((long) n * (id + 1) / nw);
                if (to > from) {
                    body.run(id, from, to);
                }
            }
        });
    }

    /** Number of workers {@link #forRange} uses for {@code n} indices. */
    public static int workers(int n, int minChunk) {
        int t = threads();
        int byWork = Math.max(1, n / Math.max(1, minChunk));
        return Math.max(1, Math.min(t, byWork));
    }

    /**
     * Runs tasks 0..nTasks-1, pulled in order from a shared counter by up to
     * {@link #threads()} workers (ids 0..threads()-1), and waits. Exceptions propagate.
     */
    public static void forEachTask(int nTasks, TaskBody body) {
        int w = Math.min(threads(), nTasks);
        if (w <= 1) {
            for (int i = 0; i < nTasks; i++) {
                body.run(0, i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        run(w, new Worker() {
            @Override
            public void run(int id) {
                for (int t = next.getAndIncrement(); t < nTasks; t = next.getAndIncrement()) {
                    body.run(id, t);
                }
            }
        });
    }

    /**
     * Runs independent jobs 0..nJobs-1 (each may call the kernels), at most {@code maxConcurrent} at a
     * time and never more than {@link #threads()}; the kernels inside a job get an equal share of the
     * threads (at least one). The kernels' results do not depend on their thread count, so a job
     * computes the same whether the jobs run together or one after another. Exceptions propagate
     * after every started job has ended.
     */
    public static void forEachJob(int nJobs, int maxConcurrent, java.util.function.IntConsumer job) {
        int w = Math.min(Math.min(threads(), Math.max(1, maxConcurrent)), nJobs);
        if (w <= 1) {
            for (int i = 0; i < nJobs; i++) {
                job.accept(i);
            }
            return;
        }
        int share = Math.max(1, threads() / w);
        Boolean path = Simd.scoped();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(w);
        for (int id = 0; id < w; id++) {
            futures.add(POOL.submit(new Runnable() {
                @Override
                public void run() {
                    SHARE.set(share);
                    Simd.adopt(path);
                    try {
                        for (int t = next.getAndIncrement(); t < nJobs; t = next.getAndIncrement()) {
                            job.accept(t);
                        }
                    } finally {
                        SHARE.set(0);
                        Simd.adopt(null);
                    }
                }
            }));
        }
        Throwable error = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (error == null) {
                    error = e.getCause();
                    next.set(nJobs); // start no further job
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (error == null) {
                    error = e;
                }
            }
        }
        rethrow(error);
    }

    /** Body of {@link #forEachChunk}: handles indices [first, last). */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int first, int last);
    }

    /** Splits [0, n) into at most {@link #threads()} contiguous chunks, runs them concurrently and waits. */
    public static void forEachChunk(int n, ChunkBody body) {
        forRange(n, 1, new RangeBody() {
            @Override
            public void run(int w, int from, int to) {
                body.run(from, to);
            }
        });
    }

    /**
     * Runs the tasks concurrently (at most {@link #threads()} at a time; the caller runs a share)
     * and returns their results in order. Exceptions propagate (checked ones wrapped).
     */
    public static <T> List<T> invokeAll(List<? extends Callable<T>> tasks) {
        int n = tasks.size();
        List<T> out = new ArrayList<>(java.util.Collections.nCopies(n, (T) null));
        forEachTask(n, new TaskBody() {
            @Override
            public void run(int w, int t) {
                try {
                    out.set(t, tasks.get(t).call());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        return out;
    }

    @FunctionalInterface
    private interface Worker {
        void run(int id);
    }

    private static void run(int w, Worker worker) {
        List<Future<?>> futures = new ArrayList<>(w - 1);
        Boolean path = Simd.scoped();
        for (int id = 1; id < w; id++) {
            final int wid = id;
            futures.add(POOL.submit(new Runnable() {
                @Override
                public void run() {
                    INSIDE.set(Boolean.TRUE);
                    Simd.adopt(path);
                    try {
                        worker.run(wid);
                    } finally {
                        INSIDE.set(Boolean.FALSE);
                        Simd.adopt(null);
                    }
                }
            }));
        }
        Throwable error = null;
        INSIDE.set(Boolean.TRUE);
        try {
            worker.run(0);
        } catch (Throwable t) {
            error = t;
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (error == null) {
                    error = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (error == null) {
                    error = e;
                }
            }
        }
        rethrow(error);
    }

    /** Rethrows a worker's failure as it was (checked exceptions wrapped); nothing when null. */
    private static void rethrow(Throwable error) {
        if (error instanceof RuntimeException) {
            throw (RuntimeException) error;
        }
        if (error instanceof Error) {
            throw (Error) error;
        }
        if (error != null) {
            throw new RuntimeException(error);
        }
    }
}
