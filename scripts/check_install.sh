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

share="$tmp/prefix/share"
bash -n "$share/bash-completion/completions/audit"
grep -q '_audit' "$share/zsh/site-functions/_audit"
grep -q "complete -c 'audit'" "$share/fish/vendor_completions.d/audit.fish"
grep -q '^\.Dt AUDIT 1' "$share/man/man1/audit.1" || grep -q '^\.TH' "$share/man/man1/audit.1" || {
  echo "check-install: audit.1 is not a man page"; exit 1; }
grep -q 'timeline' "$share/man/man1/audit.1" || { echo "check-install: audit.1 lacks the subcommands"; exit 1; }
echo "check-install: the installed audit runs from / (templates, completions, man page)"
