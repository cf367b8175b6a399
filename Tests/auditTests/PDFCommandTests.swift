import AuditTestSupport
import AuditCore
import Foundation
import Testing

/// `--format pdf` end to end: the sample case printed by Chromium, read back with poppler's
/// `pdfinfo` and `pdftotext` (the Makefile's `browser-deps` installs both).
@Suite(.serialized) struct PDFCommandTests {
  /// Chromium on PATH, as `audit` looks for it.
  static let chromium: String? = ["chromium", "chromium-browser"].lazy.compactMap(PDFTools.which).first

  @Test(.enabled(if: chromium != nil, "chromium is not installed (make browser-deps installs it)"))
  func runPrintsTheSampleCaseWithHeaderFooterOutlineAndMetadata() throws {
    let (first, second) = (try AuditBinary.Scratch(), try AuditBinary.Scratch())
    for scratch in [first, second] {
      let run = try AuditBinary.run(["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02",
        "--format", "pdf,json", "--output", scratch.path, "--fail-on", "none"])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let pdf = first.url.appendingPathComponent("report.pdf")
    let info = try PDFTools.run("pdfinfo", [pdf.path])
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
    #expect((pages ?? 0) > 1, "\(info)")
    #expect(info.contains("Title:           Interoperability audit as of 2021-12-02"))
    #expect(info.contains("Subject:         13 platforms against 10 obligations of cn-interop"), "\(info)")
    #expect(info.contains("CreationDate:    Thu Dec  2 00:00:00 2021 UTC"), "\(info)")
    #expect(info.contains("Creator:         interop-audit"))
    #expect(info.contains("A4"))

    let text = try PDFTools.run("pdftotext", ["-layout", pdf.path, "-"])
    let results = try Data(contentsOf: first.url.appendingPathComponent("results.json"))
    let sha = SourceFile.parse(Array(results), path: "results.json").sha256
    for expected in ["微信", "WeChat", "抖音", "Douyin", "淘宝", "as of 2021-12-02", "Compliance matrices",
      "page 1 of \(pages ?? 0)", "results.json SHA-256 \(sha)"]
    {
      #expect(text.contains(expected), "the PDF's text lacks '\(expected)'")
    }
    // The outline holds the headings.
    let outline = PDFTools.outlineTitles(try Data(contentsOf: pdf))
    #expect(outline.contains("Compliance matrices"), "\(outline)")
    #expect(outline.contains { $0.contains("互联互通") }, "\(outline)")
    // A second process prints the same bytes (the same Chromium), hence the same text and
    // document information.
    let again = second.url.appendingPathComponent("report.pdf")
    #expect(try Data(contentsOf: again) == Data(contentsOf: pdf), "two prints differ")
    #expect(try PDFTools.run("pdftotext", ["-layout", again.path, "-"]) == text)
    #expect(try PDFTools.run("pdfinfo", [again.path]).replacingOccurrences(of: again.path, with: "")
      == info.replacingOccurrences(of: pdf.path, with: ""))
  }

  @Test(.enabled(if: chromium != nil, "chromium is not installed (make browser-deps installs it)"))
  func timelineAndDiffPrintToo() throws {
    let scratch = try AuditBinary.Scratch()
    let timeline = try AuditBinary.run(["timeline", "manifests/cn", "--rules", "Rules/cn-interop", "--format", "pdf",
      "--output", scratch.path])
    #expect(timeline.status == 0, "\(timeline.stderr)")
    let diff = try AuditBinary.run(["diff", "manifests/cn", "manifests/cn", "--rules", "Rules/cn-interop", "--old-as-of", "2021-09-17",
      "--new-as-of", "2021-11-29", "--format", "pdf", "--output", scratch.path, "--fail-on", "none"])
    #expect(diff.status == 0, "\(diff.stderr)")
    for name in ["timeline", "diff"] {
      let pdf = scratch.url.appendingPathComponent("\(name).pdf").path
      let text = try PDFTools.run("pdftotext", [pdf, "-"])
      #expect(text.contains("\(name).json SHA-256 "), "\(name).pdf has no footer")
      #expect(text.contains("page 1 of "), "\(name).pdf has no page numbers")
      #expect(!PDFTools.outlineTitles(try Data(contentsOf: URL(fileURLWithPath: pdf))).isEmpty, "\(name).pdf has no outline")
    }
    #expect(!scratch.exists("timeline.md") && !scratch.exists("diff.html"), "only the formats asked for")
    // A diff is dated by its new side; a timeline has no date of its own, so none is stamped.
    let diffInfo = try PDFTools.run("pdfinfo", [scratch.url.appendingPathComponent("diff.pdf").path])
    #expect(diffInfo.contains("CreationDate:    Mon Nov 29 00:00:00 2021 UTC"), "\(diffInfo)")
    let timelineInfo = try PDFTools.run("pdfinfo", [scratch.url.appendingPathComponent("timeline.pdf").path])
    #expect(!timelineInfo.contains("CreationDate:"), "\(timelineInfo)")
  }

  @Test func withoutChromiumPDFSaysHowToInstallItAndExits2() throws {
    let scratch = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02",
      "--format", "pdf", "--output", scratch.path, "--fail-on", "none"],
      environment: ["PATH": "/nonexistent", "AUDIT_CHROMIUM": ""])
    #expect(run.status == 2)
    #expect(run.stderr.contains("apt-get install chromium"), "\(run.stderr)")
    #expect(!scratch.exists("report.pdf"))
  }

  @Test func aChromiumThatHangsIsStoppedAfterTheTimeLimit() throws {
    let scratch = try AuditBinary.Scratch()
    let fake = scratch.url.appendingPathComponent("chromium")
    try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: fake)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
    let started = Date()
    let run = try AuditBinary.run(["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02",
      "--format", "pdf", "--output", scratch.path, "--fail-on", "none"],
      environment: ["AUDIT_CHROMIUM": fake.path, "AUDIT_PDF_TIMEOUT": "1"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("did not print the PDF within 1 s"), "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 20)
    #expect(!scratch.exists("report.pdf"))
  }
}

/// poppler's command-line tools, and the outline read from a PDF's bytes.
enum PDFTools {
  static func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// The standard output of a poppler tool; an error when it is missing or fails.
  static func run(_ program: String, _ arguments: [String]) throws -> String {
    guard let path = which(program) else {
      throw ToolError(description: "\(program) is missing: apt-get install poppler-utils (make browser-deps)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ToolError(description: "\(program) exited \(process.terminationStatus)") }
    return String(decoding: data, as: UTF8.self)
  }

  /// The titles of the outline items (Skia writes them uncompressed, as literal or UTF-16BE hex
  /// strings); empty when the PDF has no `/Outlines` with entries.
  static func outlineTitles(_ pdf: Data) -> [String] {
    let text = String(decoding: pdf, as: UTF8.self)
    guard text.contains("/Type /Outlines") else { return [] }
    var titles: [String] = []
    for match in text.matches(of: /\/Title (?:\(([^)\\]*)\)|<FEFF([0-9A-F]*)>)\s*\/Dest/) {
      if let literal = match.1 {
        titles.append(String(literal))
      } else if let hex = match.2 {
        var units: [UInt16] = []
        var index = hex.startIndex
        while let end = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex), index < end {
          units.append(UInt16(hex[index..<end], radix: 16) ?? 0xFFFD)
          index = end
        }
        titles.append(String(decoding: units, as: UTF16.self))
      }
    }
    return titles
  }

  struct ToolError: Error, CustomStringConvertible {
    var description: String
  }
}
