#!/usr/bin/env python3
"""`make bench`: the table of issue 12, measured in one run, as whole processes.

  bench.py [--small] [--bin DIR] [--python PY] [--corpus DIR]

Prints, on the synthetic corpus of audit-bench (200 platforms × 25 versions, 5,000 manifests, as
in the issue): the single-core libyaml floor, `audit run --format json`, `audit run` in all seven
formats and the Rego pipeline (PyYAML C loader + regorus, scripts/bench/rego_pipeline.py), each
with its wall time, its ratio to the floor and its peak RSS; `audit history` of the corpus up to the
same day beside one `audit run --format json` of it; on a corpus of the same shape whose values
move at every version (scripts/bench_corpus.py drift), `audit history` and `audit timeline` beside
a run of it, with the timeline's file sizes; then checks that the Rego pipeline
and `audit run` give the same status, result for result (a disagreement fails the run). Then the
scaling table: 1k/5k/10k synthetic manifests, 250/1,000/4,000 platforms with the shipped
per-counterparty CN duties, and 8,000 platforms that nothing applies to.

Then issue 25's targets on a corpus where writing dominates (audit-bench's `output` shape: 200
platforms × 25 versions, 40 counterparties each, the same six duties, about 33,000 results, half of
them fails), each measured best of five beside the floor and the Rego pipeline: `audit run` in JSON
and in all formats, `audit diff` against a next version in which a fifth of the platforms changed,
`audit timeline` and the size of what it writes, with 2,000 platforms under the CN per-counterparty
and pair duties and 8,000 platforms nothing applies to, in one table that says whether each target
is met.

`--corpus DIR` prints only that targets table, measured on DIR (its `manifests/` and `rules/`,
of the `output` shape: a held-out corpus kept outside the repository).

`--small` uses tiny sizes, so that `make test` runs it and it cannot rot; timings are printed,
never asserted.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AS_OF = "2021-12-02"


class Killed(Exception):
    """A run went over the RSS limit and was stopped."""

    def __init__(self, wall, rss):
        super().__init__(f"killed at {rss:.0f} MB after {wall:.1f} s")
        self.wall, self.rss = wall, rss


# The measured command runs as the child of a fresh, small Python process, not of this one:
# Linux carries a process's peak RSS across exec, and a child forked from this script would
# report this script's own peak (it loads whole results.json files to compare statuses) as the
# command's. The spawner reports the child's wall time, peak RSS and exit code on its stdout.
SPAWN = r"""
import os, subprocess, sys, time
limit_mb, command = float(sys.argv[1]), sys.argv[2:]
def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0
start = time.monotonic()
process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
killed = False
while True:
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    if limit_mb and rss_mb(process.pid) > limit_mb:
        process.kill()
        _, status, usage = os.wait4(process.pid, 0)
        killed = True
        break
    time.sleep(0.05)
wall = time.monotonic() - start
print(wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), int(killed))
"""


def run(command, limit_mb=None, expect=0):
    """Runs a command; returns (wall seconds, peak RSS in MB). Fails on a non-zero exit; with
    `limit_mb`, stops it (raising Killed) once its RSS passes the limit, so that a case too big
    for the machine does not take the machine down."""
    # stderr goes to a file: a pipe that nobody reads while waiting would block a chatty run.
    errors = tempfile.TemporaryFile()
    report = subprocess.run([sys.executable, "-c", SPAWN, str(limit_mb or 0), *command],
                            stdout=subprocess.PIPE, stderr=errors, check=False)
    errors.seek(0)
    stderr = errors.read().decode(errors="replace")
    try:
        wall, rss, code, killed = report.stdout.decode().split()
    except ValueError:
        sys.exit(f"bench: could not time {' '.join(command)}:\n" + stderr[-2000:])
    wall, rss, code = float(wall), float(rss), int(code)
    if killed == "1":
        raise Killed(wall, rss)
    if code != expect:
        sys.exit(f"bench: {' '.join(command)} exited {code}:\n" + "\n".join(stderr.splitlines()[-20:]))
    return wall, rss


def summary_results(path):
    """The result count from the summary at the head of a results.json, without loading it all."""
    with open(path, encoding="utf-8") as f:
        head = f.read(8192)
    summary = head[head.index('"summary"'):]
    return int(summary[summary.index('"results": ') + 11:].split(",")[0].split("\n")[0])


def best(command, repeats, expect=0):
    """The fastest of `repeats` runs, with the peak RSS of that run."""
    return min((run(command, expect=expect) for _ in range(repeats)), key=lambda r: r[0])


def audit_run(audit, manifests, rules, out, formats):
    return [audit, "run", manifests, "--rules", rules, "--as-of", AS_OF, "--output", out,
            "--fail-on", "none", "--format", formats]


def size_mb(directory):
    return sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory)) / 1048576


def statuses_agree(results_json, rego_json):
    ours = {(r["obligation"], r["platform"], r.get("counterparty")): r["status"]
            for r in json.load(open(results_json, encoding="utf-8"))["results"]}
    theirs = {(r["obligation"], r["platform"], r["counterparty"]): r["status"]
              for r in json.load(open(rego_json, encoding="utf-8"))}
    problems = [f"only audit: {k}" for k in ours.keys() - theirs.keys()]
    problems += [f"only Rego: {k}" for k in theirs.keys() - ours.keys()]
    problems += [f"{k}: audit {ours[k]}, Rego {theirs[k]}" for k in ours.keys() & theirs.keys() if ours[k] != theirs[k]]
    return len(ours), problems


def target(name, measured, goal, met):
    """One row of the targets table."""
    print(f"| {name} | {measured} | {goal} | {'met' if met else 'MISSED'} |")


def output_targets(audit, bench, python, work, small, repeats, corpus=None):
    """Issue 25's targets, on the corpus where output dominates, in one table: audit-bench's
    `output` shape, or `corpus` (a directory with `manifests/` and `rules/` of that shape, such
    as a held-out one kept outside the repository)."""
    platforms, versions = (45, 3) if small else (200, 25)
    cn_size = 60 if small else 2_000
    outside = 200 if small else 8_000
    if corpus is None:
        corpus = os.path.join(work, "output")
        run([bench, "--write", corpus, str(platforms), str(versions), "output"])
    manifests, rules = os.path.join(corpus, "manifests"), os.path.join(corpus, "rules")
    platforms = len({name.split("-v")[0] for name in os.listdir(manifests)})
    versions = len(os.listdir(manifests)) // max(1, platforms)
    corpus_mb = size_mb(manifests)
    floor = best([bench, "--floor", manifests], repeats)
    json_out, all_out = os.path.join(work, "output-json"), os.path.join(work, "output-all")
    json_run = best(audit_run(audit, manifests, rules, json_out, "json"), repeats)
    everything = best(audit_run(audit, manifests, rules, all_out, "markdown,html,json,sarif,junit,csv,oscal"), repeats)
    rego_out = os.path.join(work, "output-rego.json")
    rego = best([python, os.path.join(HERE, "rego_pipeline.py"), manifests, AS_OF, rego_out], repeats)
    results, problems = statuses_agree(os.path.join(json_out, "results.json"), rego_out)
    if problems:
        sys.exit("bench: the Rego pipeline disagrees on the output corpus:\n  " + "\n  ".join(problems[:20]))
    per_result = os.path.getsize(os.path.join(json_out, "results.json")) / max(1, results)
    # `audit diff` of this corpus against a next version of it in which every fifth platform's
    # newest manifest swaps 'direct' and 'blocked' in private chats: regressions and fixes, for
    # the platform and, through reciprocity, for its counterparties.
    changed = os.path.join(work, "output-changed")
    shutil.copytree(manifests, changed)
    newest = {}
    for name in sorted(os.listdir(changed)):
        newest[name.split("-v")[0]] = name
    for i, name in enumerate(sorted(newest.values())):
        if i % 5 == 0:
            path = os.path.join(changed, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = text.replace("private_chat: direct", "private_chat: @").replace("private_chat: blocked", "private_chat: direct")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("private_chat: @", "private_chat: blocked"))
    changed_out = os.path.join(work, "output-changed-out")
    run(audit_run(audit, changed, rules, changed_out, "json"))
    diff_out = os.path.join(work, "output-diff")
    diff = best([audit, "diff", os.path.join(json_out, "results.json"), os.path.join(changed_out, "results.json"),
                 "--output", diff_out, "--fail-on", "none"], repeats)
    timeline_out = os.path.join(work, "output-timeline")
    timeline = best([audit, "timeline", manifests, "--rules", rules, "--format", "markdown,html,json",
                     "--output", timeline_out], repeats)
    timeline_mb = {name: os.path.getsize(os.path.join(timeline_out, name)) / 1048576
                   for name in ("timeline.md", "timeline.html", "timeline.json")}

    cn_dir = os.path.join(work, f"targets-cn-{cn_size}")
    run([python, os.path.join(ROOT, "scripts", "bench_corpus.py"), "cn", cn_dir, str(cn_size)])
    cn_out = os.path.join(work, "targets-cn-out")
    cn = run(audit_run(audit, cn_dir, os.path.join(ROOT, "Rules", "cn-interop"), cn_out, "json"),
             limit_mb=int(os.environ.get("BENCH_RSS_LIMIT_MB", "8192")))
    cn_gb = os.path.getsize(os.path.join(cn_out, "results.json")) / 1024 ** 3
    shutil.rmtree(cn_out, ignore_errors=True)
    outside_dir = os.path.join(work, f"targets-outside-{outside}")
    run([python, os.path.join(ROOT, "scripts", "bench_corpus.py"), "outside", outside_dir, str(outside)])
    outside_floor = best([bench, "--floor", outside_dir], repeats)
    # A run that nothing applies to checks nothing, which exits 2 by design; it still writes
    # its results.
    nothing = best(audit_run(audit, outside_dir, os.path.join(ROOT, "Rules"), os.path.join(work, "targets-outside-out"), "json"),
                   repeats, expect=2)
    nothing_goal = max(1.0, 10 * outside_floor[0])

    print(f"\ntargets (issue 25), on a corpus where output dominates: {len(os.listdir(manifests))} manifests "
          f"({platforms} platforms × {versions} versions, 40 counterparties each, six duties), {corpus_mb:.1f} MB, "
          f"{results} results; best of {repeats}")
    print("| what | wall s | × floor | peak RSS MB | × corpus |\n|---|---|---|---|---|")
    for name, (wall, rss) in [("libyaml event loop, one core (the floor)", floor),
                              ("audit run --format json", json_run),
                              ("audit run, all seven formats", everything),
                              ("audit diff of two results.json (a fifth of the platforms changed)", diff),
                              ("audit timeline, Markdown, HTML and JSON", timeline),
                              ("PyYAML C loader + regorus (Rego), same duties", rego)]:
        print(f"| {name} | {wall:.2f} | {wall / floor[0]:.2f} | {rss:.0f} | {rss / corpus_mb:.1f} |")
    print("\n| target | measured | goal | |\n|---|---|---|---|")
    target("audit run --format json", f"{json_run[0] / floor[0]:.2f}× the floor", "≤ 1.3×", json_run[0] <= 1.3 * floor[0])
    target("audit run, all seven formats", f"{everything[0] / floor[0]:.2f}× the floor", "≤ 2.5×",
           everything[0] <= 2.5 * floor[0])
    target("audit against PyYAML + regorus", f"{rego[0] / json_run[0]:.1f}× faster", "≥ 15×", rego[0] >= 15 * json_run[0])
    peak = max(json_run[1], everything[1])
    target("peak RSS, json or all seven formats", f"{peak / corpus_mb:.1f}× the corpus", "≤ 3×", peak <= 3 * corpus_mb)
    target("results.json a result", f"{per_result:.0f} bytes", "≤ 700", per_result <= 700)
    target("audit diff", f"{diff[0] / json_run[0]:.2f}× a json run, {diff[1] / corpus_mb:.1f}× the corpus in RSS",
           "≤ 2×, ≤ 4×", diff[0] <= 2 * json_run[0] and diff[1] <= 4 * corpus_mb)
    target("audit timeline", f"{timeline[0] / json_run[0]:.2f}× a json run, {timeline[1]:.0f} MB",
           "≤ 5×, ≤ 500 MB", timeline[0] <= 5 * json_run[0] and timeline[1] <= 500)
    target("timeline.md and timeline.html", f"{timeline_mb['timeline.md']:.1f} and {timeline_mb['timeline.html']:.1f} MB "
           f"(timeline.json {timeline_mb['timeline.json']:.1f} MB)", "< 5 MB each",
           max(timeline_mb["timeline.md"], timeline_mb["timeline.html"]) < 5)
    target(f"{cn_size} platforms, CN per-counterparty and pair duties (one run)", f"{cn[0]:.1f} s, {cn[1]:.0f} MB",
           "≤ 30 s", cn[0] <= 30)
    target(f"{cn_size} platforms: results.json", f"{cn_gb:.2f} GB", "≤ 1.5 GB", cn_gb <= 1.5)
    target(f"{outside} platforms nothing applies to", f"{nothing[0]:.2f} s (floor {outside_floor[0]:.2f} s)",
           f"≤ {nothing_goal:.1f} s", nothing[0] <= nothing_goal)


def main():
    args = sys.argv[1:]
    small = "--small" in args
    corpus = os.path.abspath(args[args.index("--corpus") + 1]) if "--corpus" in args else None
    bin_dir = args[args.index("--bin") + 1] if "--bin" in args else os.path.join(ROOT, ".build/release")
    python = args[args.index("--python") + 1] if "--python" in args else sys.executable
    audit, bench = os.path.join(bin_dir, "audit"), os.path.join(bin_dir, "audit-bench")
    # The corpus: 200 platforms × 25 versions = 5,000 manifests; 1k/5k/10k to scale.
    # (audit-bench's manifests name 30 others: fewer than 30 platforms would repeat keys.)
    platforms, versions = (30, 3) if small else (200, 25)
    synthetic_sizes = [30, 40, 50] if small else [40, 200, 400]
    cn_sizes = [20, 40, 80] if small else [250, 1_000, 4_000]
    outside = 200 if small else 8_000
    repeats = 1 if small else 5
    work = tempfile.mkdtemp(prefix="audit-bench-")
    if corpus is not None:
        # Only the targets table, on the given corpus.
        try:
            output_targets(audit, bench, python, work, small, repeats, corpus)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        corpus = os.path.join(work, "synthetic")
        run([bench, "--write", corpus, str(platforms), str(versions)])
        manifests, rules = os.path.join(corpus, "manifests"), os.path.join(corpus, "rules")
        count = len(os.listdir(manifests))
        print(f"corpus: {count} manifests ({platforms} platforms × {versions} versions), {size_mb(manifests):.1f} MB; "
              f"{os.cpu_count()} cores; best of {repeats}")
        floor = best([bench, "--floor", manifests], repeats)
        json_run = best(audit_run(audit, manifests, rules, os.path.join(work, "json"), "json"), repeats)
        everything = best(audit_run(audit, manifests, rules, os.path.join(work, "all"),
                                    "markdown,html,json,sarif,junit,csv,oscal"), repeats)
        rego_out = os.path.join(work, "rego.json")
        rego = best([python, os.path.join(HERE, "rego_pipeline.py"), manifests, AS_OF, rego_out], repeats)
        rows = [("libyaml event loop, one core (the floor)", floor),
                ("audit run --format json", json_run),
                ("audit run, all seven formats", everything),
                ("PyYAML C loader + regorus (Rego), same duties", rego)]
        print("| what | wall s | × floor | peak RSS MB |\n|---|---|---|---|")
        for name, (wall, rss) in rows:
            print(f"| {name} | {wall:.2f} | {wall / floor[0]:.1f} | {rss:.0f} |")
        # The history of the same corpus up to the same day, against one run of that day.
        history = best([audit, "history", manifests, "--rules", rules, "--to", AS_OF, "--format", "json",
                        "--output", os.path.join(work, "history")], repeats)
        corpus_mb = size_mb(manifests)
        print(f"history: audit history --to {AS_OF} --format json: {history[0]:.2f} s, "
              f"{history[0] / json_run[0]:.1f}× audit run --format json (target ≤ 4×); peak RSS {history[1]:.0f} MB, "
              f"{history[1] / corpus_mb:.1f}× the {corpus_mb:.1f} MB corpus (target ≤ 4×)")
        # The corpus whose values move at every version (scripts/bench_corpus.py drift): there the
        # history re-evaluates on every date and the timeline derives events from every pair.
        drift = os.path.join(work, "drift")
        run([python, os.path.join(ROOT, "scripts", "bench_corpus.py"), "drift", drift, str(platforms), str(versions)])
        drift_manifests, drift_rules = os.path.join(drift, "manifests"), os.path.join(drift, "rules")
        drift_mb = size_mb(drift_manifests)
        drift_run = best(audit_run(audit, drift_manifests, drift_rules, os.path.join(work, "drift-json"), "json"), repeats)
        drift_history = best([audit, "history", drift_manifests, "--rules", drift_rules, "--to", AS_OF, "--format", "json",
                              "--output", os.path.join(work, "drift-history")], repeats)
        timeline_out = os.path.join(work, "drift-timeline")
        drift_timeline = best([audit, "timeline", drift_manifests, "--rules", drift_rules, "--format", "markdown,html,json",
                               "--output", timeline_out], repeats)
        sizes = ", ".join(f"{name} {os.path.getsize(os.path.join(timeline_out, name)) / 1048576:.1f} MB"
                          for name in ("timeline.md", "timeline.html", "timeline.json"))
        print(f"moving values ({count} manifests, {drift_mb:.1f} MB): audit run --format json {drift_run[0]:.2f} s, "
              f"{drift_run[1]:.0f} MB; audit history {drift_history[0]:.2f} s ({drift_history[0] / drift_run[0]:.1f}×, "
              f"target ≤ 4×), {drift_history[1]:.0f} MB ({drift_history[1] / drift_mb:.1f}× the corpus, target ≤ 4×); "
              f"audit timeline, Markdown, HTML and JSON {drift_timeline[0]:.2f} s ({drift_timeline[0] / drift_run[0]:.1f}×, "
              f"target ≤ 5×), {drift_timeline[1]:.0f} MB (target ≤ 500 MB); {sizes} (Markdown and HTML target < 5 MB)")
        results, problems = statuses_agree(os.path.join(work, "json", "results.json"), rego_out)
        print(f"statuses: audit and Rego agree on {results - len(problems)} of {results} results; "
              f"audit is {rego[0] / json_run[0]:.1f}× faster than the Rego pipeline")
        if problems:
            sys.exit("bench: the Rego pipeline disagrees:\n  " + "\n  ".join(problems[:20]))

        print("\nscaling (audit run --format json):\n| corpus | manifests | MB | results | wall s | peak RSS MB | results.json MB |\n|---|---|---|---|---|---|---|")
        cases = []
        for n in synthetic_sizes:
            directory = os.path.join(work, f"synthetic-{n}")
            run([bench, "--write", directory, str(n), str(versions)])
            cases.append((f"synthetic, {n} platforms × {versions}", os.path.join(directory, "manifests"), os.path.join(directory, "rules")))
        cn_rules = os.path.join(ROOT, "Rules", "cn-interop")
        for n in cn_sizes:
            directory = os.path.join(work, f"cn-{n}")
            run([python, os.path.join(ROOT, "scripts", "bench_corpus.py"), "cn", directory, str(n)])
            cases.append((f"CN per-counterparty duties, {n} platforms", directory, cn_rules))
        directory = os.path.join(work, f"outside-{outside}")
        run([python, os.path.join(ROOT, "scripts", "bench_corpus.py"), "outside", directory, str(outside)])
        cases.append((f"{outside} platforms nothing applies to", directory, os.path.join(ROOT, "Rules"), 2))
        limit = int(os.environ.get("BENCH_RSS_LIMIT_MB", "8192"))
        for name, manifests, rules, *expect in cases:
            out = os.path.join(work, "scale")
            files = len(os.listdir(manifests))
            try:
                wall, rss = run(audit_run(audit, manifests, rules, out, "json"), limit_mb=limit, expect=(expect or [0])[0])
                results = summary_results(os.path.join(out, "results.json"))
                written = os.path.getsize(os.path.join(out, "results.json")) / 1048576
                print(f"| {name} | {files} | {size_mb(manifests):.1f} | {results} | {wall:.2f} | {rss:.0f} | {written:.0f} |")
            except Killed as killed:
                print(f"| {name} | {files} | {size_mb(manifests):.1f} | ? | killed after {killed.wall:.1f} | "
                      f"over {limit} (BENCH_RSS_LIMIT_MB) | |")
            shutil.rmtree(out, ignore_errors=True)
        # The 4,000-platform case writes tens of GB: let the disk settle before timing again.
        os.sync()
        output_targets(audit, bench, python, work, small, repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
