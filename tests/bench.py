#!/usr/bin/env python3
"""The benchmark (`make bench`): figures, not a pass/fail test.

Prints the median end-to-end time to lint one seed policy (rule loading
included), the time to lint the 59 policies of the OPP-115 development split
in one run (with the default baseline profile, then with every compliance
profile enabled), the peak memory of that run, and the same corpus searched by
ripgrep with policylint's own patterns (`rg -P -c -f <(policylint
--export-patterns)`) for a side-by-side ratio.  It also times a large
synthetic policy to show that cost grows linearly with length.
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


def main():
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
