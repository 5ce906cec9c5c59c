#!/usr/bin/env python3
# bench/all.py: every benchmark in turn, then one table of Spate against the
# performance targets's targets and the other clients of the same run. See
# bench/README.md.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Whole benchmark run: throughput.py, app.py, details.py, engine.py and
latency.py one after the other, each writing its report and a JSON summary
(--json) into a work folder; then one table of Spate's ten performance targets with
Spate's figure, the other clients' figures from the same run and the ratio,
written to bench/results/DATE.md with each benchmark's report copied next
to it as bench/results/DATE-NAME.md.

Run "bench/all.py --help" for the options. --quick runs every benchmark
small and once, as a check that everything works (its figures say nothing
about the targets).
"""

import argparse
import datetime
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from details import machine_info  # noqa: E402  (shared helpers)
from throughput import GiB, MB, die, first_line, human_size, log  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")

# name, what it measures, arguments of a --quick run. details.py and
# latency.py make one run per start and have no --runs: they are started
# --runs times and their figures' medians taken here.
STEPS = (
    ("throughput", "#1–3: one download over loopback, Spate and other clients",
     ["--size", "256M", "--quick-verify", "--tcp-cap", "120", "--utp-cap", "30"]),
    ("app", "#5–6: the desktop app with many torrents",
     ["--torrents", "1000", "--active", "20", "--window", "10", "--settle", "30"]),
    ("details", "#7: the details pages with huge torrents",
     ["--files", "10000", "--pieces", "10000", "--seconds", "2"]),
    ("engine", "#4, 9, 10: engine memory, recheck, shutdown",
     ["--torrents", "500", "--size", "256M"]),
    ("latency", "#8: alert → row latency, rate age",
     ["--torrents", "200", "--events", "20", "--max-seconds", "60"]),
)
HAS_RUNS = ("throughput", "app", "engine")
HAS_IDLE_WAIT = ("throughput", "app", "engine")

# The peers beside Spate: throughput.py's client names and their columns.
PEERS = (("qbittorrent-nox", "qbittorrent-nox"), ("libtorrent", "libtorrent"),
         ("aria2c", "aria2"), ("transmission-cli", "transmission"))
SPATES = (("spate-cli", "spate-cli"), ("spate-app", "the app (Xvfb)"))


# ------------------------------------------------------------------ running

class Current:
    proc = None


def run_step(name, argv, log_path):
    """Runs one benchmark script, its output shown and kept in log_path;
    returns its exit status and how long it took."""
    cmd = [sys.executable, os.path.join(BENCH, f"{name}.py")] + argv
    log(f"\n=== {name}: {shlex.join(['bench/' + name + '.py'] + argv)}")
    start = time.monotonic()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(log_path, "w") as out:
        Current.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, errors="replace", env=env)
        for line in Current.proc.stdout:
            sys.stderr.write(line)
            out.write(line)
        rc = Current.proc.wait()
        Current.proc = None
    return rc, time.monotonic() - start


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def build_args(name, build):
    """Where each script finds the build folder's programs (--build)."""
    if build is None:
        return []
    if name == "throughput":
        return ["--spate-cli", os.path.join(build, "src", "cli", "spate-cli"),
                "--spate-app", os.path.join(build, "src", "ui", "spate")]
    if name == "app":
        return ["--spate", os.path.join(build, "src", "ui", "spate"),
                "--populate", os.path.join(build, "bench", "spate-bench-populate"),
                "--counts", os.path.join(build, "bench", "spate-bench-counts.so"),
                "--schemas", os.path.join(build, "data")]
    return ["--build", build]


def run_all(opts, work):
    """Runs the chosen steps; returns {name: step} with each run's JSON summary."""
    steps = {}
    for name, what, quick in STEPS:
        if name not in opts.only:
            continue
        step = {"name": name, "what": what, "runs": [], "reports": [], "seconds": 0.0,
                "failed": []}
        steps[name] = step
        argv = (quick if opts.quick else []) + build_args(name, opts.build)
        if opts.idle_wait is not None and name in HAS_IDLE_WAIT:
            argv += ["--idle-wait", f"{opts.idle_wait:g}"]
        starts = 1
        if name in HAS_RUNS:
            argv += ["--runs", str(opts.runs)]
        else:
            starts = opts.runs
        argv += opts.extra.get(name, [])
        step["command"] = shlex.join([f"bench/{name}.py"] + argv)
        for index in range(1, starts + 1):
            tag = name if starts == 1 else f"{name}-{index}"
            report = os.path.join(work, f"{tag}.md")
            summary = os.path.join(work, f"{tag}.json")
            if starts > 1:
                log(f"\n{name}: run {index} of {starts}")
            rc, seconds = run_step(name, argv + ["--output", report, "--json", summary],
                                   os.path.join(work, f"{tag}.log"))
            step["seconds"] += seconds
            data = read_json(summary)
            if data is None:
                step["failed"].append(f"{tag} exited with {rc} and wrote no figures "
                                      f"(log: {tag}.log)")
            else:
                step["runs"].append(data)
            if os.path.exists(report):
                step["reports"].append(report)
    return steps


# ------------------------------------------------------------------ figures

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def worst(*values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def at_most(limit):
    return lambda v: v <= limit


def at_least(limit):
    return lambda v: v >= limit


def num(value, fmt):
    return "—" if value is None else format(value, fmt)


class Table:
    """The combined table: one row per figure with a target."""

    def __init__(self):
        self.rows = []

    def add(self, number, what, target, value, fmt, ok, peers=None, note=""):
        """value: Spate's figure (a number, or text already formatted); ok: a
        test of value, a bool, or None when it cannot be judged; peers:
        {column: value or text}, numbers shown with Spate ÷ peer."""
        if value is None or ok is None:
            result = "not measured"
        elif callable(ok):
            result = "pass" if ok(value) else "FAIL"
        else:
            result = "pass" if ok else "FAIL"
        cells = {}
        for column, peer in (peers or {}).items():
            if isinstance(peer, str) or peer is None:
                cells[column] = peer or "—"
            elif value is not None and peer:
                cells[column] = f"{format(peer, fmt)} ({value / peer:.2f}×)"
            else:
                cells[column] = format(peer, fmt)
        text = value if isinstance(value, str) else num(value, fmt)
        self.rows.append({"number": number, "what": what, "target": target,
                          "spate": text + (f" {note}" if note else ""), "peers": cells,
                          "result": result})

    def missing(self, number, what, target, why):
        self.rows.append({"number": number, "what": what, "target": target, "spate": why,
                          "peers": {}, "result": "not measured"})

    def markdown(self):
        columns = [label for _, label in PEERS]
        lines = ["| # | benchmark | target | Spate | " + " | ".join(columns) + " | result |",
                 "|--:|---|---|--:|" + "--:|" * len(columns) + "---|"]
        for r in self.rows:
            peers = " | ".join(r["peers"].get(c, "") for c in columns)
            lines.append(f"| {r['number']} | {r['what']} | {r['target']} | {r['spate']} "
                         f"| {peers} | {r['result']} |")
        return "\n".join(lines)


def throughput_rows(table, step):
    data = step["runs"][0] if step["runs"] else None
    if data is None:
        for number, what in (("1", "download over loopback"), ("2", "peak RSS"),
                             ("3", "uTP offered")):
            table.missing(number, what, "", "throughput.py did not finish")
        return
    rows = data["rows"]
    size = human_size(data["size"])

    def row(client, case):
        return next((r for r in rows if r["client"] == client and r["case"] == case), None)

    def figure(client, case, key):
        r = row(client, case)
        if r is None:
            return None
        if r["skipped"]:
            return "not installed" if "not installed" in r["skipped"] else "skipped"
        return r[key] if r[key] is not None else "failed"

    def number(value):
        return value if isinstance(value, (int, float)) else None

    def utp_share(client, spate=False):
        tcp, utp = figure(client, "tcp", "mbps"), figure(client, "utp", "mbps")
        if isinstance(tcp, str) or isinstance(utp, str):
            return tcp if isinstance(tcp, str) else utp
        if not tcp or utp is None:
            return None
        share = 100 * utp / tcp
        # The target is Spate's rate from that seeder, over whichever transport
        # Spate picks (TCP by default). A peer on TCP there (aria2 has no uTP)
        # says nothing of uTP.
        if spate or "uTP" in row(client, "utp")["transport"]:
            return share
        return f"{share:.0f} (over TCP)"

    def capped(client, case):
        r = row(client, case)
        return "(capped)" if r and r["capped"] else ""

    for client, label in SPATES:
        mbps = figure(client, "tcp", "mbps")
        value, qbt = number(mbps), number(figure("qbittorrent-nox", "tcp", "mbps"))
        what = f"{size} over loopback, TCP: MB/s, {label}"
        if value is None:
            table.missing("1", what, "≥ 1.5× qbittorrent-nox", mbps or "not run")
            continue
        table.add("1", what, "≥ 1.5× qbittorrent-nox", value, ".0f",
                  value / qbt >= 1.5 if qbt else None,
                  {lbl: figure(c, "tcp", "mbps") for c, lbl in PEERS})
    for client, label in SPATES:
        value = number(figure(client, "tcp", "cpu_per_gb"))
        table.add("1", f"… CPU-s per GB, {label}", "≤ 3.0", value, ".2f", at_most(3.0),
                  {lbl: figure(c, "tcp", "cpu_per_gb") for c, lbl in PEERS})
    for client, label in SPATES:
        value = number(figure(client, "tcp", "rss"))
        table.add("2", f"peak RSS during #1 (MB), {label}", "≤ 250", value, ".0f",
                  at_most(250), {lbl: figure(c, "tcp", "rss") for c, lbl in PEERS})
    if "utp" in data["cases"]:
        for client, label in SPATES:
            table.add("3", f"seeder offers uTP too: MB/s as % of TCP only, {label}", "≥ 80 %",
                      number(utp_share(client, spate=True)), ".0f", at_least(80.0),
                      {lbl: utp_share(c) for c, lbl in PEERS}, capped(client, "utp"))


def app_rows(table, step):
    runs = [r["figures"] for r in step["runs"]]
    if not runs:
        table.missing("5–6", "the app with many torrents", "", "app.py did not finish")
        return
    f = runs[0]
    n = f"{f['torrents']:,}"
    rows_ok = f["rows_listed_min"] == f["torrents"]
    note = "" if rows_ok else f"(only {f['rows_listed_min']} rows listed)"
    table.add("5", f"app start, {n} torrents: first frame, warm (ms)", "< 1000",
              f["first_frame_warm_ms"], ".0f", lambda v: v < 1000)
    table.add("5", "… first frame, cold (page cache dropped; ms)", "< 1000",
              f["first_frame_cold_ms"], ".0f", lambda v: v < 1000)
    table.add("5", "… all rows listed, warm (ms)", "≤ 4000", f["all_listed_warm_ms"], ".0f",
              lambda v: v <= 4000 and rows_ok, note=note)
    table.add("5", "… all rows listed, cold (ms)", "≤ 7000", f["all_listed_cold_ms"], ".0f",
              lambda v: v <= 7000 and rows_ok, note=note)
    table.add("5", "… longest main-loop iteration while loading (ms, worst start)", "≤ 100",
              worst(f["stall_warm_ms"], f["stall_cold_ms"]), ".1f", at_most(100))
    table.add("5", "… longest delay of a 1 Hz timer while loading (ms, worst start; includes "
              "work before the loop runs)", "≤ 100",
              worst(f["tick_late_warm_ms"], f["tick_late_cold_ms"]), ".0f", at_most(100))
    active = f"{f['active']:,}"
    # Bare libtorrent with the same torrents and downloads, and no window.
    bare = {"libtorrent": f.get("lt_cpu_pct")}
    table.add("6", f"{n} rows, {active} active, window visible: CPU (% of a core)", "≤ 2",
              f["cpu_visible_pct"], ".2f", at_most(2.0), bare)
    table.add("6", "… main-loop work per second, p95 (ms)", "≤ 10", f["busy_p95_visible_ms"],
              ".2f", at_most(10.0))
    table.add("6", "… sorted by download rate: CPU (% of a core)", "≤ 5", f["cpu_sorted_pct"],
              ".2f", at_most(5.0), bare)
    table.add("6", "… sorted by download rate: main-loop work per second, p95 (ms)", "≤ 10",
              f["busy_p95_sorted_ms"], ".2f", at_most(10.0))


def details_rows(table, step):
    runs = step["runs"]
    if not runs:
        table.missing("7", "piece map", "", "details.py did not finish")
        return

    def value(key):
        return med([r["figures"][key]["value"] for r in runs if r["figures"].get(key)])

    pieces = f"{runs[0]['pieces']:,}"
    table.add("7", f"piece map, {pieces} pieces: ms per snapshot (spate_piece_map_render)",
              "≤ 0.5", value("piece_map_ms"), ".3f", at_most(0.5))
    table.add("7", "… window resized every frame: frames per second", "60 (≥ 55)",
              value("resize_fps"), ".1f", at_least(55.0))
    table.add("7", "… main-thread CPU while resizing (% of a core)", "≤ 30",
              value("resize_cpu_pct"), ".0f", at_most(30.0))


def latency_rows(table, step):
    runs = step["runs"]
    if not runs:
        table.missing("8", "alert → row latency", "", "latency.py did not finish")
        return

    def rows(kind, stage):
        return [r for run in runs for r in run["figures"]
                if r["kind"] == kind and r["stage"] == stage]

    names = {"state": "state change", "finished": "finished", "error": "error"}
    for kind in ("state", "finished", "error"):
        painted, shown = rows(kind, "frame"), rows(kind, "label")
        p50, p99 = med([r["p50"] for r in painted]), med([r["p99"] for r in painted])
        missed = sum(r["missed"] for r in painted + shown)
        events = sum(r["n"] for r in painted)
        text = None if p50 is None else f"{p50:.0f} / {p99:.0f}"
        table.add("8", f"alert → row painted, {names[kind]}: p50 / p99 (ms, {events} events"
                  + (f", {missed} missed" if missed else "") + ")",
                  "p50 ≤ 50, p99 ≤ 100", text, "", p50 is not None and p50 <= 50
                  and p99 <= 100 and not missed)
    ages = rows("rate", "age")
    oldest = max((r["max"] for r in ages if r["max"] is not None), default=None)
    table.add("8", "… oldest rate a row showed (ms)", "≤ 1100", oldest, ".0f", at_most(1100))


def engine_rows(table, step):
    runs = step["runs"]
    if not runs:
        table.missing("4, 9, 10", "engine", "", "engine.py did not finish")
        return
    data = runs[0]
    figures = {f["key"]: f for f in data["figures"]}

    def value(key):
        f = figures.get(key)
        return f["value"] if f else None

    memory = [r for r in data["runs"]["memory"] if r["client"] == "spate"]
    if memory:
        n = f"{max(r['scale'] for r in memory):,}"
        table.add("4", f"{n} torrents (5 files each, stopped): engine memory, MB per 1,000",
                  "≤ 40", value("memory_mb_per_1000"), ".1f", at_most(40.0),
                  {"libtorrent": value("lt_memory_mb_per_1000")})
    recheck = data["runs"]["recheck"]
    if recheck:
        size = human_size(recheck[0]["bytes"]) if recheck[0]["bytes"] % (GiB // 16) == 0 \
            else f"{recheck[0]['bytes'] / MB:.0f} MB"
        table.add("9", f"full recheck of {size} from page cache (GB/s)", "≥ 2.0",
                  value("recheck_gbps"), ".2f", at_least(2.0),
                  {"libtorrent": value("lt_recheck_gbps")})
    shutdown = data["runs"]["shutdown"]
    if shutdown:
        n, dirty = f"{shutdown[0]['torrents']:,}", shutdown[0]["dirty"]
        table.add("10", f"shutdown, {n} torrents, {dirty:,} changed: exit (s)", "≤ 10",
                  value("shutdown_exit_s"), ".2f", at_most(10.0))
        saved = figures.get("shutdown_saved")
        table.add("10", "… changes found saved afterwards (worst run)", "all",
                  None if saved is None else f"{saved['value']:,} of {dirty:,}", "",
                  bool(saved and saved["pass"]))


def combined_table(steps):
    table = Table()
    readers = (("throughput", throughput_rows), ("engine", engine_rows),
               ("app", app_rows), ("details", details_rows), ("latency", latency_rows))
    by_number = []
    for name, reader in readers:
        if name in steps:
            part = Table()
            reader(part, steps[name])
            by_number += part.rows
    # In the targets' order: 1–3, 4, 5–6, 7, 8, 9, 10.
    order = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10}
    table.rows = sorted(by_number, key=lambda r: order.get(r["number"].split(",")[0]
                                                            .split("–")[0], 0))
    return table


# ------------------------------------------------------------------- report

def other_load(step):
    """The largest share of the CPUs that anything else used during a
    measurement, where the script measures it."""
    values = []
    for data in step["runs"]:
        if step["name"] == "throughput":
            values += [r.get("other_load") for r in data["rows"]]
        elif step["name"] == "app":
            values += [r.get("other_load") for r in data["results"]]
        elif step["name"] == "engine":
            values += [r.get("other_load") for runs in data["runs"].values() for r in runs]
    values = [v for v in values if v is not None]
    return f"{max(values):.0%}" if values else "—"


def copy_reports(steps, stem):
    """Copies each benchmark's report next to the combined one; returns
    {name: file name}. A script started several times gets one file with
    every run's report."""
    copies = {}
    for name, step in steps.items():
        if not step["reports"]:
            continue
        path = f"{stem}-{name}.md"
        parts = []
        for index, report in enumerate(step["reports"], 1):
            with open(report) as f:
                text = f.read().rstrip("\n")
            if len(step["reports"]) > 1:
                title, _, rest = text.partition("\n")
                text = f"{title} (start {index} of {len(step['reports'])})\n{rest}"
            parts.append(text)
        with open(path, "w") as f:
            f.write("\n\n".join(parts) + "\n")
        copies[name] = os.path.basename(path)
    return copies


def duration(seconds):
    minutes = seconds / 60
    return f"{seconds:.0f} s" if minutes < 2 else f"{minutes:.0f} min"


def write_report(path, opts, started, steps, table, copies, total):
    if opts.quick:
        kind = ("`--quick`: small sizes and one run each, a check that everything works; "
                "its figures do not say whether Spate's performance targets are met")
    else:
        kind = f"medians of {opts.runs} runs" if opts.runs > 1 else "one run"
    starts = "once" if opts.runs == 1 else f"{opts.runs} times"
    text = [f"# Spate benchmarks, {started:%Y-%m-%d}" + (" (quick check)" if opts.quick else ""),
            "", f"Every benchmark of `bench/` in one run ({kind}), against Spate's "
            "performance targets. Spate's figure beside the other clients measured in the "
            "same run; in brackets, Spate's figure divided by theirs. #1–3 come from "
            "`throughput.py` (TCP case: the seeder offers TCP only), #4, 9 and 10 from "
            "`engine.py` (bare libtorrent: a Python process with libtorrent's defaults), "
            "#5–6 from `app.py`, #7 from `details.py`, #8 from `latency.py`. `details.py` "
            f"and `latency.py` make one run per start: they were started {starts} and their "
            "figures' medians taken (p99 is the median of the starts' p99; the oldest rate "
            "the worst start).",
            "", table.markdown(), "",
            "A result of \"not measured\" means the figure is missing (a client not "
            "installed, a script that failed: see below). The benchmarks' own reports hold "
            "every figure, every run and how it was measured; a few targets there are "
            "stricter or looser readings of the targets (for example `app.py` holds a cold "
            "start to 4 s, the target to 7 s): this table uses the targets'.", "",
            "## Benchmarks", "",
            "| benchmark | what | command | took | other load | report |",
            "|---|---|---|--:|--:|---|"]
    for name, step in steps.items():
        report = f"[{copies[name]}]({copies[name]})" if name in copies else "none"
        text.append(f"| {name} | {step['what']} | `{step['command']}` "
                    f"| {duration(step['seconds'])} | {other_load(step)} | {report} |")
    text += ["", f"All of it took {duration(total)}. Other load: the largest share of the "
             "machine's CPUs that anything but the benchmark used during a measurement, as "
             "the script measures it (details.py and latency.py do not); above a few percent "
             "the figures were disturbed.", ""]
    failures = [f for step in steps.values() for f in step["failed"]]
    if failures:
        text += ["Failures:", ""] + [f"- {f}" for f in failures] + [""]
    machine = [(k, v) for k, v in machine_info(sys.executable)
               if k not in ("X server", "renderer", "binary")]
    commit = first_line(["git", "-C", ROOT, "describe", "--always", "--dirty"])
    text += ["## Machine", "", "| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in machine],
             f"| Spate | {commit} |", "", "## Command", "", "```",
             "bench/all.py " + shlex.join(sys.argv[1:]), "```", ""]
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.rename(path + ".tmp", path)
    log(f"report: {os.path.relpath(path)} (the benchmarks' own: "
        f"{', '.join(copies.values()) or 'none'})")


# ---------------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/all.py",
        description="Run every benchmark of bench/ and print one table of Spate against "
                    "Spate's performance targets and the other clients of the same run.")
    p.add_argument("--quick", action="store_true",
                   help="small sizes and one run of each, a check that everything works "
                        "(5-10 minutes; the figures say nothing about the targets)")
    p.add_argument("--runs", type=int, default=None,
                   help="runs of each benchmark (default 3; 1 with --quick)")
    p.add_argument("--only", default=",".join(name for name, _, _ in STEPS),
                   help="comma-separated benchmarks to run (default all: "
                        f"{','.join(name for name, _, _ in STEPS)})")
    p.add_argument("--build", default=None,
                   help="Meson build folder with Spate and the benchmark helpers "
                        "(default _build)")
    p.add_argument("--idle-wait", type=float, default=None,
                   help="passed to throughput.py, app.py and engine.py: wait up to this "
                        "many seconds before each run for the machine to be less than 10%% "
                        "busy (their default 300; with --quick 0)")
    p.add_argument("--output", default=None,
                   help="combined report (default bench/results/DATE.md, with --quick "
                        "bench/results/DATE-quick.md); each benchmark's report goes next to "
                        "it as NAME-BENCHMARK.md")
    p.add_argument("--args", action="append", default=[], metavar="NAME=ARGS",
                   help="more arguments for one benchmark, e.g. --args 'throughput=--clients "
                        "spate,qbittorrent' (repeatable; given after the others, so they win)")
    p.add_argument("--keep", action="store_true",
                   help="keep the work folder (every report, JSON summary and log)")
    opts = p.parse_args(argv)
    names = [name for name, _, _ in STEPS]
    opts.only = [s.strip() for s in opts.only.split(",") if s.strip()]
    for name in opts.only:
        if name not in names:
            p.error(f"unknown benchmark {name!r}; known: {', '.join(names)}")
    if opts.runs is None:
        opts.runs = 1 if opts.quick else 3
    if opts.runs < 1:
        p.error("--runs must be at least 1")
    if opts.quick and opts.idle_wait is None:
        opts.idle_wait = 0
    opts.extra = {}
    for item in opts.args:
        name, _, args = item.partition("=")
        if name not in names:
            p.error(f"--args: unknown benchmark {name!r}")
        opts.extra.setdefault(name, []).extend(shlex.split(args))
    if opts.build is not None:
        opts.build = os.path.abspath(opts.build)
    return opts


def main(argv):
    opts = parse_args(argv)
    started = datetime.datetime.now()
    stem = f"{started:%Y-%m-%d}" + ("-quick" if opts.quick else "")
    output = os.path.abspath(opts.output or os.path.join(BENCH, "results", f"{stem}.md"))
    os.makedirs(os.path.dirname(output), exist_ok=True)
    work = tempfile.mkdtemp(prefix="spate-bench-all-")
    begin = time.monotonic()
    steps = {}
    try:
        steps = run_all(opts, work)
    finally:
        if Current.proc is not None:
            Current.proc.terminate()
            Current.proc.wait()
    total = time.monotonic() - begin

    table = combined_table(steps)
    copies = copy_reports(steps, output.removesuffix(".md"))
    write_report(output, opts, started, steps, table, copies, total)
    print()
    print(table.markdown())
    failures = [f for step in steps.values() for f in step["failed"]]
    for failure in failures:
        log(f"failed: {failure}")
    if opts.keep or failures:
        log(f"work folder (reports, JSON, logs): {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    log(f"all of it took {duration(total)}")
    return 0 if not failures and all(r["result"] in ("pass", "") for r in table.rows) else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        die("interrupted")
