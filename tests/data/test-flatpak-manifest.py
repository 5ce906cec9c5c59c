#!/usr/bin/env python3
# Checks Spate's Flatpak manifests against each other, the source tree and
# flatpak/README.md (whose marked list is the allowed finish-args).
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-flatpak-manifest.py SOURCE_ROOT

import json
import os
import re
import sys

APP_ID = "io.github.spate.Spate"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
MANIFESTS = {
    "io.github.spate.Spate.json": {"devel": False},
    "io.github.spate.Spate.Devel.json": {"devel": True},
}
# Module names in build order; libnotify only if a manifest needs it.
ORDER = ["boost", "libtorrent-rasterbar", "libnotify", "spate"]
OPTIONAL = {"libnotify"}
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX40 = re.compile(r"^[0-9a-f]{40}$")

failures = []


def check(ok, manifest, field, message):
    """Records one check; a failure names the manifest and the field."""
    if ok:
        print(f"ok    {manifest}: {field}: {message}")
    else:
        print(f"FAIL  {manifest}: {field}: {message}")
        failures.append(f"{manifest}: {field}: {message}")
    return ok


def read_allowlist(readme_path):
    """The finish-args documented between the markers of flatpak/README.md."""
    text = open(readme_path, encoding="utf-8").read()
    m = re.search(r"<!-- finish-args:begin -->(.*?)<!-- finish-args:end -->", text, re.S)
    if m is None:
        return text, None
    return text, re.findall(r"^- `(--[^`]+)`", m.group(1), re.M)


def meson_options(root):
    path = os.path.join(root, "meson_options.txt")
    if not os.path.exists(path):
        path = os.path.join(root, "meson.options")
    text = open(path, encoding="utf-8").read()
    return set(re.findall(r"option\s*\(\s*'([^']+)'", text))


def check_source(name, where, src, devel, flatpak_dir, root, readme):
    kind = src.get("type")
    if kind in ("archive", "file"):
        sha = src.get("sha256", "")
        if check(bool(HEX64.match(sha)), name, f"{where}.sha256",
                 f"{kind} {src.get('url', src.get('path'))} pinned by a 64-hex sha256"):
            check(sha in readme, name, f"{where}.sha256",
                  "written in flatpak/README.md with where it comes from")
        check(str(src.get("url", "")).startswith("https://"), name, f"{where}.url",
              f"fetched over https ({src.get('url')})")
    elif kind == "git":
        commit = src.get("commit", "")
        if check(bool(HEX40.match(commit)), name, f"{where}.commit",
                 f"git {src.get('url')} pinned by a 40-hex commit"):
            check(commit in readme, name, f"{where}.commit", "written in flatpak/README.md")
        check("branch" not in src, name, f"{where}.branch",
              "no branch (a branch moves; tag + commit do not)")
    elif kind == "dir":
        if check(devel, name, f"{where}.type",
                 "a dir source (local checkout) appears only in the Devel manifest"):
            path = os.path.realpath(os.path.join(flatpak_dir, src.get("path", "")))
            check(path == os.path.realpath(root), name, f"{where}.path",
                  f"'{src.get('path')}' is the source tree ({path})")
    elif kind in ("patch", "script", "shell"):
        check(kind != "patch" or "path" in src, name, f"{where}.path", f"{kind} source is local")
    else:
        check(False, name, f"{where}.type", f"known source type (got {kind!r})")


def check_manifest(name, devel, flatpak_dir, root, allowlist, readme, options):
    path = os.path.join(flatpak_dir, name)
    try:
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        check(False, name, "(file)", f"valid JSON ({e})")
        return None
    check(True, name, "(file)", "valid JSON")

    app_id = m.get("app-id", m.get("id"))
    check(app_id == APP_ID, name, "app-id", f"{APP_ID} (got {app_id!r})")
    check(m.get("command") == "spate", name, "command", f"spate (got {m.get('command')!r})")
    check(m.get("runtime") == RUNTIME, name, "runtime", f"{RUNTIME} (got {m.get('runtime')!r})")
    check(m.get("sdk") == SDK, name, "sdk", f"{SDK} (got {m.get('sdk')!r})")
    version = str(m.get("runtime-version", ""))
    check(re.fullmatch(r"\d+", version) is not None, name, "runtime-version",
          f"a stable GNOME runtime number, for runtime and sdk alike (got {version!r})")
    if devel:
        check(m.get("branch") == "devel", name, "branch",
              f"devel, beside the stable branch of the same app ID (got {m.get('branch')!r})")
    else:
        check(m.get("branch") in (None, "stable"), name, "branch",
              f"default (stable) branch (got {m.get('branch')!r})")

    args = m.get("finish-args", [])
    for arg in args:
        check(allowlist is not None and arg in allowlist, name, "finish-args",
              f"{arg} is in the list documented in flatpak/README.md")
    check(len(set(args)) == len(args), name, "finish-args", "no duplicates")

    modules = m.get("modules", [])
    names = []
    for i, mod in enumerate(modules):
        if not isinstance(mod, dict):
            check(False, name, f"modules[{i}]", f"inline module (got {mod!r})")
            continue
        names.append(mod.get("name"))
    expected = [n for n in ORDER if n not in OPTIONAL or n in names]
    check(names == expected, name, "modules",
          f"order {' -> '.join(expected)} (got {' -> '.join(map(str, names))})")

    for i, mod in enumerate(modules):
        if not isinstance(mod, dict):
            continue
        mname = mod.get("name")
        sources = mod.get("sources", [])
        check(len(sources) > 0, name, f"modules[{mname}].sources", "at least one source")
        for j, src in enumerate(sources):
            check_source(name, f"modules[{mname}].sources[{j}]", src, devel, flatpak_dir,
                         root, readme)
        opts = mod.get("config-opts", [])
        if mname == "boost":
            check(mod.get("buildsystem") == "simple", name, "modules[boost].buildsystem",
                  "simple (headers only, nothing compiled)")
        elif mname == "libtorrent-rasterbar":
            check(mod.get("buildsystem") == "cmake-ninja", name,
                  "modules[libtorrent-rasterbar].buildsystem", "cmake-ninja")
            check("-DCMAKE_BUILD_TYPE=Release" in opts, name,
                  "modules[libtorrent-rasterbar].config-opts", "-DCMAKE_BUILD_TYPE=Release")
            check("-Ddeprecated-functions=OFF" not in opts, name,
                  "modules[libtorrent-rasterbar].config-opts",
                  "deprecated functions kept (the shim uses ABI-1 alert fields)")
        elif mname == "spate":
            check(mod.get("buildsystem") == "meson", name, "modules[spate].buildsystem", "meson")
            for opt in opts:
                key = opt[2:].split("=", 1)[0] if opt.startswith("-D") else None
                check(key in options, name, "modules[spate].config-opts",
                      f"{opt} names an option of meson_options.txt")
            check("-Dtests=false" in opts, name, "modules[spate].config-opts", "-Dtests=false")
    return m


def main():
    if len(sys.argv) != 2:
        print(__doc__ or "usage: test-flatpak-manifest.py SOURCE_ROOT", file=sys.stderr)
        return 2
    root = sys.argv[1]
    flatpak_dir = os.path.join(root, "flatpak")
    readme, allowlist = read_allowlist(os.path.join(flatpak_dir, "README.md"))
    check(allowlist is not None and len(allowlist) > 0, "flatpak/README.md", "finish-args list",
          f"marked list found: {', '.join(allowlist or [])}")
    options = meson_options(root)

    parsed = {}
    for name, props in MANIFESTS.items():
        parsed[name] = check_manifest(name, props["devel"], flatpak_dir, root, allowlist,
                                      readme, options)

    main_m, devel_m = (parsed[n] for n in MANIFESTS)
    if main_m and devel_m:
        pair = "both manifests"
        for field in ("runtime-version", "finish-args"):
            check(main_m.get(field) == devel_m.get(field), pair, field, "the same in both")

        def deps(m):
            return [mod for mod in m.get("modules", []) if isinstance(mod, dict)
                    and mod.get("name") != "spate"]
        check(deps(main_m) == deps(devel_m), pair, "modules",
              "the same dependency modules, sources and options")

    print()
    if failures:
        print(f"{len(failures)} check(s) failed:")
        for f in failures:
            print(f"  {f}")
        return 1
    print("all Flatpak manifest checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
