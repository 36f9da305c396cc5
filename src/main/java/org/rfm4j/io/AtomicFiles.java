// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Atomic file writes: the content goes to a temporary file in the target's folder
 * ({@code .NAME.RANDOM.tmp}), is flushed and fsynced, then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (falling back to {@link StandardCopyOption#REPLACE_EXISTING}
 * where the file system cannot move atomically). Readers see either the old file or the complete new
 * one. If the writer throws, the temporary file is deleted and the old target is left untouched.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        /** Writes the whole content to {@code out}; closing {@code out} is allowed but not needed. */
        void write(OutputStream out) throws IOException;
    }

    /** Temporary files being written now, so a process stopped by a signal can remove them on its way out. */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files of writes still in progress and returns how many there were: for a
     * shutdown hook (Ctrl-C), since the JVM stops the writing threads without running their cleanup.
     * Each target keeps its old content (the rename never happened). SIGKILL runs no hook: then a
     * {@code .NAME.RANDOM.tmp} file may remain beside the target, which stays whole.
     */
    public static int deleteUnfinished() {
        int n = 0;
        for (Path tmp : UNFINISHED) {
            try {
                if (Files.deleteIfExists(tmp)) {
                    n++;
                }
            } catch (IOException ignored) {
                // best effort, on the way out
            }
        }
        return n;
    }

    /**
     * Writes {@code target} atomically. {@link IOException}s become {@link RfmException} with
     * {@link ErrorCode#IO}; an {@link RfmException} or other runtime exception from the writer passes
     * through unchanged (after the temporary file is removed).
     */
    public static void write(Path target, StreamWriter writer) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new RfmException(ErrorCode.IO, "cannot write " + target + ": folder " + dir
                    + " does not exist: create it first or choose another path");
        }
        if (Files.isDirectory(abs)) {
            throw new RfmException(ErrorCode.IO, "cannot write " + target
                    + ": it is a folder: choose a file name");
        }
        Path tmp = createTemp(dir, abs.getFileName().toString(), target);
        UNFINISHED.add(tmp);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(ch);
                OutputStream out = new BufferedOutputStream(new NonClosing(raw), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot write " + target + ": " + describe(e)
                    + ": check that the folder is writable and the disk is not full", e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; the original failure is what matters
                }
            }
            UNFINISHED.remove(tmp);
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    private static Path createTemp(Path dir, String name, Path target) {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                // CREATE_NEW with default permissions (the umask applies, unlike createTempFile's 0600)
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new RfmException(ErrorCode.IO, "cannot create a temporary file next to " + target
                            + ": clean stale .tmp files from " + dir, e);
                }
            } catch (IOException e) {
                throw new RfmException(ErrorCode.IO, "cannot write " + target + ": " + describe(e)
                        + ": check that the folder " + dir + " is writable", e);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename durable on POSIX; not supported everywhere (e.g. Windows), so best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + m;
    }

    /** Keeps the writer from closing the channel before it is fsynced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
