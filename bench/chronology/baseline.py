#!/usr/bin/env python3
"""The least a script can do of the same job, for comparison: read every return's Word tables with
Python's standard library (zipfile, ElementTree), take each row's cells, parse the day-first date,
sort all entries by date, time and agency, and write one CSV. It checks nothing, reports nothing,
does not anonymise and writes no analysis: a floor, not a rival.

    python3 bench/chronology/baseline.py OUT.csv RETURN.docx..."""
import csv
import datetime
import sys
import xml.etree.ElementTree as ET
import zipfile

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


def rows_of(path):
    root = ET.fromstring(zipfile.ZipFile(path).read('word/document.xml'))
    for tbl in root.iter(W + 'tbl'):
        for tr in tbl.iter(W + 'tr'):
            cells = []
            for tc in tr.findall(W + 'tc'):
                paras = [''.join(t.text or '' for t in p.iter(W + 't')) for p in tc.iter(W + 'p')]
                cells.append('\n'.join(x for x in paras if x))
            if not cells or cells[0] == 'Date' or not cells[0]:
                continue
            try:
                d = datetime.datetime.strptime(cells[0].lstrip('?'), '%d/%m/%Y').date()
            except ValueError:
                continue
            yield d, cells


def main():
    entries = []
    for path in sys.argv[2:]:
        entries.extend(rows_of(path))
    entries.sort(key=lambda e: (e[0], e[1][1] != '', e[1][1], e[1][2]))
    with open(sys.argv[1], 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f)
        for d, cells in entries:
            w.writerow(cells)
    print('baseline: %d entries' % len(entries))


if __name__ == '__main__':
    main()
