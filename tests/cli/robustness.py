#!/usr/bin/env python3
"""Damaged inputs never crash reviewkit: deterministic mutations (truncations, flipped bytes,
deleted and repeated chunks) of a letter template and of the sample case file, each run through
render, fill and validate. Every run must end with status 0 or 1 (a message), never a signal or
an internal error.   python3 robustness.py BUILD/reviewkit REPO"""
import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile

binary, repo = sys.argv[1], sys.argv[2]
random.seed(2026)
work = tempfile.mkdtemp()
failures = 0


def mutate(data, mode):
    data = bytearray(data)
    if not data:
        return data
    if mode == 0:
        return data[:random.randint(0, len(data))]
    if mode == 1:
        for _ in range(10):
            data[random.randrange(len(data))] = random.choice(b' :-\n\t"\'[]{}<>&*!|%#,ab1\xff\x00')
        return data
    i = random.randrange(len(data))
    if mode == 2:
        del data[i:i + random.randint(1, 300)]
        return data
    data[i:i] = data[i:i + random.randint(1, 500)]
    return data


def check(args, what):
    global failures
    r = subprocess.run([binary] + args, capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        failures += 1
        print('FAIL: %s: reviewkit %s exited %d: %s' % (what, ' '.join(args), r.returncode, r.stderr[-300:]))


template = open(os.path.join(repo, 'templates/letters/imr-request.docx'), 'rb').read()
parts = {}
with zipfile.ZipFile(io.BytesIO(template)) as z:
    for name in z.namelist():
        parts[name] = z.read(name)
case = os.path.join(repo, 'samples/child-a/case.yaml')
for trial in range(24):
    damaged = dict(parts)
    name = random.choice(sorted(parts))
    damaged[name] = bytes(mutate(parts[name], trial % 4))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, d in damaged.items():
            z.writestr(n, d)
    docx = os.path.join(work, 't.docx')
    open(docx, 'wb').write(out.getvalue())
    check(['render', docx, '-o', os.path.join(work, 't.pdf')], 'damaged %s (trial %d)' % (name, trial))
    check(['fill', docx, case, '-o', os.path.join(work, 'f.docx'), '--lenient'], 'damaged %s (trial %d)' % (name, trial))
    whole = bytes(mutate(template, trial % 4))
    open(docx, 'wb').write(whole)
    check(['render', docx, '-o', os.path.join(work, 't.pdf')], 'damaged zip (trial %d)' % trial)

source = open(case, 'rb').read()
folder = os.path.join(work, 'case')
os.makedirs(folder)
for trial in range(24):
    open(os.path.join(folder, 'case.yaml'), 'wb').write(bytes(mutate(source, trial % 4)))
    check(['validate', os.path.join(folder, 'case.yaml')], 'damaged case file (trial %d)' % trial)

if failures:
    print('robustness: %d runs failed' % failures)
    sys.exit(1)
print('robustness: every damaged input gave a message, none crashed')
