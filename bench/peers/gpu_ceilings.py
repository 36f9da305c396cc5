#!/usr/bin/env python3
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
"""The two GPU ceilings an RFM iteration is held against (issue 6): a large cuBLAS GEMM and a
cuSOLVER Cholesky (potrf), float32 and float64, measured with PyTorch on the same card in the same
run as `rfm bench`. Prints one JSON object: GFLOP/s per operation and precision (median of repeats).

    python3 bench/peers/gpu_ceilings.py --n 20000 --repeats 3 > ceilings.json
"""
import argparse
import json
import statistics
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print(json.dumps({"error": "PyTorch is not installed: apt-get install python3-torch"}))
        return 2
    if not torch.cuda.is_available():
        print(json.dumps({"error": "no CUDA device visible to PyTorch"}))
        return 2
    torch.backends.cuda.matmul.allow_tf32 = False  # the same rule as rfm4j: no TF32
    n = args.n
    out = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__,
           "cuda": torch.version.cuda, "n": n, "gflops": {}}
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        a = torch.randn(n, n, device="cuda", dtype=dtype)
        b = torch.randn(n, n, device="cuda", dtype=dtype)
        spd = a @ a.T / n + torch.eye(n, device="cuda", dtype=dtype)

        def timed(fn):
            fn()
            torch.cuda.synchronize()
            ts = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                fn()
                torch.cuda.synchronize()
                ts.append(time.perf_counter() - t0)
            return statistics.median(ts)

        t_gemm = timed(lambda: a @ b)
        t_chol = timed(lambda: torch.linalg.cholesky(spd))
        out["gflops"]["gemm_" + name] = 2.0 * n ** 3 / t_gemm / 1e9
        out["gflops"]["potrf_" + name] = (n ** 3 / 3.0) / t_chol / 1e9
        out.setdefault("seconds", {})["gemm_" + name] = t_gemm
        out["seconds"]["potrf_" + name] = t_chol
        del a, b, spd
        torch.cuda.empty_cache()
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
