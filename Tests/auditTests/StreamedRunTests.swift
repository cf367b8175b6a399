import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// `audit run` streams its results through temporary files once they pass a megabyte; a run big
/// enough for that writes, format by format, the bytes of the whole document rendered at once
/// in this process, and leaves no temporary file behind.
@Suite struct StreamedRunTests {
  /// `n` messengers that each name three others, under a per-counterparty duty over all of them.
  static func write(_ n: Int, into directory: URL) throws {
    func id(_ p: Int) -> String { "m" + String(1000 + p).dropFirst() }
    var files: [(String, String)] = [("rules/pack.yaml", """
      kind: rules
      pack: streamed
      scales:
        link_access: [blocked, copy_token, interstitial, direct]
      obligations:
        - id: LINKS
          title: links open in private chats
          severity: high
          per: counterparty
          require: {path: "links.{counterparty}.private", at_least: interstitial, scale: link_access}
        - id: PAY
          title: a rival wallet is accepted
          severity: low
          require: {path: payments.rival, equals: accepted}
      """)]
    for p in 0..<n {
      let links = (1...3).map { k in "\(id((p + k * 7) % n)): {private: \(["direct", "blocked", "copy_token"][k - 1])}" }
      files.append(("manifests/\(id(p)).yaml", """
        kind: platform
        id: \(id(p))
        categories: [instant-messaging]
        jurisdictions: [CN]
        as_of: 2021-11-29
        capabilities:
          links: {\(links.joined(separator: ", "))}
          payments: {rival: \(p % 3 == 0 ? "accepted" : "refused")}
        evidence:
          - {path: payments.rival, source: "https://example.org/\(id(p))", observed: 2021-11-30, method: test}
        """))
    }
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  @Test func aStreamedRunWritesTheBytesOfTheWholeDocument() throws {
    let scratch = try AuditBinary.Scratch()
    try Self.write(160, into: scratch.url)
    let spools = scratch.url.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: spools, withIntermediateDirectories: true)
    let formats = ["json", "sarif", "junit", "csv", "oscal", "markdown"]
    let run = try AuditBinary.run(["run", "manifests", "--rules", "rules", "--as-of", "2021-12-02",
      "--output", "out", "--format", formats.joined(separator: ","), "--fail-on", "none"],
      in: scratch.url, environment: ["TMPDIR": spools.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: spools.path).isEmpty, "temporary files were left")

    // The same run in this process, every result kept, every format rendered at once.
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(scratch.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    let outcome = AuditRun.run(RunRequest(paths: ["manifests"], rules: ["rules"], asOf: try #require(Day("2021-12-02"))))
    let document = try #require(outcome.document)
    #expect(document.results.count == 160 * 159 + 160)
    // `audit run` lists 200 findings per obligation unless told otherwise.
    var context = ReportContext(document: document, findingsPerObligation: 200)
    // junit.xml's failures are what `--fail-on none` counts.
    context.gate = Gate(failOn: .none)
    let whole = try ReportFormats.render(formats.compactMap(ReportFormats.format), context)
    for file in whole {
      let written = try Data(contentsOf: scratch.url.appendingPathComponent("out/\(file.name)"))
      // Compared as a Bool: a failed `==` on megabytes would have the test library diff them.
      let same = written == file.contents
      #expect(same, "\(file.name) (\(written.count) bytes) differs from the whole document rendered at once (\(file.size) bytes)")
    }
    let json = whole.first { $0.name == "results.json" }
    #expect((json?.size ?? 0) > 4 << 20, "the run must be big enough to spool to disk")
  }
}
