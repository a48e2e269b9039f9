#!/usr/bin/env python3
"""Makes a long report for the PDF benchmark: headings, numbered paragraphs and a 2,000-row table
with a repeated header row, about 300 pages.   python3 make_report.py OUT.docx"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'templates', 'letters'))
import make_letters as ml  # noqa: E402

out = sys.argv[1]
body = []
for section in range(1, 321):
    body.append(('p', 'Section %d: agency involvement' % section, {'style': 'Heading1'}))
    for k in range(1, 9):
        body.append(ml.P('%d.%d The agency saw the family on several occasions during this period. Each contact is '
                         'recorded in the merged chronology, and the analysis below considers what was known, what '
                         'was done, and what could have been done differently at each point.' % (section, k),
                         align='both'))
rows = [['Date', 'Agency', 'Event', 'Response']]
for i in range(1, 2001):
    rows.append(['%02d/%02d/2024' % (i % 28 + 1, i % 12 + 1), ['CSC', 'Police', 'HV', 'GP'][i % 4],
                 'Contact number %d with the family; the child was seen and the parent spoke about the week.' % i,
                 'Recorded and shared with the allocated social worker.'])
body.append(('table', rows, [1500, 1200, 3600, 3000]))
ml.HERE = os.path.dirname(os.path.abspath(out))
ml.build(os.path.basename(out), 'Benchmark report', body, 99)
