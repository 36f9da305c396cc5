package org.rfm4j.cpu.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** TEMPORARY stand-in until the linalg package lands. */
public final class Parallel {
    private static final int THREADS = Integer.getInteger("rfm4j.cpu.threads", Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "rfm4j-cpu");
        t.setDaemon(true);
        return t;
    });

    public interface RangeBody {
        void run(int first, int last);
    }

    public static int threads() {
        return THREADS;
    }

    public static void forEachChunk(int count, RangeBody body) {
        List<Callable<Void>> tasks = new ArrayList<>();
        int t = Math.max(1, Math.min(THREADS, count));
        for (int i = 0; i < t; i++) {
            int a = (int) ((long) count * i / t), b = (int) ((long) count * (i + 1) / t);
            tasks.add(() -> {
                body.run(a, b);
                return null;
            });
        }
        invokeAll(tasks);
    }

    public static <T> List<T> invokeAll(List<Callable<T>> tasks) {
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : POOL.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) throw (RuntimeException) c;
            if (c instanceof Error) throw (Error) c;
            throw new RuntimeException(c);
        }
    }
}
