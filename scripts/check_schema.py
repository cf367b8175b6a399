#!/usr/bin/env python3
"""`audit schema` agrees with `audit check`, checked by an independent validator (run by
`make check-schema`).

- check-jsonschema accepts every shipped YAML file (manifests/, Rules/) and every valid test
  fixture with the schema that `audit schema` prints (formats such as `date` enforced);
- every file under Tests/Fixtures/schema-invalid is rejected by check-jsonschema AND by
  `audit check` (exit 2);
- the results.json goldens (interop-audit/results/2) pass `audit schema results`, and the kept
  results/1 fixture does not (its locations are objects, its checks carry every default).

check-jsonschema reads one YAML document per file, so files with several documents (`---`)
are split into one temporary file per document first.

Usage: check_schema.py AUDIT_BINARY
"""
import os
import re
import subprocess
import sys
import tempfile

VALID = ["manifests", "Rules", "Tests/Fixtures/e2e", "Tests/Fixtures/reports", "Tests/Fixtures/diff",
         "Tests/Fixtures/timeline"]
INVALID = "Tests/Fixtures/schema-invalid"
RESULTS = ["Tests/Fixtures/golden/e2e/results.json", "Tests/Fixtures/golden/reports/results.json"]
RESULTS_1 = "Tests/Fixtures/diff/results-1.json"
CHECKER = os.path.join(os.path.dirname(sys.executable), "check-jsonschema")


def yaml_files(root):
    found = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(directory, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
    return found


def documents(path, scratch):
    """The file itself, or one temporary file per document when it has several."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    parts = [p for p in re.split(r"^---[ \t]*$", text, flags=re.MULTILINE) if p.strip()]
    if len(parts) <= 1:
        return [path]
    out = []
    for i, part in enumerate(parts):
        name = os.path.join(scratch, f"{path.replace('/', '__')}.doc{i + 1}.yaml")
        with open(name, "w", encoding="utf-8") as handle:
            handle.write(part)
        out.append(name)
    return out


def validate(schema, files):
    run = subprocess.run([CHECKER, "--schemafile", schema, *files], capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def main():
    audit = sys.argv[1]
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        schema = os.path.join(scratch, "schema.json")
        with open(schema, "w", encoding="utf-8") as handle:
            handle.write(subprocess.run([audit, "schema"], capture_output=True, text=True, check=True).stdout)
        valid = [doc for root in VALID for path in yaml_files(root) for doc in documents(path, scratch)]
        code, output = validate(schema, valid)
        if code != 0:
            problems.append(f"check-jsonschema rejects shipped or valid fixture files:\n{output}")
        invalid = yaml_files(INVALID)
        if not invalid:
            problems.append(f"no invalid fixtures under {INVALID}")
        for path in invalid:
            code, _ = validate(schema, [path])
            if code == 0:
                problems.append(f"{path}: check-jsonschema accepts it, but it is invalid")
            check = subprocess.run([audit, "check", path], capture_output=True, text=True)
            if check.returncode != 2:
                problems.append(f"{path}: 'audit check' exits {check.returncode}, not 2")
        results_schema = os.path.join(scratch, "results.json")
        with open(results_schema, "w", encoding="utf-8") as handle:
            handle.write(subprocess.run([audit, "schema", "results"], capture_output=True, text=True, check=True).stdout)
        code, output = validate(results_schema, RESULTS)
        if code != 0:
            problems.append(f"check-jsonschema rejects the results.json goldens:\n{output}")
        code, _ = validate(results_schema, [RESULTS_1])
        if code == 0:
            problems.append(f"{RESULTS_1}: the results/2 schema accepts a results/1 document")
        print(f"check-jsonschema: {len(valid)} valid documents, {len(invalid)} invalid fixtures, {len(RESULTS)} results documents")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
