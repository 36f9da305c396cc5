package org.rfm4j.cpu;

/** Adapter from the CPU backend to the blocked dense kernels (TEMPORARY naive versions). */
final class DenseOps {
    private DenseOps() {
    }

    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += (ta ? a[l * m + i] : a[i * k + l]) * (tb ? b[j * k + l] : b[l * n + j]);
                }
                c[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
    }

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int l = 0; l < k; l++) {
                    s += (ta ? a[l * m + i] : a[i * k + l]) * (tb ? b[j * k + l] : b[l * n + j]);
                }
                c[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
    }

    static int cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) s -= a[j * n + k] * a[j * n + k];
            if (!(s > 0)) return j + 1;
            double l = Math.sqrt(s);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) t -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = t / l;
            }
        }
        return 0;
    }

    static int cholesky(float[] a, int n) {
        for (int j = 0; j < n; j++) {
            float s = a[j * n + j];
            for (int k = 0; k < j; k++) s -= a[j * n + k] * a[j * n + k];
            if (!(s > 0)) return j + 1;
            float l = (float) Math.sqrt(s);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                float t = a[i * n + j];
                for (int k = 0; k < j; k++) t -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = t / l;
            }
        }
        return 0;
    }

    static void choleskySolve(double[] l, int n, double[] b, int c) {
        for (int cc = 0; cc < c; cc++) {
            for (int i = 0; i < n; i++) {
                double s = b[i * c + cc];
                for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k * c + cc];
                b[i * c + cc] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = b[i * c + cc];
                for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k * c + cc];
                b[i * c + cc] = s / l[i * n + i];
            }
        }
    }

    static void choleskySolve(float[] l, int n, float[] b, int c) {
        for (int cc = 0; cc < c; cc++) {
            for (int i = 0; i < n; i++) {
                float s = b[i * c + cc];
                for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k * c + cc];
                b[i * c + cc] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                float s = b[i * c + cc];
                for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k * c + cc];
                b[i * c + cc] = s / l[i * n + i];
            }
        }
    }
}
