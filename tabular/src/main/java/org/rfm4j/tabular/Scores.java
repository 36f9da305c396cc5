// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

/** The two test scores of the protocol. */
public final class Scores {
    private Scores() {
    }

    /** Share of rows whose predicted label equals the true one. */
    public static double accuracy(String[] predicted, String[] truth) {
        int hit = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].equals(predicted[i])) {
                hit++;
            }
        }
        return truth.length == 0 ? Double.NaN : (double) hit / truth.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] predicted, double[] truth) {
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            s += e * e;
        }
        return truth.length == 0 ? Double.NaN : Math.sqrt(s / truth.length);
    }
}
