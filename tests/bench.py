#!/usr/bin/env python3
"""The benchmark (`make bench`): figures, not a pass/fail test.

First the hostile shapes of issue 10, on synthetic text written for the
project (no shared data needed): a 20 MB policy of ordinary lines against
the same bytes as one single line (the line index and the text report
once made that quadratic: the single line must cost at most twice the
ordinary one), and 2,000 against 20,000 inline directives (linear: ten
times the directives, about ten times the time).

Then the engine (issue 15), each figure beside its target: one seed
policy end to end with the rule cache warm and cold; the OPP-115
development policies x4 on one core (MB/s of input per CPU second) and on
two threads against pcre2grep running the same exported patterns; the
peak memory; --profile all against the default; the prefilter on and
off (speed, and whether the reports are identical); and the corpus as one
file 1x and 8x (linear cost).  CPU time is used where it can be: on a
shared machine the wall clock measures the neighbours too.
"""
import glob, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'
pl = os.path.abspath('./policylint')


def count_profiles():
    out = subprocess.run([pl, '--list-profiles'], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines()[1:] if re.match(r'\S+\s+\d+\s', line))


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


def timed_file(text, suffix, fmt='json', n=1):
    with tempfile.NamedTemporaryFile('w', suffix=suffix, delete=False) as f:
        f.write(text)
        name = f.name
    try:
        return statistics.median(cpu_and_wall([pl, '-j', '1', '--format', fmt, name])[0]
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


def cpu_and_wall(argv, env=None):
    """(CPU seconds, wall seconds, peak RSS in MB) of one run, from that
    child's own rusage.  The peak is the program's own only when measured
    by /usr/bin/time: a child forked from this Python process keeps the
    high-water mark of its copy of Python's memory through exec (and
    RUSAGE_CHILDREN's is the largest of every child, the hostile runs
    included); without /usr/bin/time it is None."""
    timer = shutil.which('time') or ('/usr/bin/time' if os.path.exists('/usr/bin/time') else None)
    with tempfile.NamedTemporaryFile('r', suffix='.rss') as rss:
        full = [timer, '-f', '%M', '-o', rss.name] + argv if timer else argv
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        peak = None
        if timer:
            text = rss.read().split()
            peak = int(text[-1]) / 1024 if text and text[-1].isdigit() else None
    return ru.ru_utime + ru.ru_stime, wall, peak


def medians(argv, n, env=None, setup=None):
    runs = []
    for _ in range(n):
        if setup:
            setup()
        runs.append(cpu_and_wall(argv, env))
    peaks = [r[2] for r in runs if r[2] is not None]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(peaks) if peaks else None)


def env_with(**kw):
    e = dict(os.environ)
    e.update(kw)
    return e


def target(ok):
    return 'met' if ok else 'NOT MET'


def start_up(seed, cache):
    """One seed end to end, rules loaded: with the compiled rule set in the
    cache (warm) and with an empty cache (cold: compiled, then cached)."""
    print('start-up (issue 15): one seed policy end to end, rules loaded; CPU median of 15')
    env = env_with(XDG_CACHE_HOME=cache)
    subprocess.run([pl, '--format', 'json', seed], stdout=subprocess.DEVNULL, env=env)
    cpu, wall, _ = medians([pl, '--format', 'json', seed], 15, env)
    print('  cache warm                                : %7.1f ms CPU, %6.1f ms wall  (target <= 10 ms: %s)'
          % (cpu * 1e3, wall * 1e3, target(cpu <= 0.010)))
    cold = os.path.join(cache, 'cold')
    cpu, wall, _ = medians([pl, '--format', 'json', seed], 7, env_with(XDG_CACHE_HOME=cold),
                           setup=lambda: shutil.rmtree(cold, ignore_errors=True))
    print('  cache cold (compiles, then caches)        : %7.1f ms CPU, %6.1f ms wall  (target <= 25 ms: %s)'
          % (cpu * 1e3, wall * 1e3, target(cpu <= 0.025)))
    cpu, wall, _ = medians([pl, '--no-cache', '--format', 'json', seed], 7, env)
    print('  --no-cache                                : %7.1f ms CPU, %6.1f ms wall' % (cpu * 1e3, wall * 1e3))


def pcre2grep_run(pats, files):
    """pcre2grep -c over the same files with policylint's exported patterns
    (each with (*UCP), as policylint compiles them); patterns it refuses are
    left out and counted."""
    tool = shutil.which('pcre2grep')
    if not tool:
        return None
    usable = []
    for pat in pats:
        r = subprocess.run([tool, '-c', '-U', '-e', '(*UCP)' + pat, '/dev/null'],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode != 2:
            usable.append('(*UCP)' + pat)
    with tempfile.NamedTemporaryFile('w', suffix='.pat', delete=False) as f:
        f.write('\n'.join(usable) + '\n')
        name = f.name
    try:
        cpu, wall, _ = medians([tool, '-c', '-U', '-f', name] + files, 3)
    finally:
        os.unlink(name)
    return cpu, wall, len(usable)


def throughput(corpus, env):
    size = sum(os.path.getsize(f) for f in corpus)
    files = corpus * 4
    mb = 4 * size / 1e6
    print('throughput (issue 15): the %d OPP-115 policies x4 (%.1f MB), one run each'
          % (len(corpus), mb))
    cpu1, wall1, rss1 = medians([pl, '-j', '1', '--format', 'json'] + files, 3, env)
    print('  one core (-j1)                            : %7.2f s CPU  %6.1f MB/s  (target >= 15 MB/s: %s)'
          % (cpu1, mb / cpu1, target(mb / cpu1 >= 15)))
    cpu2, wall2, rss2 = medians([pl, '-j', '2', '--format', 'json'] + files, 3, env)
    print('  two threads (-j2)                         : %7.2f s wall %6.1f MB/s' % (wall2, mb / wall2))
    if rss1 is None or rss2 is None:
        print('  peak memory: /usr/bin/time is not installed (apt-get install time): no figure')
    else:
        print('  peak memory (-j1 / -j2)                   : %7.1f / %.1f MB  (target <= 20 MB: %s)'
              % (rss1, rss2, target(max(rss1, rss2) <= 20)))
    pats = subprocess.run([pl, '--export-patterns'], stdout=subprocess.PIPE,
                          text=True, env=env).stdout.splitlines()
    g = pcre2grep_run(pats, files)
    if g is None:
        print('  pcre2grep: not installed (apt-get install pcre2-utils): no side-by-side figure')
    else:
        gcpu, gwall, n = g
        print('  pcre2grep -c -U -f (%d of %d patterns)    : %7.2f s wall  (policylint -j2 is %.1fx faster; target >= 5x: %s)'
              % (n, len(pats), gwall, gwall / wall2, target(gwall / wall2 >= 5)))
    return cpu1


def profiles_cost(corpus, env, base_cpu):
    files = corpus * 4
    cpu, _, _ = medians([pl, '-j', '1', '--format', 'json', '--profile', 'all'] + files, 3, env)
    print('  --profile all (%d profiles), -j1           : %7.2f s CPU  (%.2fx the default; target < 1.5x: %s)'
          % (count_profiles(), cpu, cpu / base_cpu, target(cpu / base_cpu < 1.5)))


def prefilter_effect(corpus, env):
    on, _, _ = medians([pl, '-j', '1', '--format', 'json'] + corpus, 3, env)
    off, _, _ = medians([pl, '-j', '1', '--format', 'json'] + corpus, 3,
                        env_with(POLICYLINT_PREFILTER='0', XDG_CACHE_HOME=env['XDG_CACHE_HOME']))
    a = subprocess.run([pl, '--format', 'json', '--profile', 'all'] + corpus,
                       stdout=subprocess.PIPE, env=env).stdout
    b = subprocess.run([pl, '--format', 'json', '--profile', 'all'] + corpus, stdout=subprocess.PIPE,
                       env=env_with(POLICYLINT_PREFILTER='0',
                                    XDG_CACHE_HOME=env['XDG_CACHE_HOME'])).stdout
    print('  prefilter on / off (corpus x1, -j1)       : %7.2f / %.2f s CPU  (%.1fx); reports %s'
          % (on, off, off / on, 'identical' if a == b else 'DIFFER'))


def linear(corpus, env):
    text = ''.join(open(f, encoding='utf-8', errors='replace').read() for f in corpus)
    times = []
    for k in (1, 8):
        with tempfile.NamedTemporaryFile('w', suffix='.html', delete=False) as f:
            f.write(text * k)
            name = f.name
        times.append(medians([pl, '-j', '1', '--format', 'json', name], 3, env)[0])
        os.unlink(name)
    print('  the corpus as one %.1f MB file: %.2f s CPU; 8x as long: %.2f s (ratio %.1f; linear: about 8)'
          % (len(text) / 1e6, times[0], times[1], times[1] / times[0]))


def main():
    hostile()
    seeds = sorted(glob.glob(os.path.join(shared, 'seeds', '0*.txt')))
    corpus = sorted(glob.glob(os.path.join(shared, 'corpus', 'opp115-dev', 'policies', '*.html')))
    if not seeds or not corpus:
        print('bench: %s has no seeds or corpus; nothing to measure' % shared)
        return
    print('policylint benchmark (%d cores; CPU seconds are user + system)' % os.cpu_count())
    cache = tempfile.mkdtemp(prefix='policylint-bench-')
    try:
        env = env_with(XDG_CACHE_HOME=cache)
        start_up(seeds[0], cache)
        base = throughput(corpus, env)
        profiles_cost(corpus, env, base)
        prefilter_effect(corpus, env)
        linear(corpus, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == '__main__':
    main()
