#!/usr/bin/env python3
"""The Rego pipeline that `make bench` times against `audit run`: PyYAML's C loader reads every
manifest, the versions in force on AS_OF are selected, and regorus (the `opa-eval` package)
evaluates synthetic.rego on them. Writes the statuses as JSON to OUT.

  rego_pipeline.py MANIFEST_DIR AS_OF OUT
"""
import datetime
import json
import os
import sys

import opa_eval
import yaml


def main(directory, as_of, out):
    latest = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            manifest = yaml.load(f, Loader=yaml.CSafeLoader)
        day = str(manifest["as_of"])
        if day <= as_of and (manifest["id"] not in latest or str(latest[manifest["id"]]["as_of"]) < day):
            latest[manifest["id"]] = manifest
    platforms = [latest[k] for k in sorted(latest)]
    policy = os.path.join(os.path.dirname(os.path.abspath(__file__)), "synthetic.rego")
    engine = opa_eval.OpaEval(policy, query="data.synthetic.results")
    document = json.dumps({"platforms": platforms}, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v))
    results = engine.evaluate_parsed(document)
    # A query answers with its expressions' values; unwrap to the set of results.
    while isinstance(results, dict) and "result" in results:
        results = results["result"]
    while isinstance(results, list) and results and isinstance(results[0], dict) and "expressions" in results[0]:
        results = results[0]["expressions"][0]["value"]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(sorted(results, key=lambda r: (r["obligation"], r["platform"], r["counterparty"] or "")), f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
