#!/usr/bin/env python3
# bench/app.py: the desktop app with 10,000 torrents (200 of them active),
# measured against Spate's targets for it. See bench/README.md.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""App benchmark: starts Spate's desktop app (under Xvfb, with its window
shown) on a data folder holding many torrents, most of them stopped and a
few of them downloading from a libtorrent seeder over loopback, and measures
start-up, main-loop stalls, main-loop work per second, CPU and memory from
the app's own SPATE_PROFILE timings and /proc.

Nothing leaves loopback: the tracker and the app listen on 127.0.0.1, the
seeder on 127.0.0.2, DHT, LSD, UPnP and NAT-PMP are off and the torrents are
private.

Run "bench/app.py --help" for the options. Needs Python 3 with the
python3-libtorrent module, opentracker, xvfb-run, dbus-run-session, and
Spate built (the app and bench/'s helpers).
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import random
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from throughput import (  # noqa: E402  (shared process and /proc helpers)
    CHILDREN, CLK_TCK, KiB, MiB, GiB, MB, _children_of, _read, _stat_fields, die, first_line,
    free_port, http_get, human_size, import_libtorrent, log, machine_cpu, parse_size, tail,
    wait_for_idle, wait_until)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP_ID = "io.github.spate.Spate"
SEEDER_ADDRESS = "127.0.0.2"  # not the app's 127.0.0.1: see throughput.py
POLL = 0.1  # seconds between looks at the app's profile and /proc
# Once "all listed" arrives, loading counts on for this long (the targets'
# "while loading" window ends there).
LOADING_TAIL_MS = 2000

TARGETS = {
    "all_listed_ms": 4000,
    "stall_ms": 100,
    "busy_ms": 10,
    "cpu_visible": 2.0,
    "cpu_sorted": 5.0,
}


def dir_size(path):
    """(bytes, files) of everything under path."""
    total = files = 0
    for parent, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(parent, name)).st_size
                files += 1
            except OSError:
                pass
    return total, files


# ---------------------------------------------------------------- torrents

def piece_size_for(size, max_pieces):
    piece = 16 * KiB
    while piece * max_pieces < size and piece < 16 * MiB:
        piece *= 2
    return piece


def split_size(rng, total, parts):
    """total bytes as parts positive sizes, at random."""
    cuts = sorted(rng.randrange(1, total) for _ in range(parts - 1))
    edges = [0] + cuts + [total]
    return [max(1, b - a) for a, b in zip(edges, edges[1:])]


def make_active_payload(src_dir, total, files, piece_size):
    """files files of random bytes, total bytes together; returns their sizes
    and the SHA-1 of every piece over them in order (as a torrent sees them)."""
    os.makedirs(src_dir)
    unit = 16 * KiB
    weights = list(range(files + 1, 1, -1))
    sizes = [max(unit, total * w // sum(weights) // unit * unit) for w in weights]
    sizes[-1] += total - sum(sizes)
    hashes, carry = [], b""
    for index, size in enumerate(sizes):
        with open(os.path.join(src_dir, f"file-{index}.bin"), "wb") as out:
            left = size
            while left:
                block = os.urandom(min(left, 4 * MiB))
                out.write(block)
                left -= len(block)
                carry += block
                while len(carry) >= piece_size:
                    hashes.append(hashlib.sha1(carry[:piece_size]).digest())
                    carry = carry[piece_size:]
    if carry:
        hashes.append(hashlib.sha1(carry).digest())
    return sizes, hashes


def build_torrent(lt, name, sizes, piece_size, hashes, tracker_url):
    fs = lt.file_storage()
    for index, size in enumerate(sizes):
        fs.add_file(f"{name}/file-{index}.bin", size)
    ct = lt.create_torrent(fs, piece_size, getattr(lt.create_torrent, "v1_only", 0))
    for index, digest in enumerate(hashes):
        ct.set_hash(index, digest)
    ct.set_creator("spate bench/app.py")
    # Private: kept away from DHT, PEX and LSD even if those were on.
    ct.set_priv(True)
    ct.add_tracker(tracker_url)
    data = lt.bencode(ct.generate())
    return data, str(lt.torrent_info(data).info_hash())


def generate(lt, opts, work, tracker_url):
    """Writes opts.torrents .torrent files, opts.active of them with a real
    payload (hard links to one set of files) and the rest with made-up piece
    hashes. Returns what the other steps need."""
    start = time.monotonic()
    rng = random.Random(opts.seed)
    torrent_dir = os.path.join(work, "torrents")
    payload_dir = os.path.join(work, "payload")
    os.makedirs(torrent_dir)
    os.makedirs(payload_dir)

    active_piece = piece_size_for(opts.active_size, 1024)
    if opts.active:  # bench/engine.py asks for stopped ones only
        src = os.path.join(work, "payload-source")
        sizes, hashes = make_active_payload(src, opts.active_size, opts.files, active_piece)

    # The active ones are spread over the list, as they would be in use.
    active_at = {round(k * opts.torrents / opts.active) for k in range(opts.active)}
    entries, active_paths, active_hashes = [], [], []
    torrent_bytes = 0
    for i in range(opts.torrents):
        path = os.path.join(torrent_dir, f"{i:05d}.torrent")
        if i in active_at:
            name = f"Spate bench active {i:05d}"
            folder = os.path.join(payload_dir, name)
            os.makedirs(folder)
            for index in range(len(sizes)):
                os.link(os.path.join(src, f"file-{index}.bin"),
                        os.path.join(folder, f"file-{index}.bin"))
            data, info_hash = build_torrent(lt, name, sizes, active_piece, hashes, tracker_url)
            active_paths.append(path)
            active_hashes.append(info_hash)
            entries.append(f"active {path}")
        else:
            # 16 MiB to 8 GiB, evenly on a log scale; at most 1024 pieces.
            total = int(math.exp(rng.uniform(math.log(16 * MiB), math.log(8 * GiB))))
            piece = piece_size_for(total, 1024)
            n_pieces = -(-total // piece)
            fake = rng.randbytes(20 * n_pieces)
            data, _ = build_torrent(lt, f"Spate bench {i:05d}", split_size(rng, total, opts.files),
                                    piece, [fake[p:p + 20] for p in range(0, len(fake), 20)],
                                    tracker_url)
            entries.append(f"paused {path}")
        with open(path, "wb") as f:
            f.write(data)
        torrent_bytes += len(data)
    list_path = os.path.join(work, "torrents.list")
    with open(list_path, "w") as f:
        f.write("\n".join(entries) + "\n")
    seconds = time.monotonic() - start
    log(f"generated {opts.torrents} torrents ({opts.active} with a "
        f"{human_size(opts.active_size)} payload) in {seconds:.1f} s, "
        f"{torrent_bytes / MB:.0f} MB of .torrent files")
    return {"list": list_path, "active_paths": active_paths, "active_hashes": active_hashes,
            "payload_dir": payload_dir, "seconds": seconds, "torrent_bytes": torrent_bytes,
            "active_piece": active_piece}


# ------------------------------------------------------------------- tracker

class Tracker:
    """opentracker on 127.0.0.1:port serving the hashes given (Debian's build
    serves whitelisted hashes only). See throughput.py's for the details."""

    def __init__(self, workdir, port, hashes, log_path):
        program = shutil.which("opentracker")
        if program is None:
            die("opentracker is not installed (apt-get install opentracker)")
        self.url = f"http://127.0.0.1:{port}/announce"
        whitelist = os.path.join(workdir, "whitelist")
        with open(whitelist, "w") as f:
            f.write("".join(h + "\n" for h in hashes))
        os.chmod(whitelist, 0o644)
        self.proc = CHILDREN.spawn(
            ["/bin/sh", "-c",
             '"$@" </dev/null & pid=$!; read -r _; kill "$pid"; wait "$pid"',
             "sh", program, "-i", "127.0.0.1", "-p", str(port), "-P", str(port),
             "-w", whitelist],
            log_path, cwd="/", stdin=subprocess.PIPE)
        quoted = urllib.parse.quote(bytes.fromhex(hashes[-1]))
        probe = (f"{self.url}?info_hash={quoted}&peer_id=-SPBNCH-probe0000000&port=1"
                 "&uploaded=0&downloaded=0&left=0&compact=1&event=stopped")

        def ready():
            if self.proc.poll() is not None:
                raise RuntimeError(f"opentracker exited: {tail(log_path)}")
            try:
                return b"interval" in http_get(probe, timeout=1)
            except (OSError, urllib.error.URLError):
                return False

        wait_until(ready, 20, "opentracker")

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        CHILDREN.stop(self.proc, grace=3)


# -------------------------------------------------------------------- seeder

def seeder_main(argv):
    """The seeder process: one libtorrent session seeding every active
    torrent at a capped rate each. Speaks one line per command on
    stdin/stdout: status, quit."""
    p = argparse.ArgumentParser(prog="app.py _seed")
    p.add_argument("--list", required=True)
    p.add_argument("--save-path", required=True)
    p.add_argument("--rate", type=int, required=True)
    args = p.parse_args(argv)
    lt = import_libtorrent()

    with open(args.list) as f:
        paths = [line.strip() for line in f if line.strip()]
    ses = lt.session({
        "listen_interfaces": f"{SEEDER_ADDRESS}:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "allow_multiple_connections_per_ip": True,
        "connections_limit": 4 * len(paths) + 100,
        # Every peer gets its share, not libtorrent's 8 unchoked peers in all.
        "unchoke_slots_limit": -1,
        # TCP only: uTP connections on loopback at a capped rate time out now
        # and then, and the torrent stops receiving. The app tries uTP, then
        # TCP (its first connection takes ~3.5 s longer).
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        # The app finds the seeder, not the other way round; asking for no
        # peers also keeps the seeder from being handed its own address.
        "num_want": 0,
        "alert_mask": int(lt.alert_category.status | lt.alert_category.error
                          | lt.alert_category.tracker),
    })
    handles = []
    for path in paths:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(path)
        atp.save_path = args.save_path
        # Trust the payload (no check of 200 copies); not queued, not paused.
        atp.flags = ((atp.flags | lt.torrent_flags.seed_mode)
                     & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused)
        handle = ses.add_torrent(atp)
        handle.set_upload_limit(args.rate)
        handles.append(handle)

    announced = set()
    deadline = time.monotonic() + 120
    while len(announced) < len(handles):
        if time.monotonic() > deadline:
            sys.exit(f"seeder: {len(announced)}/{len(handles)} torrents announced after 120 s")
        ses.wait_for_alert(100)
        for a in ses.pop_alerts():
            if isinstance(a, lt.tracker_reply_alert):
                announced.add(a.torrent_name)
            elif isinstance(a, (lt.tracker_error_alert, lt.torrent_error_alert,
                                lt.listen_failed_alert)):
                log(f"seeder: {a.message()}")
    out = sys.stdout
    out.write("ready\n")
    out.flush()

    debug = bool(os.environ.get("SPATE_BENCH_DEBUG"))
    if debug:
        ses.apply_settings({"alert_mask": int(lt.alert_category.status | lt.alert_category.error
                                              | lt.alert_category.connect
                                              | lt.alert_category.peer)})
    buffer = b""
    while True:
        readable, _, _ = select.select([0], [], [], 0.5)
        for a in ses.pop_alerts():
            if debug:
                log(f"seeder: {time.monotonic():.1f} {a.what()}: {a.message()}")
        if not readable:
            continue
        chunk = os.read(0, 4096)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            command = line.decode().strip()
            if command == "status":
                statuses = [h.status() for h in handles]
                reply = {"uploaded": [s.total_payload_upload for s in statuses],
                         "peers": sum(s.num_peers for s in statuses),
                         "with_peers": sum(s.num_peers > 0 for s in statuses),
                         "rate": sum(s.upload_payload_rate for s in statuses)}
            elif command == "quit":
                return
            else:
                reply = {"error": f"unknown command {command}"}
            out.write(json.dumps(reply) + "\n")
            out.flush()


def baseline_main(argv):
    """Bare libtorrent beside the app: one session with the app's libtorrent
    settings (libtorrent's defaults for the rest), every torrent of the list
    added as the app has it (stopped ones paused, active ones downloading into
    an empty folder), and post_torrent_updates() with its alerts popped once a
    second, as a client's own loop would. Says "ready" once every torrent is
    in; ends when its stdin closes or says quit."""
    p = argparse.ArgumentParser(prog="app.py _baseline")
    p.add_argument("--list", required=True)
    p.add_argument("--save-path", required=True)
    p.add_argument("--settings", required=True, help="JSON: libtorrent settings")
    args = p.parse_args(argv)
    lt = import_libtorrent()

    settings = json.loads(args.settings)
    # Room for every add alert and state update of 10,000 torrents at once.
    settings["alert_queue_size"] = 100000
    settings["alert_mask"] = int(lt.alert_category.status | lt.alert_category.error)
    ses = lt.session(settings)
    with open(args.list) as f:
        entries = [line.split(" ", 1) for line in f if line.strip()]
    for kind, path in entries:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(path.strip())
        atp.save_path = args.save_path
        flags = atp.flags & ~lt.torrent_flags.auto_managed
        atp.flags = (flags | lt.torrent_flags.paused) if kind == "paused" \
            else (flags & ~lt.torrent_flags.paused)
        ses.async_add_torrent(atp)
    added, deadline = 0, time.monotonic() + 300
    while added < len(entries):
        if time.monotonic() > deadline:
            sys.exit(f"baseline: {added}/{len(entries)} torrents added after 300 s")
        ses.wait_for_alert(100)
        for a in ses.pop_alerts():
            if isinstance(a, lt.add_torrent_alert):
                if a.error.value():
                    sys.exit(f"baseline: {a.message()}")
                added += 1
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    next_update = time.monotonic()
    while True:
        readable, _, _ = select.select([0], [], [], max(0.0, next_update - time.monotonic()))
        if readable:
            chunk = os.read(0, 4096)
            if not chunk or b"quit" in chunk:
                return
        if time.monotonic() >= next_update:
            next_update += 1.0
            ses.post_torrent_updates()
        ses.pop_alerts()


class LineChild:
    """A helper process of this script that answers one line per command on
    stdin/stdout and says "ready" once it is set up."""

    def __init__(self, argv, log_path, what, ready_timeout):
        self.what = what
        self.log_path = log_path
        self.proc = CHILDREN.spawn(argv, log_path, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE)
        self.pid = self.proc.pid
        self.buffer = b""
        try:
            ready = self._readline(ready_timeout) == "ready"
        except RuntimeError:
            ready = False
        if not ready:
            raise RuntimeError(f"{what} did not start: {tail(log_path)}")

    def _readline(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"{self.what} did not answer within {timeout:.0f} s")
            readable, _, _ = select.select([fd], [], [], left)
            if readable:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise RuntimeError(f"{self.what} exited: {tail(self.log_path)}")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode().strip()

    def stop(self, timeout=15):
        try:
            self.proc.stdin.write(b"quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=timeout)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        CHILDREN.stop(self.proc, grace=3)


class Baseline(LineChild):
    """The baseline_main() process."""

    def __init__(self, bench):
        list_path = os.path.join(bench.work, "torrents.list")
        argv = [sys.executable, os.path.abspath(__file__), "_baseline", "--list", list_path,
                "--save-path", bench.baseline_download,
                "--settings", json.dumps(bench.baseline_settings)]
        super().__init__(argv, os.path.join(bench.work, "baseline.log"), "bare libtorrent", 300)

    def stop(self, timeout=30):
        super().stop(timeout)


class Seeder(LineChild):
    def __init__(self, work, active_paths, payload_dir, rate):
        list_path = os.path.join(work, "seeder.list")
        with open(list_path, "w") as f:
            f.write("\n".join(active_paths) + "\n")
        argv = [sys.executable, os.path.abspath(__file__), "_seed", "--list", list_path,
                "--save-path", payload_dir, "--rate", str(rate)]
        super().__init__(argv, os.path.join(work, "seeder.log"), "seeder", 150)

    def status(self):
        self.proc.stdin.write(b"status\n")
        self.proc.stdin.flush()
        return json.loads(self._readline(30))

    def cpu(self):
        return process_cpu(self.proc.pid)


# ------------------------------------------------------------------- /proc

def process_cpu(pid):
    """utime + stime of one process (all its threads), seconds."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLK_TCK if fields else 0.0


def thread_cpu(pid):
    """{tid: (name, CPU seconds)} of a process's threads."""
    threads = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return threads
    for tid in tids:
        data = _read(f"/proc/{pid}/task/{tid}/stat")
        if data is None:
            continue
        name = data[data.index(b"(") + 1:data.rindex(b")")].decode("utf-8", "replace")
        fields = data[data.rindex(b")") + 2:].split()
        threads[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / CLK_TCK)
    return threads


def status_kib(pid, key):
    for line in (_read(f"/proc/{pid}/status") or b"").splitlines():
        if line.startswith(key.encode() + b":"):
            return int(line.split()[1])
    return None


def find_in_tree(root, comm):
    for pid in _children_of(root):
        data = _read(f"/proc/{pid}/comm")
        if data is not None and data.strip() == comm.encode():
            return pid
    return None


def sockets_of(pid):
    """(local, peer) address pairs of every TCP and UDP socket of pid."""
    out = subprocess.run(["ss", "-H", "-tunap"], capture_output=True, text=True).stdout
    pairs = []
    for line in out.splitlines():
        if f"pid={pid}," not in line:
            continue
        fields = line.split()
        # Netid State Recv-Q Send-Q Local Peer Process
        pairs.append((fields[4], fields[5]))
    return pairs


def is_loopback(address):
    host = address.rsplit(":", 1)[0].strip("[]")
    return host.startswith("127.") or host in ("::1", "::ffff:127.0.0.1") \
        or host.startswith("::ffff:127.")


# ---------------------------------------------------------------- app runs

class JsonLines:
    """Reads the complete lines a process appends to a file."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.partial = b""

    def read(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return []
        self.offset += len(data)
        data = self.partial + data
        lines = data.split(b"\n")
        self.partial = lines.pop()
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out


class App:
    """One start of the app: xvfb-run, its own D-Bus session, the profile."""

    def __init__(self, bench, label, sort):
        self.bench = bench
        self.dir = os.path.join(bench.disk, "runs", label)
        os.makedirs(self.dir)
        self.profile_path = os.path.join(self.dir, "profile.jsonl")
        self.counts_path = os.path.join(self.dir, "counts.jsonl")
        self.log_path = os.path.join(self.dir, "app.log")
        self.profile = JsonLines(self.profile_path)
        self.counts = JsonLines(self.counts_path)
        self.events = []  # profile lines, each with "seen": our monotonic time
        self.count_lines = []
        self.offset = None  # our monotonic time minus the app's t_ms / 1000
        env = dict(os.environ, **bench.app_env)
        env.update({"SPATE_PROFILE": self.profile_path})
        if sort:
            env["SPATE_PROFILE_SORT"] = sort
        inner = ["env", f"SPATE_BENCH_COUNTS={self.counts_path}"]
        if bench.counts_lib:
            inner.append(f"LD_PRELOAD={bench.counts_lib}")
        inner.append(bench.spate)
        argv = ["xvfb-run", "-a", "-f", os.path.join(self.dir, "Xauthority"),
                "-s", "-screen 0 1920x1080x24 -nolisten tcp",
                "dbus-run-session", "--"] + inner
        self.start = time.monotonic()
        self.proc = CHILDREN.spawn(argv, self.log_path, env=env, cwd=self.dir)
        self.pid = wait_until(lambda: self._alive() and find_in_tree(self.proc.pid, "spate"),
                              60, "the app's process")

    def _alive(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"the app exited with {self.proc.returncode}: "
                               f"{tail(self.log_path)}")
        return True

    def poll(self):
        """Takes in new profile and count lines; fails if the app is gone."""
        now = time.monotonic()
        for event in self.profile.read():
            event["seen"] = now
            self.events.append(event)
            if "t_ms" in event:
                # The line was written at most POLL before we saw it.
                offset = now - event["t_ms"] / 1000
                self.offset = offset if self.offset is None else min(self.offset, offset)
        self.count_lines += self.counts.read()
        self._alive()
        if _read(f"/proc/{self.pid}/stat") is None:
            raise RuntimeError(f"the app is gone: {tail(self.log_path)}")

    def event(self, name):
        return next((e for e in self.events if e.get("event") == name), None)

    def seconds(self):
        return [e for e in self.events if e.get("event") == "second"]

    def wait(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            self.poll()
            if predicate():
                return
            if time.monotonic() >= deadline:
                raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(POLL)

    def sleep(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.poll()
            time.sleep(min(POLL, max(0.0, end - time.monotonic())))

    def counts_before(self, when):
        """The last count line written at or before our monotonic time when."""
        lines = [c for c in self.count_lines if c["mono_ms"] / 1000 <= when]
        return lines[-1] if lines else None

    def counts_after(self, when):
        """The first count line written at or after our monotonic time when."""
        return next((c for c in self.count_lines if c["mono_ms"] / 1000 >= when), None)

    def stop(self):
        CHILDREN.stop(self.proc, grace=10)


def counts_delta(first, last):
    """Differences of two count lines: {model: [calls, removed, added]}, notifies,
    and the seconds between them."""
    if first is None or last is None:
        return None
    models = {name: [b - a for a, b in zip(first["models"].get(name, [0, 0, 0]), values)]
              for name, values in last["models"].items()}
    props = {name: value - first["props"].get(name, 0) for name, value in last["props"].items()}
    return {"models": models, "notifies": last["torrent_notifies"] - first["torrent_notifies"],
            "props": {k: v for k, v in props.items() if v},
            "seconds": (last["mono_ms"] - first.get("mono_ms", last["mono_ms"])) / 1000}


def reset_data(bench):
    """Every start begins from the same data folder and an empty download folder."""
    shutil.rmtree(bench.app_data, ignore_errors=True)
    shutil.copytree(bench.pristine, bench.app_data, symlinks=True)
    shutil.rmtree(bench.download, ignore_errors=True)
    os.makedirs(bench.download)


def drop_caches():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def loading_figures(app, result):
    listed = app.event("all-listed")
    frame = app.event("first-frame")
    result["first_frame_ms"] = frame["ms"] if frame else None
    result["all_listed_ms"] = listed["ms"]
    result["rows"] = listed["rows"]
    end = listed["ms"] + LOADING_TAIL_MS
    # A "second" line covers the second before its t_ms.
    loading = [s for s in app.seconds() if s["t_ms"] - 1000 < end]
    result["stall_ms"] = max((s["max_iteration_ms"] for s in loading), default=None)
    # The 1 Hz timer runs late by as long as the loop was blocked, including
    # work before the loop's first poll() that the iteration timing misses.
    previous, late = 0.0, 0.0
    for s in loading:
        late = max(late, s["t_ms"] - previous - 1000)
        previous = s["t_ms"]
    result["tick_late_ms"] = late
    result["loading_busy_ms"] = sum(s["busy_ms"] for s in loading)


def run_app(bench, label, kind):
    """kind: prime (start only, to check the setup), cold, warm or sorted."""
    opts = bench.opts
    result = {"label": label, "kind": kind, "status": "failed", "note": ""}
    reset_data(bench)
    # The copy's writes must not land in the middle of a start.
    subprocess.run(["sync"], check=True)
    if opts.idle_wait > 0:
        result["idle_before"] = wait_for_idle(opts.idle_wait)
    if kind == "cold":
        drop_caches()
    app = None
    try:
        app = App(bench, label, "download-rate" if kind == "sorted" else None)
        app.wait(lambda: app.event("first-frame"), 60, "the first frame")
        # libtorrent opens its sockets soon after the session starts.
        app.wait(lambda: app_listening(app), 10, "the app to listen")
        check_sockets(app, result)
        app.wait(lambda: app.event("all-listed"), opts.load_timeout, "every torrent listed")
        listed_seen = time.monotonic()
        result["loading_cpu_s"] = process_cpu(app.pid)
        listed = app.event("all-listed")
        app.wait(lambda: any(s["t_ms"] >= listed["ms"] + LOADING_TAIL_MS + 1000
                             for s in app.seconds()), 30, "the loading window to end")
        loading_figures(app, result)
        # From nothing (the app's start) to the first count after all-listed.
        load_counts = counts_delta({"models": {}, "props": {}, "torrent_notifies": 0},
                                   app.counts_after(listed_seen))
        if load_counts:
            result["load_list_changes"] = load_counts["models"].get("SpateTorrentList")
        if kind in ("warm", "sorted"):
            steady_window(bench, app, result)
        check_sockets(app, result)
        result["peak_rss"] = (status_kib(app.pid, "VmHWM") or 0) * KiB
        result["status"] = "ok"
        if result["rows"] != opts.torrents:
            result["status"] = "wrong"
            result["note"] = f"listed {result['rows']} rows, not {opts.torrents}"
    except RuntimeError as e:
        result["note"] = str(e).splitlines()[0] if str(e) else "failed"
        log(f"  {label}: FAILED: {e}")
    finally:
        if app is not None:
            app.stop()
            if result["status"] == "failed":
                logs = os.path.join(tempfile.gettempdir(), f"spate-bench-app-failed-{os.getpid()}",
                                    label)
                shutil.copytree(app.dir, logs, dirs_exist_ok=True)
                result["note"] += f" (logs: {logs})"
    return result


def app_listening(app):
    return any(peer.endswith(":*") for _, peer in sockets_of(app.pid))


def check_sockets(app, result):
    """Refuses to go on if the app has a socket off loopback."""
    pairs = sockets_of(app.pid)
    wrong = [f"{local} → {peer}" for local, peer in pairs
             if not is_loopback(local) or (peer not in ("*:*", "0.0.0.0:*") and
                                           not peer.endswith(":*") and not is_loopback(peer))]
    if wrong:
        raise RuntimeError(f"the app has sockets off loopback: {', '.join(wrong[:5])}")
    listening = sorted({local for local, peer in pairs if peer.endswith(":*")})
    result["listening"] = ", ".join(listening) or "none"
    if not listening:
        raise RuntimeError("the app listens on nothing (libtorrent settings refused?)")


def settle(bench, result, sleep):
    """Waits (at most --settle s) until nearly every active torrent receives
    data from the seeder; sleep(seconds) keeps the client looked after."""
    opts = bench.opts
    seeder = bench.seeder
    settle_start = time.monotonic()
    previous = seeder.status()["uploaded"]
    moving = 0
    while time.monotonic() < settle_start + opts.settle:
        sleep(2.0)
        status = seeder.status()
        moving = sum(b > a for a, b in zip(previous, status["uploaded"]))
        previous = status["uploaded"]
        if os.environ.get("SPATE_BENCH_DEBUG"):
            log(f"    {time.monotonic() - settle_start:.0f} s: {moving} receiving, "
                f"{status['with_peers']} connected")
        if moving >= 0.95 * opts.active:
            break
    log(f"  {moving}/{opts.active} torrents receiving data "
        f"({status['with_peers']} connected to the seeder) "
        f"{time.monotonic() - settle_start:.0f} s after the client was ready")
    result["moving_before"] = moving
    result["settle_s"] = time.monotonic() - settle_start


def other_threads(threads0, threads1, pid, span):
    """The busiest threads but pid's main one: [(% of a core, name)], by name."""
    by_name = {}
    for tid, (name, seconds) in threads1.items():
        if tid == pid:
            continue
        by_name[name] = by_name.get(name, 0.0) + seconds - threads0.get(tid, (name, 0.0))[1]
    return sorted(((100 * s / span, n) for n, s in by_name.items() if s > 0), reverse=True)[:4]


def steady_window(bench, app, result):
    opts = bench.opts
    seeder = bench.seeder
    settle(bench, result, app.sleep)

    machine0, own0 = machine_cpu()[0], os.times()
    xvfb = find_in_tree(app.proc.pid, "Xvfb")
    xvfb0 = process_cpu(xvfb) if xvfb else 0.0
    seeder0 = seeder.cpu()
    threads0 = thread_cpu(app.pid)
    cpu0 = process_cpu(app.pid)
    up0 = seeder.status()["uploaded"]
    w0 = time.monotonic()
    app.sleep(opts.window)
    w1 = time.monotonic()
    cpu1 = process_cpu(app.pid)
    threads1 = thread_cpu(app.pid)
    up1 = seeder.status()["uploaded"]
    seeder1 = seeder.cpu()
    xvfb1 = process_cpu(xvfb) if xvfb else 0.0
    machine1, own1 = machine_cpu()[0], os.times()
    app.sleep(1.5)  # the last "second" line of the window

    span = w1 - w0
    result["window_s"] = span
    result["cpu_pct"] = 100 * (cpu1 - cpu0) / span
    main = threads1.get(app.pid, ("", 0))[1] - threads0.get(app.pid, ("", 0))[1]
    result["main_cpu_pct"] = 100 * main / span
    result["thread_cpu"] = other_threads(threads0, threads1, app.pid, span)
    result["xvfb_cpu_pct"] = 100 * (xvfb1 - xvfb0) / span
    other = ((machine1 - machine0) - (cpu1 - cpu0) - (xvfb1 - xvfb0) - (seeder1 - seeder0)
             - ((own1.user + own1.system) - (own0.user + own0.system)))
    result["other_load"] = max(0.0, other) / (span * os.cpu_count())
    result["moving"] = sum(b > a for a, b in zip(up0, up1))
    result["rate"] = (sum(up1) - sum(up0)) / span

    # The "second" lines whose second lies inside the window.
    inside = [s for s in app.seconds()
              if s["t_ms"] / 1000 + app.offset - 1 >= w0 - 0.2
              and s["t_ms"] / 1000 + app.offset <= w1 + 0.2]
    busy = sorted(s["busy_ms"] for s in inside)
    if not busy:
        raise RuntimeError("no profile lines in the steady window")
    result["seconds"] = len(busy)
    result["busy_mean"] = statistics.fmean(busy)
    result["busy_p95"] = busy[min(len(busy) - 1, math.ceil(0.95 * len(busy)) - 1)]
    result["busy_max"] = busy[-1]
    result["steady_stall_ms"] = max(s["max_iteration_ms"] for s in inside)
    result["iterations"] = statistics.fmean(s["iterations"] for s in inside)
    delta = counts_delta(app.counts_after(w0), app.counts_before(w1))
    if delta and delta["seconds"] > 0:
        result["counts"] = delta


def run_baseline(bench, label):
    """Bare libtorrent with the same torrents, downloads and window as a
    warm start: its CPU is what libtorrent itself costs for them."""
    opts = bench.opts
    result = {"label": label, "kind": "baseline", "status": "failed", "note": ""}
    shutil.rmtree(bench.baseline_download, ignore_errors=True)
    os.makedirs(bench.baseline_download)
    if opts.idle_wait > 0:
        result["idle_before"] = wait_for_idle(opts.idle_wait)
    baseline = None
    try:
        baseline = Baseline(bench)
        settle(bench, result, time.sleep)
        seeder = bench.seeder
        threads0, cpu0 = thread_cpu(baseline.pid), process_cpu(baseline.pid)
        up0 = seeder.status()["uploaded"]
        w0 = time.monotonic()
        time.sleep(opts.window)
        span = time.monotonic() - w0
        threads1, cpu1 = thread_cpu(baseline.pid), process_cpu(baseline.pid)
        up1 = seeder.status()["uploaded"]
        result["window_s"] = span
        result["cpu_pct"] = 100 * (cpu1 - cpu0) / span
        main = threads1.get(baseline.pid, ("", 0))[1] - threads0.get(baseline.pid, ("", 0))[1]
        result["main_cpu_pct"] = 100 * main / span
        result["thread_cpu"] = other_threads(threads0, threads1, baseline.pid, span)
        result["moving"] = sum(b > a for a, b in zip(up0, up1))
        result["rate"] = (sum(up1) - sum(up0)) / span
        result["status"] = "ok"
    except RuntimeError as e:
        result["note"] = str(e).splitlines()[0] if str(e) else "failed"
        log(f"  {label}: FAILED: {e}")
    finally:
        if baseline is not None:
            baseline.stop()
        shutil.rmtree(bench.baseline_download, ignore_errors=True)
    return result


# ------------------------------------------------------------------- report

def median(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def worst(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return max(values) if values else None


def _num(value, fmt, suffix=""):
    return format(value, fmt) + suffix if value is not None else "n/a"


def verdict(value, limit):
    if value is None:
        return "not measured"
    return "pass" if value <= limit else "FAIL"


def list_changes(results, model):
    """Total items-changed calls on model over the steady windows, or None."""
    values = [r["counts"]["models"].get(model, [0, 0, 0]) for r in results if "counts" in r]
    if not values:
        return None
    return [sum(v[i] for v in values) for i in range(3)]


def summary_rows(bench, results):
    opts = bench.opts
    by = {kind: [r for r in results if r["kind"] == kind and r["status"] == "ok"]
          for kind in ("cold", "warm", "sorted")}
    loads = {"cold": by["cold"], "warm": by["warm"] + by["sorted"]}
    rows = []
    for kind, runs in loads.items():
        rows.append((f"rows listed, {kind} start", f"{opts.torrents}",
                     "/".join(str(r["rows"]) for r in runs) or "n/a",
                     "pass" if runs and all(r["rows"] == opts.torrents for r in runs)
                     else "FAIL"))
    for kind, runs in loads.items():
        rows.append((f"first frame, {kind} start (ms since main())", "—",
                     _num(median(runs, "first_frame_ms"), ".0f"), ""))
    for kind, runs in loads.items():
        value = median(runs, "all_listed_ms")
        rows.append((f"all rows listed, {kind} start (ms since main())",
                     f"≤ {TARGETS['all_listed_ms']}", _num(value, ".0f"),
                     verdict(value, TARGETS["all_listed_ms"])))
    for kind, runs in loads.items():
        value = worst(runs, "stall_ms")
        rows.append((f"longest main-loop iteration while loading, {kind} start (ms, worst run)",
                     f"≤ {TARGETS['stall_ms']}", _num(value, ".1f"),
                     verdict(value, TARGETS["stall_ms"])))
    for kind, runs in loads.items():
        value = worst(runs, "tick_late_ms")
        rows.append((f"longest delay of the 1 Hz timer while loading, {kind} start "
                     "(ms, worst run; includes work before the loop runs)",
                     f"≤ {TARGETS['stall_ms']}", _num(value, ".0f"),
                     verdict(value, TARGETS["stall_ms"])))
    for kind, label, cpu_target in (("warm", "window visible", TARGETS["cpu_visible"]),
                                    ("sorted", "sorted by download rate",
                                     TARGETS["cpu_sorted"])):
        runs = by[kind]
        rows.append((f"main-loop work per second, {label}: p95 (ms)",
                     f"≤ {TARGETS['busy_ms']}", _num(median(runs, "busy_p95"), ".2f"),
                     verdict(median(runs, "busy_p95"), TARGETS["busy_ms"])))
        rows.append((f"main-loop work per second, {label}: mean / max (ms)", "—",
                     f"{_num(median(runs, 'busy_mean'), '.2f')} / "
                     f"{_num(worst(runs, 'busy_max'), '.2f')}", ""))
        rows.append((f"longest main-loop iteration, {label} (ms, worst run)", "—",
                     _num(worst(runs, "steady_stall_ms"), ".1f"), ""))
        rows.append((f"CPU, {label} (% of one core, whole process)", f"≤ {cpu_target:g}",
                     _num(median(runs, "cpu_pct"), ".2f"),
                     verdict(median(runs, "cpu_pct"), cpu_target)))
        rows.append((f"CPU of the main thread, {label} (% of one core)", "—",
                     _num(median(runs, "main_cpu_pct"), ".2f"), ""))
        rows.append((f"active torrents receiving data in the window, {label}",
                     f"{opts.active}", _num(median(runs, "moving"), ".0f"),
                     "" if median(runs, "moving") is None else
                     ("ok" if median(runs, "moving") >= 0.95 * opts.active else "too few")))
    baselines = [r for r in results if r["kind"] == "baseline" and r["status"] == "ok"]
    rows.append(("CPU, bare libtorrent with the same torrents and downloads, no window "
                 "(% of one core, whole process; not a target)", "—",
                 _num(median(baselines, "cpu_pct"), ".2f"), ""))
    rows.append(("active torrents receiving data in the window, bare libtorrent",
                 f"{opts.active}", _num(median(baselines, "moving"), ".0f"),
                 "" if median(baselines, "moving") is None else
                 ("ok" if median(baselines, "moving") >= 0.95 * opts.active else "too few")))
    steady = by["warm"] + by["sorted"]
    rows.append(("seconds from all listed until the active torrents receive data "
                 "(connecting; not a target)", "—", _num(median(steady, "settle_s"), ".0f"), ""))
    torrent_list = list_changes(steady, "SpateTorrentList")
    filtered = list_changes(steady, "GtkFilterListModel")
    notifies = [r["counts"]["notifies"] / r["counts"]["seconds"] for r in steady
                if "counts" in r]
    replaced = None if torrent_list is None else torrent_list[0] + filtered[0]
    rows.append(("items-changed on the torrent list + filter model in the steady windows "
                 "(calls)", "0", _num(replaced, "d"),
                 "not measured" if replaced is None else ("pass" if replaced == 0 else "FAIL")))
    rows.append(("torrent property notifies per second in the steady windows", "> 0",
                 _num(statistics.median(notifies) if notifies else None, ".0f"),
                 "not measured" if not notifies else
                 ("pass" if statistics.median(notifies) > 0 else "FAIL")))
    everything = [r for r in results if r["status"] == "ok" and r["kind"] != "prime"]
    rows.append(("peak RSS, VmHWM (MB, worst run)", "—",
                 _num(worst(everything, "peak_rss") and worst(everything, "peak_rss") / MB,
                      ".0f"), ""))
    return rows


def key_figures(bench, results):
    """The summary's figures by name, as summary_rows takes them (--json)."""
    ok = [r for r in results if r["status"] == "ok"]
    cold = [r for r in ok if r["kind"] == "cold"]
    warm = [r for r in ok if r["kind"] in ("warm", "sorted")]
    visible = [r for r in ok if r["kind"] == "warm"]
    by_rate = [r for r in ok if r["kind"] == "sorted"]
    peak = worst(ok, "peak_rss")
    return {
        "torrents": bench.opts.torrents, "active": bench.opts.active,
        "first_frame_cold_ms": median(cold, "first_frame_ms"),
        "first_frame_warm_ms": median(warm, "first_frame_ms"),
        "all_listed_cold_ms": median(cold, "all_listed_ms"),
        "all_listed_warm_ms": median(warm, "all_listed_ms"),
        "rows_listed_min": min((r["rows"] for r in cold + warm), default=None),
        "stall_cold_ms": worst(cold, "stall_ms"),
        "stall_warm_ms": worst(warm, "stall_ms"),
        "tick_late_cold_ms": worst(cold, "tick_late_ms"),
        "tick_late_warm_ms": worst(warm, "tick_late_ms"),
        "busy_p95_visible_ms": median(visible, "busy_p95"),
        "busy_p95_sorted_ms": median(by_rate, "busy_p95"),
        "cpu_visible_pct": median(visible, "cpu_pct"),
        "cpu_sorted_pct": median(by_rate, "cpu_pct"),
        "lt_cpu_pct": median([r for r in ok if r["kind"] == "baseline"], "cpu_pct"),
        "moving_visible": median(visible, "moving"),
        "moving_sorted": median(by_rate, "moving"),
        "peak_rss_mb": peak / MB if peak else None,
        "starts": {kind: sum(r["kind"] == kind for r in results) for kind in
                   ("cold", "warm", "sorted")},
        "starts_ok": {kind: sum(r["kind"] == kind for r in ok) for kind in
                      ("cold", "warm", "sorted")},
    }


def write_json(path, bench, rows, results):
    summary = {"benchmark": "app", "date": datetime.date.today().isoformat(),
               "command": ["bench/app.py"] + sys.argv[1:],
               "report": os.path.relpath(bench.opts.output, ROOT),
               "figures": key_figures(bench, results),
               "rows": [{"figure": a, "target": b, "measured": c, "result": d}
                        for a, b, c, d in rows],
               "results": results, "machine": dict(bench.info)}
    with open(path, "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")


def markdown_summary(rows):
    lines = ["| figure | target | measured | result |", "|---|--:|--:|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def runs_table(results):
    lines = ["| start | result | first frame ms | all listed ms | rows | loading stall ms "
             "| 1 Hz late ms | loading CPU s | CPU % | main thread % | busy mean / p95 / max ms "
             "| steady stall ms | moving | MB/s in | Xvfb CPU % | peak RSS MB | other load "
             "| busiest other threads (% of a core) | note |",
             "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|---|---|"]
    for r in results:
        threads = ", ".join(f"{name} {pct:.1f}" for pct, name in r.get("thread_cpu", []))
        busy = (f"{r['busy_mean']:.2f} / {r['busy_p95']:.2f} / {r['busy_max']:.2f}"
                if "busy_mean" in r else "")
        lines.append(
            f"| {r['label']} | {r['status']} | {_num(r.get('first_frame_ms'), '.0f')} "
            f"| {_num(r.get('all_listed_ms'), '.0f')} | {r.get('rows', '')} "
            f"| {_num(r.get('stall_ms'), '.1f')} | {_num(r.get('tick_late_ms'), '.0f')} "
            f"| {_num(r.get('loading_cpu_s'), '.2f')} | {_num(r.get('cpu_pct'), '.2f')} "
            f"| {_num(r.get('main_cpu_pct'), '.2f')} | {busy} "
            f"| {_num(r.get('steady_stall_ms'), '.1f')} | {r.get('moving', '')} "
            f"| {_num(r.get('rate') and r['rate'] / MB, '.2f')} "
            f"| {_num(r.get('xvfb_cpu_pct'), '.2f')} "
            f"| {_num(r.get('peak_rss') and r['peak_rss'] / MB, '.0f')} "
            f"| {_num(r.get('other_load'), '.0%')} | {threads} | {r['note'].replace('|', '/')} |")
    return "\n".join(lines)


def counts_table(results):
    lines = ["| start | torrent list calls / removed / added while loading "
             "| steady: torrent list | filter model | sort model calls / removed / added "
             "| notifies/s | most notified properties |",
             "|---|---|---|---|---|--:|---|"]
    for r in results:
        if "counts" not in r and "load_list_changes" not in r:
            continue
        c = r.get("counts")

        def triple(model):
            v = c["models"].get(model) if c else None
            return " / ".join(str(x) for x in v) if v else ""

        load = r.get("load_list_changes")
        props = sorted((c or {}).get("props", {}).items(), key=lambda kv: -kv[1])[:5]
        top = ", ".join(f"{k} {v / c['seconds']:.0f}/s" for k, v in props)
        rate = _num(c["notifies"] / c["seconds"], ".0f") if c else ""
        lines.append(
            f"| {r['label']} | {' / '.join(str(x) for x in load) if load else ''} "
            f"| {triple('SpateTorrentList')} | {triple('GtkFilterListModel')} "
            f"| {triple('SpateSortModel')} "
            f"| {rate} | {top} |")
    return "\n".join(lines)


def machine_info(bench):
    cpu = "?"
    for line in (_read("/proc/cpuinfo") or b"").decode().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in (_read("/proc/meminfo") or b"").decode().splitlines():
        if line.startswith("MemTotal:"):
            mem = f"{int(line.split()[1]) * KiB / 1e9:.1f} GB"

    def modversion(name):
        return first_line(["pkg-config", "--modversion", name])

    built = datetime.datetime.fromtimestamp(os.path.getmtime(bench.opts.spate))
    return [("CPUs (nproc)", str(os.cpu_count())), ("CPU", cpu), ("memory", mem),
            ("kernel", platform.release()), ("Python", platform.python_version()),
            ("libtorrent (seeder)", bench.lt.__version__),
            ("GTK / libadwaita / GLib", f"{modversion('gtk4')} / {modversion('libadwaita-1')} / "
                                       f"{modversion('glib-2.0')}"),
            ("X server", "Xvfb (xvfb-run), screen 1920x1080x24, no window manager"),
            ("spate", f"{bench.opts.spate} (built {built:%Y-%m-%d %H:%M})"),
            ("data folder", f"on disk under {bench.opts.disk_dir} "
                            f"({first_line(['findmnt', '-no', 'FSTYPE', '-T', bench.disk])})"),
            ("downloads, payload, .torrent files", f"tmpfs ({bench.opts.workdir})")]


def write_report(path, bench, rows, results):
    opts = bench.opts
    today = datetime.date.today().isoformat()
    renderer = (f"GSK_RENDERER={opts.renderer}" if opts.renderer != "default"
                else "GTK's choice (GL on Mesa llvmpipe here)")
    listening = next((r["listening"] for r in results if r.get("listening")), "?")
    setup = bench.setup
    text = [
        f"# Spate app benchmark, {today}", "",
        f"The desktop app with {opts.torrents} torrents of {opts.files} files each: "
        f"{opts.torrents - opts.active} stopped, {opts.active} downloading from a libtorrent "
        f"seeder on {SEEDER_ADDRESS} (each capped at {human_size(opts.rate)}/s, found through "
        f"opentracker on 127.0.0.1). Started under Xvfb with its own D-Bus session and the "
        f"window shown; every start begins from the same data folder. Timings come from the "
        f"app's SPATE_PROFILE lines, CPU and memory from /proc. {opts.runs} run(s) of a cold "
        f"start (page cache dropped; loading only), a warm start with a {opts.window:.0f} s "
        f"steady window, a warm start sorted by download rate with the same window, and bare "
        f"libtorrent with the same torrents and window. "
        f"Times are medians of the runs; stalls and maxima are the worst run.", "",
        markdown_summary(rows), "",
        "Figures: **first frame** and **all rows listed** are the app's `first-frame` and "
        "`all-listed` events, in ms since its main(). **Longest main-loop iteration** is the "
        "profile's `max_iteration_ms` (work between two poll() calls) over the seconds from the "
        f"start to {LOADING_TAIL_MS} ms after all-listed. The profile times iterations from "
        "the loop's first poll(), so work done before it (start-up, activate) is not in it; "
        "the first frame bounds that work. The **1 Hz timer delay** is a second view: the "
        "profile's once-a-second timer fires late by as long as the loop was blocked (work "
        "before the loop shows only if it lasts past the first second). **Main-loop work per second** is `busy_ms` of "
        "each second inside the window (target checked on the 95th percentile). **CPU** is "
        "utime + stime of the app process (all threads: GTK, libtorrent, GL) over the window, "
        "in % of one core. **Bare libtorrent** is a Python process (python3-libtorrent) with "
        "the app's libtorrent settings and the same torrents (stopped ones paused, active ones "
        "downloading into an empty folder from the same seeder), calling "
        "post_torrent_updates() once a second, measured over a window as long, once per run "
        "after the app's starts: what libtorrent itself costs for the same transfers. "
        "**Items-changed** and **notifies** are counted inside the app by "
        "an LD_PRELOAD wrapper of g_list_model_items_changed() and g_object_notify*() "
        "(bench/spate-bench-counts.c): in a steady window rows must change through property "
        "notifies only, so the torrent list and the filter model (status filter: all) must "
        "not change; the sort model re-sorts by design when sorted by a rate.", "",
        "## Setup", "",
        f"- torrents: {opts.torrents} ({opts.files} files each; stopped ones 16 MiB – 8 GiB "
        f"with made-up piece hashes and at most 1024 pieces; active ones "
        f"{human_size(opts.active_size)} of real data, {human_size(setup['active_piece'])} "
        f"pieces), generated in {setup['generate_s']:.1f} s, "
        f"{setup['torrent_bytes'] / MB:.0f} MB of .torrent files",
        f"- data folder populated through the engine by `spate-bench-populate` "
        f"(spate_session_add_file, stopped ones with `paused`, into tmpfs): "
        f"{setup['populate_s']:.1f} s wall ({setup['populate']['add_s']:.1f} s adding, "
        f"{setup['populate']['close_s']:.1f} s closing and saving); "
        f"{setup['data_bytes'] / MB:.0f} MB in {setup['data_files']} files; copied to disk "
        f"before every start",
        f"- app settings (GSettings keyfile): `libtorrent-settings` = "
        f"`{bench.lt_settings_text}`",
        f"- the app listened on: {listening}; renderer: {renderer}",
        f"- counting wrapper: {'loaded' if bench.counts_lib else 'not built, not measured'}",
        "", "## Machine", ""]
    text += [f"- {k}: {v}" for k, v in bench.info]
    text += ["", "## Command", "", "```", "bench/app.py " + shlex.join(sys.argv[1:]), "```", "",
             "## Every start", "", runs_table(results), "",
             "Columns: loading stall = longest main-loop iteration while loading; 1 Hz late = "
             "longest delay of the profile's timer while loading; loading CPU s = CPU seconds "
             "of the app up to all-listed; moving = active torrents that received data in the "
             "window (seen by the seeder); MB/s in = what the seeder sent to the app; other "
             "load = CPU the machine spent on anything but the app, Xvfb, the seeder and the "
             "benchmark in the window, as a share of all CPUs.", "",
             "## List model changes and notifies", "", counts_table(results), ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.rename(path + ".tmp", path)


# ---------------------------------------------------------------------- main

class Bench:
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/app.py",
        description="Start Spate's desktop app on many torrents (a few of them active) and "
                    "measure start-up, main-loop stalls and work, CPU and memory against "
                    "Spate's targets.")
    p.add_argument("--torrents", type=int, default=10000, help="torrents in all (default 10000)")
    p.add_argument("--active", type=int, default=200,
                   help="of them downloading from the seeder (default 200)")
    p.add_argument("--files", type=int, default=5, help="files per torrent (default 5)")
    p.add_argument("--runs", type=int, default=3,
                   help="runs of cold start, warm start and sorted start (default 3)")
    p.add_argument("--window", type=float, default=60,
                   help="steady window, seconds (default 60)")
    p.add_argument("--settle", type=float, default=60,
                   help="before a window, wait up to this long for the active torrents to "
                        "receive data (default 60)")
    p.add_argument("--rate", type=parse_size, default=20 * KiB,
                   help="upload cap of the seeder per torrent (default 20K, per second)")
    p.add_argument("--active-size", type=parse_size, default=64 * MiB,
                   help="payload of each active torrent (default 64M; one copy, hard-linked)")
    p.add_argument("--load-timeout", type=float, default=120,
                   help="longest wait for every row to be listed, seconds (default 120)")
    p.add_argument("--renderer", default="cairo",
                   help="GSK_RENDERER for the app (default cairo: there is no GPU under Xvfb, "
                        "and GTK's GL renderer would rasterise every frame on llvmpipe in the "
                        "app's process); \"default\" leaves GTK's own choice")
    p.add_argument("--spate", default=os.path.join(ROOT, "_build", "src", "ui", "spate"),
                   help="the app (default _build/src/ui/spate; the benchmark runs a copy)")
    p.add_argument("--populate", default=os.path.join(ROOT, "_build", "bench",
                                                      "spate-bench-populate"),
                   help="the populating helper (default _build/bench/spate-bench-populate)")
    p.add_argument("--counts", default=os.path.join(ROOT, "_build", "bench",
                                                    "spate-bench-counts.so"),
                   help="the counting wrapper (default _build/bench/spate-bench-counts.so; "
                        "without it, list changes and notifies are not measured)")
    p.add_argument("--schemas", default=os.path.join(ROOT, "_build", "data"),
                   help="folder with the compiled GSettings schema (default _build/data)")
    p.add_argument("--idle-wait", type=float, default=300,
                   help="before each start, wait up to this many seconds for the machine to "
                        "be less than 10%% busy (default 300; 0: do not wait)")
    p.add_argument("--workdir", default="/dev/shm",
                   help="tmpfs for .torrent files, payload and downloads (default /dev/shm)")
    p.add_argument("--disk-dir", default="/var/tmp",
                   help="a folder on disk for the app's data folder, so that a cold start "
                        "reads it from disk (default /var/tmp)")
    p.add_argument("--seed", type=int, default=1, help="random seed of the torrents (default 1)")
    p.add_argument("--output", help="report file (default bench/results/app-DATE.md)")
    p.add_argument("--json", metavar="FILE",
                   help="also write the figures here as JSON (for bench/all.py)")
    p.add_argument("--keep", action="store_true", help="keep the work folders")
    opts = p.parse_args(argv)
    if opts.torrents < 1 or not 1 <= opts.active <= opts.torrents:
        p.error("need 1 ≤ --active ≤ --torrents")
    if opts.files < 1 or opts.runs < 1 or opts.window < 5:
        p.error("need --files ≥ 1, --runs ≥ 1, --window ≥ 5")
    for name in ("spate", "populate", "counts", "schemas"):
        setattr(opts, name, os.path.abspath(getattr(opts, name)))
    if opts.output is None:
        opts.output = os.path.join(ROOT, "bench", "results",
                                   f"app-{datetime.date.today().isoformat()}.md")
    return opts


def gvariant_settings(settings):
    """a{sv} in GVariant text, for the keyfile."""
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return "{" + ", ".join(f"'{k}': <{value(v)}>" for k, v in settings.items()) + "}"


def prepare(bench, lt):
    opts = bench.opts
    for tool in ("xvfb-run", "Xvfb", "dbus-run-session", "ss"):
        if shutil.which(tool) is None:
            die(f"{tool} is missing (build-aux/dev deps installs it)")
    for path, what in ((opts.spate, "the app"), (opts.populate, "spate-bench-populate")):
        if not os.access(path, os.X_OK):
            die(f"{what} is not built ({path} missing); run build-aux/dev build")
    if not os.path.exists(os.path.join(opts.schemas, "gschemas.compiled")):
        die(f"no compiled schema in {opts.schemas}; run build-aux/dev build")
    if os.geteuid() != 0:
        die("cold starts drop the page cache: run as root")

    bench.work = tempfile.mkdtemp(prefix="spate-bench-app-", dir=opts.workdir)
    bench.disk = tempfile.mkdtemp(prefix="spate-bench-app-", dir=opts.disk_dir)
    # opentracker (running as "nobody") reads its whitelist from in here.
    os.chmod(bench.work, 0o755)
    log(f"work folders: {bench.work} (tmpfs), {bench.disk} (disk)")

    # Copies, so that a rebuild while it runs changes nothing; the app's on disk.
    bin_dir = os.path.join(bench.disk, "bin")
    os.makedirs(bin_dir)
    bench.spate = os.path.join(bin_dir, "spate")
    shutil.copy2(opts.spate, bench.spate)
    bench.counts_lib = None
    if os.path.exists(opts.counts):
        bench.counts_lib = os.path.join(bin_dir, os.path.basename(opts.counts))
        shutil.copy2(opts.counts, bench.counts_lib)
    else:
        log(f"{opts.counts} is missing: list changes and notifies are not measured")
    schemas = os.path.join(bin_dir, "schemas")
    os.makedirs(schemas)
    shutil.copy2(os.path.join(opts.schemas, "gschemas.compiled"), schemas)

    tracker_port = free_port()
    bench.app_port = free_port()
    tracker_url = f"http://127.0.0.1:{tracker_port}/announce"
    generated = generate(lt, opts, bench.work, tracker_url)
    bench.tracker = Tracker(bench.work, tracker_port, generated["active_hashes"],
                            os.path.join(bench.work, "tracker.log"))

    bench.download = os.path.join(bench.work, "download")
    bench.pristine = os.path.join(bench.work, "data", "spate")
    os.makedirs(bench.download)
    os.makedirs(os.path.dirname(bench.pristine))
    log(f"populating the data folder with {opts.torrents} torrents …")
    start = time.monotonic()
    out = subprocess.run([opts.populate, "--data-dir", bench.pristine,
                          "--download-dir", bench.download, "--list", generated["list"]],
                         capture_output=True, text=True)
    populate_s = time.monotonic() - start
    if out.returncode != 0:
        die(f"spate-bench-populate failed: {out.stderr.strip()[-2000:]}")
    populate = json.loads(out.stdout.strip().splitlines()[-1])
    data_bytes, data_files = dir_size(bench.pristine)
    log(f"populated in {populate_s:.1f} s: {data_bytes / MB:.0f} MB in {data_files} files")
    bench.setup = {"generate_s": generated["seconds"], "torrent_bytes": generated["torrent_bytes"],
                   "active_piece": generated["active_piece"], "populate_s": populate_s,
                   "populate": populate, "data_bytes": data_bytes, "data_files": data_files}

    # The app's own folders; its data folder on disk.
    home = os.path.join(bench.disk, "home")
    config = os.path.join(home, ".config")
    bench.app_data = os.path.join(home, ".local", "share", "spate")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    os.makedirs(os.path.dirname(bench.app_data))
    settings = {
        # A fixed port: the tracker then knows the app as one peer across starts.
        "listen_interfaces": f"127.0.0.1:{bench.app_port}",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "dht_bootstrap_nodes": "",
        # Every active torrent runs, rather than libtorrent's queue of 3 downloads.
        "active_downloads": -1,
        "active_seeds": -1,
        "active_limit": -1,
        "connections_limit": max(200, 2 * opts.active + 50),
    }
    bench.lt_settings_text = gvariant_settings(settings)
    bench.baseline_settings = settings
    bench.baseline_download = os.path.join(bench.work, "baseline-download")
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write(f"[io/github/spate/Spate]\ndownload-dir='{bench.download}'\n"
                f"libtorrent-settings={bench.lt_settings_text}\n")
    bench.app_env = {
        "HOME": home,
        "XDG_CONFIG_HOME": config,
        "XDG_DATA_HOME": os.path.dirname(bench.app_data),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_RUNTIME_DIR": os.path.join(bench.disk, "runtime"),
        "GSETTINGS_SCHEMA_DIR": schemas,
        "GSETTINGS_BACKEND": "keyfile",
        "LANG": "C.UTF-8",
    }
    if opts.renderer != "default":
        bench.app_env["GSK_RENDERER"] = opts.renderer
    os.makedirs(bench.app_env["XDG_RUNTIME_DIR"], mode=0o700)

    log(f"starting the seeder ({opts.active} torrents, {human_size(opts.rate)}/s each) …")
    bench.seeder = Seeder(bench.work, generated["active_paths"], generated["payload_dir"],
                          opts.rate)
    bench.info = machine_info(bench)


def log_result(r, active):
    if r["status"] == "failed":
        return
    line = (f"  {r['status']}: first frame {_num(r.get('first_frame_ms'), '.0f')} ms, "
            f"{r['rows']} rows listed at {r['all_listed_ms']:.0f} ms, loading stall "
            f"{_num(r.get('stall_ms'), '.1f')} ms (1 Hz late {r['tick_late_ms']:.0f} ms)")
    if "cpu_pct" in r:
        line += (f"; window: CPU {r['cpu_pct']:.2f} % (main thread {r['main_cpu_pct']:.2f} %), "
                 f"busy {r['busy_mean']:.2f} / p95 {r['busy_p95']:.2f} / max "
                 f"{r['busy_max']:.2f} ms, stall {r['steady_stall_ms']:.1f} ms, "
                 f"{r['moving']}/{active} torrents receiving, other load {r['other_load']:.0%}")
    log(line)


def main(argv):
    opts = parse_args(argv)
    lt = import_libtorrent()
    bench = Bench()
    bench.opts = opts
    bench.lt = lt
    bench.work = bench.disk = None
    results = []
    try:
        prepare(bench, lt)
        log("first start (not counted): checking the setup …")
        prime = run_app(bench, "prime", "prime")
        if prime["status"] == "failed":
            die(f"the app does not start as expected: {prime['note']}")
        log(f"  listening on {prime['listening']}; "
            f"{prime['rows']} rows at {prime['all_listed_ms']:.0f} ms")
        results.append(prime)
        for index in range(1, opts.runs + 1):
            for kind in ("cold", "warm", "sorted"):
                label = f"{kind}-{index}"
                log(f"{label} ({index}/{opts.runs}) …")
                r = run_app(bench, label, kind)
                results.append(r)
                log_result(r, opts.active)
            label = f"libtorrent-{index}"
            log(f"{label}: bare libtorrent with the same torrents ({index}/{opts.runs}) …")
            r = run_baseline(bench, label)
            results.append(r)
            if r["status"] == "ok":
                log(f"  ok: CPU {r['cpu_pct']:.2f} % ({r['moving']}/{opts.active} torrents "
                    f"receiving)")
    finally:
        CHILDREN.stop_all()
        if opts.keep:
            log(f"kept {bench.work} and {bench.disk}")
        else:
            for folder in (bench.work, bench.disk):
                if folder:
                    shutil.rmtree(folder, ignore_errors=True)

    rows = summary_rows(bench, results)
    print(markdown_summary(rows))
    write_report(opts.output, bench, rows, results)
    log(f"report: {os.path.relpath(opts.output)}")
    if opts.json:
        write_json(opts.json, bench, rows, results)
    return 0 if all(r["status"] == "ok" for r in results) else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        seeder_main(sys.argv[2:])
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "_baseline":
        baseline_main(sys.argv[2:])
        sys.exit(0)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        CHILDREN.stop_all()
        sys.exit("app.py: interrupted")
