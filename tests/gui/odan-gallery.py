#!/usr/bin/env python3
"""odan-gallery — every page, dialog and window of odan as PNGs, in both
languages and at the sizes a facilitator projects (1280×800, 1920×1080).

    odan-gallery.py BUILD_DIR OUTPUT_DIR [--size WxH]... [--language C|ja]... [--only NAME]...

Runs build/tests/gui/odan-screenshot once per picture on the Kanto pack and
writes OUTPUT_DIR/<size>/<language>/<name>.png. It needs a display (run it
under `xvfb-run -a`, as `ninja -C build gallery` does) and starts its own
D-Bus session so that GTK has the bus it asks for.

It fails (exit 1, naming the picture and the line) when a run exits non-zero
or prints any GLib/GTK warning or critical: the UI suite runs it as the test
`gallery`, so a warning anywhere in the set fails the suite.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# (name, pack, arguments of odan-screenshot before OUTPUT.png). EXERCISE is
# replaced by a fresh exercise file for each run. A new page or dialog gets
# its line here, and so is in the gallery and under test at once.
KANTO = 'kanto'
SHOTS = [
    ('launch', None, ['--empty']),
    ('pack', KANTO, []),
    ('console', KANTO, ['--exercise', 'EXERCISE']),
    ('sectors', KANTO, ['--exercise', 'EXERCISE', '--steps', '20', '--sectors']),
    ('graph', KANTO, ['--exercise', 'EXERCISE', '--steps', '20', '--view', 'graph']),
    ('graph-node', KANTO, ['--exercise', 'EXERCISE', '--steps', '20', '--graph', 'water.supply.tokyo-23']),
    ('situation', KANTO, ['--exercise', 'EXERCISE', '--steps', '40', '--situation']),
    ('situation-all', KANTO, ['--exercise', 'EXERCISE', '--steps', '40', '--situation', '--situation-all']),
    ('decisions', KANTO, ['--exercise', 'EXERCISE', '--decisions']),
    ('adhoc-dialog', KANTO, ['--exercise', 'EXERCISE', '--adhoc']),
    ('teams', KANTO, ['--exercise', 'EXERCISE', '--steps', '30', '--team', 'power-ceptoar', '--teams']),
    ('team-window', KANTO, ['--exercise', 'EXERCISE', '--steps', '8', '--team', 'power-ceptoar']),
    ('decision-business-continuity', KANTO,
     ['--exercise', 'EXERCISE', '--team', 'power-ceptoar', '--decision', 'business-continuity']),
    ('decision-disclosure', KANTO,
     ['--exercise', 'EXERCISE', '--team', 'power-ceptoar', '--decision', 'disclosure']),
    ('decision-ministry-report', KANTO,
     ['--exercise', 'EXERCISE', '--team', 'mic', '--decision', 'ministry-report']),
    ('decision-information-sharing', KANTO,
     ['--exercise', 'EXERCISE', '--steps', '8', '--team', 'power-ceptoar', '--decision', 'information-sharing']),
    ('review-timeline', KANTO, ['--exercise', 'EXERCISE', '--steps', '12', '--review']),
    ('review-measures', KANTO, ['--exercise', 'EXERCISE', '--steps', '12', '--review', '--review-section', 'measures']),
    ('review-observations', KANTO,
     ['--exercise', 'EXERCISE', '--steps', '12', '--review', '--review-section', 'observations']),
    ('review-plan', KANTO, ['--exercise', 'EXERCISE', '--steps', '12', '--review', '--review-section', 'plan']),
    ('shortcuts', KANTO, ['--shortcuts']),
    ('msel-import', KANTO, ['--import', 'tests/authoring/msel/hseep-example.csv']),
] + [('editor-' + page, None, ['--editor', 'scenarios/kanto', '--page', page])
     for page in ('injects', 'mitigations', 'pools', 'teams', 'nodes', 'dependencies', 'sectors', 'preview')]

WARNING = re.compile(r'-(WARNING|CRITICAL) \*\*|^\*\*$|(Warning|Critical): ')


def environment(build, source, language):
    env = dict(os.environ)
    env.update({
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': os.path.join(build, 'data'),
        'ODAN_LOCALEDIR': os.path.join(build, 'po'),
        'ODAN_SCENARIOS': os.path.join(source, 'scenarios'),
        'GSK_RENDERER': 'cairo',
        'GDK_DEBUG': 'gl-disable',
        'GTK_A11Y': 'none',
        'LC_ALL': 'C.UTF-8',
        'LANGUAGE': language,
        'NO_AT_BRIDGE': '1',
    })
    return env


def main():
    parser = argparse.ArgumentParser(description='Render the odan gallery.')
    parser.add_argument('build')
    parser.add_argument('output')
    parser.add_argument('--size', action='append', default=[])
    parser.add_argument('--language', action='append', default=[])
    parser.add_argument('--only', action='append', default=[])
    args = parser.parse_args()

    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        # as the other UI tests: skip without a display, fail under CI
        print('odan-gallery: no display; run it under xvfb-run -a', file=sys.stderr)
        return 1 if os.environ.get('CI') else 77

    if 'DBUS_SESSION_BUS_ADDRESS' not in os.environ and shutil.which('dbus-run-session'):
        os.execvp('dbus-run-session', ['dbus-run-session', '--', sys.executable] + sys.argv)

    build = os.path.abspath(args.build)
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    program = os.path.join(build, 'tests', 'gui', 'odan-screenshot')
    sizes = args.size or ['1280x800', '1920x1080']
    languages = args.language or ['C', 'ja']
    shots = [s for s in SHOTS if not args.only or s[0] in args.only]
    if args.only and len(shots) != len(args.only):
        print('odan-gallery: unknown picture in --only; the pictures are: '
              + ', '.join(s[0] for s in SHOTS), file=sys.stderr)
        return 2
    failures = []
    count = 0
    with tempfile.TemporaryDirectory(prefix='odan-gallery-') as scratch:
        for size in sizes:
            width, height = size.split('x')
            for language in languages:
                folder = os.path.join(args.output, size, 'ja' if language.startswith('ja') else 'en')
                os.makedirs(folder, exist_ok=True)
                env = environment(build, source, language)
                for name, pack, options in shots:
                    png = os.path.join(folder, name + '.png')
                    exercise = os.path.join(scratch, name + '.odan')
                    argv = [program, '--width', width, '--height', height]
                    argv += [exercise if o == 'EXERCISE' else
                             os.path.join(source, o) if o.startswith(('tests/', 'scenarios/')) else o
                             for o in options]
                    argv.append(png)
                    if pack is not None:
                        argv.append(os.path.join(source, 'scenarios', pack))
                    run = subprocess.run(argv, env=env, cwd=scratch, capture_output=True, text=True)
                    count += 1
                    where = '%s/%s/%s' % (size, os.path.basename(folder), name)
                    if run.returncode != 0:
                        failures.append('%s: exit %d: %s' % (where, run.returncode, run.stderr.strip()))
                        continue
                    for line in (run.stderr + run.stdout).splitlines():
                        if WARNING.search(line):
                            failures.append('%s: %s' % (where, line.strip()))
                    print('%s -> %s' % (where, png), flush=True)
    for failure in failures:
        print('FAIL ' + failure, file=sys.stderr)
    print('%d pictures, %d problems' % (count, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
