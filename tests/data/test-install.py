#!/usr/bin/env python3
# Installs Spate into a temporary DESTDIR and checks what a distribution
# would ship: binaries that run, a valid desktop file, metainfo, schema,
# D-Bus service, icons and translations, and that GIO then offers Spate
# for .torrent files and magnet links.
#
# Copyright 2026 The Spate authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.spate.Spate'
DESKTOP_ID = APP_ID + '.desktop'
MIME_TYPES = ('x-scheme-handler/magnet', 'application/x-bittorrent')

failures = []


def check(ok, what, detail=''):
    if ok:
        print(f'ok - {what}')
    else:
        print(f'FAIL - {what}' + (f': {detail}' if detail else ''))
        failures.append(what)
    return ok


def run(argv, env=None, timeout=60):
    """Runs argv, bounded in time; returns (returncode, output)."""
    try:
        proc = subprocess.run(argv, env=env, timeout=timeout, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except subprocess.TimeoutExpired as e:
        out = e.output.decode(errors='replace') if isinstance(e.output, bytes) else (e.output or '')
        return None, f'{argv[0]} did not finish within {timeout} s\n{out}'
    except OSError as e:
        return None, f'could not run {argv[0]}: {e}'
    return proc.returncode, proc.stdout


def under(destdir, path):
    return os.path.join(destdir, path.lstrip('/'))


def read_desktop_entry(path, group):
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return parser[group] if parser.has_section(group) else {}


def clean_env(**extra):
    """An environment without the caller's display, session bus or desktop."""
    env = {k: v for k, v in os.environ.items()
           if k not in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS',
                        'XDG_CURRENT_DESKTOP', 'XDG_DATA_DIRS', 'XDG_DATA_HOME',
                        'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS', 'GSETTINGS_SCHEMA_DIR')}
    env.update(LC_ALL='C.UTF-8', LANGUAGE='', GSETTINGS_BACKEND='memory', G_DEBUG='')
    env.update(extra)
    return env


def gio_mime_sections(output):
    """Parses "gio mime TYPE": the default and the applications under each heading."""
    default = None
    sections = {}
    current = None
    for line in output.splitlines():
        if line.startswith('\t') or line.startswith('  '):
            if current is not None:
                sections[current].append(line.strip())
        elif line.startswith('Default application'):
            default = line.rsplit(':', 1)[1].strip()
            current = None
        elif line.endswith(':'):
            current = line[:-1].strip()
            sections[current] = []
    return default, sections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--meson', required=True, nargs='+', help='the meson command')
    ap.add_argument('--builddir', required=True)
    ap.add_argument('--prefix', required=True)
    ap.add_argument('--bindir', required=True)
    ap.add_argument('--datadir', required=True)
    ap.add_argument('--localedir', required=True)
    ap.add_argument('--version', required=True)
    ap.add_argument('--linguas', help='po/LINGUAS, the languages to expect')
    args = ap.parse_args()

    def installed(option):
        return option if os.path.isabs(option) else os.path.join(args.prefix, option)

    bindir = installed(args.bindir)
    datadir = installed(args.datadir)
    localedir = installed(args.localedir)

    with tempfile.TemporaryDirectory(prefix='spate-install-') as tmp:
        destdir = os.path.join(tmp, 'destdir')
        rc, out = run(args.meson + ['install', '-C', args.builddir, '--destdir', destdir,
                                    '--no-rebuild', '--quiet'], env=clean_env(), timeout=300)
        if not check(rc == 0, f'meson install into {destdir}', out):
            return 1

        bin_dir = under(destdir, bindir)
        share = under(destdir, datadir)

        for name in ('spate', 'spate-cli'):
            path = os.path.join(bin_dir, name)
            check(os.path.isfile(path) and os.access(path, os.X_OK),
                  f'{bindir}/{name} is installed and executable', f'no {path}')

        # The desktop file.
        desktop = os.path.join(share, 'applications', DESKTOP_ID)
        if check(os.path.isfile(desktop), f'{datadir}/applications/{DESKTOP_ID} is installed'):
            validate = shutil.which('desktop-file-validate')
            if validate:
                rc, out = run([validate, desktop])
                check(rc == 0 and not out.strip(), 'desktop-file-validate accepts it', out)
            else:
                print('# desktop-file-validate not found; install desktop-file-utils')
            entry = read_desktop_entry(desktop, 'Desktop Entry')
            exec_line = entry.get('Exec', '')
            check(exec_line.split(' ')[0] == f'{bindir}/spate',
                  'its Exec names the installed spate', f'Exec={exec_line}')
            check(entry.get('Icon') == APP_ID, 'its Icon is the application ID',
                  f'Icon={entry.get("Icon")}')
            mime = [m for m in entry.get('MimeType', '').split(';') if m]
            for mime_type in MIME_TYPES:
                check(mime_type in mime, f'it handles {mime_type}', f'MimeType={mime}')

        # AppStream metainfo.
        metainfo = os.path.join(share, 'metainfo', APP_ID + '.metainfo.xml')
        if check(os.path.isfile(metainfo), f'{datadir}/metainfo/{APP_ID}.metainfo.xml is installed'):
            try:
                root = ET.parse(metainfo).getroot()
                check(root.findtext('id') == APP_ID, 'the metainfo names the application ID',
                      f'<id>{root.findtext("id")}</id>')
                check(root.findtext('launchable') == DESKTOP_ID,
                      'the metainfo launches the installed desktop file',
                      f'<launchable>{root.findtext("launchable")}</launchable>')
                release = root.find('releases/release')
                check(release is not None and release.get('version') == args.version,
                      f'the newest release in the metainfo is {args.version}',
                      f'found {release.get("version")}' if release is not None else 'no <release>')
            except ET.ParseError as e:
                check(False, 'the metainfo is well-formed XML', str(e))

        # GSettings schema, compiled the way a package's trigger would.
        schemas = os.path.join(share, 'glib-2.0', 'schemas')
        schema = os.path.join(schemas, APP_ID + '.gschema.xml')
        schemas_ok = False
        if check(os.path.isfile(schema), f'{datadir}/glib-2.0/schemas/{APP_ID}.gschema.xml is installed'):
            rc, out = run(['glib-compile-schemas', '--strict', schemas])
            schemas_ok = check(rc == 0, 'glib-compile-schemas --strict accepts the installed schemas', out)

        # D-Bus activation.
        service = os.path.join(share, 'dbus-1', 'services', APP_ID + '.service')
        if check(os.path.isfile(service), f'{datadir}/dbus-1/services/{APP_ID}.service is installed'):
            entry = read_desktop_entry(service, 'D-BUS Service')
            check(entry.get('Name') == APP_ID, 'the service has the application ID as its name',
                  f'Name={entry.get("Name")}')
            exec_argv = entry.get('Exec', '').split()
            check(bool(exec_argv) and exec_argv[0] == f'{bindir}/spate',
                  'the service starts the installed spate', f'Exec={entry.get("Exec")}')

        # Icons.
        for path in (f'icons/hicolor/scalable/apps/{APP_ID}.svg',
                     f'icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg'):
            full = os.path.join(share, path)
            ok = os.path.isfile(full)
            if ok:
                try:
                    ok = ET.parse(full).getroot().tag.endswith('svg')
                except ET.ParseError:
                    ok = False
            check(ok, f'{datadir}/{path} is installed and is an SVG')

        # Translations.
        languages = {'de', 'fr'}
        if args.linguas:
            with open(args.linguas, encoding='utf-8') as f:
                languages |= {w for line in f for w in line.split('#', 1)[0].split()}
        for lang in sorted(languages):
            mo = os.path.join(under(destdir, localedir), lang, 'LC_MESSAGES', 'spate.mo')
            check(os.path.isfile(mo) and os.path.getsize(mo) > 0,
                  f'{localedir}/{lang}/LC_MESSAGES/spate.mo is installed')

        # The installed binaries run.
        run_env = clean_env()
        if schemas_ok:
            run_env['GSETTINGS_SCHEMA_DIR'] = schemas
        for name, expected in (('spate', f'Spate {args.version}'), ('spate-cli', args.version)):
            path = os.path.join(bin_dir, name)
            if os.path.isfile(path):
                rc, out = run([path, '--version'], env=run_env, timeout=30)
                check(rc == 0 and expected in out,
                      f'the installed {name} --version prints {args.version}',
                      f'exit status {rc}, output: {out.strip()!r}')

        # GIO finds Spate for torrents and magnet links through the installed
        # desktop file, and it can become the default.
        gio = shutil.which('gio')
        if not gio:
            check(False, 'gio is available (libglib2.0-bin)')
        elif os.path.isfile(desktop):
            xdg_data_home = os.path.join(tmp, 'data-home')
            xdg_config_home = os.path.join(tmp, 'config-home')
            os.makedirs(xdg_data_home)
            os.makedirs(xdg_config_home)
            # GIO ignores a desktop file whose Exec program does not exist, and
            # the installed one names {bindir}/spate, which only exists under
            # DESTDIR. A copy with just that path moved there comes first.
            overlay = os.path.join(tmp, 'overlay')
            os.makedirs(os.path.join(overlay, 'applications'))
            with open(desktop, encoding='utf-8') as f:
                text = f.read()
            moved = text.replace(f'={bindir}/', f'={bin_dir}/')
            check(moved != text, f'the desktop file names {bindir}/ (to move under DESTDIR)')
            with open(os.path.join(overlay, 'applications', DESKTOP_ID), 'w', encoding='utf-8') as f:
                f.write(moved)

            # What the post-install step or a package's trigger does.
            for applications in (os.path.join(share, 'applications'),
                                 os.path.join(overlay, 'applications')):
                rc, out = run(['update-desktop-database', applications])
                check(rc == 0, f'update-desktop-database {applications}', out)

            gio_env = clean_env(XDG_DATA_DIRS=f'{overlay}:{share}:/usr/share',
                                XDG_DATA_HOME=xdg_data_home,
                                XDG_CONFIG_HOME=xdg_config_home,
                                XDG_CONFIG_DIRS=os.path.join(tmp, 'config-dirs'),
                                HOME=tmp)

            for mime_type in MIME_TYPES:
                rc, out = run([gio, 'mime', mime_type], env=gio_env)
                _, sections = gio_mime_sections(out or '')
                registered = sections.get('Registered applications', [])
                check(rc == 0 and DESKTOP_ID in registered,
                      f'gio mime {mime_type} lists {DESKTOP_ID} as registered', out)

            mime_type = MIME_TYPES[0]
            rc, out = run([gio, 'mime', mime_type, DESKTOP_ID], env=gio_env)
            if check(rc == 0, f'gio mime {mime_type} {DESKTOP_ID} makes Spate the default', out):
                rc, out = run([gio, 'mime', mime_type], env=gio_env)
                default, _ = gio_mime_sections(out or '')
                check(rc == 0 and default == DESKTOP_ID,
                      f'gio mime {mime_type} then names {DESKTOP_ID} the default', out)

    if failures:
        print(f'{len(failures)} check(s) failed: ' + '; '.join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
