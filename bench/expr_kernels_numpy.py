"""NumPy baseline for bench/expr-kernels.ts: the same operators on a T x N float64 panel.

Usage: python3 bench/expr_kernels_numpy.py T N RUNS  -> prints JSON {"numpy": version, "ms": {op: median wall ms}, "cpu_ms": {op: median CPU ms}}
Each baseline is the usual vectorised NumPy idiom (cumsum differences for running sums,
sliding_window_view for order statistics and extremes, argsort for ranks).
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view as swv


def rolling_sum(x, d):
    c = np.cumsum(x, axis=0)
    out = np.full_like(x, np.nan)
    out[d - 1] = c[d - 1]
    out[d:] = c[d:] - c[:-d]
    return out


def ts_mean(x, d):
    return rolling_sum(x, d) / d


def ts_std(x, d):
    s1 = rolling_sum(x, d)
    s2 = rolling_sum(x * x, d)
    return np.sqrt(np.maximum(s2 - s1 * s1 / d, 0) / (d - 1))


def ts_corr(x, y, d):
    sx, sy = rolling_sum(x, d), rolling_sum(y, d)
    sxx, syy, sxy = rolling_sum(x * x, d), rolling_sum(y * y, d), rolling_sum(x * y, d)
    cov = sxy - sx * sy / d
    return cov / np.sqrt((sxx - sx * sx / d) * (syy - sy * sy / d))


def ts_rank(x, d):
    w = swv(x, d, axis=0)
    last = x[d - 1:, :, None]
    less = (w < last).sum(-1)
    eq = (w == last).sum(-1)
    out = np.full_like(x, np.nan)
    out[d - 1:] = (less + (eq + 1) / 2) / d
    return out


def cs_rank(x):
    order = np.argsort(x, axis=1)
    ranks = np.empty_like(order)
    rows = np.arange(x.shape[0])[:, None]
    ranks[rows, order] = np.arange(x.shape[1])[None, :]
    return (ranks + 1) / x.shape[1]


def window_reduce(x, d, fn):
    out = np.full_like(x, np.nan)
    out[d - 1:] = fn(swv(x, d, axis=0))
    return out


def decay_linear(x, d):
    w = np.arange(1, d + 1, dtype=np.float64)
    return window_reduce(x, d, lambda v: v @ (w / w.sum()))


def ts_slope(x, d):
    j = np.arange(1, d + 1, dtype=np.float64)
    j -= j.mean()
    return window_reduce(x, d, lambda v: v @ (j / (j * j).sum()))


def ema(x, d):
    a = 2 / (d + 1)
    out = np.empty_like(x)
    y = x[0].copy()
    out[0] = y
    for t in range(1, x.shape[0]):
        y = a * x[t] + (1 - a) * y
        out[t] = y
    return out


def ts_delta(x, d):
    out = np.full_like(x, np.nan)
    out[d:] = x[d:] - x[:-d]
    return out


CASES = {
    "ts_sum(20)": lambda x, y: rolling_sum(x, 20),
    "ts_mean(20)": lambda x, y: ts_mean(x, 20),
    "ts_std(20)": lambda x, y: ts_std(x, 20),
    "ts_corr(10)": lambda x, y: ts_corr(x, y, 10),
    "ts_rank(10)": lambda x, y: ts_rank(x, 10),
    "cs_rank": lambda x, y: cs_rank(x),
    "ts_max(20)": lambda x, y: window_reduce(x, 20, lambda v: v.max(-1)),
    "ts_argmax(10)": lambda x, y: window_reduce(x, 10, lambda v: 9 - v.argmax(-1)),
    "ts_median(10)": lambda x, y: window_reduce(x, 10, lambda v: np.median(v, -1)),
    "decay_linear(10)": lambda x, y: decay_linear(x, 10),
    "ts_slope(20)": lambda x, y: ts_slope(x, 20),
    "ema(10)": lambda x, y: ema(x, 10),
    "ts_delta(5)": lambda x, y: ts_delta(x, 5),
}


def main():
    T, N, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    only = sys.argv[4].split(";") if len(sys.argv) > 4 and sys.argv[4] else None
    rng = np.random.default_rng(7)
    x = 100 * np.exp(np.cumsum(0.02 * rng.standard_normal((T, N)), axis=0))
    y = 100 * np.exp(np.cumsum(0.02 * rng.standard_normal((T, N)), axis=0))
    ms, cpu_ms = {}, {}
    for name, fn in CASES.items():
        if only and name not in only:
            continue
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            fn(x, y)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        ms[name] = float(np.median(times))
        cpu_ms[name] = float(np.median(cpu))
    print(json.dumps({"numpy": np.__version__, "ms": ms, "cpu_ms": cpu_ms}))


if __name__ == "__main__":
    main()
