// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The one PNG writer of the experiments and the benchmark: encodes an image and writes it atomically.
 * It needs java.desktop (AWT), so only code that draws loads it: the CLI's other paths run in a Java
 * runtime without that module.
 */
public final class Png {
    private Png() {
    }

    /** Writes the image to {@code file} as PNG (temporary file, then an atomic rename). */
    public static void write(Path file, BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new RfmException(ErrorCode.INTERNAL, "no PNG encoder in this Java runtime");
            }
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot encode " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** The panels side by side, top-aligned, on white. */
    public static BufferedImage sideBySide(List<BufferedImage> panels) {
        int width = 0, height = 0;
        for (BufferedImage p : panels) {
            width += p.getWidth();
            height = Math.max(height, p.getHeight());
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return img;
    }
}
