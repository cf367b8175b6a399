# interop-audit — every set-up step lives here, so that `make run` and `make test` work on a
# fresh Debian machine that has only the Swift toolchain.

SWIFT      ?= swift
AUDIT      := .build/debug/audit
# The sample case is reported as of the day the seed article appeared (2 Dec 2021).
SAMPLE_DATE := 2021-12-02
# The EU case (Rules/eu-dma): after the Commission's 2025 decisions and the General Court's
# judgment of 2026-06-03, and the state on the first compliance date, 2024-03-07.
EU_DATE      := 2026-06-30
EU_OLD_DATE  := 2024-03-07
# Each case is a directory of manifests, entities and timelines, checked against its own pack.
CN_CASE      := manifests/cn
CN_RULES     := Rules/cn-interop
EU_CASE      := manifests/eu
EU_RULES     := Rules/eu-dma
APT_GET    := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
# Report checkers (Python, in a venv that the checkers target creates) and their output.
VENV       := .tools/venv
PYTHON     := $(VENV)/bin/python
CHECKERS   := jsonschema rfc3987 html5lib junitparser compliance-trestle markdown-it-py pillow \
	check-jsonschema pre-commit
# The Rego pipeline that `make bench` compares with (regorus, through opa-eval) and its YAML loader.
CHECKERS   += opa-eval pyyaml
PREVIEW    := .tools/browser
# `make install`: the binary (templates and catalogues compiled in) in PREFIX/lib/interop-audit,
# a symlink in PREFIX/bin, completions and the man page; `make install MAN=0` leaves the man page
# out, and with it the debug build that generate-manual needs (the GitHub Action does so).
PREFIX     ?= /usr/local
MAN        ?= 1
LIBDIR     := $(DESTDIR)$(PREFIX)/lib/interop-audit
# Where `--rules NAME` finds the installed packs: PREFIX/lib/interop-audit/audit/../../share/….
PACKDIR    := $(DESTDIR)$(PREFIX)/share/interop-audit/rules
RELEASE    := .build/release
# The man page's date: the last commit's, so that the page does not change with the day.
MAN_DATE   := $(shell git log -1 --format=%cs 2>/dev/null || echo 1970-01-01)

.PHONY: all deps build run reports test check-samples check-reports bench bench-smoke fuzz clean \
	checkers browser-deps check-report-formats browser-check check-schema golden install \
	man release check-install check-integrations check-readme

all: build

## deps: install what the build needs and the machine lacks (libyaml-dev, libre2-dev).
deps:
	@pkg-config --exists yaml-0.1 2>/dev/null || { \
	  echo "installing libyaml-dev (YAML is parsed by libyaml itself)"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq libyaml-dev pkg-config; }
	@pkg-config --exists re2 2>/dev/null || { \
	  echo "installing libre2-dev ('matches' runs in linear time on RE2)"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq libre2-dev pkg-config; }

## build: compile the `audit` command (debug).
build: deps
	$(SWIFT) build --product audit

## run: build, then audit the sample manifests into Reports/ (as of the seed article's date) and
## the EU DMA case into Reports/eu-dma/.
run: reports
	@echo "reports for the sample case are in Reports/ (open Reports/report.html; in Chinese: Reports/zh/report.html)"
	@echo "reports for the EU DMA case are in Reports/eu-dma/ (open Reports/eu-dma/report.html)"

## reports: regenerate Reports/ from manifests/cn/ and Rules/cn-interop/ at the fixed sample date, with the
## sample's timeline, the state on 2021-09-17 (WeChat's first change) and the diff between
## WeChat's two rule changes, and the history from 2018-01-01 to 2026-12-01 (Reports/history.*). The headline run uses no waiver; Reports/with-waivers/ shows the
## same date with the illustrative waivers of examples/waivers/ applied; Reports/zh/ has the headline
## run and the timeline in Chinese (--lang zh). Then the EU DMA case in
## Reports/eu-dma/ at EU_DATE, its state on EU_OLD_DATE, its timeline and the diff between the two.
SAMPLE_WAIVERS := examples/waivers/sample-2021-12.yaml
reports: build
	$(AUDIT) run $(CN_CASE) --rules $(CN_RULES) --as-of $(SAMPLE_DATE) --output Reports --fail-on none \
	  --format markdown,html,json,sarif,junit,csv,oscal
	$(AUDIT) run $(CN_CASE) --rules $(CN_RULES) --waivers $(SAMPLE_WAIVERS) --as-of $(SAMPLE_DATE) \
	  --output Reports/with-waivers --fail-on none --format markdown,html,json
	$(AUDIT) run $(CN_CASE) --rules $(CN_RULES) --as-of 2021-09-17 --output Reports/2021-09-17 --fail-on none \
	  --format markdown,html,json
	$(AUDIT) timeline $(CN_CASE) --rules $(CN_RULES) --output Reports
	$(AUDIT) history $(CN_CASE) --rules $(CN_RULES) --from 2018-01-01 --to 2026-12-01 --output Reports
	$(AUDIT) run $(CN_CASE) --rules $(CN_RULES) --as-of $(SAMPLE_DATE) --output Reports/zh --fail-on none --lang zh \
	  --format markdown,html,json
	$(AUDIT) timeline $(CN_CASE) --rules $(CN_RULES) --output Reports/zh --lang zh
	$(AUDIT) diff $(CN_CASE) $(CN_CASE) --rules $(CN_RULES) --old-as-of 2021-09-17 --new-as-of 2021-11-29 \
	  --output Reports/diff-2021-09-17-2021-11-29 --fail-on none
	$(AUDIT) run $(EU_CASE) --rules $(EU_RULES) --as-of $(EU_DATE) --output Reports/eu-dma --fail-on none \
	  --format markdown,html,json
	$(AUDIT) run $(EU_CASE) --rules $(EU_RULES) --as-of $(EU_OLD_DATE) --output Reports/eu-dma/$(EU_OLD_DATE) \
	  --fail-on none --format markdown,html,json
	$(AUDIT) timeline $(EU_CASE) --rules $(EU_RULES) --by entity --output Reports/eu-dma
	$(AUDIT) diff Reports/eu-dma/$(EU_OLD_DATE)/results.json Reports/eu-dma/results.json \
	  --output Reports/eu-dma/diff-$(EU_OLD_DATE)-$(EU_DATE) --fail-on none

## test: build, run every test, check the samples, and fail if Reports/ is stale.
test: deps
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) check-samples
	$(MAKE) check-schema
	$(MAKE) check-reports
	$(MAKE) check-report-formats browser-check
	$(MAKE) check-integrations check-install check-readme
	$(MAKE) bench-smoke

## check-samples: the shipped samples validate and the packs' examples all hold.
check-samples: build
	$(AUDIT) check manifests Rules examples
	$(AUDIT) test Rules --strict

## check-schema: check-jsonschema (an independent validator) accepts every shipped file and valid
## fixture with the schema of `audit schema`, and rejects every file in Tests/Fixtures/schema-invalid,
## which `audit check` rejects too.
check-schema: build checkers
	$(PYTHON) scripts/check_schema.py $(AUDIT)

## golden: re-record the golden files under Tests/Fixtures/golden. The run then fails on purpose,
## naming each file it recorded: review `git diff Tests/Fixtures/golden`, then run `swift test`.
golden: deps
	AUDIT_RECORD=1 $(SWIFT) test

## check-reports: regenerating Reports/ changes nothing that is committed.
check-reports: reports
	@git diff --exit-code --stat -- Reports/ || { echo "Reports/ is stale: run 'make reports' and commit it"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- Reports/); \
	  [ -z "$$untracked" ] || { echo "Reports/ has uncommitted new files: $$untracked"; exit 1; }

## checkers: a Python venv with the independent parsers that check-report-formats uses.
checkers: $(VENV)/.installed

$(VENV)/.installed: Makefile
	@command -v python3 >/dev/null || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq python3 python3-venv; }
	@[ -x $(PYTHON) ] || python3 -m venv $(VENV) || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq python3-venv && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q --disable-pip-version-check $(CHECKERS)
	@touch $@

## browser-deps: Debian's Chromium and a CJK font, so that the HTML report renders as readers see it
## (and --format pdf prints), and poppler's pdfinfo/pdftotext, which the PDF tests read it back with.
browser-deps:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "installing chromium, fonts-noto-cjk and poppler-utils (headless rendering and printing of the reports)"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium fonts-noto-cjk poppler-utils; }

## check-report-formats: SARIF against the OASIS schema, JUnit, OSCAL (compliance-trestle), HTML5 and
## GFM tables, for Reports/ and for the golden reports of the hostile fixture set.
check-report-formats: reports checkers
	$(PYTHON) scripts/check_reports.py Reports
	$(PYTHON) scripts/check_reports.py Tests/Fixtures/golden/reports
	$(PYTHON) scripts/check_reports.py Tests/Fixtures/golden/timeline
	$(PYTHON) scripts/check_reports.py Tests/Fixtures/golden/diff

## browser-check: headless Chromium prints Reports/report.html to PNG and PDF in .tools/browser and
## fails on console errors or a matrix that is not visible.
browser-check: reports checkers browser-deps
	$(PYTHON) scripts/browser_check.py Reports/report.html $(PREVIEW)
	$(PYTHON) scripts/browser_check.py Reports/zh/report.html $(PREVIEW)/zh
	$(PYTHON) scripts/browser_check.py Tests/Fixtures/golden/reports/report.html $(PREVIEW)/fixtures

## bench: time the loader and the whole audit against a bare libyaml parse (release build), then
## the table of issue 12: floor, json, all formats and a PyYAML + regorus (Rego) pipeline on the
## same duties (statuses checked result for result), and the scaling table (wall, peak RSS).
## Then the targets table on a corpus where output dominates (diff and timeline included).
## `make bench BENCH_CORPUS=DIR` prints only that table, measured on DIR/manifests and DIR/rules
## (a held-out corpus of the same shape).
bench: deps checkers
	$(SWIFT) build -c release --product audit
	$(SWIFT) build -c release --product audit-bench
	$(if $(BENCH_CORPUS),,.build/release/audit-bench)
	$(PYTHON) scripts/bench/bench.py --bin .build/release --python $(PYTHON) $(if $(BENCH_CORPUS),--corpus $(BENCH_CORPUS))

## bench-smoke: the same table on tiny corpora with the debug build, so that the bench cannot rot
## (the Rego agreement is checked; timings are printed, never asserted).
bench-smoke: build checkers
	$(SWIFT) build --product audit-bench
	$(PYTHON) scripts/bench/bench.py --small --bin .build/debug --python $(PYTHON)

## fuzz: coverage-guided fuzzing of the loader and engine with libFuzzer (FUZZ_SECONDS, default 300).
FUZZ_SECONDS ?= 300
fuzz: deps
	$(SWIFT) build --scratch-path .build-fuzz -c release --product audit-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	cp Rules/*/*.yaml manifests/*/*/*.yaml manifests/*/*/*/*.yaml examples/*/*.yaml Tests/Fixtures/e2e/*/*.yaml .build-fuzz/corpus/ 2>/dev/null || true
	.build-fuzz/release/audit-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	  -rss_limit_mb=2048 -artifact_prefix=.build-fuzz/crashes/
	@echo "no crash in $(FUZZ_SECONDS) s; reproduce a crash with: swift run audit-fuzz FILE"

## install: `audit` (release, templates compiled in) into PREFIX (default /usr/local; DESTDIR for
## staging): PREFIX/bin/audit, the rule packs of Rules/ in PREFIX/share/interop-audit/rules/<pack>
## (so that `--rules cn-interop` works anywhere), bash/zsh/fish completions, and the man page audit.1
## (MAN=0: no man page, and only the release build).
install: deps $(if $(filter 0,$(MAN)),release,man)
	install -d $(LIBDIR) $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(PACKDIR) \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE)/audit $(LIBDIR)/audit
	ln -sfn ../lib/interop-audit/audit $(DESTDIR)$(PREFIX)/bin/audit
	for pack in Rules/*/; do \
	  name=$$(basename "$$pack"); rm -rf "$(PACKDIR)/$$name"; install -d "$(PACKDIR)/$$name"; \
	  (cd "$$pack" && find . -type f -name '*.y*ml' -exec install -D -m 644 {} "$(PACKDIR)/$$name/{}" \;) || exit 1; \
	done
	$(RELEASE)/audit --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/audit
	$(RELEASE)/audit --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_audit
	$(RELEASE)/audit --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/audit.fish
	$(if $(filter 0,$(MAN)),,install -m 644 .build/plugins/GenerateManual/outputs/audit/audit.1 $(DESTDIR)$(PREFIX)/share/man/man1/audit.1)
	@echo "installed $(DESTDIR)$(PREFIX)/bin/audit"

## release: the release build of `audit`, which `make install` installs.
release: deps
	$(SWIFT) build -c release --product audit

## man: the release build, and the man page from swift-argument-parser's generate-manual plugin
## (in .build/plugins/GenerateManual/outputs/audit/audit.1).
man: release
	$(SWIFT) package generate-manual --configuration debug --date $(MAN_DATE) --authors "interop-audit"

## check-install: install into a temporary prefix and run the installed audit from / against a
## copy of the samples, with the build directory's templates moved aside, so that only what was
## installed can be used.
check-install:
	scripts/check_install.sh

## check-integrations: action.yml against check-jsonschema's GitHub Action schema and its steps run
## locally in a scratch repository of another layout (300 platforms among the cases), the pre-commit
## hooks manifest, and the hooks on a scratch repository where cross-file errors must fail.
check-integrations: checkers build
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-actions action.yml
	$(PYTHON) scripts/check_action.py $(abspath $(AUDIT))
	$(VENV)/bin/pre-commit validate-manifest .pre-commit-hooks.yaml
	PATH="$(abspath $(VENV))/bin:$$PATH" scripts/check_pre_commit.sh

## check-readme: the README's commands work as written — those of "Using it" in a scratch copy,
## leaving git status clean; the three steps (`make install PREFIX=~/.local`, a project in ~)
## with a scratch HOME — and the pack skeleton of Rules/README.md passes audit check and test.
check-readme: build
	python3 scripts/check_readme.py $(abspath $(AUDIT))

clean:
	rm -rf .build .build-fuzz
