# interop-audit — every set-up step lives here, so that `make run` and `make test` work on a
# fresh Debian machine that has only the Swift toolchain.

SWIFT      ?= swift
AUDIT      := .build/debug/audit
# The sample case is reported as of the day the seed article appeared (2 Dec 2021).
SAMPLE_DATE := 2021-12-02
APT_GET    := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
# Report checkers (Python, in a venv that the checkers target creates) and their output.
VENV       := .tools/venv
PYTHON     := $(VENV)/bin/python
CHECKERS   := jsonschema rfc3987 html5lib junitparser compliance-trestle markdown-it-py pillow
# The Rego pipeline that `make bench` compares with (regorus, through opa-eval) and its YAML loader.
CHECKERS   += opa-eval pyyaml
PREVIEW    := .tools/browser

.PHONY: all deps build run reports test check-samples check-reports bench bench-smoke fuzz clean \
	checkers browser-deps check-report-formats browser-check

all: build

## deps: install what the build needs and the machine lacks (libyaml-dev).
deps:
	@pkg-config --exists yaml-0.1 2>/dev/null || { \
	  echo "installing libyaml-dev (YAML is parsed by libyaml itself)"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq libyaml-dev pkg-config; }

## build: compile the `audit` command (debug).
build: deps
	$(SWIFT) build --product audit

## run: build, then audit the sample manifests into Reports/ (as of the seed article's date).
run: reports
	@echo "reports for the sample case are in Reports/ (open Reports/report.html)"

## reports: regenerate Reports/ from manifests/ and Rules/ at the fixed sample date, with the
## sample's timeline, the state on 2021-09-17 (WeChat's first change) and the diff between
## WeChat's two rule changes.
reports: build
	$(AUDIT) run manifests --rules Rules --as-of $(SAMPLE_DATE) --output Reports --fail-on none \
	  --format markdown,html,json,sarif,junit,csv,oscal
	$(AUDIT) run manifests --rules Rules --as-of 2021-09-17 --output Reports/2021-09-17 --fail-on none \
	  --format markdown,html,json
	$(AUDIT) timeline manifests --rules Rules --output Reports
	$(AUDIT) diff manifests manifests --rules Rules --old-as-of 2021-09-17 --new-as-of 2021-11-29 \
	  --output Reports/diff-2021-09-17-2021-11-29 --fail-on none

## test: build, run every test, check the samples, and fail if Reports/ is stale.
test: deps
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) check-samples
	$(MAKE) check-reports
	$(MAKE) check-report-formats browser-check
	$(MAKE) bench-smoke

## check-samples: the shipped samples validate and the packs' examples all hold.
check-samples: build
	$(AUDIT) check manifests Rules
	$(AUDIT) test Rules --strict

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

## browser-deps: Debian's Chromium and a CJK font, so that the HTML report renders as readers see it.
browser-deps:
	@command -v chromium >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "installing chromium and fonts-noto-cjk (headless rendering of report.html)"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium fonts-noto-cjk; }

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
	$(PYTHON) scripts/browser_check.py Tests/Fixtures/golden/reports/report.html $(PREVIEW)/fixtures

## bench: time the loader and the whole audit against a bare libyaml parse (release build), then
## the table of issue 12: floor, json, all formats and a PyYAML + regorus (Rego) pipeline on the
## same duties (statuses checked result for result), and the scaling table (wall, peak RSS).
bench: deps checkers
	$(SWIFT) build -c release --product audit
	$(SWIFT) build -c release --product audit-bench
	.build/release/audit-bench
	$(PYTHON) scripts/bench/bench.py --bin .build/release --python $(PYTHON)

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
	cp Rules/*/*.yaml manifests/*/*.yaml manifests/*/*/*.yaml Tests/Fixtures/e2e/*/*.yaml .build-fuzz/corpus/ 2>/dev/null || true
	.build-fuzz/release/audit-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	  -rss_limit_mb=2048 -artifact_prefix=.build-fuzz/crashes/
	@echo "no crash in $(FUZZ_SECONDS) s; reproduce a crash with: swift run audit-fuzz FILE"

clean:
	rm -rf .build .build-fuzz
