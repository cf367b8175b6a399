#!/usr/bin/env python3
"""Validate the reports in a directory with independent parsers (run by `make check-report-formats`).

- results.sarif: the OASIS SARIF 2.1.0 JSON schema (vendored in scripts/schemas), plus unique
  rule ids, ruleIndex/ruleId agreement and one fingerprint per result;
- junit.xml: junitparser, counts that agree with results.json and the run's gate;
- oscal-assessment-results.json: compliance-trestle's pydantic model of OSCAL assessment results,
  a finding per result and every observation a finding names written (and none that none names);
- report.html: html5lib's strict HTML5 parser (any parse error fails), no external resources,
  links only to http(s) or in-page anchors;
- report.md: markdown-it-py with GFM tables: every table row has as many cells as its header
  (split with markdown-it's own cell splitter), and no raw HTML but <br>;
- results.csv: every row has the header's number of fields, one row per result.

Usage: check_reports.py DIR
"""
import base64
import csv
import hashlib
import io
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
problems = []


def problem(path, message):
    problems.append(f"{path}: error: {message}")


def check_sarif(path, results):
    import jsonschema

    schema = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    for error in sorted(validator.iter_errors(log), key=lambda e: list(e.path)):
        problem(path, f"schema: at {'/'.join(map(str, error.path))}: {error.message[:300]}")
    for run in log.get("runs") or []:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problem(path, "duplicate rule ids (code scanning rejects them)")
        fingerprints = set()
        for result in run.get("results", []):
            index = result.get("ruleIndex")
            if index is not None and (index >= len(rules) or rules[index]["id"] != result["ruleId"]):
                problem(path, f"ruleIndex {index} does not name rule {result['ruleId']}")
            for value in result.get("partialFingerprints", {}).values():
                if value in fingerprints:
                    problem(path, f"fingerprint {value} used twice")
                fingerprints.add(value)
            if not result.get("locations"):
                problem(path, f"result for {result['ruleId']} has no location")
        expected = sum(1 for r in results if r["status"] in ("fail", "unknown", "error"))
        if len(run.get("results", [])) != expected:
            problem(path, f"{len(run.get('results', []))} results, expected {expected} (fail, unknown, error)")


def check_junit(path, results):
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(str(path))
    tests = failures = errors = 0
    for suite in xml:
        for case in suite:
            tests += 1
            for outcome in case.result:
                kind = type(outcome).__name__
                failures += kind == "Failure"
                errors += kind == "Error"
    # Failures are what the run's gate counts (the suites' "gate" property, e.g. "--fail-on
    # medium --strict"): fails at or above the threshold, and unknowns too under --strict.
    gates = {p.value for suite in xml for p in suite.properties() if p.name == "gate"}
    if len(gates) != 1:
        problem(path, f"the suites name {len(gates)} gates, expected one: {sorted(gates)}")
        return
    words = next(iter(gates)).split()
    threshold = words[words.index("--fail-on") + 1] if "--fail-on" in words else "low"
    strict = "--strict" in words
    order = ["low", "medium", "high", "critical"]
    counted = lambda r: threshold != "none" and order.index(r["severity"]) >= order.index(threshold) and (
        r["status"] == "fail" or (strict and r["status"] == "unknown"))
    want = (len(results), sum(counted(r) for r in results), sum(r["status"] == "error" for r in results))
    if (tests, failures, errors) != want:
        problem(path, f"tests/failures/errors {(tests, failures, errors)}, expected {want}")
    if (xml.tests, xml.failures, xml.errors) != want:
        problem(path, f"declared tests/failures/errors {(xml.tests, xml.failures, xml.errors)}, expected {want}")


def check_oscal(path, results):
    from trestle.oscal.assessment_results import AssessmentResults

    try:
        model = AssessmentResults.oscal_read(path)
    except Exception as error:  # pydantic reports every field it rejects
        problem(path, f"compliance-trestle rejects it: {error}")
        return
    result = model.results[0]
    observations = result.observations or []
    findings = result.findings or []
    if len(findings) != len(results):
        problem(path, f"{len(findings)} findings for {len(results)} results")
    # Observations are shared (a platform's manifest, an evidence item): every finding names at
    # least one, every one named is written, and none is written that no finding names.
    written = {o.uuid for o in observations}
    named = set()
    for finding in findings:
        related = [r.observation_uuid for r in finding.related_observations or []]
        if not related:
            problem(path, f"finding {finding.uuid} names no observation")
        named.update(related)
    if named - written:
        problem(path, f"findings name {len(named - written)} observations that are not written")
    if written - named:
        problem(path, f"{len(written - named)} observations that no finding names")
    uuids = [o.uuid for o in observations] + [f.uuid for f in findings]
    if len(uuids) != len(set(uuids)):
        problem(path, "uuids repeat")


def parse_html(path):
    """Strict HTML5 parse, no resources loaded from outside the page, and links only to http(s),
    in-page anchors or relative paths (the timeline and diff link to manifest lines)."""
    import html5lib
    import re

    text = path.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(text)
    except Exception as error:
        problem(path, f"HTML5 parse error: {error} {parser.errors[:3]}")
        return None, text
    relative = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^\s]*$")
    for element in tree.iter():
        for name in ("src", "href", "action", "formaction", "poster", "data"):
            value = element.get(name)
            if value is None:
                continue
            tag = element.tag.split("}")[-1]
            if tag == "a" and name == "href" and (value.startswith(("http://", "https://", "#")) or relative.match(value)):
                continue
            if element.tag == "link" and value.startswith("data:"):
                continue
            problem(path, f"<{element.tag} {name}=\"{value[:60]}\"> loads or links outside the page")
        if element.tag == "script" and element.get("src") is not None:
            problem(path, "external script")
    return tree, text


def check_html(path):
    tree, text = parse_html(path)
    if tree is None:
        return
    scripts = [element for element in tree.iter() if element.tag == "script"]
    policy = [m.get("content", "") for m in tree.iter() if m.tag == "meta" and m.get("http-equiv", "").lower() == "content-security-policy"]
    if len(scripts) != 1:
        problem(path, f"{len(scripts)} <script> elements, expected the page's own one")
    elif not policy:
        problem(path, "no Content-Security-Policy")
    else:
        digest = base64.b64encode(hashlib.sha256((scripts[0].text or "").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in policy[0] or "default-src 'none'" not in policy[0]:
            problem(path, "the Content-Security-Policy does not pin the page script by hash")
    matrices = [t for t in tree.iter("table") if "matrix" in (t.get("class") or "").split()]
    if not matrices and '"results": []' not in text:
        problem(path, "no compliance matrix table")


def check_markdown(path):
    import importlib
    from markdown_it import MarkdownIt

    import re

    escaped_split = importlib.import_module("markdown_it.rules_block.table").escapedSplit
    # The diff folds its unchanged entries in a GitHub <details> block: fixed markup, no input text.
    folding = re.compile(r"^(<details><summary>[^<>]*</summary>|</details>)\s*$")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    tables = 0

    def cells(line):
        columns = escaped_split(line.strip())
        if columns and columns[0].strip() == "":
            columns.pop(0)
        if columns and columns[-1].strip() == "":
            columns.pop()
        return len(columns)

    for i, token in enumerate(tokens):
        if token.type == "table_open":
            tables += 1
            start, end = token.map
            header = cells(lines[start])
            for number in range(start, end):
                if number == start + 1:
                    continue
                if cells(lines[number]) != header:
                    problem(path, f"line {number + 1}: {cells(lines[number])} cells, header has {header}")
        if token.type == "inline":
            previous = None
            for child in token.children or []:
                # Line breaks in cells, and the empty anchors that give findings a stable id to
                # link to (`<a id="o-ID"></a>`, ids built from [A-Za-z0-9-] only), are the only HTML.
                anchor = previous is not None and previous.type == "html_inline" \
                    and re.fullmatch(r'<a id="[A-Za-z0-9-]+">', previous.content) and child.content == "</a>"
                opening = re.fullmatch(r'<a id="[A-Za-z0-9-]+">', child.content)
                previous = child
                if child.type == "html_inline" and child.content.lower() not in ("<br>", "<br/>", "<br />") \
                        and not anchor and not opening:
                    problem(path, f"raw HTML in Markdown: {child.content[:40]}")
        if token.type == "html_block" and not folding.match(token.content):
            problem(path, f"raw HTML block in Markdown: {token.content[:40]}")
    if tables == 0:
        problem(path, "no tables")


def check_csv(path, results):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        problem(path, "empty")
        return
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            problem(path, f"row {number}: {len(row)} fields, header has {width}")
    if len(rows) - 1 != len(results):
        problem(path, f"{len(rows) - 1} rows for {len(results)} results")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    directory = pathlib.Path(sys.argv[1])
    results_path = directory / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))["results"] if results_path.exists() else None
    checks = [] if results is None else [
        ("results.sarif", lambda p: check_sarif(p, results)),
        ("junit.xml", lambda p: check_junit(p, results)),
        ("oscal-assessment-results.json", lambda p: check_oscal(p, results)),
        ("report.html", check_html),
        ("report.md", check_markdown),
        ("results.csv", lambda p: check_csv(p, results)),
    ]
    for name, check in checks:
        path = directory / name
        if not path.exists():
            problem(path, "missing")
            continue
        before = len(problems)
        check(path)
        print(f"{path}: {'ok' if len(problems) == before else 'FAILED'}")
    # Every other page (timelines, diffs): the same HTML5 and GFM table checks.
    named = {directory / name for name, _ in checks}
    for path in sorted(directory.rglob("*")):
        if path in named or path.suffix not in (".html", ".md"):
            continue
        before = len(problems)
        if path.suffix == ".html":
            parse_html(path)
        else:
            check_markdown(path)
        checks.append((str(path), None))
        print(f"{path}: {'ok' if len(problems) == before else 'FAILED'}")
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(checks) - len({p.split(':')[0] for p in problems})} passed, {len({p.split(':')[0] for p in problems})} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
