#!/bin/sh
# `pre-commit try-repo` with this repository's hooks on a scratch git repository: a good
# manifest passes audit-check, the rule packs' examples pass audit-test, and a committed bad
# manifest fails audit-check with a located error. The hooks run $AUDIT (default: the debug
# build of this tree).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
export AUDIT="${AUDIT:-$root/.build/debug/audit}"
[ -x "$AUDIT" ] || { echo "check_pre_commit: no audit at $AUDIT (run swift build)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export PRE_COMMIT_HOME="$tmp/cache"

repo="$tmp/repo"
git init -q "$repo"
cd "$repo"
git config user.email "check@example.invalid"
git config user.name "check_pre_commit"
mkdir -p manifests/wechat
cp "$root/manifests/cn/wechat/2021-11-29.yaml" manifests/wechat/
cp -R "$root/Rules" Rules
mkdir -p .github/workflows
printf 'on: push\njobs: {}\n' > .github/workflows/ci.yml  # not an audit file: not checked
git add -A
git commit -q -m "a good manifest and the rule packs"

pre-commit try-repo "$root" audit-check --all-files > "$tmp/good.log" 2>&1 || {
  cat "$tmp/good.log"; echo "check_pre_commit: audit-check failed on a good manifest"; exit 1; }
pre-commit try-repo "$root" audit-test --all-files > "$tmp/test.log" 2>&1 || {
  cat "$tmp/test.log"; echo "check_pre_commit: audit-test failed on the shipped rule packs"; exit 1; }

sed -e 's/^as_of:/as_off:/' "$root/manifests/cn/wechat/2021-11-29.yaml" > manifests/wechat/2021-12-01.yaml
git add -A
git commit -q -m "a bad manifest"
if pre-commit try-repo "$root" audit-check --all-files > "$tmp/bad.log" 2>&1; then
  cat "$tmp/bad.log"; echo "check_pre_commit: audit-check passed a bad manifest"; exit 1
fi
grep -q 'manifests/wechat/2021-12-01.yaml:[0-9]*:[0-9]*: error:' "$tmp/bad.log" || {
  cat "$tmp/bad.log"; echo "check_pre_commit: audit-check did not locate the error"; exit 1; }
echo "check_pre_commit: audit-check passes a good manifest and stops a bad one; audit-test passes"
