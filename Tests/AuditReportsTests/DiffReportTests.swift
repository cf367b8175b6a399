import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

@Suite struct DiffReportTests {
  /// The fixture's two snapshots, evaluated on either side of T-GROUP's effective date.
  static func document() throws -> DiffDocument {
    let all = try Fixtures.files("diff")
    let rules = all.filter { $0.path.hasSuffix("/rules.yaml") }
    let old = DiffInput.evaluate(.manifests("Tests/Fixtures/diff/old"), files: all.filter { $0.path.contains("/old/") },
      rules: rules, asOf: Day("2021-09-17")!)
    let new = DiffInput.evaluate(.manifests("Tests/Fixtures/diff/new"), files: all.filter { $0.path.contains("/new/") },
      rules: rules, asOf: Day("2021-11-29")!)
    #expect(old.diagnostics.isEmpty && new.diagnostics.isEmpty, "\(old.diagnostics + new.diagnostics)")
    return try DiffDocument(old: old, new: new)
  }

  @Test(arguments: [("markdown", "diff.md"), ("html", "diff.html"), ("json", "diff.json")])
  func golden(format: String, name: String) throws {
    let files = try DiffReport(document: try Self.document(), linkBase: "../").render(formats: [format])
    try Golden.check(String(decoding: try #require(files.first).contents, as: UTF8.self), "diff/\(name)")
  }

  @Test func everyClassAppears() throws {
    let doc = try Self.document()
    let counts: [Int] = [doc.summary.regression, doc.summary.fix, doc.summary.new, doc.summary.removed, doc.summary.unchanged]
    #expect(counts == [1, 1, 6, 6, 4])
    #expect(doc.summary.gatingBySeverity.high == 1)
    let waived = try #require(doc.entries.first { $0.statusAfter == .waived })
    #expect(waived.change == .new)
    let report = DiffReport(document: doc)
    #expect(report.summary == "1 regression (1 not waived), 1 fix, 6 new, 6 removed, 4 unchanged")
  }

  @Test func theMarkdownKeepsPipesInsideCells() throws {
    let markdown = String(decoding: try DiffReport(document: try Self.document()).render(formats: ["markdown"])[0].contents, as: UTF8.self)
    #expect(markdown.contains("(https://example.org/new-test%7Cpipe)"))
    #expect(!markdown.contains("new-test|pipe"))
  }
}

/// The human reports of a diff read its digest: changes listed up to the cap (`--findings`) with
/// how many more diff.json has, unchanged results counted per obligation, never a row each.
@Suite struct DiffDigestReportTests {
  /// Results of one obligation for `count` platforms, all of one status.
  static func side(_ count: Int, status: Status) -> DiffSide {
    let results = (0..<count).map { n in
      Result(obligation: "O-1", pack: "p", platform: String(format: "platform-%03d", n), counterparty: nil,
        status: status, severity: .high, reason: "r \(status.rawValue)", location: nil)
    }
    return DiffSide(source: .manifests("m"), asOf: nil, results: results, platforms: [], inputs: [], packs: ["p"],
      diagnostics: [])
  }

  static func markdown(_ document: DiffDocument) throws -> String {
    String(decoding: try DiffReport(document: document).render(formats: ["markdown"])[0].contents, as: UTF8.self)
  }

  @Test func unchangedResultsAreCountsNotRows() throws {
    let document = try DiffDocument(old: Self.side(30, status: .pass), new: Self.side(30, status: .pass), listed: 5)
    #expect(document.summary.unchanged == 30)
    let markdown = try Self.markdown(document)
    #expect(markdown.contains("| O-1 | p | high | 30 |"))
    #expect(!markdown.contains("platform-000"))
    // diff.json still has every entry.
    #expect(document.entries.count == 30)
  }

  @Test func moreChangesThanTheCapSayHowManyMore() throws {
    let document = try DiffDocument(old: Self.side(12, status: .pass), new: Self.side(12, status: .fail), listed: 5)
    #expect(document.summary.regression == 12)
    let markdown = try Self.markdown(document)
    #expect(markdown.contains("## Regressions (12)"))
    #expect(markdown.contains("| platform-004 |"))
    #expect(!markdown.contains("| platform-005 |"))
    #expect(markdown.contains("7 more are not listed here; diff.json has every one"))
    // Without a cap every change is listed and nothing is said to be left out.
    let all = try Self.markdown(try DiffDocument(old: Self.side(12, status: .pass), new: Self.side(12, status: .fail)))
    #expect(all.contains("| platform-011 |") && !all.contains("more are not listed"))
  }
}
