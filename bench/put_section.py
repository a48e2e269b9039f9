"""Puts a benchmark's section into docs/performance.md: replaces the text between its markers
(<!-- NAME: ... --> and <!-- /NAME -->), or appends it when the page has none yet. Every script in
bench/ writes its figures through here."""
import os
import re


def put(path, name, section):
    text = open(path).read() if os.path.exists(path) else (
        "# Performance\n\nEvery figure here comes from a script in bench/, run on the machine named beside it.\n\n")
    marker = re.compile(r'<!-- %s:.*?<!-- /%s -->' % (re.escape(name), re.escape(name)), re.S)
    if marker.search(text):
        text = marker.sub(lambda m: section, text)
    else:
        text = text.rstrip() + '\n\n' + section + '\n'
    open(path, 'w').write(text)
    print('bench: wrote', path)
