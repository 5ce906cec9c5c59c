#!/usr/bin/env python3
# bench/engine.py: the engine without the app: memory with many torrents, a
# full recheck from page cache, shutdown with many unsaved torrents. See
# bench/README.md.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Engine benchmark: Spate's engine (through bench/spate-bench-engine, no
GTK) against bare libtorrent (python3-libtorrent) on

- memory: RSS of a process that restores 10,000 stopped torrents (5 files
  each), and at 1,000 and 5,000, per 1,000 torrents;
- recheck: a forced full recheck of a 4 GiB torrent whose data is in tmpfs
  (so in memory), in GB/s;
- shutdown: closing a session of 10,000 torrents of which 1,000 have a change
  not yet saved, and whether every change reached its resume file.

Nothing listens beyond 127.0.0.1; DHT, LSD, UPnP and NAT-PMP are off.
Run "bench/engine.py --help" for the options. Prints a JSON summary on stdout
and writes bench/results/engine-DATE.md.
"""

import argparse
import datetime
import json
import os
import platform
import resource
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
from throughput import (  # noqa: E402  (shared helpers)
    CHILDREN, KiB, MiB, GiB, MB, GB, PAYLOAD_NAME, _read, die, first_line, human_size,
    import_libtorrent, log, machine_cpu, make_payload, make_torrent, parse_size, tail,
    wait_for_idle)
import app  # noqa: E402  (the torrent generator of bench/app.py)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Never used: every generated torrent stays stopped.
TRACKER_URL = "http://127.0.0.1:1/announce"

TARGETS = {
    "mb_per_1000": 40.0,  # target #4
    "recheck_gbps": 2.0,  # #9
    "shutdown_s": 10.0,  # #10
}

# Bare libtorrent's settings: its defaults, kept on loopback and quiet.
LT_ISOLATION = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "dht_bootstrap_nodes": "",
}


def status_bytes(key):
    for line in (_read("/proc/self/status") or b"").splitlines():
        if line.startswith(key.encode() + b":"):
            return int(line.split()[1]) * KiB
    return -1


def rss_now():
    return {"rss": status_bytes("VmRSS"), "anon": status_bytes("RssAnon")}


# ------------------------------------------------ bare libtorrent, in-process

def lt_session(lt, extra=None):
    settings = dict(LT_ISOLATION)
    settings.update(extra or {})
    return lt.session(settings)


def lt_memory_main(argv):
    """Adds the first --count .torrent files of --list stopped to a fresh
    session; prints RSS before and after as JSON."""
    p = argparse.ArgumentParser(prog="engine.py _lt-memory")
    p.add_argument("--list", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--save-path", required=True)
    p.add_argument("--settle", type=float, default=3.0)
    args = p.parse_args(argv)
    lt = import_libtorrent()
    with open(args.list) as f:
        paths = [line.split(" ", 1)[1].strip() for line in f if line.strip()][:args.count]

    before = rss_now()
    # Room for an add_torrent_alert per torrent, as Spate's alert queue has:
    # with libtorrent's default queue the alerts past it are dropped and
    # counting them never ends.
    ses = lt_session(lt, {"alert_mask": int(lt.alert_category.error | lt.alert_category.status),
                          "alert_queue_size": 100000})
    created = rss_now()
    start = time.monotonic()
    for path in paths:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(path)
        atp.save_path = args.save_path
        atp.flags = (atp.flags | lt.torrent_flags.paused) & ~lt.torrent_flags.auto_managed
        ses.async_add_torrent(atp)
    added = 0
    deadline = time.monotonic() + 600
    while added < len(paths) and time.monotonic() < deadline:
        ses.wait_for_alert(100)
        for a in ses.pop_alerts():
            if isinstance(a, lt.add_torrent_alert):
                if a.error.value():
                    sys.exit(f"add failed: {a.message()}")
                added += 1
    add_s = time.monotonic() - start
    restored = rss_now()
    end = time.monotonic() + args.settle
    while time.monotonic() < end:
        ses.wait_for_alert(100)
        ses.pop_alerts()
    settled = rss_now()
    print(json.dumps({"torrents": len(ses.get_torrents()), "restore_s": add_s, "before": before,
                      "created": created, "restored": restored, "settled": settled}),
          flush=True)
    os._exit(0)  # the session's teardown is not measured


def lt_recheck_main(argv):
    """Adds the torrent with its data, waits for the check on add, then
    times force_recheck() until it is a seed again. Prints JSON."""
    p = argparse.ArgumentParser(prog="engine.py _lt-recheck")
    p.add_argument("--torrent", required=True)
    p.add_argument("--save-path", required=True)
    p.add_argument("--timeout", type=float, default=600)
    args = p.parse_args(argv)
    lt = import_libtorrent()
    # State changes come as alerts; nothing else changes from the defaults.
    ses = lt_session(lt, {"alert_mask": int(lt.alert_category.error | lt.alert_category.status
                                            | lt.alert_category.storage)})
    seeding = lt.torrent_status.states.seeding
    finished = lt.torrent_status.states.finished

    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(args.torrent)
    atp.save_path = args.save_path
    atp.flags &= ~lt.torrent_flags.paused  # started, auto-managed, as Spate adds it

    def wait_checked(handle, start):
        checking = False
        deadline = start + args.timeout
        while time.monotonic() < deadline:
            s = handle.status()
            if s.errc.value():
                sys.exit(f"torrent error: {s.errc.message()}")
            if s.state in (seeding, finished) and s.progress >= 1.0 and checking:
                return time.monotonic() - start
            if s.state not in (seeding, finished):
                checking = True
            ses.wait_for_alert(100)
            ses.pop_alerts()
        sys.exit("the check did not complete in time")

    start = time.monotonic()
    handle = ses.add_torrent(atp)
    add_check_s = wait_checked(handle, start)
    start = time.monotonic()
    handle.force_recheck()
    recheck_s = wait_checked(handle, start)
    print(json.dumps({"bytes": atp.ti.total_size(), "pieces": atp.ti.num_pieces(),
                      "hashing_threads": ses.get_settings()["hashing_threads"],
                      "add_check_s": add_check_s, "recheck_s": recheck_s}), flush=True)
    os._exit(0)


# ---------------------------------------------------------------- running

class Measured:
    """One child process: its JSON lines, wall time, CPU and the machine's
    other load while it ran."""

    def __init__(self, argv, log_path, label):
        self.label = label
        self.lines = []
        self.times = []
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0, total0 = machine_cpu()
        start = time.monotonic()
        proc = CHILDREN.spawn(argv, log_path, stdout=subprocess.PIPE)
        for raw in proc.stdout:
            line = raw.decode().strip()
            if line.startswith("{"):
                self.lines.append(json.loads(line))
                self.times.append(time.monotonic())
        self.returncode = proc.wait()
        self.exited = time.monotonic()
        CHILDREN.procs.remove(proc)
        self.wall = self.exited - start
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy1, total1 = machine_cpu()
        self.cpu = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
        self.other_load = max(0.0, (busy1 - busy0) - self.cpu) / max(total1 - total0, 1e-9)
        if self.returncode != 0 or not self.lines:
            raise RuntimeError(f"{label} failed (exit {self.returncode}): {tail(log_path)}")

    @property
    def result(self):
        return self.lines[-1]


def fresh_copy(pristine, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(pristine, dest, symlinks=True)
    os.sync()


def per_1000(r, key, stage="restored"):
    return (r[stage][key] - r["before"][key]) / MB * 1000 / max(r["torrents"], 1)


def run_memory(bench, index):
    out = []
    for scale in bench.scales:
        data = os.path.join(bench.disk, "data")
        fresh_copy(bench.pristine[scale], data)
        m = Measured([bench.helper, "memory", "--data-dir", data,
                      "--settle-ms", str(int(bench.opts.settle * 1000))],
                     os.path.join(bench.work, "helper.log"), f"memory {scale}")
        r = dict(m.result, client="spate", scale=scale, run=index, other_load=m.other_load)
        if r["torrents"] != scale:
            raise RuntimeError(f"restored {r['torrents']} of {scale} torrents")
        out.append(r)
        log(f"  spate, {scale} torrents: restored in {r['restore_s']:.1f} s, RSS "
            f"+{per_1000(r, 'rss'):.1f} MB (anon +{per_1000(r, 'anon'):.1f}) per 1000; "
            f"settled +{per_1000(r, 'rss', 'settled'):.1f} MB per 1000")
        shutil.rmtree(data, ignore_errors=True)

        m = Measured([sys.executable, os.path.abspath(__file__), "_lt-memory",
                      "--list", bench.torrent_list, "--count", str(scale),
                      "--save-path", bench.download, "--settle", str(bench.opts.settle)],
                     os.path.join(bench.work, "lt.log"), f"libtorrent memory {scale}")
        r = dict(m.result, client="libtorrent", scale=scale, run=index, other_load=m.other_load)
        out.append(r)
        log(f"  libtorrent, {scale} torrents: added in {r['restore_s']:.1f} s, RSS "
            f"+{per_1000(r, 'rss'):.1f} MB (anon +{per_1000(r, 'anon'):.1f}) per 1000")
    return out


def run_recheck(bench, index):
    out = []
    for client in ("spate", "libtorrent"):
        if client == "spate":
            data = os.path.join(bench.work, "recheck-data")
            shutil.rmtree(data, ignore_errors=True)
            os.makedirs(data)
            argv = [bench.helper, "recheck", "--data-dir", data, "--torrent", bench.big_torrent,
                    "--save-path", bench.payload_dir]
        else:
            argv = [sys.executable, os.path.abspath(__file__), "_lt-recheck",
                    "--torrent", bench.big_torrent, "--save-path", bench.payload_dir]
        m = Measured(argv, os.path.join(bench.work, f"{client}.log"), f"{client} recheck")
        r = dict(m.result, client=client, run=index, other_load=m.other_load,
                 gbps=m.result["bytes"] / m.result["recheck_s"] / GB,
                 add_gbps=m.result["bytes"] / m.result["add_check_s"] / GB)
        out.append(r)
        log(f"  {client}: recheck {r['recheck_s']:.2f} s = {r['gbps']:.2f} GB/s (check on add "
            f"{r['add_gbps']:.2f} GB/s), hashing_threads {r['hashing_threads']}, other load "
            f"{r['other_load']:.0%}")
        if client == "spate":
            shutil.rmtree(data, ignore_errors=True)
    return out


def verify_saved(lt, data, limits):
    """How many resume files hold the limit set just before closing."""
    good = 0
    for info_hash, limit in limits.items():
        try:
            with open(os.path.join(data, "resume", info_hash + ".resume"), "rb") as f:
                atp = lt.read_resume_data(f.read())
        except (OSError, RuntimeError):
            continue
        good += atp.download_limit == limit
    return good


def run_shutdown(bench, index):
    data = os.path.join(bench.disk, "data")
    fresh_copy(bench.pristine[bench.opts.torrents], data)
    m = Measured([bench.helper, "shutdown", "--data-dir", data, "--dirty", str(bench.opts.dirty),
                  "--settle-ms", str(int(bench.opts.settle * 1000))],
                 os.path.join(bench.work, "helper.log"), "shutdown")
    r = m.result
    closing_at = next(t for line, t in zip(m.lines, m.times) if line.get("event") == "closing")
    saved = verify_saved(bench.lt, data, r["limits"])
    out = {"run": index, "torrents": r["torrents"], "dirty": r["dirty"], "closed": r["closed"],
           "close_s": r["close_s"], "unref_s": r["unref_s"], "exit_s": m.exited - closing_at,
           "rewritten": r["rewritten"], "rewritten_dirty": r["rewritten_dirty"], "saved": saved,
           "clean": os.path.exists(os.path.join(data, "clean")),
           "restore_s": r["restore_s"], "other_load": m.other_load}
    log(f"  close {out['close_s']:.2f} s, exit {out['exit_s']:.2f} s after closing began; "
        f"{saved}/{out['dirty']} changes in their resume files; {out['rewritten']} resume files "
        f"written while closing")
    shutil.rmtree(data, ignore_errors=True)
    return out


# ---------------------------------------------------------------- summary

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def slope(points):
    """Least-squares slope and intercept of (x, y) points."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None, None
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    return b, my - b * mx


def verdict(ok):
    return "" if ok is None else ("pass" if ok else "FAIL")


def summarize(bench, memory, recheck, shutdown):
    opts = bench.opts
    figures = []

    def add(key, figure, target, value, fmt, ok=None, unit=""):
        text = "—" if value is None else (fmt.format(value) if isinstance(fmt, str) else fmt(value))
        figures.append({"key": key, "figure": figure, "target": target, "value": value,
                        "unit": unit, "measured": text, "pass": ok})

    n = opts.torrents
    if memory:
        def mem(client, scale, key, stage="restored"):
            return med([per_1000(r, key, stage) for r in memory
                        if r["client"] == client and r["scale"] == scale])

        def absolute(client, scale, stage, key="rss"):
            return med([r[stage][key] / MB for r in memory
                        if r["client"] == client and r["scale"] == scale])

        spate = mem("spate", n, "rss")
        lt_rss = mem("libtorrent", n, "rss")
        add("memory_mb_per_1000", f"#4 engine memory, {n} torrents restored: RSS growth per "
            "1,000 torrents (MB)", f"≤ {TARGETS['mb_per_1000']:g}", spate, "{:.1f}",
            spate is not None and spate <= TARGETS["mb_per_1000"], "MB")
        add("memory_anon_mb_per_1000", "… of it anonymous memory (RssAnon; MB per 1,000)", "—",
            mem("spate", n, "anon"), "{:.1f}", unit="MB")
        add("memory_settled_mb_per_1000",
            f"… {opts.settle:g} s later, the loop running (MB per 1,000)", "—",
            mem("spate", n, "rss", "settled"), "{:.1f}", unit="MB")
        add("memory_trimmed_mb_per_1000", "… then after malloc_trim(0): without the memory "
            "malloc kept after frees (MB per 1,000)", "—", mem("spate", n, "rss", "trimmed"),
            "{:.1f}", unit="MB")
        add("memory_scales", "… at " + " / ".join(str(s) for s in bench.scales)
            + " torrents (MB per 1,000)", "—",
            [mem("spate", s, "rss") for s in bench.scales],
            lambda v: " / ".join("—" if x is None else f"{x:.1f}" for x in v), unit="MB")
        for client, key in (("spate", "memory_marginal"), ("libtorrent", "lt_memory_marginal")):
            points = [(r["torrents"], (r["restored"]["rss"] - r["before"]["rss"]) / MB)
                      for r in memory if r["client"] == client]
            b, a = slope(points) if len(bench.scales) > 1 else (None, None)
            who = "Spate" if client == "spate" else "bare libtorrent"
            add(key, f"… {who}: slope of a line through all of them (MB per 1,000; "
                "fixed part in MB)", "—",
                None if b is None else [b * 1000, a],
                lambda v: f"{v[0]:.1f} (+ {v[1]:.0f})", unit="MB")
        add("memory_absolute", f"… RSS before the session / session created / {n} restored (MB)",
            "—", [absolute("spate", n, s) for s in ("before", "created", "restored")],
            lambda v: " / ".join("—" if x is None else f"{x:.0f}" for x in v), unit="MB")
        heap = [(r["heap_in_use"] / MB, r["heap_free"] / MB) for r in memory
                if r["client"] == "spate" and r["scale"] == n]
        add("memory_heap", f"… malloc's heap after restoring {n}: in use / free but kept (MB)",
            "—", [med([h[0] for h in heap]), med([h[1] for h in heap])] if heap else None,
            lambda v: f"{v[0]:.0f} / {v[1]:.0f}", unit="MB")
        add("lt_memory_mb_per_1000", f"bare libtorrent, the same {n} .torrent files added "
            "stopped: RSS growth per 1,000 (MB)", "—", lt_rss, "{:.1f}", unit="MB")
        add("memory_ratio", "… Spate ÷ bare libtorrent", "—",
            spate / lt_rss if spate and lt_rss else None, "{:.2f}×")
        add("restore_s", f"… restoring {n} (Spate) / adding {n} (libtorrent), s", "—",
            [med([r["restore_s"] for r in memory if r["client"] == c and r["scale"] == n])
             for c in ("spate", "libtorrent")], lambda v: f"{v[0]:.1f} / {v[1]:.1f}", unit="s")

    if recheck:
        def rc(client, key):
            return med([r[key] for r in recheck if r["client"] == client])

        def threads(client):
            return next((r["hashing_threads"] for r in recheck if r["client"] == client), None)

        gbps = rc("spate", "gbps")
        lt_gbps = rc("libtorrent", "gbps")
        add("recheck_gbps", f"#9 full recheck of {human_size(opts.size)} from page cache "
            f"(tmpfs), spate_torrent_recheck to complete (GB/s; hashing_threads "
            f"{threads('spate')})", f"≥ {TARGETS['recheck_gbps']:g}", gbps, "{:.2f}",
            gbps is not None and gbps >= TARGETS["recheck_gbps"], "GB/s")
        add("recheck_s", "… seconds", "—", rc("spate", "recheck_s"), "{:.2f}", unit="s")
        add("add_check_gbps", "… the check when it was added (GB/s)", "—",
            rc("spate", "add_gbps"), "{:.2f}", unit="GB/s")
        add("lt_recheck_gbps", f"bare libtorrent, force_recheck, default settings (GB/s; "
            f"hashing_threads {threads('libtorrent')})", "—", lt_gbps, "{:.2f}", unit="GB/s")
        add("recheck_ratio", "… Spate ÷ bare libtorrent", "—",
            gbps / lt_gbps if gbps and lt_gbps else None, "{:.2f}×")

    if shutdown:
        close_s = med([r["close_s"] for r in shutdown])
        exit_s = med([r["exit_s"] for r in shutdown])
        saved = min(r["saved"] for r in shutdown)
        dirty = shutdown[0]["dirty"]
        add("shutdown_exit_s", f"#10 shutdown, {shutdown[0]['torrents']} torrents, {dirty} "
            "changed: from spate_session_close to the process's exit (s)",
            f"≤ {TARGETS['shutdown_s']:g}", exit_s, "{:.2f}",
            exit_s is not None and exit_s <= TARGETS["shutdown_s"], "s")
        add("shutdown_close_s", "… spate_session_close itself (s)", "—", close_s, "{:.2f}",
            unit="s")
        add("shutdown_saved", "… changes found in their resume files afterwards (worst run)",
            f"{dirty} of {dirty}", saved, lambda v: f"{v} of {dirty}",
            saved == dirty and all(r["closed"] and r["clean"] for r in shutdown))
        add("shutdown_rewritten", f"… resume files written while closing (of "
            f"{shutdown[0]['torrents']})", "—", med([r["rewritten"] for r in shutdown]),
            "{:.0f}")
    return figures


def markdown_table(figures):
    lines = ["| figure | target | measured | result |", "|---|--:|--:|---|"]
    for f in figures:
        lines.append(f"| {f['figure']} | {f['target']} | {f['measured']} | {verdict(f['pass'])} |")
    return "\n".join(lines)


def runs_table(memory, recheck, shutdown):
    lines = []
    if memory:
        lines += ["| run | client | torrents | restore s | RSS before MB | RSS after MB | "
                  "MB per 1,000 | anon MB per 1,000 | settled MB per 1,000 | other load |",
                  "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for r in memory:
            lines.append(f"| {r['run']} | {r['client']} | {r['torrents']} | {r['restore_s']:.1f} "
                         f"| {r['before']['rss'] / MB:.0f} | {r['restored']['rss'] / MB:.0f} "
                         f"| {per_1000(r, 'rss'):.1f} | {per_1000(r, 'anon'):.1f} "
                         f"| {per_1000(r, 'rss', 'settled'):.1f} | {r['other_load']:.0%} |")
        lines.append("")
    if recheck:
        lines += ["| run | client | hashing_threads | check on add s | recheck s | GB/s | "
                  "other load |", "|--:|---|--:|--:|--:|--:|--:|"]
        for r in recheck:
            lines.append(f"| {r['run']} | {r['client']} | {r['hashing_threads']} "
                         f"| {r['add_check_s']:.2f} | {r['recheck_s']:.2f} | {r['gbps']:.2f} "
                         f"| {r['other_load']:.0%} |")
        lines.append("")
    if shutdown:
        lines += ["| run | torrents | changed | close s | exit s | saved | files written | "
                  "clean mark | other load |", "|--:|--:|--:|--:|--:|--:|--:|---|--:|"]
        for r in shutdown:
            lines.append(f"| {r['run']} | {r['torrents']} | {r['dirty']} | {r['close_s']:.2f} "
                         f"| {r['exit_s']:.2f} | {r['saved']} | {r['rewritten']} "
                         f"| {'yes' if r['clean'] else 'no'} | {r['other_load']:.0%} |")
    return "\n".join(lines)


def machine_info(bench):
    text = (_read("/proc/cpuinfo") or b"").decode()
    cpu = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                if line.startswith("model name")), "?")
    mem = next((f"{int(line.split()[1]) * KiB / 1e9:.1f} GB"
                for line in (_read("/proc/meminfo") or b"").decode().splitlines()
                if line.startswith("MemTotal:")), "?")
    built = datetime.datetime.fromtimestamp(os.path.getmtime(bench.opts.helper))
    return [("CPUs (nproc)", str(os.cpu_count())), ("CPU", cpu), ("memory", mem),
            ("kernel", platform.release()), ("Python", platform.python_version()),
            ("libtorrent (Spate's and the Python module's)",
             f"{first_line(['pkg-config', '--modversion', 'libtorrent-rasterbar'])} / "
             f"{bench.lt.__version__}"),
            ("GLib", first_line(["pkg-config", "--modversion", "glib-2.0"])),
            ("helper", f"{bench.opts.helper} (built {built:%Y-%m-%d %H:%M})"),
            ("data folders", f"{bench.opts.disk_dir} "
                             f"({first_line(['findmnt', '-no', 'FSTYPE', '-T', bench.disk])})"),
            ("recheck payload, .torrent files", f"{bench.opts.workdir} "
             f"({first_line(['findmnt', '-no', 'FSTYPE', '-T', bench.work])})"),
            ("load average before the run", bench.loadavg)]


def write_report(path, bench, figures, memory, recheck, shutdown):
    opts = bench.opts
    today = datetime.date.today().isoformat()
    setup = bench.setup
    text = [
        f"# Spate engine benchmark, {today}", "",
        f"Spate's engine in a process of its own without GTK (`bench/spate-bench-engine`), "
        f"beside bare libtorrent (python3-libtorrent, its default settings) in the same run. "
        f"{opts.runs} run(s); values are medians, the saved count the worst run. "
        f"MB = 10^6 bytes, GB = 10^9 bytes.", "",
        markdown_table(figures), "",
        "How the figures are taken:", "",
        f"- **Memory**: a fresh process opens a copy of a data folder filled through the engine "
        f"(torrents added stopped, session closed), calls spate_session_restore() and runs the "
        f"main loop until restoring is done. RSS (`VmRSS`, and `RssAnon` without mapped files) "
        f"from /proc/self/status before spate_session_new() and when restoring is done; the "
        f"growth divided by the torrents, per 1,000. The slope through the "
        f"{len(bench.scales)} sizes is the cost of one more 1,000 torrents, without the "
        f"session's fixed part. malloc's heap from mallinfo2() after the settling time, then RSS "
        f"again after malloc_trim(0), which hands back to the system what malloc kept of freed "
        f"memory. Bare libtorrent: a Python "
        f"process, RSS before lt.session() and when every add_torrent_alert of the same "
        f".torrent files (added paused, not auto-managed) has arrived.",
        f"- **Recheck**: one torrent of {human_size(opts.size)} ({human_size(opts.piece_size)} "
        f"pieces, one file) added with its data in {opts.workdir} (tmpfs: in memory) and "
        f"without seed mode, so it is checked on add; once it is a seed, "
        f"spate_torrent_recheck() (bare libtorrent: force_recheck()) and the time until it is "
        f"a seed again with progress 1.0, as the engine reports it (state change alerts). "
        f"Spate reads files with pread (its default), libtorrent with mmap (its default).",
        f"- **Shutdown**: a fresh process restores a copy of the {opts.torrents}-torrent data "
        f"folder (on disk), runs the loop {opts.settle:g} s, gives {opts.dirty} torrents spread "
        f"over the list a download limit each (spate_torrent_set_download_limit: a change the "
        f"engine saves, debounced by 500 ms, so still unsaved) and at once calls "
        f"spate_session_close(). Exit: from then until the process has exited, seen from "
        f"outside. Afterwards every changed torrent's resume file is read with libtorrent's "
        f"read_resume_data() and must hold its own limit, and the data folder must carry "
        f"the clean-shutdown mark. Resume files written while closing: files replaced "
        f"(another inode) between the changes and the end.", "",
        "## Setup", ""]
    if "generate_s" in setup:
        text += [
            f"- torrents: {opts.torrents} generated by bench/app.py's generator ({opts.files} "
            f"files each, 16 MiB – 8 GiB, made-up piece hashes, at most 1024 pieces, private, "
            f"one tracker that is never contacted) in {setup['generate_s']:.1f} s, "
            f"{setup['torrent_bytes'] / MB:.0f} MB of .torrent files",
            "- data folders filled by `spate-bench-populate` (as for bench/app.py), one per "
            "size: " + ", ".join(f"{s} torrents: {setup['populate'][s]['seconds']:.1f} s, "
                                 f"{setup['populate'][s]['bytes'] / MB:.0f} MB"
                                 for s in setup["populate"])
            + f"; copied to {opts.disk_dir} before every measurement"]
    text += [
        f"- recheck payload written and hashed in {setup.get('payload_s', 0):.1f} s",
        "- engine settings: Spate's defaults, listening on 127.0.0.1 only, DHT, LSD, UPnP and "
        "NAT-PMP off; bare libtorrent the same on top of its defaults",
        "", "## Machine", ""]
    text += [f"- {k}: {v}" for k, v in bench.info]
    text += ["", "## Command", "", "```", "bench/engine.py " + shlex.join(sys.argv[1:]), "```",
             "", "## Every run", "", runs_table(memory, recheck, shutdown), "",
             "Other load: CPU the machine spent on anything but the measured process while it "
             "ran, as a share of all CPUs. Above a few percent, run again on a quiet machine.",
             ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.rename(path + ".tmp", path)


# ---------------------------------------------------------------------- main

class Bench:
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/engine.py",
        description="Spate's engine without the app: memory with many torrents, a full "
                    "recheck from page cache and shutdown with many unsaved torrents, beside "
                    "bare libtorrent.")
    p.add_argument("--torrents", type=int, default=10000,
                   help="torrents for memory and shutdown (default 10000; memory is also "
                        "measured at a tenth and at half)")
    p.add_argument("--runs", type=int, default=3, help="runs of everything (default 3)")
    p.add_argument("--size", type=parse_size, default=4 * GiB,
                   help="recheck payload (default 4G)")
    p.add_argument("--piece-size", type=parse_size, default=4 * MiB,
                   help="recheck torrent's piece size (default 4M)")
    p.add_argument("--dirty", type=int,
                   help="torrents changed just before closing (default a tenth of --torrents)")
    p.add_argument("--files", type=int, default=5, help="files per torrent (default 5)")
    p.add_argument("--settle", type=float, default=3.0,
                   help="seconds the loop runs after restoring before memory is read again "
                        "and before the changes of the shutdown run (default 3)")
    p.add_argument("--only", default="memory,recheck,shutdown",
                   help="comma list of memory, recheck, shutdown (default all)")
    p.add_argument("--build", default=os.path.join(ROOT, "_build"),
                   help="Meson build folder with bench/spate-bench-engine and "
                        "bench/spate-bench-populate (default _build)")
    p.add_argument("--idle-wait", type=float, default=300,
                   help="before each run, wait up to this many seconds for the machine to be "
                        "less than 10%% busy (default 300; 0: do not wait)")
    p.add_argument("--workdir", default="/dev/shm",
                   help="tmpfs for the recheck payload and .torrent files (default /dev/shm)")
    p.add_argument("--disk-dir", default="/var/tmp",
                   help="a folder on disk for the data folders (default /var/tmp)")
    p.add_argument("--seed", type=int, default=1, help="random seed of the torrents (default 1)")
    p.add_argument("--output", help="report file (default bench/results/engine-DATE.md)")
    p.add_argument("--json", help="write the JSON summary here instead of stdout (the "
                                  "Markdown table then goes to stdout)")
    p.add_argument("--keep", action="store_true", help="keep the work folders")
    opts = p.parse_args(argv)
    opts.only = {x.strip() for x in opts.only.split(",") if x.strip()}
    if not opts.only or opts.only - {"memory", "recheck", "shutdown"}:
        p.error("--only takes memory, recheck, shutdown")
    if opts.torrents < 10 or opts.runs < 1 or opts.files < 1:
        p.error("need --torrents ≥ 10, --runs ≥ 1, --files ≥ 1")
    if opts.dirty is None:
        opts.dirty = max(1, opts.torrents // 10)
    if not 1 <= opts.dirty <= opts.torrents:
        p.error("need 1 ≤ --dirty ≤ --torrents")
    ps = opts.piece_size
    if ps < 16 * KiB or ps & (ps - 1):
        p.error("--piece-size must be a power of two of 16K or more")
    opts.build = os.path.abspath(opts.build)
    opts.helper = os.path.join(opts.build, "bench", "spate-bench-engine")
    opts.populate = os.path.join(opts.build, "bench", "spate-bench-populate")
    if opts.output is None:
        opts.output = os.path.join(ROOT, "bench", "results",
                                   f"engine-{datetime.date.today().isoformat()}.md")
    return opts


def prepare(bench):
    opts, lt = bench.opts, bench.lt
    for path in (opts.helper, opts.populate):
        if not os.access(path, os.X_OK):
            die(f"{path} is not built; run build-aux/dev build (or ninja -C {opts.build})")
    need = (opts.size if "recheck" in opts.only else 0) + GiB
    free = shutil.disk_usage(opts.workdir).free
    if free < need:
        die(f"{opts.workdir} has {human_size(free)} free; the benchmark needs {human_size(need)}")
    bench.loadavg = " ".join(((_read("/proc/loadavg") or b"?").decode()).split()[:3])

    bench.work = tempfile.mkdtemp(prefix="spate-bench-engine-", dir=opts.workdir)
    bench.disk = tempfile.mkdtemp(prefix="spate-bench-engine-", dir=opts.disk_dir)
    log(f"work folders: {bench.work}, {bench.disk}")
    # A copy, so that a rebuild while it runs changes nothing.
    bench.helper = os.path.join(bench.disk, "spate-bench-engine")
    shutil.copy2(opts.helper, bench.helper)
    bench.download = os.path.join(bench.work, "download")
    os.makedirs(bench.download)
    bench.setup = {"populate": {}}

    n = opts.torrents
    bench.scales = sorted({max(1, n // 10), max(1, n // 2), n})
    if opts.only & {"memory", "shutdown"}:
        gen = argparse.Namespace(torrents=n, active=0, active_size=0, files=opts.files,
                                 seed=opts.seed)
        generated = app.generate(lt, gen, bench.work, TRACKER_URL)
        bench.torrent_list = generated["list"]
        bench.setup.update(generate_s=generated["seconds"],
                           torrent_bytes=generated["torrent_bytes"])
        with open(bench.torrent_list) as f:
            lines = [line for line in f if line.strip()]
        bench.pristine = {}
        for scale in bench.scales if "memory" in opts.only else [n]:
            list_path = os.path.join(bench.work, f"torrents-{scale}.list")
            with open(list_path, "w") as f:
                f.writelines(lines[:scale])
            folder = os.path.join(bench.work, f"data-{scale}")
            start = time.monotonic()
            out = subprocess.run([opts.populate, "--data-dir", folder, "--download-dir",
                                  bench.download, "--list", list_path],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                die(f"spate-bench-populate failed: {out.stderr.strip()[-2000:]}")
            size, _ = app.dir_size(folder)
            bench.setup["populate"][scale] = {"seconds": time.monotonic() - start,
                                              "bytes": size}
            bench.pristine[scale] = folder
            log(f"populated {scale} torrents in {time.monotonic() - start:.1f} s "
                f"({size / MB:.0f} MB)")

    if "recheck" in opts.only:
        bench.payload_dir = os.path.join(bench.work, "recheck-payload")
        os.makedirs(bench.payload_dir)
        start = time.monotonic()
        hashes = make_payload(os.path.join(bench.payload_dir, PAYLOAD_NAME), opts.size,
                              opts.piece_size)
        bench.setup["payload_s"] = time.monotonic() - start
        data, _ = make_torrent(lt, opts.size, opts.piece_size, hashes)
        # No tracker at all: the torrent runs while it is checked.
        torrent = lt.bdecode(data)
        torrent.pop(b"announce", None)
        bench.big_torrent = os.path.join(bench.work, "recheck.torrent")
        with open(bench.big_torrent, "wb") as f:
            f.write(lt.bencode(torrent))
    bench.info = machine_info(bench)


def main(argv):
    opts = parse_args(argv)
    bench = Bench()
    bench.opts = opts
    bench.lt = import_libtorrent()
    bench.work = bench.disk = None
    memory, recheck, shutdown = [], [], []
    try:
        prepare(bench)
        for index in range(1, opts.runs + 1):
            if opts.idle_wait > 0:
                busy = wait_for_idle(opts.idle_wait)
                log(f"run {index}/{opts.runs} (machine {busy:.0%} busy before it)")
            else:
                log(f"run {index}/{opts.runs}")
            if "memory" in opts.only:
                memory += run_memory(bench, index)
            if "recheck" in opts.only:
                recheck += run_recheck(bench, index)
            if "shutdown" in opts.only:
                shutdown.append(run_shutdown(bench, index))
    except RuntimeError as e:
        die(str(e))
    finally:
        CHILDREN.stop_all()
        if opts.keep:
            log(f"kept {bench.work} and {bench.disk}")
        else:
            for folder in (bench.work, bench.disk):
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)

    figures = summarize(bench, memory, recheck, shutdown)
    write_report(opts.output, bench, figures, memory, recheck, shutdown)
    summary = {"benchmark": "engine", "date": datetime.date.today().isoformat(),
               "command": ["bench/engine.py"] + argv, "report": os.path.relpath(opts.output, ROOT),
               "figures": figures, "machine": dict(bench.info),
               "runs": {"memory": memory, "recheck": recheck,
                        "shutdown": [{k: v for k, v in r.items()} for r in shutdown]}}
    text = json.dumps(summary, indent=1)
    if opts.json:
        with open(opts.json, "w") as f:
            f.write(text + "\n")
        print(markdown_table(figures))
    else:
        print(text)
    log(f"report: {os.path.relpath(opts.output)}")
    return 0 if all(f["pass"] is not False for f in figures) else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_lt-memory":
        lt_memory_main(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1] == "_lt-recheck":
        lt_recheck_main(sys.argv[2:])
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        CHILDREN.stop_all()
        sys.exit("engine.py: interrupted")
