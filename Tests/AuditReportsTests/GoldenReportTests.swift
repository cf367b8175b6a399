import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// Every format, rendered from the fixture set, against its golden file in
/// `Tests/Fixtures/golden/reports` (`AUDIT_RECORD=1` rewrites them; review the diff).
@Suite struct GoldenReportTests {
  @Test(arguments: ReportFixtures.inProcess.map { $0.identifier })
  func matchesGolden(_ identifier: String) throws {
    let format = try #require(ReportFormats.format(identifier))
    let files = try ReportFixtures.render([format])
    #expect(!files.isEmpty)
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      try Golden.check(text, "reports/\(name)")
    }
  }

  @Test func everyStatusIsInTheFixtures() throws {
    let document = try ReportFixtures.document()
    for status in Status.allCases {
      #expect(document.results.contains { $0.status == status }, "no \(status) result in the fixtures")
    }
    #expect(document.results.contains { $0.upcoming != nil })
    #expect(document.results.contains { $0.expiredWaiver != nil })
  }

  /// Determinism is proven across processes (EndToEndTests runs the binary twice); here, only
  /// which files the formats write.
  @Test func everyFormatWritesItsFiles() throws {
    let files = try ReportFixtures.render()
    #expect(files.keys.sorted() == [
      "github-annotations.txt", "junit.xml", "oscal-assessment-results.json", "report.html", "report.md", "results.csv",
      "results.json", "results.sarif",
    ])
  }

  @Test func aSavedResultsDocumentRendersTheSame() throws {
    let document = try ReportFixtures.document()
    let saved = try ResultsDocument.decode(try document.encoded(), path: "results.json")
    let direct = try ReportFormats.render(ReportFixtures.inProcess, ReportContext(document: document))
    let again = try ReportFormats.render(ReportFixtures.inProcess, ReportContext(document: saved))
    #expect(direct.map(\.name) == again.map(\.name))
    for (a, b) in zip(direct, again) {
      #expect(a.contents == b.contents, "\(a.name) differs after a round trip through results.json")
    }
  }

  @Test func noWallClockUnlessATimestampIsGiven() throws {
    let plain = try ReportFormats.render(ReportFixtures.inProcess, ReportContext(document: try ReportFixtures.document()))
    let stamped = try ReportFormats.render(ReportFixtures.inProcess,
      ReportContext(document: try ReportFixtures.document(generatedAt: "2030-01-02T03:04:05Z")))
    for file in plain {
      #expect(!String(decoding: file.contents, as: UTF8.self).contains("2030-01-02"))
    }
    let html = try #require(stamped.first { $0.name == "report.html" })
    #expect(String(decoding: html.contents, as: UTF8.self).contains("generated 2030-01-02T03:04:05Z"))
    let oscal = try #require(stamped.first { $0.name == "oscal-assessment-results.json" })
    #expect(String(decoding: oscal.contents, as: UTF8.self).contains("\"last-modified\": \"2030-01-02T03:04:05Z\""))
  }
}
