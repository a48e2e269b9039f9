#!/usr/bin/env python3
"""Makes the sample case at its earlier stages, from case.yaml (the review complete):

    referred.yaml    the day after the referral: the child, the incident, the referrer, the agencies
    scoped.yaml      after the decision and the scoping meeting: the panel, the terms of reference,
                     what each agency is asked for and by when
    reports-in.yaml  every agency report in, with the agencies' chronologies

and, for the letters of the other decisions, the same referral decided otherwise:

    no-review.yaml   had the child survived: decided that the case needs no further action (option i)
    alternative.yaml had the child survived: decided that it does not meet the threshold but warrants a
                     multi-agency review (options b and d)

Run it after changing case.yaml:  python3 samples/child-a/make-stages.py
Each is what the case file held on that day (docs/case-file.md, Stages); tests check that each is
valid and at its stage, and which letters it can produce.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = open(os.path.join(HERE, 'case.yaml'), encoding='utf-8').read()


def indent(line):
    return len(line) - len(line.lstrip(' '))


def drop_top(text, key):
    """Removes a top-level section (key: and everything under it)."""
    lines = text.split('\n')
    out, skipping = [], False
    for line in lines:
        if line.startswith(key + ':'):
            skipping = True
            continue
        if skipping and line.strip() and indent(line) == 0 and not line.startswith('#'):
            skipping = False
        if not skipping:
            out.append(line)
    return '\n'.join(out)


def drop_keys(text, parent, keys, depth):
    """Removes `keys` (with their continuation lines) wherever they sit `depth` spaces deep inside
    the top-level section `parent`."""
    lines = text.split('\n')
    out, section, skipping = [], None, False
    for line in lines:
        if line.strip() and indent(line) == 0 and not line.startswith('#'):
            section = line.split(':')[0]
        if skipping:
            if line.strip() and indent(line) <= depth:
                skipping = False
            else:
                continue
        m = re.match(r'^( *)(- )?([a-z_]+):', line)
        if section == parent and m and len(m.group(1)) + (2 if m.group(2) else 0) == depth and m.group(3) in keys:
            if m.group(2):  # the first key of a list item: keep the item's dash for the next key
                raise ValueError('cannot drop the first key of a list item: ' + line)
            skipping = True
            continue
        out.append(line)
    return '\n'.join(out)


def drop_flow_keys(text, parent_key, keys):
    """Removes keys from flow maps written `parent_key: {a: 1, b: 2}` (on one line)."""
    def fix(m):
        items = [i.strip() for i in m.group(2).split(',')]
        kept = [i for i in items if i.split(':')[0].strip() not in keys]
        return m.group(1) + '{' + ', '.join(kept) + '}'
    return re.sub(r'(%s: )\{([^}\n]*)\}' % re.escape(parent_key), fix, text)


def keep_dates(text, keys):
    """Keeps only the review dates named."""
    lines = text.split('\n')
    out, in_dates = [], False
    for line in lines:
        if line == '  dates:':
            in_dates = True
            out.append(line)
            continue
        if in_dates:
            if indent(line) <= 2:
                in_dates = False
            else:
                key = line.strip().split(':')[0]
                if key not in keys:
                    continue
        out.append(line)
    return '\n'.join(out)


def header(text, stage, day):
    intro = ('# The sample case as it stood on %s, at the stage "%s" (docs/case-file.md, Stages).\n'
             '# Made by samples/child-a/make-stages.py from case.yaml: change that, then run the script.\n' % (day, stage))
    return intro + text


def referred(text):
    text = keep_dates(text, {'incident', 'referral', 'ofsted_notified'})
    text = drop_keys(text, 'review', {'decision', 'extension', 'debrief'}, 2)
    text = drop_keys(text, 'agencies', {'contribution', 'author', 'report', 'chronology', 'involvement'}, 4)
    text = drop_keys(text, 'family', {'visit'}, 4)
    for key in ('panel', 'terms_of_reference', 'family_involvement', 'chronology', 'findings', 'recommendations', 'action_plan'):
        text = drop_top(text, key)
    return header(text, 'referred', '20 January 2025')


def scoped(text):
    text = keep_dates(text, {'incident', 'referral', 'ofsted_notified', 'decision', 'decision_notified', 'scoping_meeting',
                             'nominations_due', 'chronologies_due', 'agency_reports_due'})
    text = drop_keys(text, 'review', {'extension', 'debrief'}, 2)
    text = drop_flow_keys(text, 'report', {'received', 'signed_off'})
    text = drop_flow_keys(text, 'chronology', {'received'})
    text = text.replace('chronology: {status: received,', 'chronology: {status: requested,')
    text = text.replace('chronology: {status: nil-return,', 'chronology: {status: requested,')
    for key in ('family_involvement', 'chronology', 'findings', 'recommendations', 'action_plan'):
        text = drop_top(text, key)
    return header(text, 'scoped', '10 March 2025')


def reports_in(text):
    text = keep_dates(text, {'incident', 'referral', 'ofsted_notified', 'decision', 'decision_notified', 'scoping_meeting',
                             'nominations_due', 'chronologies_due', 'agency_reports_due'})
    text = drop_keys(text, 'review', {'extension', 'debrief'}, 2)
    for key in ('findings', 'recommendations', 'action_plan'):
        text = drop_top(text, key)
    return header(text, 'reports-in', '2 June 2025')


def serious_harm(text):
    """The same referral had the child survived: serious harm, no death, a summary that says so."""
    start = text.index('  incident_summary: >\n')
    end = text.index('  security_marking:', start)
    text = text[:start] + (
        '  incident_summary: >\n'
        '    Child A, aged two, was taken by ambulance to Northbrook General Hospital with a head injury on\n'
        '    14 January 2025 and has recovered. The child had been subject to a child protection plan for\n'
        '    neglect since April 2024.\n') + text[end:]
    text = text.replace('  incident_kind: death\n', '  incident_kind: serious-harm\n')
    death = text.index('  death:\n    date: 2025-01-15\n')
    return text[:death] + text[text.index('\n', text.index('cause:', death)) + 1:]


def decided_otherwise(text, kind, decision, stage, day):
    text = serious_harm(referred(text).split('\n', 2)[2])  # without referred's header
    text = drop_top(text, 'parallel_processes')  # the police investigation and the inquest were of the death
    text = text.replace('    ofsted_notified: 2025-01-16\n', '    ofsted_notified: 2025-01-16\n    decision: 2025-02-11\n'
                        '    decision_notified: 2025-02-14\n')
    text = text.replace('  kind: scr\n', '  kind: %s\n' % kind)
    text = text.replace('  dates:\n', decision + '  dates:\n', 1)
    text = text.replace('\nagencies:\n', '\npanel:\n  board_chair: {name: Geoffrey Hale, job_title: Independent Chair, '
                        'organisation: Northbrook Safeguarding Children Board}\n\nagencies:\n', 1)
    return header(text, stage, day)


def no_review(text):
    return decided_otherwise(text, 'scr', '  decision:\n    option: i\n    reasons: >\n      The agencies\' information '
                             'shows that the injury was accidental and that agencies worked well together; there is no '
                             'cause for concern about how they safeguarded the child.\n    alternatives_considered: A '
                             'single-agency audit was considered; the agencies\' own reviews found nothing further to '
                             'learn.\n', 'decided (no review)', '12 February 2025')


def alternative(text):
    return decided_otherwise(text, 'multi-agency-review', '  decision:\n    options: [b, d]\n    reasons: >\n      The '
                             'criteria for a serious case review are not met, but the agencies\' information shows '
                             'learning about how they shared concerns about domestic abuse, which a multi-agency review '
                             'can draw out.\n    alternatives_considered: A learning event (SILP) was considered; a '
                             'multi-agency review was preferred because the practitioners most involved have left.\n',
                             'decided (an alternative review)', '12 February 2025')


def main():
    for name, make in (('referred', referred), ('scoped', scoped), ('reports-in', reports_in), ('no-review', no_review),
                       ('alternative', alternative)):
        path = os.path.join(HERE, name + '.yaml')
        with open(path + '.tmp', 'w', encoding='utf-8') as f:
            f.write(make(SOURCE))
        os.replace(path + '.tmp', path)
        print('wrote', os.path.relpath(path))


if __name__ == '__main__':
    main()
