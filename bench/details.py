#!/usr/bin/env python3
"""The details pages with a 100,000-file and a 100,000-piece torrent.

Runs _build/bench/spate-bench-details (the desktop app in-process, see
that file) under Xvfb with a private D-Bus session bus and its own
folders, prints its table and keeps it in bench/results/details-DATE.md
with the machine described.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except OSError:
        return "?"


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def machine_info(binary):
    cpu = next((line.split(":", 1)[1].strip() for line in read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), "?")
    mem = next((f"{int(line.split()[1]) * 1024 / 1e9:.1f} GB"
                for line in read("/proc/meminfo").splitlines()
                if line.startswith("MemTotal:")), "?")

    def modversion(name):
        return first_line(["pkg-config", "--modversion", name])

    built = datetime.datetime.fromtimestamp(os.path.getmtime(binary))
    return [("CPUs (nproc)", str(os.cpu_count())), ("CPU", cpu), ("memory", mem),
            ("kernel", platform.release()),
            ("libtorrent", modversion("libtorrent-rasterbar")),
            ("GTK / libadwaita / GLib", f"{modversion('gtk4')} / {modversion('libadwaita-1')} / "
                                       f"{modversion('glib-2.0')}"),
            ("X server", "Xvfb (xvfb-run), screen 1920x1080x24, no window manager"),
            ("renderer", "GSK_RENDERER=cairo"),
            ("binary", f"{binary} (built {built:%Y-%m-%d %H:%M})"),
            ("load average before the run", " ".join(read("/proc/loadavg").split()[:3]))]


# The figures bench/all.py reads back (--json): the table's rows whose figure
# (or, for a "…" row, whose section's figure) starts so.
KEYS = (("files_open_ms", "Files page of", None),
        ("scroll_fps", "Files page, scrolling", None),
        ("select_none_ms", "Select None", None),
        ("select_all_ms", "Select All", None),
        ("piece_map_ms", "Piece map of", None),
        ("resize_fps", "General page, window resized", None),
        ("resize_cpu_pct", "General page, window resized", "… main-thread CPU"))


def table_rows(table):
    """The program's table as dicts, each with its section (the last row not
    starting with "…") and the first number of what it measured."""
    rows, section = [], ""
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4:
            continue
        figure, target, measured, result = cells
        if not figure.startswith("…"):
            section = figure
        number = measured.split(" ")[0]
        try:
            value = float(number)
        except ValueError:
            value = None
        rows.append({"figure": figure, "section": section, "target": target,
                     "measured": measured, "value": value, "result": result})
    return rows


def key_figures(rows):
    figures = {}
    for key, section, figure in KEYS:
        row = next((r for r in rows if r["section"].startswith(section)
                    and (r["figure"].startswith(figure) if figure
                         else r["figure"] == r["section"])), None)
        figures[key] = row and {"value": row["value"], "target": row["target"],
                                "result": row["result"]}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "_build"),
                        help="Meson build folder (default _build)")
    parser.add_argument("--files", type=int, default=100000)
    parser.add_argument("--pieces", type=int, default=100000)
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="length of each scrolling and resizing run")
    parser.add_argument("--workdir", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                        help="where the app's folders go (default /dev/shm); libtorrent "
                             "creates the 100,000 files there, empty, on Select All")
    parser.add_argument("--output", default=None,
                        help="report file (default bench/results/details-DATE.md)")
    parser.add_argument("--json", default=None, metavar="FILE",
                        help="also write the figures here as JSON (for bench/all.py)")
    opts = parser.parse_args()

    binary = os.path.join(opts.build, "bench", "spate-bench-details")
    schemas = os.path.join(opts.build, "data")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is not built: ninja -C {opts.build}")
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing")

    work = tempfile.mkdtemp(prefix="spate-bench-details-", dir=opts.workdir)
    env = dict(os.environ, TMPDIR=work, GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=schemas, GSK_RENDERER="cairo", GTK_A11Y="none",
               NO_AT_BRIDGE="1")
    info = machine_info(binary)
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24 -nolisten tcp",
           "dbus-run-session", "--", binary, "--files", str(opts.files),
           "--pieces", str(opts.pieces), "--seconds", str(opts.seconds)]
    try:
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes = [line for line in run.stderr.splitlines() if "dbus-daemon" not in line]
    table = run.stdout.strip()
    if not table.startswith("|"):
        sys.exit("the benchmark failed:\n" + "\n".join(notes))
    print(table)

    today = datetime.date.today().isoformat()
    output = opts.output or os.path.join(ROOT, "bench", "results", f"details-{today}.md")
    text = [f"# Spate details pages benchmark, {today}", "",
            f"The desktop app run in-process under Xvfb, with a torrent of {opts.files} files "
            f"and one of {opts.pieces} pieces of 16 KiB, both made up (fake piece hashes, no "
            "data) and added stopped. Frame times from the window's frame clock (after-paint), "
            "CPU of the main thread from getrusage(RUSAGE_THREAD). The app's folders in "
            f"{opts.workdir or tempfile.gettempdir()}. One run.", "",
            table, "", "## Details printed by the run", "", "```", *notes, "```", "",
            "## Machine", "", "| | |", "|---|---|",
            *[f"| {k} | {v} |" for k, v in info], ""]
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(text))
    print(f"\nwritten to {output}")
    if opts.json:
        rows = table_rows(table)
        summary = {"benchmark": "details", "date": today,
                   "command": ["bench/details.py"] + sys.argv[1:],
                   "report": os.path.relpath(output, ROOT), "files": opts.files,
                   "pieces": opts.pieces, "seconds": opts.seconds,
                   "figures": key_figures(rows), "rows": rows, "machine": dict(info)}
        with open(opts.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
            f.write("\n")
    return 0 if run.returncode in (0, 1) else run.returncode


if __name__ == "__main__":
    sys.exit(main())
