// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Reads idx files (the format of MNIST and Fashion-MNIST), plain or gzip-compressed.
 *
 * <p>Format: a 4-byte magic {@code 0x00 0x00 TYPE NDIM}, then NDIM big-endian 32-bit sizes, then the
 * values row-major. Only TYPE {@code 0x08} (unsigned byte) is read, the type of every MNIST-style file.
 *
 * <p>The file is untrusted: before anything is allocated, the header's sizes are checked against the
 * real length of the data (the file length for a plain file; the gzip trailer's ISIZE, the uncompressed
 * length modulo 2^32, and the 1032:1 deflate ratio bound for a compressed one) and against the Java array
 * limit. A lying header gives {@link ErrorCode#IO}, never an OutOfMemoryError; a file that ends early
 * is also an IO error.
 */
public final class IdxReader {
    private static final int TYPE_UBYTE = 0x08;
    private static final int MAX_DIMS = 4;
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;
    private static final long DEFLATE_MAX_RATIO = 1032;

    private IdxReader() {
    }

    /**
     * Reads an unsigned-byte idx file.
     *
     * @param file  the file, plain or gzip (detected from its first two bytes)
     * @param limit read at most this many items along the first dimension; {@code <= 0} reads all
     * @return the shape (with {@code dims[0]} cut to the limit) and the values
     * @throws RfmException IO if the file is missing, unreadable, truncated, or its header lies
     */
    public static IdxArray read(Path file, int limit) {
        long fileSize = DataFiles.sizeOf(requireExists(file));
        boolean gzip = isGzip(file);
        long dataBound = gzip ? gzipBound(file, fileSize) : fileSize;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(
                     gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xff;
            int ndim = magic & 0xff;
            if ((magic >>> 16) != 0) {
                throw corrupt(file, String.format("bad magic number 0x%08x (expected 0x0000TTNN)", magic));
            }
            if (type != TYPE_UBYTE) {
                throw corrupt(file, String.format("element type 0x%02x is not supported (only 0x08, unsigned byte)", type));
            }
            if (ndim < 1 || ndim > MAX_DIMS) {
                throw corrupt(file, "header says " + ndim + " dimensions (1 to " + MAX_DIMS + " supported)");
            }
            int[] dims = new int[ndim];
            long total = 1;
            for (int k = 0; k < ndim; k++) {
                dims[k] = in.readInt();
                if (dims[k] < 0) {
                    throw corrupt(file, "header gives a negative size " + dims[k] + " for dimension " + k);
                }
                // saturating product: 4 sizes below 2^31 could overflow a long
                total = dims[k] == 0 ? 0 : (total > (Long.MAX_VALUE / 4) / dims[k] ? Long.MAX_VALUE / 4 : total * dims[k]);
            }
            long header = 4L + 4L * ndim;
            checkLength(file, gzip, header + total, dataBound);
            int itemSize = 1;
            for (int k = 1; k < ndim; k++) {
                itemSize *= dims[k];
            }
            int count = limit > 0 ? Math.min(limit, dims[0]) : dims[0];
            long want = (long) count * itemSize;
            if (want > MAX_VALUES) {
                throw corrupt(file, "holds " + want + " values, more than a Java array can hold; read fewer items");
            }
            byte[] data = new byte[(int) want];
            in.readFully(data);
            dims[0] = count;
            return new IdxArray(dims, data);
        } catch (EOFException e) {
            throw corrupt(file, "the file ends before the data its header announces (truncated?)");
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read idx file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an image file and its label file (MNIST layout: images {@code n x rows x cols}, labels {@code n}).
     *
     * @param limit read at most this many images; {@code <= 0} reads all
     */
    public static ImageSet readImages(Path images, Path labels, int limit) {
        IdxArray img = read(images, limit);
        IdxArray lab = read(labels, limit);
        if (img.dims().length != 3) {
            throw corrupt(images, "an image file must have 3 dimensions, this one has " + img.dims().length);
        }
        if (lab.dims().length != 1 || lab.count() != img.count()) {
            throw corrupt(labels, "label file does not match the images: " + lab.count()
                    + " labels for " + img.count() + " images");
        }
        float[] pixels = new float[img.data().length];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = img.data()[k] & 0xff;
        }
        int[] l = new int[lab.count()];
        for (int k = 0; k < l.length; k++) {
            l[k] = lab.data()[k] & 0xff;
        }
        return new ImageSet(img.dims()[1], img.dims()[2], pixels, l, 255.0);
    }

    /**
     * Fashion-MNIST from the Debian package dataset-fashion-mnist.
     *
     * @param train the 60,000 training images if true, else the 10,000 test images
     * @param limit read at most this many; {@code <= 0} reads all
     */
    public static ImageSet fashionMnist(boolean train, int limit) {
        String prefix = train ? "train" : "t10k";
        String install = "apt-get install dataset-fashion-mnist";
        Path images = DataFiles.require(DataFiles.FASHION_MNIST_DIR.resolve(prefix + "-images-idx3-ubyte.gz"),
                "Fashion-MNIST images", install);
        Path labels = DataFiles.require(DataFiles.FASHION_MNIST_DIR.resolve(prefix + "-labels-idx1-ubyte.gz"),
                "Fashion-MNIST labels", install);
        return readImages(images, labels, limit);
    }

    private static Path requireExists(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RfmException(ErrorCode.IO, "idx file not found: " + file.toAbsolutePath());
        }
        return file;
    }

    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read idx file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Upper bound on the uncompressed size of a gzip file (deflate cannot beat 1032:1). */
    private static long gzipBound(Path file, long fileSize) {
        return Math.max(0, fileSize - 18) * DEFLATE_MAX_RATIO + 64;
    }

    /** The gzip trailer's ISIZE: the uncompressed length modulo 2^32 (valid for single-member files). */
    private static long gzipIsize(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 18) {
                return -1;
            }
            f.seek(f.length() - 4);
            int b0 = f.read(), b1 = f.read(), b2 = f.read(), b3 = f.read();
            return ((long) b3 << 24 | b2 << 16 | b1 << 8 | b0) & 0xffffffffL;
        }
    }

    private static void checkLength(Path file, boolean gzip, long expected, long bound) throws IOException {
        if (!gzip) {
            if (expected != bound) {
                throw corrupt(file, "header announces " + expected + " bytes but the file has " + bound);
            }
            return;
        }
        if (expected > bound) {
            throw corrupt(file, "header announces " + expected + " bytes, more than a "
                    + "gzip file of this size can hold (at most " + bound + ")");
        }
        long isize = gzipIsize(file);
        if (isize >= 0 && isize != (expected & 0xffffffffL)) {
            throw corrupt(file, "header announces " + expected + " bytes but the gzip trailer says "
                    + isize + " (mod 2^32)");
        }
    }

    private static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, "corrupt idx file " + file + ": " + why);
    }
}
