#!/usr/bin/env python3
"""Alert to row latency: state changes, finished and errors, and rate ages.

Runs _build/bench/spate-bench-latency (the desktop app in-process, see that
file) under Xvfb with a private D-Bus session bus and its own folders in a
tmpfs, checks its figures against the targets of the performance targets,
writes bench/results/latency-DATE.md and prints a JSON summary on stdout
(or writes it to --json FILE and prints the Markdown table instead).
"""

import argparse
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

from details import ROOT, machine_info

# Targets: p50 and p99 of alert → row, and the oldest rate a row may show.
P50_MS = 50.0
P99_MS = 100.0
RATE_AGE_MS = 1100.0
KINDS = (("state", "state change (pause / resume)"),
         ("finished", "finished (recheck back to seeding)"),
         ("error", "error (a file that cannot be read)"))


def percentile(values, p):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def stats(values):
    return {"n": len(values), "p50": percentile(values, 50), "p99": percentile(values, 99),
            "max": max(values) if values else None}


def verdict(value, limit):
    if value is None:
        return "not measured"
    return "pass" if value <= limit else "FAIL"


def result(s, missed):
    """pass when p50 and p99 are within their targets and no event went missing."""
    if s["p50"] is None:
        return "not measured"
    ok = s["p50"] <= P50_MS and s["p99"] <= P99_MS and not missed
    return "pass" if ok else "FAIL"


def fmt(value):
    return "" if value is None else f"{value:.1f}"


def summarize(raw):
    rows = []
    for kind, label in KINDS:
        data = raw["kinds"][kind]
        for stage, key in (("label", "to_label_ms"), ("frame", "to_paint_ms")):
            s = stats(data[key])
            rows.append({
                "figure": f"{label}: alert → "
                          + ("label shows it" if stage == "label" else "next frame painted"),
                "kind": kind, "stage": stage, **s, "missed": data["missed"],
                "started_by": data["started_by"],
                "target": f"p50 ≤ {P50_MS:.0f} ms, p99 ≤ {P99_MS:.0f} ms",
                "result": result(s, data["missed"]),
            })
    ages = raw["rate_age_ms"] + raw["rate_replaced_ms"]
    s = stats(ages)
    rows.append({"figure": "age of the rate a row shows (at every frame, and when replaced)",
                 "kind": "rate", "stage": "age", **s, "missed": 0,
                 "mismatched_frames": raw["rate_mismatch"],
                 "target": f"max ≤ {RATE_AGE_MS / 1000:.1f} s",
                 "result": verdict(s["max"], RATE_AGE_MS)})
    return rows


def markdown(rows):
    lines = ["| figure | target | n | p50 ms | p99 ms | max ms | result |",
             "|---|---|--:|--:|--:|--:|---|"]
    for r in rows:
        n = f"{r['n']}" + (f" ({r['missed']} missed)" if r["missed"] else "")
        lines.append(f"| {r['figure']} | {r['target']} | {n} | {fmt(r['p50'])} "
                     f"| {fmt(r['p99'])} | {fmt(r['max'])} | {r['result']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"),
                        help="Meson build folder (default _build)")
    parser.add_argument("--torrents", type=int, default=1000,
                        help="torrents in the list (default 1000)")
    parser.add_argument("--events", type=int, default=250,
                        help="events of each kind (default 250)")
    parser.add_argument("--subjects", type=int, default=4,
                        help="torrents per kind of event (default 4)")
    parser.add_argument("--active", type=int, default=6,
                        help="downloading torrents, for the rates (default 6)")
    parser.add_argument("--max-seconds", type=float, default=300,
                        help="stop measuring after this long (default 300)")
    parser.add_argument("--workdir", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                        help="where the data and the app's folders go, best a tmpfs "
                             "(default /dev/shm)")
    parser.add_argument("--output", default=None,
                        help="report file (default bench/results/latency-DATE.md)")
    parser.add_argument("--json", default=None, metavar="FILE",
                        help="write the JSON summary here and print the table on stdout")
    opts = parser.parse_args()

    binary = os.path.join(opts.build, "bench", "spate-bench-latency")
    schemas = os.path.join(opts.build, "data")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is not built: ninja -C {opts.build}")
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing")

    work = tempfile.mkdtemp(prefix="spate-bench-latency-", dir=opts.workdir)
    env = dict(os.environ, TMPDIR=work, GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=schemas, GSK_RENDERER="cairo", GTK_A11Y="none",
               NO_AT_BRIDGE="1", LANG="C.UTF-8", LANGUAGE="")
    info = machine_info(binary)
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24 -nolisten tcp",
           "dbus-run-session", "--", binary, "--workdir", work,
           "--torrents", str(opts.torrents), "--events", str(opts.events),
           "--subjects", str(opts.subjects), "--active", str(opts.active),
           "--max-seconds", str(opts.max_seconds)]
    try:
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes = [line for line in run.stderr.splitlines() if "dbus-daemon" not in line]
    try:
        raw = json.loads(run.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        sys.exit("the benchmark failed:\n" + "\n".join(notes[-40:]))

    rows = summarize(raw)
    table = markdown(rows)
    today = datetime.date.today().isoformat()
    output = opts.output or os.path.join(ROOT, "bench", "results", f"latency-{today}.md")
    started = "; ".join(f"{kind}: " + ", ".join(f"{k} {v}" for k, v in
                                                   raw["kinds"][kind]["started_by"].items())
                        for kind, _ in KINDS)
    text = [f"# Spate alert → row latency benchmark, {today}", "",
            f"The desktop app run in-process under Xvfb with {raw['torrents']} torrents in its "
            f"list: {opts.subjects} real ones (data on tmpfs) per kind of event, {raw['active']} "
            "downloading over loopback from a second session in the same process (each capped "
            "at 100 KiB/s), the rest made up and stopped. The real ones are the top rows of "
            "the window. Each event is timed from the libtorrent alert's own timestamp to the "
            "moment the row's Status label shows the new state, and to the next frame the "
            "window's frame clock painted (after-paint). Rate age: at every frame, and when "
            "a row's Down label changes, the time since the engine's state update that "
            "carried the rate shown. Nearest-rank percentiles; one run of "
            f"{raw['seconds']:.0f} s, {raw['frames']} frames.", "",
            table, "",
            f"Alerts that started the events: {started}. Events the row showed before the "
            "alert came (the engine reads the state back after its own calls; counted as "
            "0 ms): " + ", ".join(f"{k} {raw['kinds'][k]['early']}" for k, _ in KINDS)
            + ". Error events started over because a resume was undone by the last error's "
            f"late failed reads: {raw['kinds']['error']['retried']}. Frames where a Down label "
            f"did not match its torrent's rate: {raw['rate_mismatch']}.", "",
            "## Details printed by the run", "", "```", *notes, "```", "",
            "## Machine", "", "| | |", "|---|---|",
            *[f"| {k} | {v} |" for k, v in info], ""]
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(text))

    summary = {"benchmark": "latency", "date": today, "report": os.path.relpath(output, ROOT),
               "targets": {"p50_ms": P50_MS, "p99_ms": P99_MS, "rate_age_ms": RATE_AGE_MS},
               "torrents": raw["torrents"], "seconds": raw["seconds"], "frames": raw["frames"],
               "figures": rows, "machine": dict(info),
               "pass": all(r["result"] == "pass" for r in rows)}
    if opts.json:
        with open(opts.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
        print(table)
    else:
        print(json.dumps(summary, indent=1))
    print(f"written to {os.path.relpath(output)}", file=sys.stderr)
    return 0 if summary["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
