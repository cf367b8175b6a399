"""Runs the README's commands as a newcomer would, and fails when one does not work as written.

1. *Using it*, *Timelines and diffs*, *History*: each command of their `sh` blocks, in a scratch copy of the tracked files (a git
   repository of two commits, so that `HEAD~1:manifests` resolves), with the given `audit` first
   on PATH and /tmp mapped to a scratch directory. A command may exit 1 only where it gates
   (`audit run`, `audit diff`); afterwards `git status` must be clean, i.e. every command that
   writes into the tracked Reports/ reproduces the committed files.
2. *Audit your own manifests in three steps*: its `sh` block from this repository's root, with
   HOME a scratch directory, so that `make install PREFIX=~/.local` installs there and
   `~/my-audit` is scratch; this repository's `git status` must not change. Skipped with
   --no-install (it makes a release build).
3. Rules/README.md's pack skeleton: `audit check` and `audit test --strict` accept it.

usage: check_readme.py AUDIT_BINARY [--no-install]
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATING = re.compile(r"\baudit (run|diff)\b")
# The sections whose commands run from the repository's root.
USAGE = ["Using it", "Timelines and diffs", "History"]


def section(text, heading):
    """The text of the `## heading` section, up to the next `## `."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def blocks(text, language):
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def commands(block):
    """The block's commands, continuation lines joined, comment-only and blank lines left out."""
    joined = re.sub(r"\\\n\s*", "", block)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def script(block):
    """A bash script that runs the block's commands in one shell and stops at the first that fails."""
    lines = ["set -u"]
    for command in commands(block):
        allowed = "1" if GATING.search(command) else "0"
        lines += [command, "status=$?",
                  f'if [ "$status" -ne 0 ] && [ "$status" -ne {allowed} ]; then',
                  f"  echo {shlex.quote('check_readme: exit $status: ' + command)} >&2; exit 1; fi"]
    return "\n".join(lines) + "\n"


def run(block, cwd, env, what):
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", script(block)], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-5000:], sep="\n")
        raise SystemExit(f"check_readme: {what}: a command does not work as written")


def git(*arguments, cwd):
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout


def scratch_copy(destination):
    """The tracked files of this tree (as they are now) in a new repository of two commits."""
    for name in git("ls-files", "-z", cwd=ROOT).split("\0"):
        if name and (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    identity = ["-c", "user.email=check@example.invalid", "-c", "user.name=check_readme"]
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git(*identity, "commit", "-q", "-m", "the tree", cwd=destination)
    git(*identity, "commit", "-q", "--allow-empty", "-m", "a second commit for HEAD~1", cwd=destination)


def main():
    audit = Path(sys.argv[1]).resolve()
    install = "--no-install" not in sys.argv[2:]
    readme = (ROOT / "README.md").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        (bin_dir / "audit").symlink_to(audit)
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", TMPDIR=str(tmp))

        # 1. Using it, in a scratch copy.
        copy = tmp / "copy"
        copy.mkdir()
        scratch_copy(copy)
        (tmp / "slash-tmp").mkdir()
        for heading in USAGE:
            for block in blocks(section(readme, heading), "sh"):
                run(block.replace("/tmp/", f"{tmp}/slash-tmp/"), copy, env, heading)
        status = git("status", "--porcelain", "--untracked-files=all", cwd=copy)
        if status:
            raise SystemExit(f"check_readme: the commands of {USAGE} leave git status unclean:\n{status}")
        print(f"check_readme: the commands of {', '.join(USAGE)} run as written and leave git status clean")

        # 3. The pack skeleton of Rules/README.md.
        skeleton = [b for b in blocks(section((ROOT / "Rules/README.md").read_text(), "A complete pack, as a skeleton"), "yaml")]
        pack = tmp / "policy/my-pack.yaml"
        pack.parent.mkdir()
        pack.write_text(skeleton[0])
        for arguments in (["check", str(pack.parent)], ["test", "--strict", str(pack.parent)]):
            done = subprocess.run([str(audit), *arguments], capture_output=True, text=True)
            if done.returncode != 0 or ": warning:" in done.stderr:
                print(done.stdout, done.stderr, sep="\n")
                raise SystemExit(f"check_readme: the pack skeleton fails `audit {arguments[0]}`")
        print("check_readme: Rules/README.md's pack skeleton passes audit check and audit test --strict")

        # 2. The three steps, from this repository with a scratch HOME.
        if not install:
            print("check_readme: SKIPPED the three steps (--no-install)")
            return
        usage = subprocess.run([str(audit), "--help"], capture_output=True, text=True).stdout
        if not re.search(r"^  init( |$)", usage, re.MULTILINE):
            print(f"check_readme: SKIPPED the three steps: {audit} has no `audit init` (issue 21's config)")
            return
        home = tmp / "home"
        home.mkdir()
        before = git("status", "--porcelain", "--untracked-files=all", cwd=ROOT)
        local_bin = home / ".local/bin"
        env = dict(os.environ, HOME=str(home), PATH=f"{local_bin}:{os.environ['PATH']}")
        for block in blocks(section(readme, "Audit your own manifests in three steps"), "sh"):
            run(block, ROOT, env, "the three steps")
        after = git("status", "--porcelain", "--untracked-files=all", cwd=ROOT)
        if after != before:
            raise SystemExit(f"check_readme: the three steps changed this repository:\n{after}")
        if not list((home / "my-audit").rglob("report.md")):
            raise SystemExit("check_readme: the three steps wrote no report.md under ~/my-audit")
        print("check_readme: the three steps install audit, start a project and audit it")


if __name__ == "__main__":
    main()
