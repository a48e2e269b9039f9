#!/usr/bin/env python3
"""The hostile-input cases of issue 8, one a ctest test: each runs the real binary on a file from
make_hostile.py and checks the message's text and place, the exit status, that no output or staging
file is left, that nothing is written outside the output folder, and that memory stays bounded.

    python3 run_bad.py --list
    python3 run_bad.py --check-doc docs/reliability.md
    python3 run_bad.py BINARY REPO FILES CASE

Memory is capped on resident memory: with `ulimit -v` (RLIMIT_AS) in the normal build, and with
ASan's hard_rss_limit_mb in the sanitizer build (REVIEWKIT_SANITIZED=1), since ASan reserves far
more address space than it uses. Time is left to ctest's generous timeout, never asserted here."""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CASES = {}
MEMORY_MB = 2048


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Ctx:
    def __init__(self, binary, repo, files):
        self.bin, self.repo, self.files = binary, repo, files
        self.work = tempfile.mkdtemp(prefix='reviewkit-bad-')
        self.failures = []

    def f(self, name):
        return os.path.join(self.files, name)

    def w(self, *names):
        return os.path.join(self.work, *names)

    def env(self):
        env = dict(os.environ)
        if os.environ.get('REVIEWKIT_SANITIZED'):
            env['ASAN_OPTIONS'] = 'hard_rss_limit_mb=%d:detect_leaks=1:%s' % (MEMORY_MB, env.get('ASAN_OPTIONS', ''))
        return env

    def limits(self):
        if not os.environ.get('REVIEWKIT_SANITIZED'):
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB << 20, MEMORY_MB << 20))

    def run(self, *args, stdin=None):
        r = subprocess.run([self.bin] + list(args), capture_output=True, text=True, errors='replace',
                           env=self.env(), preexec_fn=self.limits, cwd=self.work, input=stdin, timeout=600)
        return r

    def start(self, *args):
        return subprocess.Popen([self.bin] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env(), preexec_fn=self.limits, cwd=self.work)

    def check(self, ok, what):
        if not ok:
            self.failures.append(what)

    def expect(self, r, status, *messages, absent=()):
        self.check(r.returncode == status, 'exit status %d, expected %d; stderr: %s' % (r.returncode, status, r.stderr[-800:]))
        for m in messages:
            self.check(m in r.stderr, 'stderr lacks %r; it was: %s' % (m, r.stderr[-800:]))
        for m in absent:
            self.check(m not in r.stderr and m not in r.stdout, 'output holds %r, which must not appear' % m)
        self.check('internal error' not in r.stderr, 'an internal error: ' + r.stderr[-400:])

    def leftovers(self, folder=None):
        """Files left in the work folder other than the inputs copied there."""
        folder = folder or self.work
        out = []
        for root, dirs, names in os.walk(folder):
            for n in dirs + names:
                out.append(os.path.relpath(os.path.join(root, n), folder))
        return sorted(out)

    def nothing_written(self, *allowed):
        left = [x for x in self.leftovers() if x not in allowed and not any(x.startswith(a + '/') for a in allowed)]
        self.check(not left, 'files were left behind: %s' % left[:10])


def fill_fails(ctx, template, data, *messages, absent=()):
    r = ctx.run('fill', ctx.f(template), ctx.f(data), '-o', ctx.w('out.docx'))
    ctx.expect(r, 1, *messages, absent=absent)
    ctx.nothing_written()
    return r


# ------------------------------------------------------------------ interrupted runs

def interrupted(ctx, sig):
    shutil.copy(ctx.f('letter.docx'), ctx.w('letter.docx'))
    shutil.copy(ctx.f('many.yaml'), ctx.w('many.yaml'))
    p = ctx.start('letters', 'letter.docx', 'many.yaml', '--each', 'recipients', '-o', 'out/', '--format', 'docx,pdf')
    deadline = time.time() + 120
    staging = []
    while time.time() < deadline and p.poll() is None:
        staging = [x for x in os.listdir(ctx.work) if 'reviewkit-partial' in x]
        if staging and os.listdir(ctx.w(staging[0])):
            break
        time.sleep(0.02)
    ctx.check(bool(staging), 'the run made no staging folder before it ended')
    p.send_signal(sig)
    p.communicate(timeout=120)
    ctx.check(p.returncode == -sig, 'the run ended with %s, not by the signal' % p.returncode)
    ctx.nothing_written('letter.docx', 'many.yaml')


@case
def sigint_leaves_nothing(ctx):
    interrupted(ctx, signal.SIGINT)


@case
def sigterm_leaves_nothing(ctx):
    interrupted(ctx, signal.SIGTERM)


@case
def stale_staging_is_removed(ctx):
    # A staging folder of a run killed outright (its process is gone): removed, never output.
    dead = subprocess.Popen(['true'])
    dead.wait()
    stale = ctx.w('.out.reviewkit-partial-%d-Ab12Cd' % dead.pid)
    os.makedirs(stale, mode=0o700)  # as mkdtemp makes it
    open(os.path.join(stale, '1.docx'), 'w').write('half a letter')
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out')
    ctx.expect(r, 0, 'left by an interrupted run (process %d)' % dead.pid)
    ctx.check(sorted(os.listdir(ctx.work)) == ['out'], 'left: %s' % os.listdir(ctx.work))
    ctx.check(sorted(os.listdir(ctx.w('out'))) == ['1.docx', '2.docx', '3.docx'], 'out holds %s' % os.listdir(ctx.w('out')))
    # Inside an existing folder too, and a rerun does not mistake it for output.
    inner = ctx.w('out', '.reviewkit-partial-%d-Zz99Yy' % dead.pid)
    os.makedirs(inner, mode=0o700)
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out', '--force')
    ctx.expect(r, 0, 'left by an interrupted run')
    ctx.check(not os.path.exists(inner), 'the stale folder inside the output is still there')


# ------------------------------------------------------------------ crashes that became messages

@case
def image_width_not_a_number(ctx):
    fill_fails(ctx, 'image-width-dot.docx', 'data.yaml', "word/document.xml \u00b61: error: '.cm' is not a length")


@case
def index_too_large_in_template(ctx):
    fill_fails(ctx, 'huge-index.docx', 'data.yaml', '\u00b61: error: the index [99999999999999999999]', 'is too large')


@case
def index_too_large_in_where(ctx):
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out',
                '--where', 'recipient.n[99999999999999999999] == 1')
    ctx.expect(r, 2, '--where: the index [99999999999999999999]', 'is too large')
    ctx.nothing_written()


@case
def board_number_too_large(ctx):
    sample = os.path.join(ctx.repo, 'samples', 'child-a', 'case.yaml')
    text = open(sample, encoding='utf-8').read()
    board = None
    for line in text.splitlines():
        if line.strip().startswith('board:'):
            board = line.split(':', 1)[1].strip()
            break
    ctx.check(board is not None, 'the sample names no board')
    profile = open(os.path.join(ctx.repo, 'templates', 'boards', board + '.yaml'), encoding='utf-8').read()
    os.makedirs(ctx.w('boards'))
    open(ctx.w('boards', board + '.yaml'), 'w').write(profile.replace('months: 6', 'months: 99999999999', 1))
    open(ctx.w('case.yaml'), 'w').write(text)
    for name in os.listdir(os.path.dirname(sample)):  # chronology files and the like beside it
        src = os.path.join(os.path.dirname(sample), name)
        if os.path.isfile(src) and name != 'case.yaml':
            shutil.copy(src, ctx.w(name))
    r = ctx.run('validate', 'case.yaml')
    ctx.expect(r, 1, 'boards/%s.yaml:' % board, 'months must be a whole number from 0 to 1200, not \'99999999999\'')


@case
def brackets_nested_10000_deep(ctx):
    fill_fails(ctx, 'nested-brackets.docx', 'data.yaml', "the expression nests brackets, 'not' or '-' more than 100 deep")


@case
def not_chained_7000_times(ctx):
    fill_fails(ctx, 'chained-not.docx', 'data.yaml', "the expression nests brackets, 'not' or '-' more than 100 deep")


@case
def blocks_nested_6000_deep(ctx):
    fill_fails(ctx, 'nested-blocks.docx', 'data.yaml', "'{% if name %}' is nested more than 50 blocks deep")


@case
def xml_nested_10000_deep_in_render(ctx):
    r = ctx.run('render', ctx.f('nested-xml.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, "word/document.xml: error: the part's XML nests elements more than 256 deep")
    ctx.nothing_written()


@case
def xml_nested_10000_deep_in_fill(ctx):
    r = ctx.run('fill', ctx.f('nested-xml.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, "nests elements more than 256 deep")
    ctx.nothing_written()


@case
def yaml_billion_laughs(ctx):
    fill_fails(ctx, 'plain.docx', 'billion-laughs.yaml', 'billion-laughs.yaml:8:10: error: the aliases (*name) in this file expand to more than')


@case
def yaml_alias_cycle(ctx):
    fill_fails(ctx, 'plain.docx', 'alias-cycle.yaml', 'alias-cycle.yaml:3:10: error: an alias (*name) refers to the list or map that contains it')


@case
def zip_bomb_2gib_fill(ctx):
    fill_fails(ctx, 'zip-bomb.docx', 'data.yaml', 'part word/document.xml says it unpacks to 2047 MB', 'zip bomb')


@case
def zip_bomb_2gib_render(ctx):
    r = ctx.run('render', ctx.f('zip-bomb.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'says it unpacks to 2047 MB', 'suspicious')
    ctx.nothing_written()


@case
def zip_bomb_lying_size(ctx):
    fill_fails(ctx, 'zip-bomb-lying.docx', 'data.yaml', 'unpacks to more than the 2048 bytes it declares: the file is suspicious')
    r = ctx.run('render', ctx.f('zip-bomb-lying.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'unpacks to more than the 2048 bytes it declares')


@case
def docx_2mb_that_unpacks_to_gigabytes(ctx):
    r = ctx.run('render', ctx.f('memory.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'part word/document.xml says it unpacks to', 'suspicious')
    ctx.nothing_written()


@case
def combined_with_another_prefix(ctx):
    for template in ('other-prefix.docx', 'default-namespace.docx'):
        out = ctx.w(template + '-all.docx')
        r = ctx.run('letters', ctx.f(template), ctx.f('data.yaml'), '--each', 'recipients', '--combined', out)
        ctx.expect(r, 0)
        body = subprocess.run(['unzip', '-p', out, 'word/document.xml'], capture_output=True, text=True).stdout
        ctx.check('Recipient 3' in body and '{{' not in body, template + ': the combined letters are not all filled')


@case
def combined_with_repeated_drawing_ids(ctx):
    out = ctx.w('all.docx')
    r = ctx.run('letters', ctx.f('repeated-docpr.docx'), ctx.f('data.yaml'), '--each', 'recipients', '--combined', out)
    ctx.expect(r, 0)
    body = subprocess.run(['unzip', '-p', out, 'word/document.xml'], capture_output=True, text=True).stdout
    import re
    ids = re.findall(r'<wp:docPr[^>]*\bid=["\'](\d+)["\']', body)
    ctx.check(len(ids) == 6 and len(set(ids)) == 6, 'drawing ids are not unique: %s' % ids)


# ------------------------------------------------------------------ hostile content refused

@case
def doctype_external_entity(ctx):
    fill_fails(ctx, 'xxe.docx', 'data.yaml', 'part word/document.xml has a DOCTYPE', 'refused as unsafe')
    r = ctx.run('render', ctx.f('xxe.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'has a DOCTYPE')
    hostname = open('/etc/hostname').read().strip() if os.path.exists('/etc/hostname') else None
    if hostname:
        ctx.check(hostname not in r.stderr, 'the external entity was expanded')


@case
def doctype_entity_bomb_in_styles(ctx):
    fill_fails(ctx, 'entity-bomb-styles.docx', 'data.yaml', 'part word/styles.xml has a DOCTYPE')
    r = ctx.run('render', ctx.f('entity-bomb-styles.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'part word/styles.xml has a DOCTYPE')
    ctx.nothing_written()


@case
def zip_slip_entry(ctx):
    fill_fails(ctx, 'zip-slip.docx', 'data.yaml', "an entry named '../../evil.txt', which points outside the document")
    ctx.check(not os.path.exists(os.path.join(os.path.dirname(ctx.work), 'evil.txt')), 'evil.txt was written')


@case
def zip_absolute_entry(ctx):
    fill_fails(ctx, 'zip-absolute.docx', 'data.yaml', "an entry named '/tmp/reviewkit-evil.txt'")
    ctx.check(not os.path.exists('/tmp/reviewkit-evil.txt'), '/tmp/reviewkit-evil.txt was written')


@case
def zip_duplicate_entry(ctx):
    fill_fails(ctx, 'duplicate-entry.docx', 'data.yaml', 'the package holds the same entry twice')


@case
def zip_crc_mismatch(ctx):
    fill_fails(ctx, 'bad-crc.docx', 'data.yaml', 'part word/document.xml is damaged (its checksum is wrong)')


@case
def zip_without_content_types(ctx):
    fill_fails(ctx, 'no-content-types.docx', 'data.yaml', 'the package has no [Content_Types].xml')


@case
def zip_bomb_many_small_parts(ctx):
    fill_fails(ctx, 'many-small-bombs.docx', 'data.yaml', 'the package unpacks to more than 500 times its own size')


@case
def part_in_utf16_without_bom(ctx):
    fill_fails(ctx, 'utf16.docx', 'data.yaml', 'part word/document.xml is not valid UTF-8 text (a control character at byte')


@case
def value_repeated_past_the_part_limit(ctx):
    fill_fails(ctx, 'big-value.docx', 'big-value.yaml', 'the filled part would be larger than 512 MB')


@case
def merge_key_over_50000_keys(ctx):
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('merge-keys.yaml'), '-o', ctx.w('out.docx'))
    ctx.expect(r, 0)


@case
def part_with_invalid_utf8(ctx):
    fill_fails(ctx, 'invalid-utf8.docx', 'data.yaml', 'part word/document.xml is not valid UTF-8 text (at byte')


@case
def yaml_control_characters(ctx):
    fill_fails(ctx, 'plain.docx', 'control-characters.yaml',
               'control-characters.yaml:1:7: error: the value holds the control character U+0000',
               'control-characters.yaml:2:12: error: the value holds the control character U+0007')


@case
def zip_with_70000_entries(ctx):
    fill_fails(ctx, 'many-entries.docx', 'data.yaml', 'the package has 70005 entries, more than the 10000')


@case
def tags_under_another_prefix_are_filled(ctx):
    for template in ('other-prefix.docx', 'default-namespace.docx'):
        out = ctx.w(template)
        r = ctx.run('letters', ctx.f(template), ctx.f('data.yaml'), '--each', 'recipients', '-o', ctx.w('out-' + template))
        ctx.expect(r, 0)
        body = subprocess.run(['unzip', '-p', ctx.w('out-' + template, '1.docx'), 'word/document.xml'],
                              capture_output=True, text=True).stdout
        ctx.check('Recipient 1' in body and '{{' not in body, template + ': the tag was left unfilled')
        lo = subprocess.run(['xmllint', '--noout', '-'], input=body, capture_output=True, text=True)
        ctx.check(lo.returncode == 0, template + ': the filled XML is not well formed: ' + lo.stderr[:300])


@case
def truncated_and_not_a_zip(ctx):
    fill_fails(ctx, 'truncated.docx', 'data.yaml', 'the file is cut short or damaged')
    fill_fails(ctx, 'not-a-zip.docx', 'data.yaml', 'it is not a Word .docx file')
    r = ctx.run('render', ctx.f('truncated.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'cut short')


# ------------------------------------------------------------------ local files

@case
def image_with_absolute_path(ctx):
    fill_fails(ctx, 'image-absolute.docx', 'data.yaml', "image '/etc/hostname': an absolute path is not allowed")


@case
def image_path_climbing_out(ctx):
    # The same message whether or not the file outside exists: nothing is told about other files.
    os.makedirs(ctx.w('case', 'data'))
    open(ctx.w('secret.png'), 'wb').write(open(os.path.join(ctx.repo, 'tests', 'fixtures', 'logo.png'), 'rb').read())
    for data in ('dotdot-photo.yaml', 'missing-photo.yaml'):
        shutil.copy(ctx.f(data), ctx.w('case', 'data', data))
        r = ctx.run('fill', ctx.f('image-photo.docx'), ctx.w('case', 'data', data), '-o', ctx.w('case', 'out.docx'))
        ctx.expect(r, 1, "the path leaves the folders pictures are read from")
        ctx.check(not os.path.exists(ctx.w('case', 'out.docx')), 'a letter was written')
    # A picture in a folder the user names with --assets is allowed, relative to that folder.
    open(ctx.w('case', 'data', 'photo.yaml'), 'w').write('name: x\nphoto: secret.png\n')
    r = ctx.run('fill', ctx.f('image-photo.docx'), ctx.w('case', 'data', 'photo.yaml'), '-o', ctx.w('case', 'no.docx'))
    ctx.expect(r, 1, 'no such picture beside the data file or the template')
    r = ctx.run('fill', ctx.f('image-photo.docx'), ctx.w('case', 'data', 'photo.yaml'), '-o', ctx.w('case', 'ok.docx'),
                '--assets', ctx.work)
    ctx.expect(r, 0)


# ------------------------------------------------------------------ outputs

@case
def output_symlink_is_not_followed(ctx):
    victim = ctx.w('victim.txt')
    open(victim, 'w').write('keep me')
    os.symlink(victim, ctx.w('out.docx'))
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.docx'), '--force')
    ctx.expect(r, 1, 'it is a symbolic link')
    ctx.check(open(victim).read() == 'keep me', 'the link was followed and its target overwritten')
    os.symlink(ctx.work, ctx.w('linked-folder'))
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', ctx.w('linked-folder'), '--force')
    ctx.expect(r, 1, 'it is a symbolic link')
    ctx.check(sorted(os.listdir(ctx.work)) == ['linked-folder', 'out.docx', 'victim.txt'], 'left: %s' % os.listdir(ctx.work))


@case
def temporaries_are_private_and_unpredictable(ctx):
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out')
    ctx.expect(r, 0)
    ctx.check(oct(os.stat(ctx.w('out')).st_mode & 0o777) == '0o700', 'the folder is not 0700')
    for n in os.listdir(ctx.w('out')):
        ctx.check(oct(os.stat(ctx.w('out', n)).st_mode & 0o777) == '0o600', n + ' is not 0600')
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', 'one.docx')
    ctx.expect(r, 0)
    ctx.check(oct(os.stat(ctx.w('one.docx')).st_mode & 0o777) == '0o600', 'one.docx is not 0600')
    # The staging folder of a running batch: private (0700) and named with a random part, so no
    # link can be planted at its name in advance (it was NAME.partial-PID, mode 0755, before).
    import re
    shutil.copy(ctx.f('many.yaml'), ctx.w('many.yaml'))
    p = ctx.start('letters', ctx.f('letter.docx'), 'many.yaml', '--each', 'recipients', '-o', 'batch', '--format', 'docx,pdf')
    seen = []
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None and not seen:
        seen = [x for x in os.listdir(ctx.work) if 'partial' in x]
        time.sleep(0.01)
    p.kill()
    p.communicate()
    ctx.check(len(seen) == 1, 'no staging folder was seen: %s' % seen)
    if seen:
        ctx.check(re.fullmatch(r'\.batch\.reviewkit-partial-%d-[A-Za-z0-9]{6}' % p.pid, seen[0]) is not None,
                  'the staging name is predictable: ' + seen[0])


@case
def failed_rename_leaves_nothing(ctx):
    # With --force into a folder where a letter's name is taken by a folder, moving it fails: an
    # error, none of the new letters is left, and the letter it had already replaced comes back.
    os.makedirs(ctx.w('out', '2.docx'))
    open(ctx.w('out', '1.docx'), 'w').write('the letter sent last week')
    os.makedirs(ctx.w('print'))
    open(ctx.w('print', 'all.docx'), 'w').write('last week\'s batch')
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out', '--force',
                '--combined', ctx.w('print', 'all.docx'))
    ctx.expect(r, 1, 'cannot move 2.docx into place', 'no letter was written')
    ctx.check(not r.stdout.startswith('wrote'), 'it said it wrote letters: ' + r.stdout)
    ctx.check(sorted(os.listdir(ctx.w('out'))) == ['1.docx', '2.docx'], 'out holds %s' % os.listdir(ctx.w('out')))
    ctx.check(open(ctx.w('out', '1.docx')).read() == 'the letter sent last week', 'the replaced letter was lost')
    ctx.check(open(ctx.w('print', 'all.docx')).read() == 'last week\'s batch', 'the replaced combined file was lost')
    ctx.check(os.listdir(ctx.w('print')) == ['all.docx'], 'print holds %s' % os.listdir(ctx.w('print')))


@case
def combined_cannot_be_a_letter_or_unencrypted(ctx):
    os.makedirs(ctx.w('out'))
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'out', '--force',
                '--combined', ctx.w('out', '1.docx'))
    ctx.expect(r, 2, 'is also the name of a letter in')
    os.rmdir(ctx.w('out'))
    env_pw = dict(os.environ, REVIEWKIT_PASSWORD='s3cret-pass')
    r = subprocess.run([ctx.bin, 'letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '--pdf',
                        '-o', ctx.w('out'), '--encrypt', '--combined', ctx.w('all.docx')], capture_output=True, text=True, env=env_pw)
    ctx.expect(r, 0)
    ctx.check(open(ctx.w('all.docx'), 'rb').read(8) == b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'the combined .docx is not encrypted')
    shutil.rmtree(ctx.w('out'))
    os.remove(ctx.w('all.docx'))
    r = subprocess.run([ctx.bin, 'letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients',
                        '--encrypt', '--combined', ctx.w('all.pdf')], capture_output=True, text=True, env=env_pw)
    ctx.expect(r, 0)
    ctx.check(os.listdir(ctx.work) == ['all.pdf'], 'left: %s' % os.listdir(ctx.work))


@case
def two_runs_into_one_folder(ctx):
    shutil.copy(ctx.f('letter.docx'), ctx.w('letter.docx'))
    shutil.copy(ctx.f('many.yaml'), ctx.w('many.yaml'))
    args = ('letters', 'letter.docx', 'many.yaml', '--each', 'recipients', '-o', 'out', '--name', '{{ recipient.name }}')
    first = ctx.start(*args)
    time.sleep(0.3)
    second = ctx.start(*args)
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    codes = sorted([first.returncode, second.returncode])
    ctx.check(codes == [0, 1], 'exit statuses %s; stderr: %s | %s' % (codes, err1[-300:], err2[-300:]))
    ctx.check('the folder is not empty' in err1 + err2, 'the second run did not refuse the filled folder')
    names = os.listdir(ctx.w('out'))
    ctx.check(len(names) == 4000, 'out holds %d letters, not 4000' % len(names))


@case
def existing_outputs_need_force(ctx):
    open(ctx.w('out.docx'), 'w').write('an earlier letter')
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.docx'))
    ctx.expect(r, 1, 'the file already exists (use --force')
    ctx.check(open(ctx.w('out.docx')).read() == 'an earlier letter', 'fill overwrote the file')
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.docx'), '--force')
    ctx.expect(r, 0)
    open(ctx.w('all.docx'), 'w').write('an earlier batch')
    r = ctx.run('letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', 'new', '--combined', ctx.w('all.docx'))
    ctx.expect(r, 1, 'the file already exists (use --force')
    ctx.check(open(ctx.w('all.docx')).read() == 'an earlier batch', '--combined overwrote the file')
    ctx.check(not os.path.exists(ctx.w('new')), 'the folder was written though the combined file was refused')
    open(ctx.w('out.pdf'), 'w').write('an earlier PDF')
    r = ctx.run('render', ctx.w('out.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, 'the file already exists')
    ctx.check(open(ctx.w('out.pdf')).read() == 'an earlier PDF', 'render overwrote the file')


@case
def special_file_at_output(ctx):
    os.mkfifo(ctx.w('out.docx'))
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.docx'), '--force')
    ctx.expect(r, 1, 'it is a device or another special file')
    import stat
    ctx.check(stat.S_ISFIFO(os.lstat(ctx.w('out.docx')).st_mode), 'the pipe was replaced by a file')


@case
def dev_full_is_not_renamed(ctx):
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', '/dev/full')
    ctx.expect(r, 2, '-o /dev/full: the name has no extension; end it in .docx')
    ctx.check(not os.path.exists('/dev/full.docx'), '/dev/full.docx was written')


@case
def render_writes_only_a_pdf_name(ctx):
    r = ctx.run('render', os.path.join(ctx.repo, 'tests', 'fixtures', 'pdf-features.docx'), '-o', ctx.w('report.docx'))
    ctx.expect(r, 2, '-o %s must end in .pdf' % ctx.w('report.docx'))
    ctx.nothing_written()


@case
def encrypt_with_docx_encrypts_both(ctx):
    # --encrypt with a .docx beside the PDF: both are protected (the .docx as Word's Encrypt with
    # Password does it: a compound file), none is left plain.
    env_pw = dict(os.environ, REVIEWKIT_PASSWORD='s3cret-pass')
    cfb = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
    r = subprocess.run([ctx.bin, 'fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.pdf'), '--format', 'docx,pdf',
                        '--encrypt'], capture_output=True, text=True, env=env_pw, cwd=ctx.work)
    ctx.expect(r, 0)
    ctx.check(open(ctx.w('out.docx'), 'rb').read(8) == cfb, 'out.docx is not encrypted')
    ctx.check(b'/Encrypt' in open(ctx.w('out.pdf'), 'rb').read(), 'out.pdf is not encrypted')
    r = subprocess.run([ctx.bin, 'letters', ctx.f('letter.docx'), ctx.f('data.yaml'), '--each', 'recipients', '-o', ctx.w('out'),
                        '--format', 'docx,pdf', '--encrypt'], capture_output=True, text=True, env=env_pw, cwd=ctx.work)
    ctx.expect(r, 0)
    for name in sorted(os.listdir(ctx.w('out'))):
        head = open(ctx.w('out', name), 'rb').read()
        ctx.check(head[:8] == cfb if name.endswith('.docx') else b'/Encrypt' in head, name + ' is not encrypted')


@case
def docx_and_pdf_both_or_neither(ctx):
    r = ctx.run('fill', os.path.join(ctx.repo, 'tests', 'fixtures', 'broken-picture.docx'),
                os.path.join(ctx.repo, 'tests', 'fixtures', 'letters-data.yaml'), '-o', ctx.w('out.docx'), '--format', 'docx,pdf')
    ctx.expect(r, 1, 'nothing was written')
    ctx.nothing_written()


@case
def owner_password_differs(ctx):
    if not shutil.which('qpdf'):
        return
    env_pw = dict(os.environ, REVIEWKIT_PASSWORD='s3cret-pass')
    r = subprocess.run([ctx.bin, 'fill', ctx.f('plain.docx'), ctx.f('data.yaml'), '-o', ctx.w('out.pdf'), '--encrypt'],
                       capture_output=True, text=True, env=env_pw)
    ctx.expect(r, 0)
    q = subprocess.run(['qpdf', '--password=s3cret-pass', '--show-encryption', ctx.w('out.pdf')], capture_output=True, text=True)
    ctx.check('Supplied password is user password' in q.stdout, 'the owner password equals the user password: ' + q.stdout[:300])
    # render encrypts too, the same way.
    r = subprocess.run([ctx.bin, 'render', os.path.join(ctx.repo, 'tests', 'fixtures', 'pdf-features.docx'), '-o',
                        ctx.w('render.pdf'), '--encrypt'], capture_output=True, text=True, env=env_pw)
    ctx.expect(r, 0)
    q = subprocess.run(['qpdf', '--password=s3cret-pass', '--show-encryption', ctx.w('render.pdf')], capture_output=True, text=True)
    ctx.check('Supplied password is user password' in q.stdout, 'render --encrypt: ' + q.stdout[:300])


@case
def forms_with_loops_nesting_and_lying_counts(ctx):
    for name, message in (('form-loop.pdf', 'cannot read the form'), ('form-nested-arrays.pdf', 'error:'),
                          ('form-count-lies.pdf', 'the PDF says it has 2000000000 pages')):
        r = ctx.run('form', 'read', ctx.f(name))
        ctx.expect(r, 1, message)
        r = ctx.run('fill', ctx.f(name), ctx.f('data.yaml'), '-o', ctx.w('out.pdf'))
        ctx.expect(r, 1, 'error:')
    ctx.nothing_written()


@case
def libxml2_messages_do_not_quote_the_document(ctx):
    r = ctx.run('render', ctx.f('damaged-secret.docx'), '-o', ctx.w('out.pdf'))
    ctx.expect(r, 1, "word/document.xml: error: the part's XML is damaged at line 2", absent=('Shannon', 'Marlow', 'Elm Road'))


# ------------------------------------------------------------------ denial of service

@case
def duplicate_keys_100000(ctx):
    r = ctx.run('fill', ctx.f('plain.docx'), ctx.f('duplicate-keys.yaml'), '-o', ctx.w('out.docx'))
    ctx.expect(r, 1, "duplicate key 'k0'", 'more problems not shown', 'reviewkit fill: 50000 errors; nothing was written')
    ctx.check(r.stderr.count('\n') < 600, 'more than 600 lines of messages')
    ctx.nothing_written()


@case
def nested_loops_over_a_thousand_items(ctx):
    fill_fails(ctx, 'nested-loops.docx', 'loops-data.yaml', 'the loops of this part repeat more than 1000000 times in all')


@case
def yaml_of_100_mb(ctx):
    r = ctx.run('validate', ctx.f('huge.yaml'))
    ctx.expect(r, 1, 'huge.yaml: error: cannot read the file: it is larger than 32 MB')
    fill_fails(ctx, 'plain.docx', 'huge.yaml', 'it is larger than 32 MB')


def main():
    if sys.argv[1:] == ['--list']:
        print(';'.join(CASES))
        return 0
    if sys.argv[1:2] == ['--check-doc']:  # every case is in docs/reliability.md's table
        doc = open(sys.argv[2], encoding='utf-8').read()
        missing = [c for c in CASES if '`bad_%s`' % c not in doc]
        for c in missing:
            print('docs/reliability.md does not list bad_%s' % c)
        return 1 if missing else 0
    binary, repo, files, name = sys.argv[1:5]
    ctx = Ctx(os.path.abspath(binary), os.path.abspath(repo), os.path.abspath(files))
    try:
        CASES[name](ctx)
    finally:
        shutil.rmtree(ctx.work, ignore_errors=True)
    for f in ctx.failures:
        print('FAIL: %s: %s' % (name, f))
    return 1 if ctx.failures else 0


if __name__ == '__main__':
    sys.exit(main())
