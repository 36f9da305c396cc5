// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.Json;
import org.rfm4j.io.JsonReader;
import org.rfm4j.io.Safetensors;
import org.rfm4j.spi.Kernel;

/**
 * A fitted kernel machine in the safetensors layout, for Python (tested with NumPy alone): tensors
 * {@code x_train} (n x d), {@code alpha} (n x c), {@code m} and {@code s} (d x d, or d for a diagonal M), all
 * float64; string metadata {@code format}, {@code task}, {@code kernel}, {@code bandwidth}, {@code p},
 * {@code q}, {@code kernel_scale}, {@code diagonal}, {@code iteration}, {@code classes} (a JSON array, for
 * classifiers), {@code params} (JSON, as {@link RfmParams#toMap}) and {@code predict}, the formula:
 * f(Q) = K(Q S, X S) alpha with k(u, v) = exp(-||u - v||_p^q / kernel_scale) (S applied as a matrix, or
 * element-wise when diagonal). rfm4j's own model file stays the default format; an RFM tree is not exported.
 */
public final class ModelExport {
    /** The value of the {@code format} metadata that marks an rfm4j model in safetensors. */
    public static final String FORMAT = "rfm4j-safetensors/1";

    private ModelExport() {
    }

    /**
     * Writes {@code model} to {@code file} in this layout, atomically. Throws {@link RfmException} with
     * {@link ErrorCode#INVALID_ARGUMENT} for an RFM tree (it cannot be exported) and {@link ErrorCode#IO} when
     * the file cannot be written.
     */
    public static void toSafetensors(RfmModel model, Path file) {
        if (!(model.fitted instanceof SingleRfm)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "an RFM tree cannot be exported to safetensors (its "
                    + "routing has no standard layout): export a direct or EigenPro fit, or keep the rfm4j model file");
        }
        SingleRfm rfm = (SingleRfm) model.fitted;
        RfmSolution s = rfm.solution();
        Kernel k = s.kernel();
        int n = rfm.trainingRows(), d = s.d();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("task", model instanceof RfmClassificationModel ? "classification" : "regression");
        meta.put("kernel", k.type().cliName());
        meta.put("bandwidth", Double.toString(k.bandwidth()));
        meta.put("p", Double.toString(k.p()));
        meta.put("q", Double.toString(k.q()));
        meta.put("kernel_scale", Double.toString(k.scale()));
        meta.put("diagonal", Boolean.toString(s.diagonal()));
        meta.put("iteration", Integer.toString(s.iteration()));
        if (model instanceof RfmClassificationModel) {
            meta.put("classes", Json.write(List.of(((RfmClassificationModel) model).classes())).strip());
        }
        if (model.featureNames != null) {
            meta.put("feature_names", Json.write(List.of(model.featureNames)).strip());
        }
        // numbers as exact text: a JSON reader may hold every number as a double, which would round a 64-bit seed
        Map<String, Object> params = new LinkedHashMap<>();
        model.params.toMap().forEach((key, v) -> params.put(key, v instanceof Number ? String.valueOf(v) : v));
        meta.put("params", Json.write(params).strip());
        meta.put("predict", "f(Q) = K(Q S, X S) alpha, k(u, v) = exp(-||u - v||_p^q / kernel_scale); "
                + "S = s as a matrix (X S = x_train @ s), or element-wise when diagonal; classification: "
                + "one output column for two classes (the second class when f >= 0.5), else the argmax");
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("x_train", new Safetensors.Tensor(new int[] {n, d}, rfm.xTrain().data()));
        t.put("alpha", new Safetensors.Tensor(new int[] {n, s.c()}, s.alpha()));
        int[] mShape = s.diagonal() ? new int[] {d} : new int[] {d, d};
        t.put("m", new Safetensors.Tensor(mShape, s.m()));
        t.put("s", new Safetensors.Tensor(mShape, s.s()));
        Safetensors.write(file, meta, t);
    }

    /** A model back from {@link #toSafetensors} (or from Python, written in the same layout). */
    public static RfmModel fromSafetensors(Path file) {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new RfmException(ErrorCode.IO, file + " is a safetensors file but not an rfm4j model (metadata format "
                    + meta.get("format") + ", expected " + FORMAT + ")");
        }
        try {
            Safetensors.Tensor x = need(c, "x_train", file), alpha = need(c, "alpha", file);
            Safetensors.Tensor m = need(c, "m", file), s = need(c, "s", file);
            boolean diagonal = Boolean.parseBoolean(need(meta, "diagonal", file));
            if (x.shape().length != 2 || alpha.shape().length != 2 || alpha.shape()[0] != x.shape()[0]
                    || m.shape().length != (diagonal ? 1 : 2) || !java.util.Arrays.equals(m.shape(), s.shape())
                    || m.shape()[0] != x.shape()[1] || (!diagonal && m.shape()[1] != x.shape()[1])) {
                throw new RfmException(ErrorCode.IO, file + ": inconsistent shapes (x_train, alpha, m, s)");
            }
            int n = x.shape()[0], d = x.shape()[1], outputs = alpha.shape()[1];
            Kernel kernel = Kernel.of(need(meta, "kernel", file), Double.parseDouble(need(meta, "bandwidth", file)),
                    Double.parseDouble(need(meta, "p", file)), Double.parseDouble(need(meta, "q", file)));
            RfmParams params = RfmParams.builder().build().with(JsonReader.parseObject(need(meta, "params", file)));
            RfmSolution sol = new RfmSolution(kernel, diagonal, d, m.values(), s.values(), alpha.values(), outputs,
                    Integer.parseInt(need(meta, "iteration", file)));
            SingleRfm fitted = new SingleRfm(sol, new Matrix(x.values(), n, d));
            String task = need(meta, "task", file);
            FitReport report = RfmModels.loadedReport(params, fitted, task, file);
            if (task.equals("classification")) {
                List<String> classes = new ArrayList<>();
                for (Object o : (List<?>) JsonReader.parse(need(meta, "classes", file))) {
                    classes.add(String.valueOf(o));
                }
                if (classes.size() < 2 || (classes.size() == 2 ? 1 : classes.size()) != outputs) {
                    throw new RfmException(ErrorCode.IO, file + ": " + classes.size() + " classes for " + outputs + " outputs");
                }
                return new RfmClassificationModel(params, fitted, report, classes.toArray(new String[0]),
                        featureNames(meta, d));
            }
            if (!task.equals("regression")) {
                throw new RfmException(ErrorCode.IO, file + ": unknown task '" + task + "'");
            }
            return new RfmRegressionModel(params, fitted, report, featureNames(meta, d));
        } catch (RfmException e) {
            if (e.code() == ErrorCode.IO) {
                throw e;
            }
            throw new RfmException(ErrorCode.IO, file + " holds an invalid model (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new RfmException(ErrorCode.IO, file + " holds an invalid model (" + e + ")", e);
        }
    }

    /** The feature names in the metadata (a JSON list of strings), or null when it has none. */
    private static String[] featureNames(Map<String, String> meta, int d) {
        String json = meta.get("feature_names");
        if (json == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object o : (List<?>) JsonReader.parse(json)) {
            names.add(String.valueOf(o));
        }
        return RfmModel.checkedNames(names.toArray(new String[0]), d);
    }

    private static Safetensors.Tensor need(Safetensors.Contents c, String name, Path file) {
        Safetensors.Tensor t = c.tensors().get(name);
        if (t == null) {
            throw new RfmException(ErrorCode.IO, file + " has no tensor '" + name + "'");
        }
        return t;
    }

    private static String need(Map<String, String> meta, String name, Path file) {
        String v = meta.get(name);
        if (v == null) {
            throw new RfmException(ErrorCode.IO, file + " has no metadata '" + name + "'");
        }
        return v;
    }
}
