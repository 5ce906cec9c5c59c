#!/usr/bin/env python3
# make-seeds.py: writes the seed corpora in fuzz/corpus/ (small .torrent,
# resume, magnet and API-sequence inputs). Run it again after changing it;
# its output is committed so the fuzz command needs no Python.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
PIECE = 16384


def bencode(value):
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(value)


def payload(size, seed):
    return bytes((i * 31 + seed) & 0xFF for i in range(size))


def v1_pieces(data):
    return b"".join(hashlib.sha1(data[i:i + PIECE]).digest() for i in range(0, len(data), PIECE))


def v1_single(name, data):
    return {"name": name, "piece length": PIECE, "length": len(data), "pieces": v1_pieces(data)}


def v1_multi(name, files):
    blob = b"".join(d for _, d in files)
    entries = []
    for path, d in files:
        entries.append({"length": len(d), "path": path.split("/")})
    return {"name": name, "piece length": PIECE, "files": entries, "pieces": v1_pieces(blob)}


def v1_padded(name, files):
    # BEP 47: each file but the last starts on a piece boundary.
    blob = b""
    entries = []
    for i, (path, d) in enumerate(files):
        entries.append({"length": len(d), "path": path.split("/")})
        blob += d
        if i + 1 < len(files) and len(d) % PIECE:
            pad = PIECE - len(d) % PIECE
            entries.append({"length": pad, "path": [".pad", str(pad)], "attr": "p"})
            blob += bytes(pad)
    return {"name": name, "piece length": PIECE, "files": entries, "pieces": v1_pieces(blob)}


def v2_single(name, data, hybrid):
    # A file of at most one piece: its pieces root is the hash of its only block.
    info = {
        "name": name,
        "piece length": PIECE,
        "meta version": 2,
        "file tree": {name: {"": {"length": len(data), "pieces root": hashlib.sha256(data).digest()}}},
    }
    if hybrid:
        info.update(length=len(data), pieces=v1_pieces(data))
    return info


def torrent(info, **extra):
    meta = {"info": info}
    meta.update(extra)
    return bencode(meta)


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    tracker = "http://127.0.0.1:6969/announce"
    infos = {
        "v1-single": v1_single("single.bin", payload(20000, 1)),
        "v1-multi": v1_multi("folder", [("a.bin", payload(40000, 2)), ("sub/b.bin", payload(5000, 3))]),
        "v1-padded": v1_padded("padded", [("a.bin", payload(1000, 4)), ("b.bin", payload(2000, 5))]),
        "v2-single": v2_single("v2.bin", payload(9000, 6), hybrid=False),
        "hybrid-single": v2_single("hybrid.bin", payload(12000, 7), hybrid=True),
    }
    extras = {
        "v1-single": {"announce": tracker},
        "v1-multi": {
            "announce": tracker,
            "announce-list": [[tracker], ["udp://127.0.0.1:6969/announce", "http://127.0.0.1:1/a"]],
            "url-list": ["http://127.0.0.1:8080/files/"],
            "httpseeds": ["http://127.0.0.1:8081/seed"],
            "comment": "Seed corpus for Spate",
            "created by": "Spate 0.1.0",
            "creation date": 1767225600,
        },
        "v1-padded": {"comment": "pad files"},
        "v2-single": {"url-list": "http://127.0.0.1:8080/v2.bin"},
        "hybrid-single": {"announce": tracker, "created by": "make-seeds.py"},
    }
    private = dict(infos["v1-single"], private=1, name="private.bin")
    infos["v1-private"] = private
    extras["v1-private"] = {"announce": tracker}

    for name, info in infos.items():
        write("torrent", name + ".torrent", torrent(info, **extras[name]))

    # Magnet links: hex, base32, v2 (btmh), hybrid, trackers, web seeds, peers.
    v1 = hashlib.sha1(bencode(infos["v1-multi"])).hexdigest()
    h2 = hashlib.sha256(bencode(infos["hybrid-single"]))
    hybrid_v1 = hashlib.sha1(bencode(infos["hybrid-single"])).hexdigest()
    magnets = {
        "hex": f"magnet:?xt=urn:btih:{v1}",
        "base32": "magnet:?xt=urn:btih:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&dn=base32",
        "v2": f"magnet:?xt=urn:btmh:1220{h2.hexdigest()}&dn=v2",
        "hybrid": f"magnet:?xt=urn:btih:{hybrid_v1}&xt=urn:btmh:1220{h2.hexdigest()}&dn=hybrid.bin",
        "full": (f"magnet:?xt=urn:btih:{v1}&dn=folder%20name&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce"
                 "&tr=udp%3A%2F%2F127.0.0.1%3A6969&ws=http%3A%2F%2F127.0.0.1%3A8080%2F"
                 "&x.pe=127.0.0.1:6881&x.pe=[::1]:6881&so=0,2-4&dht=127.0.0.1:6881"),
        "bad-hash": "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef0123456z",
        "no-xt": "magnet:?dn=nothing&tr=http://127.0.0.1/",
        # Found by fuzz-magnet: an upper-case key skipped the hash check.
        "upper-xt": "magnet:?Xt=urn:btih:0tr=0$e94a55812b0a2cfafa5?27dd6cab3fbd4e&a69g",
    }
    for name, link in magnets.items():
        write("magnet", name + ".txt", link)

    # Resume files as libtorrent writes them, with Spate's "spate" extras.
    for name, info in infos.items():
        raw_info = bencode(info)
        resume = {
            "file-format": "libtorrent resume file",
            "file-version": 1,
            "name": info["name"],
            "save_path": "/tmp/spate-seed",
            "info": info,
            "trackers": [[tracker]],
            "url-list": [],
            "paused": 1,
            "auto_managed": 0,
            "total_uploaded": 1234,
            "active_time": 60,
            "spate": {"seed-ratio": 2000, "seed-time": -1, "label": "seeds", "first-last": 1},
        }
        if "pieces" in info:
            resume["info-hash"] = hashlib.sha1(raw_info).digest()
            pieces = (len(info["pieces"]) // 20)
            resume["pieces"] = b"\x01" * pieces
            resume["file_priority"] = [4] * max(1, len(info.get("files", [0])))
        if info.get("meta version") == 2:
            resume["info-hash2"] = hashlib.sha256(raw_info).digest()
        write("resume", name + ".resume", bencode(resume))
    write("resume", "magnet.resume", bencode({
        "file-format": "libtorrent resume file",
        "file-version": 1,
        "info-hash": bytes.fromhex(v1),
        "name": "folder",
        "save_path": "/tmp/spate-seed",
        "trackers": [[tracker]],
        "spate": {"magnet": f"magnet:?xt=urn:btih:{v1}"},
    }))

    # Found by fuzz-resume: a "spate" key that is not UTF-8.
    write("resume", "latin1-key.resume", bencode({
        "file-format": "libtorrent resume file",
        "info-hash": bytes.fromhex(v1),
        "spate": {b"caf\xe9": 1, "ok": "yes"},
    }))

    # API sequences for fuzz-session: op, slot, arguments (see do_op()).
    sequences = {
        "add-remove": bytes([0, 0, 0, 0x00, 0, 2, 0, 0, 3, 0, 19, 0]),
        "rename-move": bytes([0, 1, 0, 0x80, 1, 5, 1, 1, 5]) + b"x/y.b" + bytes([6, 1, 3]) + b"new" + bytes([1, 19, 0]),
        "priorities-resume": bytes([0, 2, 1, 0x40, 2, 3, 0, 4, 7, 2, 1, 7, 8, 2, 3, 0, 1, 7, 9, 2, 3, 19, 0, 12, 2]),
        "stale": bytes([0, 3, 3, 0, 0, 18, 3, 4, 2, 3, 1, 3, 4, 5, 4, 0, 1]) + b"a" + bytes([9, 4, 2, 12, 3, 19, 0]),
        "async": bytes([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 19, 0, 0, 0, 2, 0, 1, 13, 0, 14, 0, 1, 15, 0, 3, 0, 16, 0, 1, 2]),
        # Found by fuzz-session: add two, remove both, add the first again in
        # the background, then remove it through its stale handle.
        "removed-twice": bytes([0, 9, 5, 0, 42, 0, 0, 0, 7, 8, 2, 3, 3, 2, 0, 0, 1, 7, 9, 30, 0, 2, 3, 255]),
        # Found by fuzz-session: files read while they are renamed.
        "rename-read": bytes([0, 1, 0, 0x80, 1, 5, 1, 1, 5]) + b"x/y.b" + bytes([6, 1, 3]) + b"ny." + bytes([12, 1]),
    }
    for name, data in sequences.items():
        write("session", name + ".bin", data)


if __name__ == "__main__":
    main()
