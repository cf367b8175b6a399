#!/bin/sh
# `make install` into a temporary prefix, then run the installed audit from / against a copy of
# the samples. The templates and catalogues are compiled in; should the build ever make a
# resource bundle again, it is moved aside meanwhile, so that the installed binary can use only
# what was installed (SwiftPM's Bundle.module also looks in the build directory).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
bundle="$root/.build/release/interop-audit_AuditReports.resources"
aside=""
cleanup() {
  if [ -n "$aside" ]; then mv "$aside" "$bundle"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

make -s -C "$root" install PREFIX="$tmp/prefix" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
mkdir -p "$tmp/samples"
cp -R "$root/manifests" "$root/Rules" "$tmp/samples/"
if [ -d "$bundle" ]; then
  mv "$bundle" "$tmp/bundle-aside"
  aside="$tmp/bundle-aside"
fi

audit="$tmp/prefix/bin/audit"
cd /
"$audit" --version
"$audit" check "$tmp/samples/manifests" "$tmp/samples/Rules"
"$audit" run "$tmp/samples/manifests" --rules "$tmp/samples/Rules" --as-of 2021-12-02 \
  --output "$tmp/out" --fail-on none --format markdown,html,json
"$audit" timeline "$tmp/samples/manifests" --rules "$tmp/samples/Rules" --output "$tmp/out" --format html
for file in report.md report.html results.json timeline.html; do
  test -s "$tmp/out/$file" || { echo "check-install: the installed audit wrote no $file"; exit 1; }
done
grep -q '微信' "$tmp/out/report.md" || { echo "check-install: report.md lacks the sample's platforms"; exit 1; }
grep -q '## Compliance matrices' "$tmp/out/report.md" || { echo "check-install: report.md lacks its English headings (message catalogue not installed?)"; exit 1; }
"$audit" run "$tmp/samples/manifests" --rules "$tmp/samples/Rules" --as-of 2021-12-02 \
  --output "$tmp/out-zh" --fail-on none --format markdown --lang zh
grep -q '## 合规矩阵' "$tmp/out-zh/report.md" || { echo "check-install: the installed audit did not write Chinese (--lang zh)"; exit 1; }

# The shipped packs travel with the tool: a bare name finds the installed pack from a scratch
# directory that has no Rules/ (and with no AUDIT_RULES_PATH to help).
mkdir -p "$tmp/scratch"
cp -R "$root/manifests/cn" "$tmp/scratch/manifests"
(
  cd "$tmp/scratch"
  unset AUDIT_RULES_PATH
  test -f "$tmp/prefix/share/interop-audit/rules/cn-interop/cn-interop.yaml" || { echo "check-install: cn-interop was not installed"; exit 1; }
  "$audit" list packs | grep -q "^cn-interop .*$tmp/prefix/share/interop-audit/rules/cn-interop\$" || {
    echo "check-install: 'audit list packs' does not list the installed cn-interop"; exit 1; }
  "$audit" run manifests --rules cn-interop --as-of 2021-12-02 --output out --fail-on none --format json
  grep -q '"CN-LINK-PRIVATE"' out/results.json || { echo "check-install: --rules cn-interop did not evaluate the installed pack"; exit 1; }
  if "$audit" check manifests --rules cn-introp 2> err.txt; then echo "check-install: an unknown pack name was accepted"; exit 1; fi
  grep -q "did you mean 'cn-interop'" err.txt || { echo "check-install: an unknown pack name gets no suggestion"; exit 1; }
)

share="$tmp/prefix/share"
bash -n "$share/bash-completion/completions/audit"
grep -q '_audit' "$share/zsh/site-functions/_audit"
grep -q "complete -c 'audit'" "$share/fish/vendor_completions.d/audit.fish"
grep -q '^\.Dt AUDIT 1' "$share/man/man1/audit.1" || grep -q '^\.TH' "$share/man/man1/audit.1" || {
  echo "check-install: audit.1 is not a man page"; exit 1; }
grep -q 'timeline' "$share/man/man1/audit.1" || { echo "check-install: audit.1 lacks the subcommands"; exit 1; }
echo "check-install: the installed audit runs from / (templates, packs by name, completions, man page)"
