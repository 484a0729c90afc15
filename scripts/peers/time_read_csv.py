#!/usr/bin/env python3
"""Time pandas.read_csv(path) (engine='c', 1 thread) and measure its memory.

Usage:  python time_read_csv.py PATH [--runs 3] [--warmup 1] [--json]

What it reports
  - median seconds of `runs` calls of pandas.read_csv(path, engine="c") after `warmup` untimed
    calls, all in one fresh child process (so the timed runs read from a warm OS page cache);
  - MB/s = file size (1 MB = 1e6 bytes) / median seconds;
  - peak RSS delta of the first read, two ways (MiB = 2**20 bytes):
      * child_peak - baseline: ru_maxrss (RUSAGE_SELF) of the child after its first read minus
        ru_maxrss of a separate fresh child that only imported pandas (the brief's method);
      * in-process: the child's ru_maxrss right after the first read minus right before it;
    plus VmHWM from /proc/self/status as a cross-check (per address space; ru_maxrss of a process
    started with vfork+exec can inherit the parent's high-water mark, which is why this parent
    process stays lean: it never imports pandas or numpy);
  - in-memory size of the DataFrame: df.memory_usage(deep=True).sum().

Threads: OMP/OPENBLAS/MKL/NUMEXPR thread counts are set to 1 in the children; the C parser itself
is single-threaded.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
             "NUMEXPR_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}

# Child that only imports pandas: the baseline RSS.
BASELINE_SRC = r"""
import json, resource
from pathlib import Path
import pandas
def status(f):
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith(f + ':'):
            return int(line.split()[1]) / 1024.0
print(json.dumps({"ru_maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                  "vmhwm_mib": status('VmHWM'), "vmrss_mib": status('VmRSS')}))
"""

# Child that does the measurement: first read = warm-up + memory measurement, then timed runs.
MEASURE_SRC = r"""
import gc, json, resource, statistics, sys, time
from pathlib import Path
import pandas as pd
path, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def status(f):
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith(f + ':'):
            return int(line.split()[1]) / 1024.0
def maxrss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
gc.collect()
before = {"ru_maxrss_mib": maxrss(), "vmhwm_mib": status('VmHWM'), "vmrss_mib": status('VmRSS')}
t0 = time.perf_counter()
df = pd.read_csv(path, engine="c")
first_s = time.perf_counter() - t0
after = {"ru_maxrss_mib": maxrss(), "vmhwm_mib": status('VmHWM'), "vmrss_mib": status('VmRSS')}
mem = int(df.memory_usage(deep=True).sum())
shape = list(df.shape)
dtypes = {str(k): int(v) for k, v in df.dtypes.astype(str).value_counts().items()}
del df
gc.collect()
for _ in range(max(warmup - 1, 0)):   # the first read above already counts as one warm-up
    df = pd.read_csv(path, engine="c"); del df; gc.collect()
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    df = pd.read_csv(path, engine="c")
    times.append(time.perf_counter() - t0)
    del df
    gc.collect()
try:
    import pyarrow
    pa = pyarrow.__version__
except Exception:
    pa = None
print(json.dumps({"before": before, "after_first_read": after, "first_read_s": first_s,
                  "runs_s": times, "median_s": statistics.median(times), "df_memory_deep_bytes": mem,
                  "shape": shape, "dtypes": dtypes, "pandas": pd.__version__, "pyarrow": pa,
                  "string_storage_default": str(pd.options.future.infer_string)
                      if hasattr(pd.options, 'future') and hasattr(pd.options.future, 'infer_string') else None}))
"""


def run_child(src, *args):
    env = dict(os.environ, **CHILD_ENV)
    p = subprocess.run([sys.executable, "-c", src, *map(str, args)], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"child failed (rc={p.returncode}):\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed reads first (>=1; the first one is measured for memory)")
    ap.add_argument("--json", action="store_true", help="also print the raw result as one JSON line")
    a = ap.parse_args()
    path = os.path.abspath(a.path)
    size = os.path.getsize(path)
    base = run_child(BASELINE_SRC)
    m = run_child(MEASURE_SRC, path, max(a.warmup, 1), a.runs)
    med = m["median_s"]
    res = {
        "path": path, "file_bytes": size, "engine": "c", "threads": 1, "warmup": max(a.warmup, 1), "runs": a.runs,
        "median_s": med, "runs_s": m["runs_s"], "first_read_s": m["first_read_s"],
        "MB_per_s": size / 1e6 / med,
        "peak_rss_delta_mib_vs_import_only_baseline": m["after_first_read"]["ru_maxrss_mib"] - base["ru_maxrss_mib"],
        "peak_rss_delta_mib_in_process": m["after_first_read"]["ru_maxrss_mib"] - m["before"]["ru_maxrss_mib"],
        "vmhwm_delta_mib_in_process": m["after_first_read"]["vmhwm_mib"] - m["before"]["vmhwm_mib"],
        "baseline_import_only": base, "child_before": m["before"], "child_after_first_read": m["after_first_read"],
        "df_memory_deep_bytes": m["df_memory_deep_bytes"], "shape": m["shape"], "dtypes": m["dtypes"],
        "pandas": m["pandas"], "pyarrow": m["pyarrow"], "python": sys.version.split()[0],
    }
    print(f"file            {path}  ({size / 1e6:.2f} MB, shape {res['shape'][0]} x {res['shape'][1]}, dtypes {res['dtypes']})")
    print(f"pandas          {res['pandas']} (pyarrow {res['pyarrow']}), engine='c', 1 thread, "
          f"median of {a.runs} after {res['warmup']} warm-up")
    print(f"median s        {med:.4f}   (runs: {', '.join(f'{t:.4f}' for t in m['runs_s'])}; first/cold-process read {m['first_read_s']:.4f})")
    print(f"MB/s            {res['MB_per_s']:.1f}   (file bytes / 1e6 / median s)")
    print(f"peak RSS delta  {res['peak_rss_delta_mib_vs_import_only_baseline']:.1f} MiB   "
          f"(ru_maxrss after first read {m['after_first_read']['ru_maxrss_mib']:.1f} - import-only process {base['ru_maxrss_mib']:.1f})")
    print(f"                {res['peak_rss_delta_mib_in_process']:.1f} MiB in-process ru_maxrss delta; "
          f"{res['vmhwm_delta_mib_in_process']:.1f} MiB VmHWM delta (cross-check)")
    print(f"DataFrame       {res['df_memory_deep_bytes'] / 2**20:.1f} MiB  (memory_usage(deep=True).sum() = {res['df_memory_deep_bytes']} bytes)")
    if a.json:
        print(json.dumps(res))


if __name__ == "__main__":
    main()
