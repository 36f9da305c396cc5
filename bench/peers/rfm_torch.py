#!/usr/bin/env python3
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
"""PyTorch peer of `rfm bench`: the same RFM algorithm as rfm4j (spec/RFM.md), timed per phase.

Reads DIR/X_train.npy (n x d), DIR/y_train.npy (n x c), DIR/X_test.npy (m x d) and, when present,
DIR/agop_index.npy (the AGOP sample rfm4j used), fits with `--iterations` AGOP updates
(iterations + 1 solves, no validation set: the last iteration is kept, as rfm4j does without one),
predicts the test rows, writes the predictions of the last repeat to DIR/pred_<tag>.npy and prints
one JSON object (median seconds per phase over the repeats, after one warm-up) on stdout.

Algorithm, as rfm4j computes it:
  M = I, S = I
  for it in 0 .. iterations:
      U = X S                                  (phase "transform"; skipped while S = I)
      K = k(U, U); K += reg I                  (phase "kernel": squared distances by GEMM expansion)
      alpha = K^-1 Y                           (phase "solve": Cholesky + cholesky_solve, or LU solve)
      if it == iterations: stop
      G_u = sum_j sum_c g_jc g_jc^T over the AGOP sample, g_jc = sum_i alpha_ic w_ij (z_j - u_i),
            w = -(q / scale) k r^(q - 2), the self pair (i = index[j]) and r < 1e-10 masked   (phase "agop")
      G = S G_u S;  M = G / max(G);  S = M^(1/2) by eigh with negative eigenvalues clamped  ("agop" too)
  f(X_test) = k(X_test S, X S) alpha          (phase "predict", in batches)
Kernels: laplace k = exp(-r / L) (q = 1, scale = L); gaussian k = exp(-r^2 / (2 L^2)) (q = 2, scale = 2 L^2).
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import numpy as np
import torch


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--kernel", default="laplace", choices=["laplace", "gaussian"])
    p.add_argument("--bandwidth", type=float, default=10.0)
    p.add_argument("--reg", type=float, default=1e-3)
    p.add_argument("--iterations", type=int, default=1)
    p.add_argument("--precision", default="float64", choices=["float32", "float64"])
    p.add_argument("--solver", default="cholesky", choices=["cholesky", "lu"])
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--tag", default="torch")
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0 = torch's default); rfm bench passes rfm4j's")
    return p.parse_args()


class Timer:
    def __init__(self, device):
        self.cuda = device.type == "cuda"
        self.sec = {}

    def sync(self):
        if self.cuda:
            torch.cuda.synchronize()

    def start(self):
        self.sync()
        return time.perf_counter()

    def stop(self, name, t0):
        self.sync()
        self.sec[name] = self.sec.get(name, 0.0) + time.perf_counter() - t0


def sq_dist(a, b, a2=None, b2=None):
    a2 = (a * a).sum(1) if a2 is None else a2
    b2 = (b * b).sum(1) if b2 is None else b2
    d2 = a2[:, None] + b2[None, :] - 2.0 * (a @ b.T)
    return d2.clamp_min_(0.0)


def kernel_from_d2(d2, kind, L):
    if kind == "laplace":
        return torch.exp(-torch.sqrt(d2) / L), torch.sqrt(d2)
    return torch.exp(-d2 / (2.0 * L * L)), None


def agop(u, alpha, index, kind, L, batch):
    """G_u = sum_j sum_c g_jc g_jc^T in u coordinates, self pairs masked by index."""
    n, d = u.shape
    c = alpha.shape[1]
    g = torch.zeros(d, d, dtype=u.dtype, device=u.device)
    u2 = (u * u).sum(1)
    for s in range(0, index.shape[0], batch):
        idx = index[s:s + batch]
        z = u[idx]
        d2 = sq_dist(z, u, u2[idx], u2)                     # b x n
        r = torch.sqrt(d2)
        if kind == "laplace":
            k = torch.exp(-r / L)
            w = -(1.0 / L) * k / torch.where(r < 1e-10, torch.ones_like(r), r)
        else:
            k = torch.exp(-d2 / (2.0 * L * L))
            w = -(1.0 / (L * L)) * k
        w = torch.where(r < 1e-10, torch.zeros_like(w), w)
        w[torch.arange(idx.shape[0], device=u.device), idx] = 0.0   # self pair, by index
        a = w @ alpha                                           # b x c: sum_i w_ij alpha_ic
        grad = a[:, :, None] * z[:, None, :] - _wau(w, alpha, u)   # b x c x d
        gr = grad.reshape(-1, d)
        g += gr.T @ gr
    return g


def _wau(w, alpha, u):
    """sum_i w_ji alpha_ic u_i as (b, c, d): c GEMMs (w * alpha[:, c]) @ u."""
    b = w.shape[0]
    c = alpha.shape[1]
    out = torch.empty(b, c, u.shape[1], dtype=u.dtype, device=u.device)
    for cc in range(c):
        out[:, cc, :] = (w * alpha[:, cc][None, :]) @ u
    return out


def psd_sqrt(m):
    ev, vec = torch.linalg.eigh(m.double())
    ev = ev.clamp_min(0.0)
    return (vec * torch.sqrt(ev)[None, :]) @ vec.T


def fit_predict(x, y, xt, index, a, dev, dtype):
    t = Timer(dev)
    t_all = t.start()
    n, d = x.shape
    s_mat = None
    alpha = None
    u = x
    for it in range(a.iterations + 1):
        if s_mat is not None:
            t0 = t.start()
            u = x @ s_mat
            t.stop("transform", t0)
        t0 = t.start()
        kmat, _ = kernel_from_d2(sq_dist(u, u), a.kernel, a.bandwidth)
        t.stop("kernel", t0)
        t0 = t.start()
        kmat.diagonal().add_(a.reg)
        if a.solver == "cholesky":
            lfac, info = torch.linalg.cholesky_ex(kmat)
            if int(info) != 0:
                raise RuntimeError("Cholesky failed at leading minor %d" % int(info))
            alpha = torch.cholesky_solve(y, lfac)
            del lfac
        else:
            alpha = torch.linalg.solve(kmat, y)
        t.stop("solve", t0)
        del kmat
        if it == a.iterations:
            break
        t0 = t.start()
        batch = max(1, min(index.shape[0], (1 << 24) // max(n, 1)))
        g_u = agop(u, alpha, index, a.kernel, a.bandwidth, batch).double()
        g = g_u if s_mat is None else s_mat.double() @ g_u @ s_mat.double()
        if not torch.isfinite(g).all():
            raise RuntimeError("the AGOP holds NaN or inf")
        m = g / g.max()
        m = 0.5 * (m + m.T)
        s_mat = psd_sqrt(m).to(dtype)
        t.stop("agop", t0)
    t.stop("fit", t_all)
    t0 = t.start()
    ut = xt if s_mat is None else xt @ s_mat
    out = torch.empty(xt.shape[0], y.shape[1], dtype=dtype, device=dev)
    u2 = (u * u).sum(1)
    pb = max(1, (1 << 24) // max(n, 1))
    for s in range(0, xt.shape[0], pb):
        q = ut[s:s + pb]
        kq, _ = kernel_from_d2(sq_dist(q, u, None, u2), a.kernel, a.bandwidth)
        out[s:s + pb] = kq @ alpha
    t.stop("predict", t0)
    t.sec["total"] = t.sec["fit"] + t.sec["predict"]
    return t.sec, out


def main():
    a = parse()
    if a.device == "cuda" and not torch.cuda.is_available():
        print(json.dumps({"error": "torch.cuda.is_available() is False"}))
        return 3
    dev = torch.device(a.device)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    dtype = torch.float32 if a.precision == "float32" else torch.float64
    if dev.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False   # TF32 kept off, as rfm4j does
        torch.backends.cudnn.allow_tf32 = False
    ld = lambda name: torch.from_numpy(np.load(os.path.join(a.dir, name))).to(dev, dtype)
    x, y, xt = ld("X_train.npy"), ld("y_train.npy"), ld("X_test.npy")
    if y.dim() == 1:
        y = y[:, None]
    ip = os.path.join(a.dir, "agop_index.npy")
    index = torch.from_numpy(np.load(ip).astype(np.int64)) if os.path.exists(ip) else torch.arange(x.shape[0])
    index = index.to(dev)
    runs = []
    pred = None
    if dev.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    for r in range(a.warmup + a.repeats):
        sec, pred = fit_predict(x, y, xt, index, a, dev, dtype)
        if r >= a.warmup:
            runs.append(sec)
    np.save(os.path.join(a.dir, "pred_%s.npy" % a.tag), pred.detach().cpu().double().numpy())
    keys = sorted({k for s in runs for k in s})
    med = {k: statistics.median([s.get(k, 0.0) for s in runs]) for k in keys}
    res = {
        "impl": a.tag,
        "solver": a.solver,
        "device": a.device,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "seconds": med,
        "runs": runs,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "device_peak_bytes": torch.cuda.max_memory_allocated() if dev.type == "cuda" else None,
        "device_name": torch.cuda.get_device_name() if dev.type == "cuda" else None,
    }
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
