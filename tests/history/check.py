#!/usr/bin/env python3
"""The CI gate on real edits: every consecutive pair of versions of the
real privacy policies under tests/history/ is linted the way CI lints a
pull request, and the result is held to a reviewer's verdicts.

usage: check.py POLICYLINT [--update-summaries] [--draft]

For each pair (OLD = version N-1, NEW = version N of one repository's
policy) the files go into a temporary git repository, OLD in the first
commit and NEW in the second, and one command lints them all:

    policylint --against HEAD~1 --format json  (and --format markdown)

Then, per pair:

  * verdicts.tsv lists what the reviewer expects reported: each removed or
    weakened disclosure ("-RULE@OLD-LINE") and each finding that is new in
    NEW ("+RULE@NEW-LINE"), with the verdict ok (right), fp (reported, and
    wrong: kept so that the test notices when it goes away) or miss (not
    reported, and should be), and a note in the reviewer's words.  Every
    pair has at least one line.  The test fails when what is reported
    differs from the ok and fp lines.
  * no finding that OLD already had is reported as new: OLD is also linted
    alone, and a new finding whose rule and words (letters and digits,
    case folded) OLD's own report has counts as an unchanged finding
    reported as new.  There must be none.
  * the markdown summaries of the pairs where anything changed or is found
    equal summaries.md (read by the reviewer; --update-summaries rewrites
    it after a reviewed change).

--draft prints verdict lines (verdict '?') for what is reported and not
yet judged, to be judged and pasted into verdicts.tsv.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = '2026-08-01'
REVIEW_KINDS = ('removed', 'weakened')


def pairs():
    """(pair id, repo, old file, new file), in a fixed order."""
    out = []
    for repo in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, repo)
        if not os.path.isdir(d):
            continue
        versions = sorted(f for f in os.listdir(d) if re.match(r'\d\d-', f))
        for a, b in zip(versions, versions[1:]):
            out.append(('%s/%s' % (repo, b[:2]), repo, a, b))
    return out


def git(cwd, *args):
    subprocess.run(['git', '-c', 'user.email=t@example.org', '-c', 'user.name=t',
                    '-c', 'commit.gpgsign=false'] + list(args), cwd=cwd,
                   check=True, stdout=subprocess.DEVNULL)


def lay_out(tmp, ps):
    """The repository: pairs/REPO/NN.EXT holds OLD, then NEW; old/ the OLD
    versions alone (for linting OLD by itself)."""
    repo = os.path.join(tmp, 'repo')
    os.makedirs(repo)
    git(repo, 'init', '-q')
    names = {}
    for pid, r, a, b in ps:
        ext = os.path.splitext(b)[1]
        rel = 'pairs/%s/%s%s' % (r, b[:2], ext)
        names[pid] = rel
        for root in (repo, os.path.join(tmp, 'old')):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            shutil.copy(os.path.join(HERE, r, a), os.path.join(root, rel))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'old versions')
    for pid, r, a, b in ps:
        shutil.copy(os.path.join(HERE, r, b), os.path.join(repo, names[pid]))
    git(repo, 'commit', '-qam', 'new versions')
    return repo, names


def lint(pl, cwd, files, *opts):
    listing = os.path.join(cwd, '..', 'files-%d.txt' % len(opts))
    with open(listing, 'w') as f:
        f.write('\n'.join(files) + '\n')
    p = subprocess.run([pl, '--no-config', '--today', TODAY, '--fail-level',
                        'none', '--files-from', listing] + list(opts),
                       cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit('policylint failed (%d): %s' % (p.returncode, p.stderr[-2000:]))
    return p.stdout


def words(s):
    s = unicodedata.normalize('NFKC', s).casefold()
    return ' '.join(''.join(c if c.isalnum() else ' ' for c in s).split())


def located_text(src, f):
    return words(src[f['offset']:f['offset'] + f['length']].decode('utf-8', 'replace'))


def item(f):
    if f['kind'] in REVIEW_KINDS:
        rel = [r for r in f['related'] if r.get('path')]
        return '-%s@%d' % (f['rule'], rel[0]['line'] if rel else 0)
    return '+%s@%d' % (f['rule'], f['line'])


def read_verdicts():
    verdicts = {}
    path = os.path.join(HERE, 'verdicts.tsv')
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) != 4 or cols[2] not in ('ok', 'fp', 'miss', 'none'):
                sys.exit('verdicts.tsv:%d: expected PAIR ITEM VERDICT NOTE '
                         '(verdict ok, fp, miss or none)' % n)
            verdicts.setdefault(cols[0], []).append((cols[1], cols[2], cols[3]))
    return verdicts


def unchanged_as_new(old_file, old_src, new_file, new_src):
    """New findings of NEW that OLD's own report already has."""
    seen = {}
    for f in old_file['findings']:
        key = (f['rule'], f['kind'],
               '' if f['kind'] in ('missing', 'incomplete') else located_text(old_src, f))
        seen[key] = seen.get(key, 0) + 1
    out = []
    for f in new_file['findings']:
        if f['kind'] in REVIEW_KINDS:
            continue
        key = (f['rule'], f['kind'],
               '' if f['kind'] in ('missing', 'incomplete') else located_text(new_src, f))
        if seen.get(key):
            seen[key] -= 1
            out.append(f)
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pl = os.path.abspath(sys.argv[1])
    update = '--update-summaries' in sys.argv
    draft = '--draft' in sys.argv
    ps = pairs()
    tmp = tempfile.mkdtemp()
    failures = []
    try:
        repo, names = lay_out(tmp, ps)
        files = [names[p[0]] for p in ps]
        cur = json.loads(lint(pl, repo, files, '--against', 'HEAD~1', '--format', 'json'))
        by_path = {f['path']: f for f in cur['files']}
        # The summaries of the pairs where something changed or is found
        # (the others say only that nothing did).
        shown = [f for f in files if by_path[f]['changes'] or by_path[f]['findings']]
        md = lint(pl, repo, shown, '--against', 'HEAD~1', '--format', 'markdown')
        old = json.loads(lint(pl, os.path.join(tmp, 'old'), files, '--format', 'json'))
        old_by_path = {f['path']: f for f in old['files']}
        verdicts = read_verdicts()
        counts = {k: 0 for k in ('review-ok', 'review-fp', 'review-miss',
                                 'new-ok', 'new-fp', 'new-miss',
                                 'unchanged-as-new')}
        for pid, r, a, b in ps:
            f = by_path[names[pid]]
            got = sorted(item(x) for x in f['findings'])
            judged = verdicts.get(pid)
            if judged is None:
                failures.append('%s: not judged in verdicts.tsv' % pid)
                if draft:
                    for it in got or ['-']:
                        print('%s\t%s\t%s\t?' % (pid, it, '?' if it != '-' else 'none'))
                continue
            want = sorted(it for it, v, _ in judged if v in ('ok', 'fp'))
            if got != want:
                failures.append('%s: reported %s, verdicts.tsv expects %s' %
                                (pid, ' '.join(got) or '(nothing)',
                                 ' '.join(want) or '(nothing)'))
                if draft:
                    for it in got:
                        if it not in want:
                            print('%s\t%s\t?\t?' % (pid, it))
            for it, v, _ in judged:
                if it == '-':
                    continue
                side = 'review' if it.startswith('-') else 'new'
                if v in ('ok', 'fp'):
                    counts['%s-%s' % (side, v)] += 1
                elif v == 'miss':
                    counts['%s-miss' % side] += 1
            with open(os.path.join(tmp, 'old', names[pid]), 'rb') as fh:
                osrc = fh.read()
            with open(os.path.join(repo, names[pid]), 'rb') as fh:
                nsrc = fh.read()
            again = unchanged_as_new(old_by_path[names[pid]], osrc, f, nsrc)
            counts['unchanged-as-new'] += len(again)
            for x in again:
                failures.append('%s: %s was in OLD already, and is reported '
                                'as new' % (pid, item(x)))
        golden = os.path.join(HERE, 'summaries.md')
        if update:
            with open(golden, 'w', encoding='utf-8') as fh:
                fh.write(md)
        else:
            with open(golden, encoding='utf-8') as fh:
                want_md = fh.read()
            if want_md != md:
                got_path = os.path.join(HERE, '..', '..', 'build', 'history-summaries.md')
                os.makedirs(os.path.dirname(got_path), exist_ok=True)
                with open(got_path, 'w', encoding='utf-8') as fh:
                    fh.write(md)
                failures.append('the markdown summaries differ from summaries.md '
                                '(diff it with %s; after reading them, '
                                '--update-summaries)' % os.path.relpath(got_path))
        print('history: %d pairs from %d repositories; removed or weakened: '
              '%d right, %d wrong, %d missed; new findings: %d right, %d wrong, '
              '%d missed; unchanged findings reported as new: %d' %
              (len(ps), len({p[1] for p in ps}), counts['review-ok'],
               counts['review-fp'], counts['review-miss'], counts['new-ok'],
               counts['new-fp'], counts['new-miss'], counts['unchanged-as-new']))
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print('FAIL ' + f)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
