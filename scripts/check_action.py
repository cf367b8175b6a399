"""Run action.yml's composite steps locally, as GitHub's runner would, in a scratch repository.

A small stand-in for the runner: each step's `if:` (only `inputs.X == ''` and `!= ''`), its
`env` after substituting `${{ inputs.X }}` (the action's defaults, overridden per case) and
`${{ steps.ID.outputs.X }}`, then its `run` under `bash --noprofile --norc -eo pipefail` (the
runner's `shell: bash`) in GITHUB_WORKSPACE, with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
GITHUB_ACTION_PATH, RUNNER_TEMP, RUNNER_OS and RUNNER_ARCH set. A `uses:` step (actions/cache)
is a cache miss. The workspace is a repository that is not this one: manifests in platforms/, a
pack in policy/ (copies of the CN case), nothing else.

Checked: the exit code and its output follow fail-on; the job summary holds the report and stays
under GitHub's 1 MiB when the report does not (cut at a line, with a note); at 300 platforms the
annotations are at most `annotations` plus one summary notice; no file is left in the workspace
outside the output directory; `rules: cn-interop` (a name) runs the installed pack of a prefix
laid out as `make install` lays it out.

usage: check_action.py AUDIT_BINARY
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
CONDITION = re.compile(r"^inputs\.([\w-]+) (==|!=) ''$")
SUMMARY_LIMIT = 1024 * 1024
ANNOTATION = re.compile(r"^::(error|warning|notice)\b", re.MULTILINE)


def run_action(inputs, workspace, temp):
    """Runs the action's steps; returns (status, outputs per step id, summary, stdout, stderr)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    unknown = set(inputs) - set(action["inputs"])
    if unknown:
        raise SystemExit(f"check_action: action.yml has no input {sorted(unknown)}")
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs, printed, errors, status = {}, "", "", 0
    summary = temp / "summary.md"
    summary.write_text("")

    def evaluate(match):
        parts = match.group(1).split(".")
        if parts[0] == "inputs":
            return values[parts[1]]
        if parts[0] == "steps" and parts[2] == "outputs":
            return outputs.get(parts[1], {}).get(parts[3], "")
        raise SystemExit(f"check_action: cannot evaluate ${{{{ {match.group(1)} }}}}")

    for step in action["runs"]["steps"]:
        if "if" in step:
            condition = CONDITION.match(step["if"])
            if not condition:
                raise SystemExit(f"check_action: cannot evaluate if: {step['if']}")
            empty = values[condition.group(1)] == ""
            if empty != (condition.group(2) == "=="):
                continue
        if "uses" in step:
            assert step["uses"].startswith("actions/cache@"), step
            outputs[step.get("id", "")] = {"cache-hit": ""}
            continue
        env = dict(os.environ)
        env.update({k: EXPRESSION.sub(evaluate, str(v)) for k, v in step.get("env", {}).items()})
        output_file = temp / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env.update(GITHUB_OUTPUT=str(output_file), GITHUB_STEP_SUMMARY=str(summary),
                   GITHUB_ACTION_PATH=str(ROOT), GITHUB_WORKSPACE=str(workspace),
                   RUNNER_TEMP=str(temp), RUNNER_OS="Linux", RUNNER_ARCH="X64")
        assert step["shell"] == "bash", step
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workspace, env=env, capture_output=True, text=True)
        printed += done.stdout
        errors += done.stderr
        status = done.returncode
        outputs[step.get("id", "")] = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        if status != 0:
            break
    return status, outputs, summary.read_text(), printed, errors


def files_under(directory):
    return {p.relative_to(directory) for p in directory.rglob("*") if not p.is_dir() or p.is_symlink()}


def workspace_of(parent, platforms):
    """A repository of another layout: the CN pack in policy/, manifests in platforms/."""
    workspace = parent / "workspace"
    (workspace / "policy").mkdir(parents=True)
    shutil.copy(ROOT / "Rules/cn-interop/cn-interop.yaml", workspace / "policy")
    platforms(workspace / "platforms")
    return workspace


def stray_files(workspace, before, output):
    """Files the action left in the workspace outside its output directory."""
    return sorted(str(p) for p in files_under(workspace) - before if output not in p.parents)


def supports(audit, *arguments, text):
    """Whether the binary has a feature of issue 21 that another branch adds: `text` (a pattern)
    in the help that `arguments` print."""
    done = subprocess.run([audit, *arguments], capture_output=True, text=True)
    return done.returncode == 0 and re.search(text, done.stdout, re.MULTILINE) is not None


def fake_audit(path, report_bytes):
    """A stand-in `audit` that writes a report.md of report_bytes into --output."""
    path.write_text(f"""#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = --output ] && out=$2; shift; done
mkdir -p "$out"
python3 -c 'import sys; line = "| row | " + "x" * 90 + " |\\n"; sys.stdout.write(line * ({report_bytes} // len(line)))' > "$out/report.md"
exit 1
""")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def main():
    audit = str(Path(sys.argv[1]).resolve())
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        # The CN case in a layout of its own; fail-on none never fails on failures.
        case = tmp / "case"
        case.mkdir()
        workspace = workspace_of(case, lambda d: shutil.copytree(ROOT / "manifests/cn", d))
        (case / "temp").mkdir()
        before = files_under(workspace)
        status, outputs, summary, printed, errors = run_action(
            {"audit": audit, "paths": "platforms", "rules": "policy", "as-of": "2021-12-02",
             "fail-on": "none"}, workspace, case / "temp")
        run = outputs.get("run", {})
        if status != 0 or run.get("exit-code") != "0":
            failures.append(f"fail-on none: step status {status}, exit-code {run.get('exit-code')}: {errors}")
        if "Interoperability audit as of 2021-12-02" not in summary:
            failures.append("the job summary lacks the Markdown report")
        if run.get("sarif") != "audit-reports/results.sarif" or not (workspace / "audit-reports/results.sarif").exists():
            failures.append(f"no SARIF output: {run}")
        if "::error file=platforms/" not in printed:
            failures.append("no annotations at the workspace's manifests")
        stray = stray_files(workspace, before, Path("audit-reports"))
        if stray:
            failures.append(f"files left in the workspace outside the output directory: {stray}")
        # The annotations input reaches audit (h21gate's cap).
        _, _, _, printed, _ = run_action(
            {"audit": audit, "paths": "platforms", "rules": "policy", "as-of": "2021-12-02",
             "fail-on": "none", "output": "capped", "format": "github", "annotations": "3"}, workspace, case / "temp")
        count = len(ANNOTATION.findall(printed))
        if not supports(audit, "run", "--help", text=r"--allow\b"):
            print(f"check_action: SKIPPED annotations: 3 ({count} printed): {audit} has no --allow (h21gate)")
        elif count > 3 + 1:
            failures.append(f"annotations: 3 printed {count} annotations")

        # fail-on low fails the step with audit's exit code 1; markdown is added for the summary.
        status, outputs, _, _, _ = run_action(
            {"audit": audit, "paths": "platforms", "rules": "policy", "as-of": "2021-12-02",
             "fail-on": "low", "output": "gated", "format": "json", "waivers": "", "strict": "false"},
            workspace, case / "temp")
        if status != 1 or outputs.get("run", {}).get("exit-code") != "1":
            failures.append(f"fail-on low: step status {status}, outputs {outputs.get('run')}")
        if not (workspace / "gated/report.md").exists():
            failures.append("format json without markdown: report.md not written for the summary")

        # A report past the summary's limit is cut at a line, and the summary says so.
        big = tmp / "big"
        big.mkdir()
        (big / "temp").mkdir()
        fake_audit(big / "fake-audit", 3 * SUMMARY_LIMIT)
        workspace = workspace_of(big, lambda d: d.mkdir())
        status, outputs, summary, _, _ = run_action(
            {"audit": str(big / "fake-audit")}, workspace, big / "temp")
        report = (workspace / "audit-reports/report.md").read_text()
        cut, _, note = summary.rpartition("\n---\n")
        if len(summary.encode()) >= SUMMARY_LIMIT:
            failures.append(f"a 3 MiB report gave a summary of {len(summary.encode())} bytes")
        elif "The report was cut here" not in note or "audit-reports/report.md" not in note:
            failures.append(f"the cut summary does not say where the whole report is: {note[:200]!r}")
        elif not (cut.endswith("|\n") and report.startswith(cut)):
            failures.append("the summary was not cut at a line boundary of the report")
        if status != 1 or outputs.get("run", {}).get("exit-code") != "1":
            failures.append(f"the cut summary changed the exit code: {status}, {outputs.get('run')}")

        # 300 platforms: the summary fits and annotations stop at the cap (h21gate's cap).
        many = tmp / "many"
        many.mkdir()
        (many / "temp").mkdir()
        corpus = lambda d: subprocess.run([sys.executable, str(ROOT / "scripts/bench_corpus.py"), "cn", str(d), "300"],
                                          check=True, capture_output=True)
        workspace = workspace_of(many, corpus)
        before = files_under(workspace)
        capped = supports(audit, "run", "--help", text=r"--allow\b")
        status, outputs, summary, printed, errors = run_action(
            {"audit": audit, "paths": "platforms", "rules": "policy", "as-of": "2021-12-02",
             "fail-on": "none", "format": "markdown,github"}, workspace, many / "temp")
        count = len(ANNOTATION.findall(printed))
        if status != 0:
            failures.append(f"300 platforms: step status {status}: {errors[-2000:]}")
        if len(summary.encode()) >= SUMMARY_LIMIT:
            failures.append(f"300 platforms: a summary of {len(summary.encode())} bytes")
        if not capped:
            print(f"check_action: SKIPPED the annotation cap ({count} printed): {audit} has no --allow (h21gate)")
        elif count > 50 + 1:
            failures.append(f"300 platforms: {count} annotations under the default cap of 50")
        stray = stray_files(workspace, before, Path("audit-reports"))
        if stray:
            failures.append(f"300 platforms: files left in the workspace outside the output directory: {stray}")

        # A pack by name, from a prefix laid out as `make install` lays it out (h21cli).
        if supports(audit, "--help", text=r"^  list( |$)"):
            prefix = tmp / "prefix"
            (prefix / "lib/interop-audit").mkdir(parents=True)
            (prefix / "bin").mkdir()
            shutil.copy(audit, prefix / "lib/interop-audit/audit")
            (prefix / "bin/audit").symlink_to("../lib/interop-audit/audit")
            shutil.copytree(ROOT / "Rules/cn-interop", prefix / "share/interop-audit/rules/cn-interop")
            named = tmp / "named"
            named.mkdir()
            (named / "temp").mkdir()
            workspace = named / "workspace"
            shutil.copytree(ROOT / "manifests/cn", workspace / "platforms")
            env_rules = os.environ.pop("AUDIT_RULES_PATH", None)
            status, outputs, summary, _, errors = run_action(
                {"audit": str(prefix / "bin/audit"), "paths": "platforms", "rules": "cn-interop",
                 "as-of": "2021-12-02", "fail-on": "none"}, workspace, named / "temp")
            if env_rules is not None:
                os.environ["AUDIT_RULES_PATH"] = env_rules
            if status != 0 or "CN-LINK-GROUP" not in summary:
                failures.append(f"rules: cn-interop from the installed prefix: status {status}: {errors[-2000:]}")
        else:
            print(f"check_action: SKIPPED rules by name: {audit} has no `audit list` (h21cli)")

    for failure in failures:
        print(f"check_action: {failure}")
    if failures:
        sys.exit(1)
    print("check_action: the action's steps run a foreign layout, fill the summary (cut under 1 MiB) and "
          "outputs, gate on fail-on, and leave nothing in the workspace but the reports")


if __name__ == "__main__":
    main()
