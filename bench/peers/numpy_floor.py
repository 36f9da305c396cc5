#!/usr/bin/env python3
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
"""NumPy/OpenBLAS floor of `rfm bench`: what this CPU's BLAS/LAPACK does at the sizes of one RFM point.

Times (median of --repeats after one warm-up), in --precision:
  gemm      : X X^T with X n x d            (2 n^2 d flops: the GEMM inside the kernel matrix)
  cholesky  : numpy.linalg.cholesky of an n x n SPD matrix (n^3 / 3 flops)
  gemm_sq   : a square n0 x n0 GEMM, n0 = min(n, 4000)  (2 n0^3 flops: the machine's GEMM peak)
Prints one JSON object on stdout with seconds and GFLOP/s, and the BLAS in use (threadpoolctl when
installed: the OpenBLAS core type it runs, e.g. Haswell or Zen).
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np


def med_time(fn, repeats):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
                for i in threadpool_info()]
    except Exception as e:  # threadpoolctl absent: say so, the numbers still stand
        return [{"note": "threadpoolctl not importable (%s): apt-get install python3-threadpoolctl" % e}]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--precision", default="float64", choices=["float32", "float64"])
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    dt = np.float32 if a.precision == "float32" else np.float64
    rng = np.random.default_rng(0)
    x = (0.5 * rng.standard_normal((a.n, a.d))).astype(dt)
    out = {"impl": "numpy", "numpy": np.__version__, "precision": a.precision, "n": a.n, "d": a.d}
    t = med_time(lambda: x @ x.T, a.repeats)
    out["gemm"] = {"seconds": t, "flops": 2.0 * a.n * a.n * a.d, "gflops": 2.0 * a.n * a.n * a.d / t / 1e9}
    # an SPD matrix like the solve's: a Laplace kernel matrix plus reg I
    sq = (x * x).sum(1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2.0 * (x @ x.T), 0)
    k = np.exp(-np.sqrt(d2) / 10.0).astype(dt)
    k[np.diag_indices(a.n)] += dt(1e-3)
    del d2
    t = med_time(lambda: np.linalg.cholesky(k), a.repeats)
    fl = a.n ** 3 / 3.0
    out["cholesky"] = {"seconds": t, "flops": fl, "gflops": fl / t / 1e9}
    n0 = min(a.n, 4000)
    sq_a = rng.standard_normal((n0, n0)).astype(dt)
    t = med_time(lambda: sq_a @ sq_a, a.repeats)
    out["gemm_sq"] = {"n": n0, "seconds": t, "flops": 2.0 * n0 ** 3, "gflops": 2.0 * n0 ** 3 / t / 1e9}
    out["blas"] = blas_info()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
