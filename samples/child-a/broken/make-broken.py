#!/usr/bin/env python3
"""Makes the broken copies of the sample case: each is case.yaml with the mistakes people make.

    python3 samples/child-a/broken/make-broken.py            # write the broken copies
    python3 samples/child-a/broken/make-broken.py --refresh  # and their .expected messages
                                                             # (needs build/reviewkit)

tests/cli/sample_end_to_end.sh checks that `reviewkit validate` exits 1 on each and prints
exactly its .expected file.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SOURCE = open(os.path.join(HERE, '..', 'case.yaml'), encoding='utf-8').read()

BROKEN = {
    'misspelt-keys': [
        ('  incident_kind: death', '  incident_type: death'),
        ('    name: Declan Quinn\n    pseudonym: Parent 2', '    name: Declan Quinn\n    pseudonymn: Parent 2'),
        ('    date_of_birth: 2001-05-22', '    date_of_brith: 2001-05-22'),
        ('    contribution: nil-return', '    contribution: nil return'),
    ],
    'bad-dates': [
        ('    incident: 2025-01-14', '    incident: 14/01/2025'),
        ('    decision: 2025-02-11', '    decision: 2025-01-10'),
        ('    completion: 2025-10-24', '    completion: 2025-09-31'),
        ('  - date: 2024-06-04\n      time: "11:00"', '  - date: 2024-06-04\n      time: "11.00"'),
    ],
    'broken-references': [
        ('  - recommendation: R8\n', '  - recommendation: R9\n'),
        ('role: General practitioner, agency: GP, interviewed: true', 'role: General practitioner, agency: GPP, interviewed: true'),
        ('  parents: [mother, father]\n  death:', '  parents: [mother, farther]\n  death:'),
        ('      staff: [HV1]\n      event: "Development review at home', '      staff: [HV3]\n      event: "Development review at home'),
    ],
    'pseudonyms': [
        ('    pseudonym: Sibling 1', '    pseudonym: Parent 1'),
        ('    pseudonym: Adult 1', '    pseudonym: Jason T'),
        ('    pseudonym: Grandparent 1', '    pseudonym: Lorraine Marlow'),
    ],
    'duplicate-keys': [
        ('    email: priya.raman@northbrook.example.org\n', '    email: priya.raman@northbrook.example.org\n    email: nscb@northbrook.example.org\n'),
        ('    decision_notified: 2025-02-14\n', '    decision_notified: 2025-02-14\n    decision: 2025-02-12\n'),
    ],
    'yaml-syntax': [
        ('    outcome: Staff recognise bruising that needs a child protection assessment.',
         '    outcome: Result: staff recognise bruising that needs a child protection assessment.'),
    ],
    'missing-fields': [
        ('  reference: NSCB/SCR/2025/01\n', ''),
        ('    contribution: statement-of-information\n    report: {requested: 2025-02-14, due: 2025-05-16, received: 2025-05-02}',
         '    report: {requested: 2025-02-14, due: 2025-05-16, received: 2025-05-02}'),
        ('    source: panel\n    scope: multi-agency', '    scope: multi-agency'),
    ],
}


def main():
    for name, changes in sorted(BROKEN.items()):
        text = SOURCE
        for old, new in changes:
            if text.count(old) != 1:
                sys.exit('make-broken: %s: the text to change is not in case.yaml exactly once: %r' % (name, old))
            text = text.replace(old, new)
        text = '# A broken copy of ../case.yaml made by make-broken.py: %s.\n' % name.replace('-', ' ') + text
        path = os.path.join(HERE, name + '.yaml')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        if '--refresh' in sys.argv:
            rel = os.path.relpath(path, ROOT)
            run = subprocess.run([os.path.join(ROOT, 'build', 'reviewkit'), 'validate', rel], cwd=ROOT,
                                 capture_output=True, text=True)
            if run.returncode != 1:
                sys.exit('make-broken: %s: reviewkit exited %d, expected 1' % (name, run.returncode))
            with open(os.path.join(HERE, name + '.expected'), 'w', encoding='utf-8') as f:
                f.write(run.stderr)
        print('wrote', name)


main()
