#!/usr/bin/env python3
"""check-po.py — po/ja.po is complete (TAP).

  1. every message of ja.po is translated and none is fuzzy
     (msgfmt --statistics -c);
  2. every message of the sources (xgettext over POTFILES.in, with the
     keywords meson's i18n glib preset and po/meson.build give) has its
     translation in ja.po (msgcmp: missing, untranslated or fuzzy fail).

A string added to the sources without its Japanese fails here, so the
interface and the report never show English to a Japanese facilitator.

Usage: check-po.py SOURCE_ROOT SCRATCH_DIR
"""
import os
import re
import subprocess
import sys

# meson's i18n preset 'glib' (mesonbuild/modules/i18n.py); po/meson.build adds
# its own args (read below).
GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

n = 0
failed = False


def check(ok, name, details=''):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
    for line in details.strip().splitlines():
        print('# ' + line)
    failed = failed or not ok


def main():
    root, scratch = sys.argv[1], sys.argv[2]
    po = os.path.join(root, 'po')
    ja = os.path.join(po, 'ja.po')
    os.makedirs(scratch, exist_ok=True)
    print('1..3')

    stats = subprocess.run(['msgfmt', '--statistics', '-c', '-o', os.devnull, ja],
                           capture_output=True, text=True)
    check(stats.returncode == 0, 'ja.po is valid (msgfmt -c)', stats.stderr)
    check(re.search(r'fuzzy|untranslated', stats.stderr) is None,
          'every message of ja.po is translated, none fuzzy', stats.stderr)

    args = re.findall(r"'(--[^']+)'", open(os.path.join(po, 'meson.build'), encoding='utf-8').read())
    pot = os.path.join(scratch, 'odan.pot')
    xgettext = subprocess.run(['xgettext', '--package-name=odan', '--directory=' + root,
                               '--files-from=' + os.path.join(po, 'POTFILES.in'),
                               '-o', pot] + GLIB_PRESET + args,
                              capture_output=True, text=True)
    if xgettext.returncode != 0:
        check(False, 'ja.po has every message of the sources', xgettext.stderr)
    else:
        cmp = subprocess.run(['msgcmp', '-N', ja, pot], capture_output=True, text=True)
        check(cmp.returncode == 0, 'ja.po has every message of the sources', cmp.stderr)
    return 1 if failed else 0


sys.exit(main())
