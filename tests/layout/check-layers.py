#!/usr/bin/env python3
"""check-layers.py — the tree's architecture, checked (TAP).

Each folder of engine/ is a layer and each folder of app/gui/ an area; a
file may include headers of its own folder and of the folders its folder is
allowed to use (LAYERS below, which HACKING.md draws), never one above or
beside it. The engine never includes GTK. Besides the includes:

  - every #include is at the top of its file, before any code;
  - every function of engine/, app/ and bench/ (so outside tests/ and the
    reference simulator there) is at most MAX_FUNCTION_LINES long;
  - PostgreSQL stays behind the store interface: no ODAN_HAVE_LIBPQ and no
    OdanPgStore type check outside engine/store/pg/, and only the store's
    opener (engine/store/odan-store-open.c) includes a backend's header;
  - every source file with a gettext call is in po/POTFILES.in;
  - meson lists every .c file it builds explicitly (no fs.exists guards).

Usage: check-layers.py SOURCE_ROOT
"""
import os
import re
import sys

# folder -> folders it may include from (its own is always allowed)
LAYERS = {
    'engine/base': [],
    'engine/model': ['engine/base'],
    'engine/sim': ['engine/model', 'engine/base'],
    'engine/store': ['engine/model', 'engine/base'],
    'engine/store/sqlite': ['engine/store', 'engine/model', 'engine/base'],
    'engine/store/pg': ['engine/store', 'engine/model', 'engine/base'],
    'engine/exercise': ['engine/store', 'engine/sim', 'engine/model', 'engine/base'],
    'engine/authoring': ['engine/exercise', 'engine/store', 'engine/sim', 'engine/model', 'engine/base'],
    'engine/review': ['engine/exercise', 'engine/store', 'engine/sim', 'engine/model', 'engine/base'],
    'engine/report': ['engine/review', 'engine/authoring', 'engine/exercise', 'engine/store',
                      'engine/sim', 'engine/model', 'engine/base'],
}
ENGINE = [k for k in LAYERS]
# the teams' browser pages (odan-cli serve): the engine and libsoup
LAYERS['app/serve'] = ENGINE
LAYERS['app/cli'] = ENGINE + ['app/serve']
LAYERS['app/gui/widgets'] = ENGINE
LAYERS['app/gui/team'] = ENGINE + ['app/gui/widgets']
LAYERS['app/gui/review'] = ENGINE + ['app/gui/widgets']
LAYERS['app/gui/authoring'] = ENGINE + ['app/gui/widgets']
LAYERS['app/gui/exercise'] = ENGINE + ['app/gui/widgets', 'app/gui/team', 'app/gui/review']
LAYERS['app/gui/window'] = ENGINE + ['app/gui/widgets', 'app/gui/team', 'app/gui/review',
                                     'app/gui/authoring', 'app/gui/exercise']
LAYERS['app/gui'] = ['app/gui/window']          # main.c

# Only the store's opener sees its backends: everything else, the interface
# odan-store.h/.c included, opens a store by location through it.
PRIVATE = {
    'engine/store/sqlite': ['engine/store/odan-store-open.c'],
    'engine/store/pg': ['engine/store/odan-store-open.c'],
}

MAX_FUNCTION_LINES = 120
# Functions still longer than that, each to be split; the list only shrinks
# (a listed function that has become short enough fails too, so it is
# struck off).
LONG_FUNCTIONS = set()

# Files that still reach past the store interface; the list only shrinks.
PG_OUTSIDE_STORE = set()

# Includes that still cross a line they should not; the list only shrinks.
BAD_INCLUDES = set()

results = []


def check(ok, name, details=()):
    results.append((ok, name, list(details)))


def sources(root, top):
    for d, dirs, files in os.walk(os.path.join(root, top)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(('.c', '.h')):
                yield os.path.relpath(os.path.join(d, f), root)


def folder_of(path):
    return os.path.dirname(path)


def main(root):
    files = list(sources(root, 'engine')) + list(sources(root, 'app'))
    where = {}
    for f in files:
        where.setdefault(os.path.basename(f), []).append(folder_of(f))

    dup = sorted(n for n, ds in where.items() if len(ds) > 1 and n != 'main.c')
    check(not dup, 'header and source names are unique across engine/ and app/',
          ['%s in %s' % (n, ', '.join(where[n])) for n in dup])

    bad = []
    seen_bad = set()
    gtk = []
    unknown = []
    late = []
    for f in files:
        d = folder_of(f)
        if d not in LAYERS:
            unknown.append(f)
            continue
        text = open(os.path.join(root, f), encoding='utf-8').read()
        for m in re.finditer(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', text, re.M):
            line = text.count('\n', 0, m.start()) + 1
            name = m.group(2)
            if m.group(1) == '<':
                if d.startswith('engine/') and re.match(r'(gtk|gdk|adwaita|adw)/|gtk\.h|adwaita\.h', name):
                    gtk.append('%s:%d: #include <%s>' % (f, line, name))
                continue
            target = os.path.normpath(os.path.join(d, name))
            if os.path.exists(os.path.join(root, target)):
                tdir = folder_of(target)
            elif os.path.basename(name) in where:
                tdir = where[os.path.basename(name)][0]
            else:
                continue          # generated (enums, resources) or system
            if tdir == d:
                continue
            key = '%s: %s' % (f, name)
            if key in BAD_INCLUDES:
                seen_bad.add(key)
            elif tdir in PRIVATE:
                if f not in PRIVATE[tdir]:
                    bad.append('%s:%d: %s is private to %s' % (f, line, name, ', '.join(PRIVATE[tdir])))
            elif tdir not in LAYERS[d]:
                bad.append('%s:%d: %s may not include %s (%s)' % (f, line, d, name, tdir))
        body = re.search(r'^\{', text, re.M)
        if body is not None:
            for m in re.finditer(r'^\s*#\s*include\b.*$', text[body.start():], re.M):
                late.append('%s:%d: %s' % (f, text.count('\n', 0, body.start() + m.start()) + 1,
                                           m.group(0).strip()))
    check(not unknown, 'every source folder is a known layer or area', unknown)
    check(not late, 'every #include comes before the code', late)
    check(not bad, 'no upward, sideways or circular include between folders', bad)
    check(not (BAD_INCLUDES - seen_bad), 'the list of includes still to fix is up to date',
          sorted(BAD_INCLUDES - seen_bad))
    check(not gtk, 'the engine never includes GTK or libadwaita', gtk)

    # Function lengths: GNU style puts a function's name at column 0 and its
    # braces alone at column 0.
    long_ones = {}
    for f in files + list(sources(root, 'bench')):
        if not f.endswith('.c'):
            continue
        lines = open(os.path.join(root, f), encoding='utf-8').read().split('\n')
        name = None
        start = None
        for i, l in enumerate(lines):
            # the last "name (" of a line at column 0 that is no
            # preprocessor line, comment or brace: the function's name,
            # whether its return type is on the line before or the same one
            if start is None and l and not l[0].isspace() and l[0] not in '#/*{}':
                names = re.findall(r'([A-Za-z_][A-Za-z0-9_]*)\s*\(', l)
                if names:
                    name = names[-1]
            if l == '{' and name is not None and start is None:
                start = i
            elif l.startswith('}') and start is not None:
                n = i - start + 1
                if n > MAX_FUNCTION_LINES:
                    long_ones['%s:%s' % (f, name)] = n
                name = None
                start = None
    new_long = sorted(k for k in long_ones if k not in LONG_FUNCTIONS)
    fixed = sorted(k for k in LONG_FUNCTIONS if k not in long_ones)
    check(not new_long, 'no function longer than %d lines' % MAX_FUNCTION_LINES,
          ['%s: %d lines' % (k, long_ones[k]) for k in new_long])
    check(not fixed, 'the list of functions still to split is up to date',
          ['%s is short now: strike it off LONG_FUNCTIONS' % k for k in fixed])

    pg = set()
    for f in files:
        if f.startswith('engine/store/pg/'):
            continue
        text = open(os.path.join(root, f), encoding='utf-8').read()
        if re.search(r'ODAN_HAVE_LIBPQ|ODAN_IS_PG_STORE|ODAN_PG_STORE\b|OdanPgStore\b', text):
            pg.add(f)
    check(not (pg - PG_OUTSIDE_STORE), 'PostgreSQL stays behind the store interface',
          sorted(pg - PG_OUTSIDE_STORE))
    check(not (PG_OUTSIDE_STORE - pg), 'the list of files past the store interface is up to date',
          sorted(PG_OUTSIDE_STORE - pg))

    pot = set(l.strip() for l in open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8')
              if l.strip() and not l.startswith('#'))
    missing = []
    for f in files:
        if f.endswith('.c'):
            text = open(os.path.join(root, f), encoding='utf-8').read()
            if re.search(r'\b(_|N_|C_|NC_|g_dgettext|g_dngettext|ngettext)\s*\(', text) and f not in pot:
                missing.append(f)
    gone = sorted(p for p in pot if not os.path.exists(os.path.join(root, p)))
    check(not missing, 'every file with a gettext call is in po/POTFILES.in', missing)
    check(not gone, 'every file in po/POTFILES.in exists', gone)

    guarded = []
    for d, dirs, fs in os.walk(root):
        if os.path.relpath(d, root).split(os.sep)[0] in ('build', '.git') or '/build' in d:
            dirs[:] = []
            continue
        for fn in fs:
            if fn == 'meson.build':
                p = os.path.join(d, fn)
                if 'fs.exists' in open(p, encoding='utf-8').read():
                    guarded.append(os.path.relpath(p, root))
    check(not guarded, 'meson builds an explicit list of sources (no fs.exists)', guarded)

    print('1..%d' % len(results))
    failed = 0
    for i, (ok, name, details) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        for det in details:
            print('# ' + det)
        failed += not ok
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))
