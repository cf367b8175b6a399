import AuditCore
import AuditReports
import AuditTestSupport
import Foundation
import Testing

/// The one registry: formats say which documents they render, under which names, whether they
/// use templates and what they need; the commands and the set writer ask them.
@Suite struct FormatRegistryTests {
  /// Every format that says it renders a diff or a timeline does, under the name it gives; the
  /// others refuse with a diagnostic. PDF (Chromium) has its own end-to-end test.
  @Test(arguments: [ReportDocumentKind.diff, .timeline])
  func formatsRenderTheDocumentsTheyDeclare(kind: ReportDocumentKind) throws {
    let context = kind == .diff
      ? DocumentContext(.diff(DiffReport(document: try DiffReportTests.document())))
      : DocumentContext(.timeline(TimelineReport(document: try TimelineReportTests.document())))
    for format in ReportFormats.all where format != PDFReport.self {
      if format.documents.contains(kind) {
        let files = try ReportFormats.render([format], context)
        #expect(files.map(\.name) == [format.fileName(for: kind)], "\(format.identifier)")
        #expect(files.allSatisfy { $0.destination == format.destination })
        #expect(files.allSatisfy { !$0.contents.isEmpty }, "\(format.identifier)")
      } else {
        #expect(throws: DiagnosticError.self, "\(format.identifier)") { try ReportFormats.render([format], context) }
      }
    }
    #expect(ReportFormats.identifiers(for: .timeline) == ["markdown", "html", "json", "pdf"])
    #expect(ReportFormats.identifiers(for: .diff) == ["markdown", "html", "json", "sarif", "github", "pdf"])
  }

  /// Each document's files are named by the formats that render it.
  @Test func theRunSetIsNamedByTheFormats() {
    #expect(ReportFormats.fileNames(for: .results) == [
      "report.md", "report.html", "report.pdf", "results.json", "results.sarif", "junit.xml",
      "results.csv", "oscal-assessment-results.json",
    ])
    #expect(ReportFormats.fileNames(for: .diff) == ["diff.md", "diff.html", "diff.json", "diff.sarif", "diff.pdf"])
  }

  /// PDF needs the HTML it prints and the JSON whose hash it names: they render first, and
  /// they are not returned unless asked for.
  @Test func needsRenderFirstAndStayUnwritten() throws {
    let pdf = ReportFormats.closure([PDFReport.self]).map { $0.identifier }
    #expect(pdf == ["html", "json", "pdf"])
    #expect(ReportFormats.useTemplates([PDFReport.self]))
    #expect(!ReportFormats.useTemplates([JSONReport.self, SARIFReport.self]))
    let context = ReportContext(document: try ReportFixtures.document())
    let files = try ReportFormats.render([MarkdownReport.self], context)
    #expect(files.map(\.name) == ["report.md"])
  }

  /// `diff.sarif`: NEW's findings and OLD's that are gone, each with its baseline state.
  @Test func aDiffInSARIFCarriesBaselineStates() throws {
    let document = try DiffReportTests.document()
    let file = try #require(try DiffReport(document: document).render(formats: ["sarif"]).first)
    #expect(file.name == "diff.sarif")
    let log = try #require(try JSONSerialization.jsonObject(with: file.contents) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    let findings: Set<Status> = [.fail, .unknown, .error]
    let expected = document.entries.filter { [$0.statusBefore, $0.statusAfter].contains { $0.map(findings.contains) ?? false } }
    #expect(results.count == expected.count)
    for (entry, result) in zip(expected, results) {
      let state = result["baselineState"] as? String
      let was = entry.statusBefore.map(findings.contains) ?? false
      let isNow = entry.statusAfter.map(findings.contains) ?? false
      let wanted = !isNow ? "absent" : !was ? "new" : entry.statusBefore == entry.statusAfter ? "unchanged" : "updated"
      #expect(state == wanted, "\(entry.key)")
      #expect(result["ruleId"] as? String == entry.obligation)
    }
    #expect(Set(results.compactMap { $0["baselineState"] as? String }).isSuperset(of: ["new", "absent"]))
  }

  /// `--format github` for a diff: one workflow command per regression, on standard output.
  @Test func aDiffInGitHubAnnotatesEachRegression() throws {
    let document = try DiffReportTests.document()
    let file = try #require(try DiffReport(document: document).render(formats: ["github"]).first)
    #expect(file.destination == .standardOutput)
    let lines = String(decoding: file.contents, as: UTF8.self).split(separator: "\n")
    let regressions = document.entries(.regression)
    #expect(!regressions.isEmpty)
    #expect(lines.count == regressions.count)
    for (line, entry) in zip(lines, regressions) {
      #expect(line.hasPrefix(entry.gates ? "::error " : "::warning "), "\(line)")
      #expect(line.contains("title=\(entry.obligation)::regression (\(entry.severity.rawValue)): \(entry.platform)"), "\(line)")
    }
  }
}
