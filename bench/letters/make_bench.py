#!/usr/bin/env python3
"""Makes the benchmark's inputs: one letter template written twice, in reviewkit's tags and in
docxtemplater's, and the same data for N recipients as YAML (reviewkit) and JSON (docxtemplater).

    python3 make_bench.py OUTDIR N
"""
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'templates', 'letters'))
import make_letters as ml  # noqa: E402  (the letter templates' own docx writer)

out, n = sys.argv[1], int(sys.argv[2])

# The same letter in both languages: values, a condition, a paragraph loop and a table row loop.
def body(style):
    rk = style == 'reviewkit'
    v = (lambda x: '{{ %s }}' % x) if rk else (lambda x: '{%s}' % x)
    loop_open = (lambda var, lst: '{%% for %s in %s %%}' % (var, lst)) if rk else (lambda var, lst: '{#%s}' % lst)
    loop_close = (lambda: '{% endfor %}') if rk else (lambda lst: '{/%s}' % lst)
    item = (lambda var, f: '{{ %s.%s }}' % (var, f)) if rk else (lambda var, f: '{%s}' % f)
    if_open = '{% if recipient.urgent %}' if rk else '{#recipient.urgent}'
    if_close = '{% endif %}' if rk else '{/recipient.urgent}'
    close = loop_close if rk else None
    return [
        ml.P(v('recipient.name'), style='Address'),
        ml.P(v('recipient.address'), style='Address'),
        ml.GAP(),
        ml.P('Dear ' + v('recipient.salutation') + ','),
        ml.P('Re: ' + v('review.reference') + ', ' + v('child.pseudonym'), style='Subject'),
        ml.P(if_open + 'This request is urgent. ' + if_close + 'I am writing to ask ' + v('recipient.agency') +
             ' for its agency report on ' + v('child.pseudonym') + ' by ' + v('review.due') + '.'),
        ml.P('The panel will consider these questions:'),
        ml.P(loop_open('q', 'questions')),
        ml.BULLET(item('q', 'text')),
        ml.P(loop_close() if rk else loop_close('questions')),
        ('table', [['Date', 'Venue'],
                   [loop_open('m', 'meetings') + item('m', 'date'), item('m', 'venue') + (loop_close() if rk else loop_close('meetings'))]],
         [3000, 6000]),
        ml.GAP(),
        ml.P('Yours sincerely'),
        ml.P(v('sender'), style='Address'),
    ]

def header_for(style):
    v = (lambda x: '{{ %s }}' % x) if style == 'reviewkit' else (lambda x: '{%s}' % x)
    def header(rsid):
        return ml.HEAD + '<w:hdr %s>' % ml.W + ml.para('RESTRICTED', rsid, style='Header', bold=True, align='right') + \
            ml.para(v('board'), rsid, style='Letterhead') + '</w:hdr>'
    def footer(rsid):
        return ml.HEAD + '<w:ftr %s>' % ml.W + ml.para('Ref: ' + v('review.reference'), rsid, style='Footer') + '</w:ftr>'
    return header, footer


os.makedirs(out, exist_ok=True)
for style in ('reviewkit', 'docxtemplater'):
    ml.HERE = out
    ml.header_xml, ml.footer_xml = header_for(style)
    ml.build('%s.docx' % style, 'Benchmark letter', body(style), 4242)

# docxtemplater resolves "recipient.name" only with its angular-like parser; give it flat names per item.
recipients = []
for i in range(n):
    recipients.append({
        'name': 'Ms Example Person %d' % (i + 1),
        'salutation': 'Ms Person',
        'address': '%d Example Street\nLowfield LF%d %dQT' % (i + 1, i % 9 + 1, i % 7 + 1),
        'agency': ['Northbrook Police', 'Children\'s Social Care', 'Health Visiting'][i % 3],
        'urgent': i % 4 == 0,
    })
common = {
    'review': {'reference': 'NSCB/SCR/2025/07', 'due': '30 May 2025'},
    'child': {'pseudonym': 'Child A'},
    'questions': [{'text': 'How well did agencies share information about domestic abuse?'},
                  {'text': 'Was the child seen and heard?'},
                  {'text': 'Were assessments timely and did they lead to plans?'}],
    'meetings': [{'date': '3 March 2025', 'venue': 'Civic Offices'}, {'date': '14 April 2025', 'venue': 'Civic Offices'}],
    'sender': 'Board Business Manager',
    'board': 'Northbrook Safeguarding Children Board',
}
with open(os.path.join(out, 'data.json'), 'w') as f:
    json.dump(dict(common, recipients=recipients), f)
with open(os.path.join(out, 'data.yaml'), 'w') as f:
    # JSON is YAML; reviewkit reads it as it is.
    json.dump(dict(common, recipients=recipients), f, indent=1)
