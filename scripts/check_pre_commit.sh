#!/bin/sh
# The pre-commit hooks on a scratch repository whose layout is not this one's: the CN rule pack
# in policy/, the CN manifests in data/platforms/, the sample waivers in data/waivers/. Each
# error below is wrong only against another file (a waiver naming an obligation the pack lacks;
# a manifest value off a scale the pack declares), so it must fail whichever file changed, with
# --all-files and with --files naming only the file that holds the error, and pass once fixed.
#  - `args: [policy, data]` in the scratch repository's .pre-commit-config.yaml, which points at
#    a snapshot of this tree's hooks (try-repo cannot pass args);
#  - `pre-commit try-repo` of this tree with no args, the tree coming from .interop-audit.yaml
#    (run only when $AUDIT reads that file: it has the subcommand `audit init`).
# The hooks run $AUDIT (default: the debug build of this tree). pre-commit must be on PATH.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
export AUDIT="${AUDIT:-$root/.build/debug/audit}"
[ -x "$AUDIT" ] || { echo "check_pre_commit: no audit at $AUDIT (run swift build)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export PRE_COMMIT_HOME="$tmp/cache"
fail() { cat "$tmp/log"; echo "check_pre_commit: $1"; exit 1; }
commit() { git add -A && git commit -q -m "$1"; }
# expect pass|fail DESCRIPTION pre-commit-arguments...: runs pre-commit, checks its status.
expect() {
  want=$1; what=$2; shift 2
  if pre-commit "$@" > "$tmp/log" 2>&1; then got=pass; else got=fail; fi
  [ "$got" = "$want" ] || fail "expected $want, got $got: $what (pre-commit $*)"
}

# A snapshot of this tree's hooks, as a repository pre-commit can clone at a revision.
hooks="$tmp/hooks"
mkdir -p "$hooks/scripts"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
cp "$root/scripts/pre-commit-audit.sh" "$hooks/scripts/"
git init -q "$hooks"
git -C "$hooks" -c user.email=check@example.invalid -c user.name=check_pre_commit add -A
git -C "$hooks" -c user.email=check@example.invalid -c user.name=check_pre_commit commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

repo="$tmp/repo"
git init -q "$repo"
cd "$repo"
git config user.email "check@example.invalid"
git config user.name "check_pre_commit"
mkdir -p policy data/waivers
cp "$root/Rules/cn-interop/cn-interop.yaml" policy/
cp -R "$root/manifests/cn" data/platforms
cp "$root/examples/waivers/sample-2021-12.yaml" data/waivers/
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - {id: audit-check, args: [policy, data]}
      - {id: audit-test, args: [policy]}
EOF
mkdir -p docs
echo "not an audit file" > docs/notes.txt
commit "the CN case in a layout of its own"
expect pass "the good tree" run --all-files

# A waiver naming an obligation that the pack does not have.
sed -i 's/obligation: CN-LINK-GROUP$/obligation: CN-LINK-GRUOP/' data/waivers/sample-2021-12.yaml
grep -q CN-LINK-GRUOP data/waivers/sample-2021-12.yaml
commit "a waiver names an unknown obligation"
expect fail "a waiver naming an unknown obligation" run audit-check --all-files
grep -q "data/waivers/sample-2021-12.yaml:[0-9]*:[0-9]*: error: waiver names unknown obligation 'CN-LINK-GRUOP'" "$tmp/log" ||
  fail "audit-check did not locate the unknown obligation"
expect fail "the unknown obligation, only the pack changed" run audit-check --files policy/cn-interop.yaml
expect fail "the unknown obligation, only an unrelated file changed" run audit-check --files docs/notes.txt
git checkout -q HEAD~1 -- data/waivers
commit "the waiver fixed"
expect pass "the waiver fixed" run audit-check --all-files

# A manifest value that is not a level of the scale the pack compares its path on.
wechat=data/platforms/wechat/2021-11-29.yaml
sed -i '0,/private_chat: direct/s//private_chat: directt/' "$wechat"
grep -q 'private_chat: directt' "$wechat"
commit "a scale typo"
expect fail "a scale typo" run audit-check --all-files
grep -q "$wechat:[0-9]*:[0-9]*: error: 'directt' at links.inbound.*is not a level of scale 'link_access'" "$tmp/log" ||
  fail "audit-check did not locate the scale typo"
expect fail "the scale typo, only the pack changed" run audit-check --files policy/cn-interop.yaml
git checkout -q HEAD~1 -- "$wechat"
commit "the typo fixed"
expect pass "the typo fixed" run audit-check --all-files
expect pass "the pack's examples" run audit-test --all-files
echo "check_pre_commit: args [policy, data]: cross-file errors fail whichever file changed, and pass when fixed"

# With no args the tree comes from .interop-audit.yaml (issue 21's project config).
if ! "$AUDIT" --help | grep -Eq '^  init( |$)'; then
  echo "check_pre_commit: SKIPPED try-repo without args: $AUDIT does not read .interop-audit.yaml"
  exit 0
fi
rm .pre-commit-config.yaml
printf 'paths: [data]\nrules: [policy]\n' > .interop-audit.yaml
commit "the tree in the project config"
expect pass "the good tree, from .interop-audit.yaml" try-repo "$root" audit-check --all-files
sed -i 's/obligation: CN-LINK-GROUP$/obligation: CN-LINK-GRUOP/' data/waivers/sample-2021-12.yaml
commit "a waiver names an unknown obligation"
expect fail "the unknown obligation, tree from .interop-audit.yaml" try-repo "$root" audit-check --all-files
grep -q "data/waivers/sample-2021-12.yaml:[0-9]*:[0-9]*: error: waiver names unknown obligation" "$tmp/log" ||
  fail "audit-check (config) did not locate the unknown obligation"
echo "check_pre_commit: try-repo without args checks the tree of .interop-audit.yaml"
