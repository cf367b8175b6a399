#!/usr/bin/env python3
"""Render an HTML report in headless Chromium and check what a reader would see.

Writes OUT/report.png (a screenshot) and OUT/report.pdf (printed, A4), then fails when:
- the page logged anything to the console (script errors, CSP violations, blocked loads);
- the page script did not run to its end (`data-ready` on <html>);
- the first compliance matrix is not visible: it has no size, is hidden, or something covers
  its first cell (checked in the live page, through a same-origin frame);
- the screenshot is blank, or the PDF is not a PDF.

Usage: browser_check.py REPORT.html OUTDIR
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

PROBE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title></head>
<body><pre id="out">pending</pre>
<iframe id="f" src="%s" style="width:1400px;height:1800px;border:0"></iframe>
<script>
var frame = document.getElementById("f");
frame.addEventListener("load", function () {
  var out = {};
  try {
    var doc = frame.contentDocument, win = frame.contentWindow;
    out.ready = doc.documentElement.getAttribute("data-ready");
    var table = doc.querySelector("table.matrix");
    var cell = table && table.querySelector("tbody td");
    out.matrix = !!table;
    out.cells = table ? table.querySelectorAll("tbody td").length : 0;
    if (cell) {
      var r = cell.getBoundingClientRect(), style = win.getComputedStyle(table);
      var hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      out.rect = [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)];
      out.visible = r.width > 0 && r.height > 0 && style.display !== "none" && style.visibility === "visible";
      out.onTop = !!hit && cell.contains(hit);
    }
  } catch (e) { out.error = String(e); }
  document.getElementById("out").textContent = "PROBE" + JSON.stringify(out) + "PROBE";
});
</script></body></html>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser_check: no chromium found (make browser-deps installs Debian's)")


def run(args, timeout=120):
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--force-device-scale-factor=1", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def console_lines(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def png_colours(path):
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").resize((image.width // 4, image.height // 4))
        return len(small.getcolors(1 << 24) or []), image.size


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    report = pathlib.Path(sys.argv[1]).resolve()
    out = pathlib.Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    url = report.as_uri()
    failures = []

    shot = run(["--window-size=1400,2000", f"--screenshot={out / 'report.png'}", url])
    failures += [f"console: {line}" for line in console_lines(shot.stderr)]
    pdf = run(["--no-pdf-header-footer", f"--print-to-pdf={out / 'report.pdf'}", url])
    failures += [f"console (print): {line}" for line in console_lines(pdf.stderr)]

    probe_path = out / "probe.html"
    probe_path.write_text(PROBE % url, encoding="utf-8")
    probe = run(["--allow-file-access-from-files", "--window-size=1400,2000", "--dump-dom", probe_path.as_uri()])
    failures += [f"console (probe): {line}" for line in console_lines(probe.stderr) if "probe.html" not in line]
    found = probe.stdout.split("PROBE")
    facts = json.loads(found[1]) if len(found) >= 3 else {"error": "the probe did not report"}
    if facts.get("error"):
        failures.append(f"probe: {facts['error']}")
    if facts.get("ready") != "true":
        failures.append("the page script did not finish (no data-ready on <html>)")
    if not facts.get("matrix") or not facts.get("visible") or not facts.get("onTop"):
        failures.append(f"the compliance matrix is not visible: {facts}")

    if not (out / "report.png").exists():
        failures.append("no screenshot")
    else:
        colours, size = png_colours(out / "report.png")
        if colours < 8:
            failures.append(f"the screenshot is blank ({colours} colours)")
    if not (out / "report.pdf").exists() or not (out / "report.pdf").read_bytes().startswith(b"%PDF"):
        failures.append("no PDF")

    for failure in failures:
        print(f"{report}: error: {failure}", file=sys.stderr)
    print(f"{report}: matrix {facts.get('cells', 0)} cells at {facts.get('rect')}; wrote {out / 'report.png'}, {out / 'report.pdf'}")
    print(f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
