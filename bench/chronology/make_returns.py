#!/usr/bin/env python3
"""Makes the chronology benchmark's input: N agency returns of M entries each, as DOCX filled in
Word (the sample returns' Word XML: runs split mid-word, proofing marks, rsids, a table split in two
with its heading row pasted again, cells of two paragraphs), for the sample case's agencies in turn.

    python3 bench/chronology/make_returns.py OUTDIR [N=20] [M=500]

The entries are the sample case's own (samples/child-a/case.yaml), repeated with their dates spread
over the period under review, so every name, person and agency is the case's and each return
checks clean against it."""
import datetime
import importlib.util
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
spec = importlib.util.spec_from_file_location('make_returns', os.path.join(ROOT, 'samples/child-a/returns/make-returns.py'))
mr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mr)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    m = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    os.makedirs(out, exist_ok=True)
    agencies = [a['abbreviation'] for a in mr.CASE['agencies']]
    start = mr.as_date(mr.PERIOD['from'])
    days = (mr.as_date(mr.PERIOD['to']) - start).days + 1
    entries = mr.ENTRIES
    for r in range(n):
        agency = agencies[r % len(agencies)]
        rows = []
        for i in range(m):
            e = dict(entries[(r * 7 + i) % len(entries)])
            e['agency'] = agency
            e['date'] = (start + datetime.timedelta(days=(i * days) // m)).isoformat()
            e.pop('date_estimated', None)
            rows.append(mr.row_for(e))
        word = mr.Word(['00B21F4C', '003A7D12', '005E9C31'], split=True, proof=('MASH',), seed=r)
        meta = {'creator': 'Northbrook SCB', 'modified_by': 'Agency author', 'created': '2025-03-04T09:12:00Z',
                'modified': '2025-03-28T10:00:00Z', 'revision': 3, 'company': 'Northbrook'}
        data = mr.chronolator_docx(
            word, rows, lambda row: mr.dmy(row['date']),
            [('Agency: ', '%s (%s)' % (mr.AGENCIES[agency]['name'], agency)), ('Completed by: ', 'Agency author'),
             ('Date completed: ', '28/03/2025')],
            mr.CHRONOLATOR_GRID, 1134, meta, split_after=m // 2, blank_rows=1)
        with open(os.path.join(out, 'return-%02d-%s.docx' % (r + 1, agency)), 'wb') as f:
            f.write(data)
    print('bench: %d returns of %d entries in %s' % (n, m, out))


if __name__ == '__main__':
    main()
