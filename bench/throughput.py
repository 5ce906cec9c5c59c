#!/usr/bin/env python3
# bench/throughput.py: download one large torrent over loopback with several
# clients and compare throughput, CPU time and memory. See bench/README.md.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Throughput benchmark: Spate (spate-cli and the desktop app) against bare libtorrent,
qBittorrent, aria2 and Transmission, each downloading the same torrent from one
libtorrent seeder over loopback, found through opentracker.

Nothing leaves loopback: the tracker and the clients listen on 127.0.0.1, the
seeder on 127.0.0.2, and DHT, local service discovery, peer exchange, UPnP and
NAT-PMP are off in every client (the torrent is also marked private).

Run "bench/throughput.py --help" for the options. Needs Python 3 with the
python3-libtorrent module, opentracker, and whichever clients are compared.
"""

import argparse
import ctypes
import datetime
import hashlib
import json
import os
import platform
import select
import shlex
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

KiB = 1 << 10
MiB = 1 << 20
GiB = 1 << 30
MB = 1000 * 1000
GB = 1000 * MB

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAYLOAD_NAME = "spate-bench-payload.bin"
SAMPLE_INTERVAL = 0.05  # process tree sampling, seconds
# The seeder's address: loopback, but not the clients' 127.0.0.1. With both on
# one address, the tracker's answer holds the client's own address next to the
# seeder's; libtorrent (allow_multiple_connections_per_ip off, its default)
# keeps one peer per address, may keep the client's own port, connect to
# itself and ban 127.0.0.1, and never download (seen with libtorrent and
# qBittorrent, a run in a few).
SEEDER_ADDRESS = "127.0.0.2"
CLK_TCK = os.sysconf("SC_CLK_TCK")

CLIENTS = ("spate-cli", "spate-app", "libtorrent", "qbittorrent-nox", "aria2c",
           "transmission-cli")
ALIASES = {
    "spate": "spate-cli",
    "app": "spate-app",
    "lt": "libtorrent",
    "libtorrent-rasterbar": "libtorrent",
    "qbittorrent": "qbittorrent-nox",
    "qbt": "qbittorrent-nox",
    "aria2": "aria2c",
    "transmission": "transmission-cli",
}
CASES = {
    "tcp": "seeder accepts TCP only",
    "utp": "seeder accepts uTP and TCP (libtorrent's default uTP settings)",
}
REFERENCE = "qbittorrent-nox"


# The script that was run, taken before anything changes the folder.
SCRIPT = os.path.abspath(sys.argv[0])


def import_libtorrent():
    """Imports libtorrent; a Python without it (pyenv, venv) re-executes the
    script that was run (this one or bench/app.py) with the system's python3,
    where python3-libtorrent lives."""
    try:
        import libtorrent  # noqa: PLC0415

        return libtorrent
    except ImportError:
        system = "/usr/bin/python3"
        if (
            os.path.exists(system)
            and os.path.realpath(sys.executable) != os.path.realpath(system)
            and not os.environ.get("SPATE_BENCH_REEXEC")
        ):
            os.environ["SPATE_BENCH_REEXEC"] = "1"
            os.execv(system, [system, SCRIPT] + sys.argv[1:])
        die("the libtorrent Python module is missing; "
            "install python3-libtorrent (build-aux/dev bench does)")


def die(message):
    raise SystemExit(f"{os.path.basename(SCRIPT)}: {message}")


def log(message):
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------ child processes

_libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    # Runs in the child between fork and exec: a crashed benchmark leaves no
    # process behind. (A program that changes its user loses this; see the
    # tracker for how it is stopped instead.)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class Children:
    """Every process the benchmark starts, each in a process group of its own,
    so that stopping one stops what it started too."""

    def __init__(self):
        self.procs = []

    def spawn(self, argv, log_path, cwd=None, env=None, stdin=subprocess.DEVNULL,
              stdout=None):
        logfile = open(log_path, "ab")
        try:
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdin=stdin,
                stdout=stdout if stdout is not None else logfile, stderr=logfile,
                start_new_session=True, preexec_fn=_die_with_parent)
        finally:
            logfile.close()
        self.procs.append(proc)
        return proc

    @staticmethod
    def signal_group(proc, sig):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def stop(self, proc, grace=10.0):
        """SIGTERM to the group, SIGKILL after grace seconds; reaps the leader
        unless someone else has."""
        if proc not in self.procs:
            return
        self.signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while proc.returncode is None and time.monotonic() < deadline:
            try:
                if proc.poll() is not None:
                    break
            except ChildProcessError:
                break
            time.sleep(0.05)
        self.signal_group(proc, signal.SIGKILL)
        if proc.returncode is None:
            try:
                proc.wait(timeout=5)
            except (subprocess.TimeoutExpired, ChildProcessError):
                pass
        self.procs.remove(proc)

    def stop_all(self):
        for proc in list(self.procs):
            self.stop(proc, grace=3.0)


CHILDREN = Children()


def free_port():
    """A port free on 127.0.0.1 for both TCP and UDP (uTP and the tracker's UDP
    side use the same number)."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    die("found no free port on 127.0.0.1")


def wait_until(predicate, timeout, what, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def http_get(url, timeout=2.0, data=None):
    request = urllib.request.Request(url, data=data)
    # Loopback only: never through a proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=timeout) as response:
        return response.read()


def tail(path, lines=15):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 8192))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


# ------------------------------------------------------- process tree metrics

def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _stat_fields(pid):
    data = _read(f"/proc/{pid}/stat")
    if data is None:
        return None
    # The command name may hold spaces and parentheses: split after the last ')'.
    return data[data.rindex(b")") + 2:].split()


def _children_of(root):
    """root and its descendants, from one pass over /proc."""
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        fields = _stat_fields(name)
        if fields is not None:
            parents[int(name)] = int(fields[1])
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in tree:
            continue
        tree.add(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return tree


class TreeSampler:
    """Samples a process tree: summed VmRSS and RssAnon, each process's VmHWM,
    and CPU seconds (utime + stime + reaped children's) summed over the tree."""

    def __init__(self, root):
        self.root = root
        self.members = {root}
        self.last_scan = 0.0
        self.peak_rss = 0
        self.peak_anon = 0
        self.peak_hwm = 0
        self.cpu = {}  # pid -> last CPU seconds seen

    def sample(self):
        now = time.monotonic()
        if now - self.last_scan >= 0.25:
            self.members |= _children_of(self.root)
            self.last_scan = now
        rss = anon = 0
        gone = set()
        for pid in self.members:
            status = _read(f"/proc/{pid}/status")
            fields = _stat_fields(pid)
            if status is None or fields is None:
                gone.add(pid)
                continue
            for line in status.splitlines():
                if line.startswith(b"VmRSS:"):
                    rss += int(line.split()[1]) * KiB
                elif line.startswith(b"RssAnon:"):
                    anon += int(line.split()[1]) * KiB
                elif line.startswith(b"VmHWM:"):
                    self.peak_hwm = max(self.peak_hwm, int(line.split()[1]) * KiB)
            # utime stime cutime cstime are fields 14-17 of stat; index 11-14 here.
            self.cpu[pid] = sum(int(x) for x in fields[11:15]) / CLK_TCK
        self.members -= gone
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_anon = max(self.peak_anon, anon)

    def cpu_seconds(self):
        return sum(self.cpu.values())

    def peak(self):
        return max(self.peak_rss, self.peak_hwm)


def machine_cpu():
    """(busy, total) CPU seconds of the whole machine, summed over CPUs. Busy
    leaves out interrupt time: loopback traffic is processed there, and it is
    not charged to any process."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = \
            (int(x) for x in f.readline().split()[1:9])
    busy = user + nice + system + steal
    return busy / CLK_TCK, (busy + idle + iowait + irq + softirq) / CLK_TCK


def process_cpu(pid):
    fields = _stat_fields(pid)
    return sum(int(x) for x in fields[11:15]) / CLK_TCK if fields else 0.0


def own_cpu():
    t = os.times()
    return t.user + t.system


def wait_for_idle(max_wait, threshold=0.10):
    """Waits (at most max_wait seconds) until the machine is less than
    threshold busy over one second; returns the last busy fraction."""
    deadline = time.monotonic() + max_wait
    said = False
    while True:
        b0, t0 = machine_cpu()
        time.sleep(1.0)
        b1, t1 = machine_cpu()
        busy = (b1 - b0) / max(t1 - t0, 1e-9)
        if busy < threshold or time.monotonic() >= deadline:
            return busy
        if not said:
            log(f"  machine {busy:.0%} busy with other work; waiting up to {max_wait:.0f} s")
            said = True


# ---------------------------------------------------------- payload, torrent

def parse_size(text):
    units = {"": 1, "k": KiB, "m": MiB, "g": GiB, "t": 1 << 40}
    s = text.strip().lower().removesuffix("ib").removesuffix("b")
    number = s.rstrip("kmgt")
    unit = s[len(number):]
    try:
        value = int(float(number) * units[unit])
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 4G, 512M)")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return value


def human_size(n):
    for unit, factor in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= factor and n % (factor // 16) == 0:
            return f"{n / factor:g} {unit}"
    return f"{n} bytes"


def make_payload(path, size, piece_size):
    """Writes size bytes that do not compress (64 MiB of urandom, repeated with
    a counter at every MiB so that no two pieces are equal) and returns the
    SHA-1 of every piece, hashed on two threads while writing."""
    block_size = 64 * MiB
    block = bytearray(os.urandom(block_size))
    hashes = []
    futures = []
    start = time.monotonic()
    with open(path, "wb") as out, ThreadPoolExecutor(2) as pool:
        done = 0
        counter = 0
        while done < size:
            for offset in range(0, block_size, MiB):
                block[offset:offset + 8] = struct.pack("<Q", counter)
                counter += 1
            length = min(block_size, size - done)
            chunk = bytes(block[:length])
            view = memoryview(chunk)
            futures += [pool.submit(lambda v: hashlib.sha1(v).digest(), view[p:p + piece_size])
                        for p in range(0, length, piece_size)]
            out.write(chunk)
            done += length
            # Keep at most two blocks in memory.
            while len(futures) > 2 * block_size // piece_size:
                hashes.append(futures.pop(0).result())
        hashes += [f.result() for f in futures]
    log(f"payload: {human_size(size)} written and hashed in {time.monotonic() - start:.1f} s")
    return hashes


def make_torrent(lt, size, piece_size, hashes):
    """Bencoded v1 torrent of one file; the tracker is filled in per run."""
    fs = lt.file_storage()
    fs.add_file(PAYLOAD_NAME, size)
    flags = getattr(lt.create_torrent, "v1_only", 0)
    ct = lt.create_torrent(fs, piece_size, flags)
    for index, digest in enumerate(hashes):
        ct.set_hash(index, digest)
    ct.set_creator("spate bench/throughput.py")
    # Private: clients keep it away from DHT, PEX and LSD even if those were on.
    ct.set_priv(True)
    ct.add_tracker("http://127.0.0.1:1/announce")
    data = lt.bencode(ct.generate())
    return data, lt.torrent_info(data).info_hash()


def torrent_with_tracker(lt, data, url):
    torrent = lt.bdecode(data)
    torrent[b"announce"] = url.encode()
    return lt.bencode(torrent)


def verify(download, payload, quick):
    """None when download equals payload, else what is wrong. Full comparison,
    or with quick, size plus 64 KiB from every 4 MiB and the last MiB."""
    try:
        size = os.path.getsize(download)
    except OSError:
        return "downloaded file is missing"
    expected = os.path.getsize(payload)
    if size != expected:
        return f"downloaded file has {size} bytes, expected {expected}"
    step = 8 * MiB
    with open(download, "rb") as a, open(payload, "rb") as b:
        if quick:
            regions = [(o, 64 * KiB) for o in range(0, size, 4 * MiB)]
            regions.append((max(0, size - MiB), MiB))
        else:
            regions = [(o, step) for o in range(0, size, step)]
        for offset, length in regions:
            a.seek(offset)
            b.seek(offset)
            if a.read(length) != b.read(length):
                return f"downloaded data differs from the payload near byte {offset}"
    return None


# ------------------------------------------------------------------- tracker

class Tracker:
    def __init__(self, workdir, info_hash, log_path):
        program = shutil.which("opentracker")
        if program is None:
            die("opentracker is not installed (apt-get install opentracker)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/announce"
        # Debian's opentracker serves whitelisted hashes only. Started as root
        # it drops to "nobody", chroots to its cwd and then reads the list:
        # run it from "/" and keep the list readable by everyone. Every line
        # must end in a newline.
        whitelist = os.path.join(workdir, "whitelist")
        with open(whitelist, "w") as f:
            f.write(str(info_hash) + "\n")
        os.chmod(whitelist, 0o644)
        # The privilege drop also drops PR_SET_PDEATHSIG: a shell watches its
        # stdin and stops the tracker when our end closes.
        self.proc = CHILDREN.spawn(
            ["/bin/sh", "-c",
             '"$@" </dev/null & pid=$!; read -r _; kill "$pid"; wait "$pid"',
             "sh", program, "-i", "127.0.0.1", "-p", str(self.port), "-P", str(self.port),
             "-w", whitelist],
            log_path, cwd="/", stdin=subprocess.PIPE)
        # The whitelist loads on a thread of its own: poll with a "stopped"
        # announce until the hash is accepted.
        quoted = urllib.parse.quote(bytes.fromhex(str(info_hash)))
        probe = (f"{self.url}?info_hash={quoted}&peer_id=-SPBNCH-probe0000000&port=1"
                 "&uploaded=0&downloaded=0&left=0&compact=1&event=stopped")

        def ready():
            if self.proc.poll() is not None:
                raise RuntimeError(f"opentracker exited: {tail(log_path)}")
            try:
                return b"interval" in http_get(probe, timeout=1)
            except (OSError, urllib.error.URLError):
                return False

        wait_until(ready, 10, "opentracker")

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        CHILDREN.stop(self.proc, grace=3)


# -------------------------------------------------------------------- seeder

def seeder_main(argv):
    """The seeder process: one libtorrent session seeding the payload. Speaks
    one line per command on stdin/stdout: status, dial PORT, quit."""
    p = argparse.ArgumentParser(prog="throughput.py _seed")
    p.add_argument("--torrent", required=True)
    p.add_argument("--save-path", required=True)
    p.add_argument("--utp", action="store_true")
    p.add_argument("--resume", required=True)
    args = p.parse_args(argv)
    lt = import_libtorrent()

    settings = lt.high_performance_seed()
    settings.update({
        # Port 0: libtorrent picks a free one, so no other program can take it first.
        "listen_interfaces": f"{SEEDER_ADDRESS}:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": args.utp,
        "enable_outgoing_utp": args.utp,
        "allow_multiple_connections_per_ip": True,
        "alert_mask": int(lt.alert_category.status | lt.alert_category.error
                          | lt.alert_category.tracker),
    })
    ses = lt.session(settings)

    ti = lt.torrent_info(args.torrent)
    have_resume = os.path.exists(args.resume)
    if have_resume:
        with open(args.resume, "rb") as f:
            atp = lt.read_resume_data(f.read())
        # The trackers of resume data replace the torrent's: this run's tracker,
        # not the first run's.
        atp.trackers = [t.url for t in ti.trackers()]
        atp.tracker_tiers = [t.tier for t in ti.trackers()]
    else:
        atp = lt.add_torrent_params()
    atp.ti = ti
    atp.save_path = args.save_path
    handle = ses.add_torrent(atp)

    out = sys.stdout
    deadline = time.monotonic() + 300
    seeding = announced = False
    while not (seeding and announced):
        if time.monotonic() > deadline:
            sys.exit("seeder: not seeding and announced after 300 s")
        ses.wait_for_alert(100)
        for a in ses.pop_alerts():
            if isinstance(a, lt.tracker_reply_alert):
                announced = True
            elif isinstance(a, (lt.tracker_error_alert, lt.torrent_error_alert,
                                lt.listen_failed_alert)):
                log(f"seeder: {a.message()}")
        status = handle.status()
        seeding = status.is_seeding
        if status.errc.value() != 0:
            sys.exit(f"seeder: {status.errc.message()}")
    if not have_resume:
        handle.save_resume_data(lt.torrent_handle.save_info_dict)
        while True:
            a = ses.wait_for_alert(10000)
            if a is None:
                sys.exit("seeder: no resume data after 10 s")
            found = [x for x in ses.pop_alerts() if isinstance(x, lt.save_resume_data_alert)]
            if found:
                with open(args.resume + ".tmp", "wb") as f:
                    f.write(lt.write_resume_data_buf(found[0].params))
                os.rename(args.resume + ".tmp", args.resume)
                break

    out.write("ready\n")
    out.flush()

    buffer = b""
    first_upload = None  # CLOCK_MONOTONIC, which every process on the machine shares
    carried = {}  # peer endpoint -> "TCP" or "uTP", for peers that were sent payload
    while True:
        # Watch closely for the first payload byte sent, then more calmly.
        readable, _, _ = select.select([0], [], [], 0.01 if first_upload is None else 0.1)
        ses.pop_alerts()
        if first_upload is None and handle.status().total_payload_upload > 0:
            first_upload = time.monotonic()
        if first_upload is not None:
            for peer in handle.get_peer_info():
                if peer.total_upload > 0:
                    # peer_info::utp_socket, which the Python binding does not name
                    carried[peer.ip] = "uTP" if int(peer.flags) & (1 << 17) else "TCP"
        if not readable:
            continue
        chunk = os.read(0, 4096)
        if not chunk:
            break
        buffer += chunk
        quit_now = False
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            words = line.decode().split()
            if not words:
                continue
            if words[0] == "status":
                status = handle.status()
                reply = {"uploaded": status.total_payload_upload,
                         "peers": status.num_peers,
                         "transports": sorted(set(carried.values())),
                         "first_upload": first_upload}
            elif words[0] == "dial":
                handle.connect_peer(("127.0.0.1", int(words[1])))
                reply = {"ok": True}
            elif words[0] == "quit":
                quit_now = True
                reply = {"ok": True}
            else:
                reply = {"error": f"unknown command {words[0]}"}
            out.write(json.dumps(reply) + "\n")
            out.flush()
        if quit_now:
            break
    del handle
    del ses


class Seeder:
    def __init__(self, run, case):
        argv = [sys.executable, os.path.abspath(__file__), "_seed",
                "--torrent", run.torrent, "--save-path", run.bench.payload_dir,
                "--resume", run.bench.resume_path]
        if case == "utp":
            argv.append("--utp")
        self.log_path = os.path.join(run.dir, "seeder.log")
        self.proc = CHILDREN.spawn(argv, self.log_path, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE)
        self.buffer = b""
        line = self._readline(330)
        if line != "ready":
            raise RuntimeError(f"seeder did not start: {tail(self.log_path)}")

    def _readline(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"seeder did not answer within {timeout:.0f} s")
            readable, _, _ = select.select([fd], [], [], left)
            if readable:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise RuntimeError(f"seeder exited: {tail(self.log_path)}")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode().strip()

    def request(self, command, timeout=10):
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()
        return json.loads(self._readline(timeout))

    def stop(self):
        try:
            self.request("quit", timeout=5)
            self.proc.wait(timeout=15)
        except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired):
            pass
        CHILDREN.stop(self.proc, grace=3)


# ------------------------------------------------------------------- clients

def leecher_main(argv):
    """Bare libtorrent: default settings, except loopback only and no DHT, LSD,
    UPnP or NAT-PMP. Exits 0 once the torrent is complete and written."""
    p = argparse.ArgumentParser(prog="throughput.py _leech")
    p.add_argument("--torrent", required=True)
    p.add_argument("--dir", required=True)
    args = p.parse_args(argv)
    lt = import_libtorrent()

    ses = lt.session({
        # Port 0: libtorrent picks a free one, so no other program can take it first.
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        # Not a performance setting: the finished alert, and a few for the log.
        "alert_mask": int(lt.alert_category.status | lt.alert_category.error
                          | lt.alert_category.tracker | lt.alert_category.connect),
    })
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(args.torrent)
    atp.save_path = args.dir
    ses.add_torrent(atp)
    t0 = time.monotonic()
    while True:
        ses.wait_for_alert(500)
        for a in ses.pop_alerts():
            log(f"leecher: {time.monotonic() - t0:.3f} {a.what()}: {a.message()}")
            if isinstance(a, lt.torrent_finished_alert):
                # Destroying the session waits for the disk threads, so
                # everything is written when the process exits.
                del ses
                log(f"leecher: {time.monotonic() - t0:.3f} session closed")
                return 0
            if isinstance(a, (lt.torrent_error_alert, lt.file_error_alert)):
                log(f"leecher: {a.message()}")
                return 1


class Client:
    name = ""
    exits = True  # exits by itself when complete; otherwise watched and stopped
    dial = False  # the seeder must connect to it (it ignores loopback peers)

    def __init__(self, opts):
        self.opts = opts

    def missing(self):
        """Why this client cannot run, or None."""
        return None

    def version(self):
        return ""

    def start(self, run):
        raise NotImplementedError

    def complete(self, run):
        """For clients that do not exit: whether the download is complete."""
        return False

    def download_path(self, run):
        return os.path.join(run.target, PAYLOAD_NAME)

    def measured(self, run, proc, start):
        """The process whose tree is measured, and when the clock starts."""
        return proc.pid, start

    def other_cpu(self, run):
        """CPU seconds of a helper outside the measured tree (Xvfb), or None."""
        return None


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


class SpateCli(Client):
    name = "spate-cli"

    snapshot = None

    def path(self):
        return self.snapshot or self.opts.spate_cli

    def take_snapshot(self, workdir):
        """Runs a copy, so that a rebuild during the benchmark changes nothing."""
        if self.missing() is None:
            copy = os.path.join(workdir, "spate-cli")
            shutil.copy2(self.opts.spate_cli, copy)
            self.snapshot = copy

    def missing(self):
        if not os.access(self.path(), os.X_OK):
            return f"not built ({self.path()} missing)"
        try:
            out = subprocess.run([self.path(), "download", "--help"], capture_output=True,
                                 text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f"not usable ({e})"
        if "--loopback" not in out.stdout + out.stderr:
            return "not usable (its download command has no --loopback)"
        return None

    def version(self):
        built = datetime.datetime.fromtimestamp(os.path.getmtime(self.path()))
        return (f"{first_line([self.path(), '--version'])} ({self.opts.spate_cli}, "
                f"built {built:%Y-%m-%d %H:%M})")

    def start(self, run):
        argv = [self.path(), "download", "--loopback", "--dir", run.target, "--quiet"]
        for setting in self.opts.setting:
            argv += ["--setting", setting]
        argv.append(run.torrent)
        return CHILDREN.spawn(argv, run.client_log)


def find_in_tree(root, comm):
    """The first process named comm among root and its descendants, or None."""
    for pid in _children_of(root):
        data = _read(f"/proc/{pid}/comm")
        if data is not None and data.strip() == comm.encode():
            return pid
    return None


def setting_value(text):
    """A --setting value as the keyfile's GVariant text: bool, int or string."""
    if text in ("true", "false"):
        return text
    try:
        return str(int(text))
    except ValueError:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class SpateApp(Client):
    """The desktop app under Xvfb with a D-Bus session of its own, the torrent
    given on its command line; complete at its profiler's torrent-finished."""

    name = "spate-app"
    exits = False

    snapshot = None
    schemas = None

    def path(self):
        return self.snapshot or self.opts.spate_app

    def schema_dir(self):
        return self.schemas or os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
            self.opts.spate_app))), "data")

    def take_snapshot(self, workdir):
        """Runs a copy, so that a rebuild during the benchmark changes nothing."""
        if self.missing() is None:
            folder = os.path.join(workdir, "spate-app")
            os.makedirs(folder)
            copy = os.path.join(folder, "spate")
            shutil.copy2(self.opts.spate_app, copy)
            shutil.copy2(os.path.join(self.schema_dir(), "gschemas.compiled"), folder)
            self.snapshot, self.schemas = copy, folder

    def missing(self):
        for tool in ("xvfb-run", "Xvfb", "dbus-run-session"):
            if shutil.which(tool) is None:
                return f"{tool} not installed"
        if not os.access(self.path(), os.X_OK):
            return f"not built ({self.path()} missing)"
        if not os.path.exists(os.path.join(self.schema_dir(), "gschemas.compiled")):
            return f"no compiled GSettings schema in {self.schema_dir()}"
        return None

    def version(self):
        built = datetime.datetime.fromtimestamp(os.path.getmtime(self.path()))
        return (f"{first_line([self.path(), '--version'])} ({self.opts.spate_app}, "
                f"built {built:%Y-%m-%d %H:%M}; under Xvfb, GSK_RENDERER=cairo)")

    def start(self, run):
        home = os.path.join(run.dir, "app")
        config = os.path.join(home, ".config")
        runtime = os.path.join(home, "runtime")
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        os.makedirs(runtime, mode=0o700)
        # What spate-cli --loopback sets, then every --setting.
        settings = {
            "listen_interfaces": "'127.0.0.1:0'",
            "enable_dht": "false",
            "dht_bootstrap_nodes": "''",
            "enable_lsd": "false",
            "enable_upnp": "false",
            "enable_natpmp": "false",
            "allow_multiple_connections_per_ip": "true",
            "announce_to_all_trackers": "true",
            "stop_tracker_timeout": "1",
            "min_reconnect_time": "1",
        }
        for setting in self.opts.setting:
            key, _, value = setting.partition("=")
            settings[key] = setting_value(value)
        lt_settings = "{" + ", ".join(f"'{k}': <{v}>" for k, v in settings.items()) + "}"
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("[io/github/spate/Spate]\n"
                    f"download-dir='{run.target}'\n"
                    "show-add-dialog='never'\n"
                    "notifications=false\n"
                    "run-in-background='never'\n"
                    f"libtorrent-settings={lt_settings}\n")
        run.profile_path = os.path.join(run.dir, "profile.jsonl")
        run.profile_offset = 0
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=config,
                   XDG_DATA_HOME=os.path.join(home, ".local", "share"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"),
                   XDG_STATE_HOME=os.path.join(home, ".local", "state"),
                   XDG_RUNTIME_DIR=runtime, GSETTINGS_SCHEMA_DIR=self.schema_dir(),
                   GSETTINGS_BACKEND="keyfile", GSK_RENDERER="cairo", GTK_A11Y="none",
                   LANG="C.UTF-8", SPATE_PROFILE=run.profile_path,
                   # Files from the command line get no add dialog (no one clicks Add).
                   SPATE_PROFILE_OPEN_DIRECTLY="1")
        argv = ["xvfb-run", "-a", "-f", os.path.join(run.dir, "Xauthority"),
                "-s", "-screen 0 1280x800x24 -nolisten tcp",
                "dbus-run-session", "--", self.path(), run.torrent]
        return CHILDREN.spawn(argv, run.client_log, env=env, cwd=run.dir)

    def measured(self, run, proc, start):
        """The app's process, not Xvfb's, from the moment it exists."""
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"xvfb-run exited with {proc.returncode}: "
                                   f"{tail(run.client_log)}")
            pid = find_in_tree(proc.pid, "spate")
            if pid is not None:
                run.xvfb_pid = find_in_tree(proc.pid, "Xvfb")
                run.xvfb_cpu0 = process_cpu(run.xvfb_pid) if run.xvfb_pid else 0.0
                return pid, time.monotonic()
            if time.monotonic() >= deadline:
                raise RuntimeError("the app did not start within 60 s")
            time.sleep(0.005)

    def complete(self, run):
        data = _read(run.profile_path) or b""
        for line in data[run.profile_offset:].splitlines():
            try:
                if json.loads(line).get("event") == "torrent-finished":
                    return True
            except ValueError:
                pass
        # Only whole lines are taken; a partial last line is read again.
        run.profile_offset += data[run.profile_offset:].rfind(b"\n") + 1
        return False

    def other_cpu(self, run):
        """CPU seconds of Xvfb since the app started."""
        if not getattr(run, "xvfb_pid", None):
            return None
        return process_cpu(run.xvfb_pid) - run.xvfb_cpu0


class BareLibtorrent(Client):
    name = "libtorrent"

    def version(self):
        import libtorrent as lt  # noqa: PLC0415

        return f"libtorrent-rasterbar {lt.__version__} (Python bindings, default settings)"

    def start(self, run):
        argv = [sys.executable, os.path.abspath(__file__), "_leech", "--torrent", run.torrent,
                "--dir", run.target]
        return CHILDREN.spawn(argv, run.client_log)


class QBittorrent(Client):
    name = "qbittorrent-nox"
    exits = False

    def missing(self):
        return None if shutil.which("qbittorrent-nox") else "not installed"

    def version(self):
        return first_line(["qbittorrent-nox", "--version"])

    def start(self, run):
        profile = os.path.join(run.dir, "qbittorrent")
        config = os.path.join(profile, "qBittorrent", "config")
        os.makedirs(config)
        run.webui_port = free_port()
        run.done_marker = os.path.join(run.dir, "qbittorrent-finished")
        run.settings_checked = False
        run.last_api = 0.0
        # Defaults except what keeps it on loopback and lets us drive it. The
        # "run external program on torrent finished" hook marks completion
        # as soon as qBittorrent handles libtorrent's finished alert; its Web
        # API only refreshes torrent state every 1.5 s.
        with open(os.path.join(config, "qBittorrent.conf"), "w") as f:
            f.write(f"""[LegalNotice]
Accepted=true

[AutoRun]
enabled=true
program=touch {run.done_marker}

[BitTorrent]
Session\\DHTEnabled=false
Session\\LSDEnabled=false
Session\\PeXEnabled=false
Session\\Port={free_port()}
Session\\Interface=lo
Session\\InterfaceName=lo
Session\\InterfaceAddress=127.0.0.1
Session\\DefaultSavePath={run.target}
Session\\TempPathEnabled=false
Session\\QueueingSystemEnabled=false

[Network]
PortForwardingEnabled=false

[Preferences]
Connection\\ResolvePeerCountries=false
General\\Locale=en
WebUI\\Enabled=true
WebUI\\Address=127.0.0.1
WebUI\\Port={run.webui_port}
WebUI\\UseUPnP=false
WebUI\\LocalHostAuth=false
WebUI\\CSRFProtection=false
WebUI\\HostHeaderValidation=false
""")
        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=os.path.join(profile, "config"),
                   XDG_DATA_HOME=os.path.join(profile, "data"),
                   XDG_CACHE_HOME=os.path.join(profile, "cache"))
        argv = ["qbittorrent-nox", f"--profile={profile}", f"--webui-port={run.webui_port}",
                f"--save-path={run.target}", "--skip-dialog=true", run.torrent]
        return CHILDREN.spawn(argv, run.client_log, env=env)

    def api(self, run, path):
        return json.loads(http_get(f"http://127.0.0.1:{run.webui_port}/api/v2/{path}",
                                   timeout=2))

    def check_settings(self, run):
        """Once the Web API answers: refuse to go on unless DHT and friends are off."""
        prefs = self.api(run, "app/preferences")
        wrong = {k: prefs.get(k) for k in ("dht", "lsd", "pex", "upnp", "web_ui_upnp",
                                            "resolve_peer_countries")
                 if prefs.get(k) is not False}
        if prefs.get("current_interface_address") != "127.0.0.1":
            wrong["current_interface_address"] = prefs.get("current_interface_address")
        if wrong:
            raise RuntimeError(f"qBittorrent did not take the loopback settings: {wrong}")

    def complete(self, run):
        now = time.monotonic()
        if not run.settings_checked and now - run.last_api >= 0.5:
            run.last_api = now
            try:
                self.check_settings(run)
                run.settings_checked = True
            except (OSError, ValueError, urllib.error.URLError):
                pass  # the Web UI is not up yet
        if os.path.exists(run.done_marker):
            if not run.settings_checked:
                def checked():
                    try:
                        self.check_settings(run)
                        return True
                    except (OSError, ValueError, urllib.error.URLError):
                        return False

                wait_until(checked, 10, "qBittorrent's Web API")
                run.settings_checked = True
            return True
        # Fallback in case the hook does not run: the Web API, at most every second.
        if not run.settings_checked or now - run.last_api < 1.0:
            return False
        run.last_api = now
        try:
            torrents = self.api(run, "torrents/info")
        except (OSError, ValueError, urllib.error.URLError):
            return False
        return bool(torrents) and all(t.get("progress") == 1 for t in torrents)


class Aria2(Client):
    name = "aria2c"

    def missing(self):
        return None if shutil.which("aria2c") else "not installed"

    def version(self):
        return first_line(["aria2c", "--version"])

    def start(self, run):
        argv = ["aria2c", "--seed-time=0", "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--disable-ipv6=true",
                "--interface=127.0.0.1", f"--listen-port={free_port()}", f"--dir={run.target}",
                "--console-log-level=warn", "--summary-interval=0", "--no-conf=true",
                run.torrent]
        return CHILDREN.spawn(argv, run.client_log)


class Transmission(Client):
    name = "transmission-cli"
    exits = False
    dial = True

    def missing(self):
        return None if shutil.which("transmission-cli") else "not installed"

    def version(self):
        return first_line(["transmission-cli", "--version"])

    def start(self, run):
        config = os.path.join(run.dir, "transmission")
        os.makedirs(config)
        run.client_port = free_port()
        with open(os.path.join(config, "settings.json"), "w") as f:
            json.dump({
                "bind-address-ipv4": "127.0.0.1",
                "bind-address-ipv6": "::1",
                "dht-enabled": False,
                "lpd-enabled": False,
                "pex-enabled": False,
                "port-forwarding-enabled": False,
                "peer-port": run.client_port,
                "peer-port-random-on-start": False,
                "rename-partial-files": True,
                "download-dir": run.target,
                "blocklist-enabled": False,
                "message-level": 1,
            }, f, indent=1)
        argv = ["transmission-cli", "-g", config, "-w", run.target, "-p", str(run.client_port),
                "-M", run.torrent]
        return CHILDREN.spawn(argv, run.client_log, env=dict(os.environ, HOME=config))

    def complete(self, run):
        # Transmission names the file "….part" until it is complete.
        path = self.download_path(run)
        return os.path.exists(path) and not os.path.exists(path + ".part")


CLIENT_CLASSES = {c.name: c for c in (SpateCli, SpateApp, BareLibtorrent, QBittorrent, Aria2,
                                       Transmission)}


# ---------------------------------------------------------------------- runs

class Run:
    def __init__(self, bench, client, case, index):
        self.bench = bench
        self.client = client
        self.case = case
        self.index = index
        self.dir = os.path.join(bench.workdir, "runs", f"{client.name}-{case}-{index}")
        self.target = os.path.join(self.dir, "download")
        os.makedirs(self.target)
        os.chmod(self.dir, 0o755)
        self.torrent = os.path.join(self.dir, "bench.torrent")
        self.client_log = os.path.join(self.dir, "client.log")


def run_once(bench, client, case, index):
    """One download from an empty folder; returns a dict of what was measured."""
    opts = bench.opts
    run = Run(bench, client, case, index)
    cap = opts.utp_cap if case == "utp" else opts.tcp_cap
    result = {"client": client.name, "case": case, "run": index, "status": "failed",
              "seconds": None, "bytes": 0, "cpu": None, "rss": None, "anon": None,
              "first_byte": None, "transport": "", "note": "", "other_load": None,
              "seeder_cpu": None, "idle_before": None}
    tracker = seeder = proc = None
    try:
        tracker = Tracker(run.dir, bench.info_hash, os.path.join(run.dir, "tracker.log"))
        with open(run.torrent, "wb") as f:
            f.write(torrent_with_tracker(bench.lt, bench.torrent_data, tracker.url))
        seeder = Seeder(run, case)

        if opts.idle_wait > 0:
            result["idle_before"] = wait_for_idle(opts.idle_wait)
        machine0, own0 = machine_cpu()[0], own_cpu()
        seeder0 = process_cpu(seeder.proc.pid)
        start = time.monotonic()
        proc = client.start(run)
        root, start = client.measured(run, proc, start)
        sampler = TreeSampler(root)
        exit_info = {}

        if client.exits:
            def reap():
                _, status, usage = os.wait4(proc.pid, 0)
                exit_info["end"] = time.monotonic()
                exit_info["code"] = os.waitstatus_to_exitcode(status)
                exit_info["cpu"] = usage.ru_utime + usage.ru_stime
                exit_info["maxrss"] = usage.ru_maxrss * KiB

            waiter = threading.Thread(target=reap, daemon=True)
            waiter.start()

        last_status = last_dial = 0.0
        end = None
        capped = False
        while True:
            now = time.monotonic()
            if client.exits and "end" in exit_info:
                proc.returncode = exit_info["code"]
                end = exit_info["end"]
                break
            sampler.sample()
            if not client.exits:
                if proc.poll() is not None:
                    raise RuntimeError(f"{client.name} exited with {proc.returncode}: "
                                       f"{tail(run.client_log)}")
                if client.complete(run):
                    end = time.monotonic()
                    break
            if now - start >= cap:
                capped = True
                end = now
                break
            if now - last_status >= 0.5:
                last_status = now
                status = seeder.request("status")
                if client.dial and not status["peers"] and now - last_dial >= 2:
                    last_dial = now
                    seeder.request(f"dial {run.client_port}")
            time.sleep(SAMPLE_INTERVAL)

        seconds = end - start
        machine1, own1 = machine_cpu()[0], own_cpu()
        seeder1 = process_cpu(seeder.proc.pid)
        final = seeder.request("status")
        result["transport"] = "+".join(final["transports"]) or "none"
        if final["first_upload"] is not None:
            result["first_byte"] = max(0.0, final["first_upload"] - start)
        if capped:
            result["bytes"] = final["uploaded"]
            result["status"] = "capped"
            result["note"] = f"capped at {cap:.0f} s"
        if client.exits and not capped:
            result["cpu"] = exit_info["cpu"]
            result["rss"] = max(sampler.peak(), exit_info["maxrss"])
        else:
            sampler.sample()
            result["cpu"] = sampler.cpu_seconds()
            result["rss"] = sampler.peak()
        result["anon"] = sampler.peak_anon
        result["seconds"] = seconds
        # CPU the machine spent on anything but the client, the seeder and us:
        # other work that may have slowed the run down.
        helper = client.other_cpu(run)
        if helper is not None:
            result["xvfb_cpu"] = helper
            result["note"] = f"Xvfb CPU {helper:.2f} s"
        other = ((machine1 - machine0) - result["cpu"] - (helper or 0.0) - (seeder1 - seeder0)
                 - (own1 - own0))
        result["other_load"] = max(0.0, other) / (seconds * os.cpu_count())
        result["seeder_cpu"] = seeder1 - seeder0

        # Stop it (daemons, or a capped run), so that everything is written.
        CHILDREN.stop(proc, grace=30)
        if capped:
            if result["bytes"] == 0:
                result["status"] = "failed"
                raise RuntimeError(f"no payload sent to it within {cap:.0f} s")
            return result
        if client.exits and proc.returncode != 0:
            raise RuntimeError(f"{client.name} exited with {proc.returncode}: "
                               f"{tail(run.client_log)}")
        problem = verify(client.download_path(run), bench.payload, opts.quick_verify)
        if problem:
            raise RuntimeError(problem)
        result["bytes"] = bench.size
        result["status"] = "ok"
        return result
    except RuntimeError as e:
        result["note"] = str(e).splitlines()[0] if str(e) else "failed"
        log(f"  {client.name} {case} run {index}: FAILED: {e}")
        return result
    finally:
        if proc is not None:
            CHILDREN.stop(proc, grace=10)
        if seeder is not None:
            seeder.stop()
        if tracker is not None:
            tracker.stop()
        if result["status"] == "failed":
            # The logs of a failed run outlive the work folder.
            logs = os.path.join(tempfile.gettempdir(), f"spate-bench-failed-{os.getpid()}",
                                os.path.basename(run.dir))
            shutil.copytree(run.dir, logs, ignore=shutil.ignore_patterns("download"),
                            dirs_exist_ok=True)
            log(f"  its logs: {logs}")
            result["note"] += f" (logs: {logs})"
        # The downloaded data goes at once (tmpfs is memory); --keep keeps the logs.
        shutil.rmtree(run.target, ignore_errors=True)
        if not opts.keep:
            shutil.rmtree(run.dir, ignore_errors=True)


# ------------------------------------------------------------------- report

def summarize(results):
    """One row per client and case: medians over the runs that finished or were capped."""
    rows = []
    keys = sorted({(r["client"], r["case"]) for r in results},
                  key=lambda k: (list(CASES).index(k[1]), CLIENTS.index(k[0])))
    for client, case in keys:
        runs = [r for r in results if r["client"] == client and r["case"] == case]
        good = [r for r in runs if r["status"] in ("ok", "capped")]
        row = {"client": client, "case": case, "runs": len(runs), "good": len(good),
               "capped": sum(r["status"] == "capped" for r in runs),
               "skipped": next((r["note"] for r in runs if r["status"] == "skipped"), None),
               "transport": "/".join(sorted({r["transport"] for r in good})) or "",
               "mbps": None, "cpu_per_gb": None, "rss": None, "anon": None,
               "first_byte": None, "after": None,
               "other_load": max((r["other_load"] for r in good
                                  if r["other_load"] is not None), default=None)}
        if good:
            row["mbps"] = statistics.median(r["bytes"] / r["seconds"] / MB for r in good)
            row["cpu_per_gb"] = statistics.median(
                r["cpu"] / (r["bytes"] / GB) if r["bytes"] else float("inf") for r in good)
            row["rss"] = statistics.median(r["rss"] / MB for r in good)
            row["anon"] = statistics.median(r["anon"] / MB for r in good)
            timed = [r for r in good if r["first_byte"] is not None
                     and r["seconds"] > r["first_byte"]]
            if timed:
                row["first_byte"] = statistics.median(r["first_byte"] for r in timed)
                row["after"] = statistics.median(
                    r["bytes"] / (r["seconds"] - r["first_byte"]) / MB for r in timed)
        rows.append(row)
    for row in rows:
        ref = next((r for r in rows if r["client"] == REFERENCE and r["case"] == row["case"]
                    and r["mbps"]), None)
        row["ratio"] = row["mbps"] / ref["mbps"] if ref and row["mbps"] else None
    return rows


def _num(value, fmt):
    return format(value, fmt) if value is not None else ""


def markdown_table(rows):
    lines = ["| client | case | transport | MB/s | CPU-s/GB | peak RSS MB | peak anon RSS MB "
             "| MB/s vs qBittorrent | first byte s | MB/s after first byte | runs |",
             "|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        if r["skipped"]:
            lines.append(f"| {r['client']} | {r['case']} | | {r['skipped']} | | | | | | | |")
            continue
        if r["mbps"] is None:
            lines.append(f"| {r['client']} | {r['case']} | | failed | | | | | | "
                         f"| 0/{r['runs']} ok |")
            continue
        mark = " (capped)" if r["capped"] else ""
        if r["capped"]:
            runs = f"{r['capped']}/{r['runs']} capped"
            if r["good"] > r["capped"]:
                runs += f", {r['good'] - r['capped']} done"
        else:
            runs = f"{r['good']}/{r['runs']} ok"
        if r["good"] < r["runs"]:
            runs += f", {r['runs'] - r['good']} failed"
        if r["other_load"] is not None:
            runs += f"; other load ≤ {r['other_load']:.0%}"
        lines.append(f"| {r['client']} | {r['case']} | {r['transport']} | {r['mbps']:.0f}{mark} "
                     f"| {r['cpu_per_gb']:.2f} | {r['rss']:.0f} | {r['anon']:.0f} "
                     f"| {_num(r['ratio'], '.2f')} | {_num(r['first_byte'], '.2f')} "
                     f"| {_num(r['after'], '.0f')} | {runs} |")
    return "\n".join(lines)


def runs_table(results):
    lines = ["| client | case | run | result | seconds | first byte s | MB | MB/s | CPU s "
             "| peak RSS MB | peak anon RSS MB | transport | seeder CPU s | other load "
             "| note |",
             "|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|---|"]
    for r in results:
        if r["status"] == "skipped":
            continue
        mbps = r["bytes"] / r["seconds"] / MB if r["seconds"] and r["bytes"] else None
        lines.append(
            f"| {r['client']} | {r['case']} | {r['run']} | {r['status']} "
            f"| {_num(r['seconds'], '.2f')} | {_num(r['first_byte'], '.2f')} "
            f"| {r['bytes'] / MB:.0f} | {_num(mbps, '.0f')} "
            f"| {_num(r['cpu'], '.2f')} | {_num(r['rss'] and r['rss'] / MB, '.0f')} "
            f"| {_num(r['anon'] and r['anon'] / MB, '.0f')} | {r['transport']} "
            f"| {_num(r['seeder_cpu'], '.2f')} | {_num(r['other_load'], '.0%')} "
            f"| {r['note'].replace('|', '/')} |")
    return "\n".join(lines)


def machine_info(lt, clients):
    cpu = "?"
    for line in (_read("/proc/cpuinfo") or b"").decode().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in (_read("/proc/meminfo") or b"").decode().splitlines():
        if line.startswith("MemTotal:"):
            mem = f"{int(line.split()[1]) * KiB / GB:.1f} GB"
    info = [("CPUs (nproc)", str(os.cpu_count())), ("CPU", cpu), ("memory", mem),
            ("kernel", platform.release()), ("Python", platform.python_version()),
            ("libtorrent (seeder, bare client)", lt.__version__),
            ("tracker", "opentracker (Debian)")]
    for client in clients:
        info.append((client.name, client.version() if not client.missing() else client.missing()))
    return info


def write_report(path, bench, rows, results):
    opts = bench.opts
    today = datetime.date.today().isoformat()
    caps = f"TCP case {opts.tcp_cap:.0f} s, uTP case {opts.utp_cap:.0f} s"
    text = [f"# Spate throughput benchmark, {today}", "",
            f"One file of {human_size(bench.size)} ({bench.size} bytes; v1 torrent, "
            f"{human_size(opts.piece_size)} pieces) downloaded over loopback from one "
            f"libtorrent seeder on {SEEDER_ADDRESS}, found through opentracker, by one client "
            "at a time on 127.0.0.1, each run "
            "into an empty folder on tmpfs. Medians of "
            f"{opts.runs} run(s). MB = 10^6 bytes, GB = 10^9 bytes. Time cap per run: {caps}; "
            "a capped run counts the payload bytes the seeder sent by then.", "",
            markdown_table(rows), "",
            "Cases: " + "; ".join(f"`{c}`: {CASES[c]}" for c in opts.cases) + ".", "",
            "Columns: MB/s is payload bytes over wall time from the client's start to "
            "completion (for clients that exit: to their exit). CPU-s/GB is user + system "
            "time of the client's process tree per GB. Peak RSS is the largest of the "
            "summed VmRSS of the tree (sampled every 50 ms), any process's VmHWM and the "
            "exit rusage's maxrss; peak anon RSS is the summed RssAnon only (memory-mapped "
            "file pages excluded). Transport is what the seeder saw the client use. First "
            "byte is the time from the client's start to the seeder's first payload byte "
            "sent (start-up, tracker announce, connecting); MB/s after first byte leaves it "
            "out. Other load is the CPU time the machine spent on anything but the client, "
            "the seeder and the benchmark during a run, as a share of all CPUs (the table "
            "gives the largest of the runs); above a few percent the run was disturbed.", "",
            "## Machine", ""]
    text += [f"- {k}: {v}" for k, v in bench.info]
    text += ["", "## Command", "", "```", "bench/throughput.py " + shlex.join(sys.argv[1:]),
             "```", "", "## Every run", "", runs_table(results), ""]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.rename(path + ".tmp", path)


def write_json(path, bench, rows, results):
    """The table's figures and every run, for a runner that combines benchmarks."""
    opts = bench.opts
    summary = {"benchmark": "throughput", "date": datetime.date.today().isoformat(),
               "command": ["bench/throughput.py"] + sys.argv[1:],
               "report": os.path.relpath(opts.output, ROOT), "size": bench.size,
               "piece_size": opts.piece_size, "runs": opts.runs, "cases": opts.cases,
               "reference": REFERENCE, "rows": rows, "results": results,
               "machine": dict(bench.info)}
    with open(path, "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")


# ---------------------------------------------------------------------- main

class Bench:
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/throughput.py",
        description="Download one torrent over loopback with several BitTorrent clients and "
                    "compare MB/s, CPU time and peak memory.")
    p.add_argument("--size", type=parse_size, default=4 * GiB,
                   help="payload size (default 4G; e.g. 512M for a quick check)")
    p.add_argument("--piece-size", type=parse_size, default=4 * MiB,
                   help="piece size, a power of two from 16K to 64M (default 4M)")
    p.add_argument("--runs", type=int, default=3, help="runs per client and case (default 3)")
    p.add_argument("--clients", default=",".join(CLIENTS),
                   help=f"comma-separated clients (default: {','.join(CLIENTS)})")
    p.add_argument("--cases", default="tcp,utp",
                   help="comma-separated cases: tcp, utp (default tcp,utp)")
    p.add_argument("--spate-cli", default=os.path.join(ROOT, "_build", "src", "cli", "spate-cli"),
                   help="spate-cli to run (default: _build/src/cli/spate-cli)")
    p.add_argument("--spate-app", default=os.path.join(ROOT, "_build", "src", "ui", "spate"),
                   help="desktop app to run (default: _build/src/ui/spate; its build folder's "
                        "data/gschemas.compiled goes with it)")
    p.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                   help="libtorrent setting passed to spate-cli as --setting and to the app "
                        "in its libtorrent-settings key (repeatable)")
    p.add_argument("--tcp-cap", type=float, default=600,
                   help="time cap of a run in the tcp case, seconds (default 600)")
    p.add_argument("--utp-cap", type=float, default=120,
                   help="time cap of a run in the utp case, seconds (default 120)")
    p.add_argument("--idle-wait", type=float, default=300,
                   help="before each run, wait up to this many seconds for the machine to "
                        "be less than 10%% busy with other work (default 300; 0: do not wait)")
    p.add_argument("--workdir", default="/dev/shm",
                   help="where the payload and downloads go, best a tmpfs (default /dev/shm)")
    p.add_argument("--output", help="report file (default bench/results/throughput-DATE.md)")
    p.add_argument("--json", metavar="FILE",
                   help="also write the figures here as JSON (for bench/all.py)")
    p.add_argument("--quick-verify", action="store_true",
                   help="check samples of the downloaded file instead of all of it")
    p.add_argument("--keep", action="store_true",
                   help="keep the work folder (payload, torrent, logs, client profiles); "
                        "downloaded data is removed after each run either way")
    opts = p.parse_args(argv)

    opts.clients = [ALIASES.get(c.strip(), c.strip()) for c in opts.clients.split(",") if c.strip()]
    for c in opts.clients:
        if c not in CLIENT_CLASSES:
            p.error(f"unknown client {c!r}; known: {', '.join(CLIENTS)}")
    opts.cases = [c.strip() for c in opts.cases.split(",") if c.strip()]
    for c in opts.cases:
        if c not in CASES:
            p.error(f"unknown case {c!r}; known: {', '.join(CASES)}")
    ps = opts.piece_size
    if ps & (ps - 1) or not 16 * KiB <= ps <= 64 * MiB:
        p.error("--piece-size must be a power of two from 16K to 64M")
    if opts.runs < 1:
        p.error("--runs must be at least 1")
    opts.spate_cli = os.path.abspath(opts.spate_cli)
    opts.spate_app = os.path.abspath(opts.spate_app)
    if opts.output is None:
        opts.output = os.path.join(ROOT, "bench", "results",
                                   f"throughput-{datetime.date.today().isoformat()}.md")
    return opts


def main(argv):
    opts = parse_args(argv)
    lt = import_libtorrent()

    # tmpfs holds the payload and one download at a time.
    needed = 2 * opts.size + GiB
    try:
        fs = os.statvfs(opts.workdir)
    except OSError as e:
        die(f"cannot use {opts.workdir}: {e}")
    free = fs.f_bavail * fs.f_frsize
    if free < needed:
        die(f"{opts.workdir} has {free / GiB:.1f} GiB free; a {human_size(opts.size)} payload "
            f"needs {needed / GiB:.1f} GiB (payload + one download + 1 GiB). Free some space, "
            "pick a smaller --size or another --workdir.")

    clients = [CLIENT_CLASSES[name](opts) for name in opts.clients]
    bench = Bench()
    bench.opts = opts
    bench.lt = lt
    bench.size = opts.size
    bench.workdir = tempfile.mkdtemp(prefix="spate-bench-", dir=opts.workdir)
    # opentracker (running as "nobody") reads its whitelist from in here.
    os.chmod(bench.workdir, 0o755)
    bench.payload_dir = os.path.join(bench.workdir, "payload")
    os.makedirs(bench.payload_dir)
    bench.payload = os.path.join(bench.payload_dir, PAYLOAD_NAME)
    bench.resume_path = os.path.join(bench.workdir, "seeder.resume")
    log(f"work folder: {bench.workdir}")

    results = []
    try:
        hashes = make_payload(bench.payload, opts.size, opts.piece_size)
        bench.torrent_data, bench.info_hash = make_torrent(lt, opts.size, opts.piece_size, hashes)

        for client in clients:
            if isinstance(client, (SpateCli, SpateApp)):
                client.take_snapshot(bench.workdir)
        missing = {client.name: client.missing() for client in clients}
        bench.info = machine_info(lt, clients)
        for case in opts.cases:
            for client in clients:
                if missing[client.name]:
                    log(f"{client.name} {case}: {missing[client.name]}")
                    results.append({"client": client.name, "case": case, "run": 0,
                                    "status": "skipped", "note": missing[client.name]})
            # Runs interleave across clients, so that drifts of the machine hit all alike.
            for index in range(1, opts.runs + 1):
                for client in clients:
                    if missing[client.name]:
                        continue
                    log(f"{client.name} {case} run {index}/{opts.runs} …")
                    r = run_once(bench, client, case, index)
                    results.append(r)
                    if r["status"] != "failed":
                        log(f"  {r['status']}: {r['bytes'] / r['seconds'] / MB:.0f} MB/s, "
                            f"{r['seconds']:.2f} s, CPU {r['cpu']:.2f} s, peak RSS "
                            f"{r['rss'] / MB:.0f} MB (anon {r['anon'] / MB:.0f} MB), "
                            f"{r['transport']}, first byte after {_num(r['first_byte'], '.2f')} s, "
                            f"other load {r['other_load']:.0%}")
    finally:
        CHILDREN.stop_all()
        if opts.keep:
            log(f"kept {bench.workdir}")
        else:
            shutil.rmtree(bench.workdir, ignore_errors=True)

    rows = summarize(results)
    table = markdown_table(rows)
    print(table)
    write_report(opts.output, bench, rows, results)
    log(f"report: {os.path.relpath(opts.output)}")
    if opts.json:
        write_json(opts.json, bench, rows, results)
    return 0 if all(r["status"] != "failed" for r in results) else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        seeder_main(sys.argv[2:])
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "_leech":
        sys.exit(leecher_main(sys.argv[2:]))
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        CHILDREN.stop_all()
        sys.exit("throughput.py: interrupted")
