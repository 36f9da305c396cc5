// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressor;

/**
 * The child process of {@link InterruptionTest}: fits two models, writes their exact bytes beside the
 * target ({@code TARGET.a}, {@code TARGET.b}), prints "ready", then saves them over the target one
 * after the other until it is killed.
 */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]), d = Integer.parseInt(args[2]);
        RfmModel[] models = new RfmModel[2];
        for (int k = 0; k < 2; k++) {
            Random r = new Random(k);
            double[][] x = new double[rows][d], y = new double[rows][1];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i][0] = x[i][0] * x[i][1];
            }
            models[k] = new RfmRegressor(RfmParams.builder().iterations(1).agopSamples(200).build()).fit(x, y);
            Files.write(Path.of(target + (k == 0 ? ".a" : ".b")), RfmModels.toBytes(models[k]));
        }
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            RfmModels.save(models[(int) (i & 1)], target);
        }
    }
}
