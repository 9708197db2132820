#!/usr/bin/env python3
"""The benchmark (`make bench`): figures, not a pass/fail test.

Prints the median end-to-end time to lint one seed policy (rule loading
included), the time to lint the 59 policies of the OPP-115 development split
in one run (with the default baseline profile, then with every compliance
profile enabled), the peak memory of that run, and the same corpus searched by
ripgrep with policylint's own patterns (`rg -P -c -f <(policylint
--export-patterns)`) for a side-by-side ratio.  It also times a large
synthetic policy to show that cost grows linearly with length.

Then the hostile shapes of issue 10, on synthetic text written for the
project (no shared data needed): a 20 MB policy of ordinary lines against
the same bytes as one single line (the line index and the text report
once made that quadratic: the single line must cost at most twice the
ordinary one), and 2,000 against 20,000 inline directives (linear: ten
times the directives, about ten times the time).
"""
import glob, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'
pl = os.path.abspath('./policylint')


def run(argv, **kw):
    t0 = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def median_time(argv, n=15):
    run(argv)  # warm the page cache
    return statistics.median(run(argv) for _ in range(n))


def count_profiles():
    out = subprocess.run([pl, '--list-profiles'], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines()[1:] if re.match(r'\S+\s+\d+\s', line))


def rg_time(rg, pats, corpus):
    """ripgrep joins all -f patterns into one regex, which PCRE2 refuses as
    too large for ~600 patterns; so the patterns go in groups, halved until
    each group compiles, and the group times are added up."""
    total, runs, todo = 0.0, 0, [pats[i:i + 64] for i in range(0, len(pats), 64)]
    while todo:
        group = todo.pop()
        with tempfile.NamedTemporaryFile('w', suffix='.pat', delete=False) as f:
            f.write('\n'.join(group) + '\n')
            name = f.name
        argv = [rg, '-P', '-c', '-f', name] + corpus
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode == 2:
            os.unlink(name)
            if len(group) == 1:
                return None, runs
            todo += [group[:len(group) // 2], group[len(group) // 2:]]
            continue
        total += median_time(argv, n=3)
        runs += 1
        os.unlink(name)
    return total, runs


# Sentences of a policy, written for this benchmark; numbered as they
# repeat so that no two paragraphs are the same.
SENTENCES = [
    "We collect your name, e-mail address and postal address when you register (ref {n}).",
    "We use the pages you visit to improve the service and to fix errors.",
    "We keep account records for {d} days after you close your account.",
    "We never sell your personal information.",
    "We share your order history with the carrier that delivers parcel {n}.",
    "You may ask us to access, correct or delete your information at any time.",
    "We use cookies to remember your settings; you can refuse them in your browser.",
    "Our service is not directed to children under 13.",
    "We protect stored data with encryption and restrict access to staff who need it.",
    "We will tell you by e-mail before a change to this policy takes effect.",
    "Write to privacy@example.org with any question about this notice.",
    "We do not respond to Do Not Track signals.",
    "Partners may receive aggregated statistics that identify no one.",
]


def synthetic_policy(size):
    out, n = [], 0
    while sum(len(p) for p in out) < size:
        para = ' '.join(s.format(n=n, d=30 + n % 300) for s in SENTENCES[n % 5:] + SENTENCES[:n % 5])
        out.append('Section %d\n\n%s\n\n' % (n, para.replace('. ', '.\n', n % 3)))
        n += 1
    return ''.join(out)


def directives_policy(count):
    lines = []
    for i in range(count):
        k = i % 4
        lines.append([
            'Line %d: we share data with partners. <!-- policylint-disable-line safe-harbor-reliance -- reviewed -->' % i,
            '<!-- policylint-disable-next-line safe-harbor-reliance -->',
            'Line %d: we comply with the Safe Harbor framework.' % i,
            '<!-- policylint-disable missing-dnt --> text %d <!-- policylint-enable missing-dnt -->' % i][k])
    return '\n'.join(lines) + '\n'


def cpu_time(argv):
    """CPU seconds (user + system) of one run: on a shared machine the wall
    clock measures the neighbours too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed_file(text, suffix, fmt='json', n=1):
    with tempfile.NamedTemporaryFile('w', suffix=suffix, delete=False) as f:
        f.write(text)
        name = f.name
    try:
        return statistics.median(cpu_time([pl, '-j', '1', '--format', fmt, name])
                                 for _ in range(n))
    finally:
        os.unlink(name)


def hostile():
    print('hostile shapes (issue 10; CPU seconds)')
    text = synthetic_policy(20_000_000)
    mb = len(text.encode()) / 1e6
    t_lines = timed_file(text, '.txt')
    t_one = timed_file(text.replace('\n', ' '), '.txt')
    print('  %.1f MB policy, ordinary lines            : %7.2f s' % (mb, t_lines))
    print('  the same bytes as one line               : %7.2f s  (%.2fx; linear: at most 2x)'
          % (t_one, t_one / t_lines))
    t_text = timed_file(text.replace('\n', ' '), '.txt', fmt='text')
    print('  one line, text report (bounded quotes)   : %7.2f s' % t_text)
    t0 = timed_file('', '.md', n=3)      # rules loaded, nothing to lint
    t2k = timed_file(directives_policy(2000), '.md', n=3)
    t20k = timed_file(directives_policy(20000), '.md', n=3)
    print('  2,000 inline directives                  : %7.2f s' % t2k)
    print('  20,000 inline directives                 : %7.2f s  (%.1fx the work for 10x, '
          'past the %.2f s of loading the rules: linear)'
          % (t20k, (t20k - t0) / max(t2k - t0, 1e-3), t0))


def main():
    hostile()
    seeds = sorted(glob.glob(os.path.join(shared, 'seeds', '0*.txt')))
    corpus = sorted(glob.glob(os.path.join(shared, 'corpus', 'opp115-dev', 'policies', '*.html')))
    if not seeds or not corpus:
        print('bench: %s has no seeds or corpus; nothing to measure' % shared)
        return
    print('policylint benchmark (%d cores)' % os.cpu_count())
    t = median_time([pl, '--format', 'json', seeds[0]])
    print('  one seed policy, end to end (rules loaded) : %7.1f ms  (median of 15)' % (t * 1e3))
    t_all = median_time([pl, '--format', 'json'] + corpus, n=7)
    size = sum(os.path.getsize(f) for f in corpus)
    print('  %d OPP-115 policies (%.1f MB), one run      : %7.1f ms  (%.1f MB/s)'
          % (len(corpus), size / 1e6, t_all * 1e3, size / 1e6 / t_all))
    # Compliance profiles: every profile's rules and topics on top of the
    # baseline, on the same corpus.
    t_prof = median_time([pl, '--format', 'json', '--profile', 'all'] + corpus, n=7)
    print('  the same with --profile all (%d profiles)   : %7.1f ms  (%.2fx baseline)'
          % (count_profiles(), t_prof * 1e3, t_prof / t_all))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([pl, '--format', 'json'] + corpus, stdout=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print('  peak memory of that run                   : %7.1f MB' % (max(peak, before) / 1024))
    rg = shutil.which('rg')
    if rg:
        pats = subprocess.run([pl, '--export-patterns'], stdout=subprocess.PIPE,
                              text=True).stdout.splitlines()
        t_rg, chunks = rg_time(rg, pats, corpus)
        if t_rg is None:
            print('  rg -P: some patterns do not compile in ripgrep; no side-by-side figure')
        else:
            print('  rg -P -c -f <(--export-patterns), %d patterns in %d runs: %6.1f ms  (policylint/rg = %.2f)'
                  % (len(pats), chunks, t_rg * 1e3, t_all / t_rg))
    else:
        print('  rg: not installed (apt-get install ripgrep) — no side-by-side figure')
    # Linear cost: the same corpus text concatenated 1x and 8x.
    text = ''.join(open(f, encoding='utf-8', errors='replace').read() for f in corpus)
    times = []
    for k in (1, 8):
        with tempfile.NamedTemporaryFile('w', suffix='.html', delete=False) as f:
            f.write(text * k)
            name = f.name
        times.append(median_time([pl, '--format', 'json', name], n=3))
        os.unlink(name)
    print('  one %.1f MB policy: %.0f ms; 8x as long: %.0f ms (ratio %.1f)'
          % (len(text) / 1e6, times[0] * 1e3, times[1] * 1e3, times[1] / times[0]))


if __name__ == '__main__':
    main()
