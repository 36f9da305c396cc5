// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

/**
 * {@link RfmParams} as a map of named values (scikit-learn's get_params / set_params): the names of the
 * model file's params.* entries, the tree's and EigenPro's settings with their prefix.
 */
final class ParamMap {
    private ParamMap() {
    }

    static Map<String, Object> of(RfmParams p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", p.kernel());
        m.put("bandwidth", p.bandwidth());
        m.put("p", p.p());
        m.put("q", p.q());
        m.put("reg", p.reg());
        m.put("iterations", p.iterations());
        m.put("agop_samples", p.agopSamples());
        m.put("diagonal", p.diagonal());
        m.put("centering", p.centering());
        m.put("power", p.power());
        m.put("adaptive_bandwidth", p.adaptiveBandwidth());
        m.put("tuning_metric", p.tuningMetric());
        m.put("early_stopping", p.earlyStopping());
        m.put("time_limit", p.timeLimitSeconds());
        m.put("precision", p.precision().toString());
        m.put("seed", p.seed());
        m.put("solver", p.solver());
        TreeSettings t = p.tree();
        m.put("tree.leaf_size", t.leafSize());
        m.put("tree.split_sample", t.splitSample());
        m.put("tree.routing", t.routing());
        m.put("tree.temperature", t.temperature());
        m.put("tree.leaf_workers", t.leafWorkers());
        EigenProSettings e = p.eigenPro();
        m.put("eigenpro.subsample", e.subsample());
        m.put("eigenpro.top_q", e.topQ());
        m.put("eigenpro.batch", e.batchSize());
        m.put("eigenpro.max_epochs", e.maxEpochs());
        m.put("eigenpro.patience", e.patience());
        return m;
    }

    static RfmParams with(RfmParams base, Map<String, ?> changes) {
        if (changes == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the parameter changes are null");
        }
        Map<String, Object> m = of(base);
        for (Map.Entry<String, ?> c : changes.entrySet()) {
            if (!m.containsKey(c.getKey())) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown parameter '" + c.getKey() + "': use one of "
                        + String.join(", ", m.keySet()));
            }
            m.put(c.getKey(), c.getValue());
        }
        String tuning = m.get("tuning_metric") == null ? null : text(m, "tuning_metric");
        return RfmParams.builder().kernel(text(m, "kernel")).bandwidth(real(m, "bandwidth")).p(real(m, "p"))
                .q(real(m, "q")).reg(real(m, "reg")).iterations(whole(m, "iterations"))
                .agopSamples(whole(m, "agop_samples")).diagonal(flag(m, "diagonal")).centering(flag(m, "centering"))
                .power(real(m, "power")).adaptiveBandwidth(flag(m, "adaptive_bandwidth"))
                .tuningMetric(tuning == null || tuning.isEmpty() ? null : tuning).earlyStopping(flag(m, "early_stopping"))
                .timeLimitSeconds(real(m, "time_limit")).precision(Precision.parse(text(m, "precision")))
                .seed(longValue(m, "seed")).solver(text(m, "solver"))
                .tree(new TreeSettings(whole(m, "tree.leaf_size"), whole(m, "tree.split_sample"), text(m, "tree.routing"),
                        real(m, "tree.temperature"), whole(m, "tree.leaf_workers")))
                .eigenPro(new EigenProSettings(whole(m, "eigenpro.subsample"), whole(m, "eigenpro.top_q"),
                        whole(m, "eigenpro.batch"), whole(m, "eigenpro.max_epochs"), whole(m, "eigenpro.patience")))
                .build();
    }

    private static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) {
            throw bad(k, null, "a value");
        }
        return v.toString();
    }

    private static double real(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw bad(k, v, "a number");
        }
    }

    private static long longValue(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        double d = real(m, k);
        if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
            throw bad(k, v, "a whole number");
        }
        return (long) d;
    }

    private static int whole(Map<String, Object> m, String k) {
        long v = longValue(m, k);
        if (v != (int) v) {
            throw bad(k, m.get(k), "a whole number that fits an int");
        }
        return (int) v;
    }

    private static boolean flag(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("0")) {
            return false;
        }
        throw bad(k, v, "true or false");
    }

    private static RfmException bad(String k, Object v, String want) {
        return new RfmException(ErrorCode.INVALID_ARGUMENT, "parameter '" + k + "' is " + v + ": give " + want);
    }
}
