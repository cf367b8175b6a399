"""Run action.yml's composite steps locally, as GitHub's runner would, against the samples.

A small stand-in for the runner: each step's `run` goes to `bash --noprofile --norc -eo pipefail`
(the runner's `shell: bash`), with the step's `env` after substituting `${{ inputs.X }}` (the
action's defaults, overridden by the arguments) and `${{ steps.ID.outputs.X }}`, and with
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and RUNNER_TEMP set. Then checks that
the job summary holds the Markdown report, the outputs name the SARIF file, annotations were
printed, and the exit code follows fail-on.

usage: check_action.py AUDIT_BINARY
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def run_action(inputs, workdir):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs, printed, status = {}, "", 0
    summary = workdir / "summary.md"
    summary.write_text("")
    for step in action["runs"]["steps"]:
        def evaluate(match):
            parts = match.group(1).split(".")
            if parts[0] == "inputs":
                return values[parts[1]]
            if parts[0] == "steps" and parts[2] == "outputs":
                return outputs.get(parts[1], {}).get(parts[3], "")
            raise SystemExit(f"check_action: cannot evaluate ${{{{ {match.group(1)} }}}}")
        env = dict(os.environ)
        env.update({k: EXPRESSION.sub(evaluate, str(v)) for k, v in step.get("env", {}).items()})
        output_file = workdir / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env.update(GITHUB_OUTPUT=str(output_file), GITHUB_STEP_SUMMARY=str(summary),
                   GITHUB_ACTION_PATH=str(ROOT), RUNNER_TEMP=str(workdir))
        assert step["shell"] == "bash", step
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        printed += done.stdout
        status = done.returncode
        outputs[step.get("id", "")] = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        if status != 0:
            break
    return status, outputs, summary.read_text(), printed


def main():
    audit = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reports"
        status, outputs, summary, printed = run_action(
            {"audit": audit, "as-of": "2021-12-02", "fail-on": "none", "output": str(out)}, Path(tmp))
        run = outputs.get("run", {})
        if status != 0 or run.get("exit-code") != "0":
            failures.append(f"fail-on none: step status {status}, exit-code {run.get('exit-code')}")
        if "Interoperability audit as of 2021-12-02" not in summary:
            failures.append("the job summary lacks the Markdown report")
        if run.get("sarif") != f"{out}/results.sarif" or not (out / "results.sarif").exists():
            failures.append(f"no SARIF output: {run}")
        if not printed.startswith("::") or "::error file=manifests/" not in printed:
            failures.append("no annotations printed")
        # The sample has a medium failure: fail-on low fails the step with audit's exit code 1.
        out = Path(tmp) / "gated"
        status, outputs, _, _ = run_action(
            {"audit": audit, "as-of": "2021-12-02", "fail-on": "low", "output": str(out), "format": "json"},
            Path(tmp))
        if status != 1 or outputs.get("run", {}).get("exit-code") != "1":
            failures.append(f"fail-on low: step status {status}, outputs {outputs.get('run')}")
        if not (out / "report.md").exists():
            failures.append("format json without markdown: report.md not written for the summary")
    for failure in failures:
        print(f"check_action: {failure}")
    if failures:
        sys.exit(1)
    print("check_action: the action's steps run the samples, fill the summary and outputs, and gate on fail-on")


if __name__ == "__main__":
    main()
