import AuditCore
import Foundation
import Testing

@testable import AuditReports

/// `--format github` gives a step at most so many annotations, fails and errors first, then
/// one notice that counts the rest and says where they are.
@Suite struct GitHubAnnotationCapTests {
  static func result(_ i: Int, _ status: Status, _ severity: Severity) -> Result {
    Result(obligation: "O\(i)", pack: "p", platform: "wechat", counterparty: nil, status: status, severity: severity,
      reason: "r\(i)", location: SourceLocation(file: "m.yaml", line: i + 1, column: 1))
  }

  @Test func theFirstAnnotationsAreTheFailuresThenOneNoticeCountsTheRest() throws {
    let document = try ReportFixtures.document()
    let stream = GitHubReport.Stream(document.header, limit: 5)
    let unknowns = (0..<7).map { Self.result($0, .unknown, .critical) }
    let fails = (7..<12).map { Self.result($0, .fail, $0 % 2 == 0 ? .low : .high) }
    stream.consume(unknowns + fails, prepared: ())
    var context = ReportContext(document: document)
    context.reportDirectory = "Reports"
    let text = String(decoding: try #require(try stream.finish(context).first).contents, as: UTF8.self)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 6)
    #expect(lines.prefix(5).allSatisfy { $0.hasPrefix("::error ") }, "\(lines)")
    #expect(lines[0].contains("fail (high)"), "\(lines[0])")
    let omitted = 12 + document.diagnostics.count - 5
    #expect(lines[5].hasPrefix("::notice title=audit%3A \(omitted) more::\(omitted) more annotations left out after the first 5"), "\(lines[5])")
    #expect(lines[5].contains("Reports/"))
    #expect(GitHubReportTests.parse(lines[5]) != nil)
  }

  @Test func underTheCapThereIsNoNotice() throws {
    let document = try ReportFixtures.document()
    let stream = GitHubReport.Stream(document.header, limit: 1000)
    stream.consume([Self.result(0, .fail, .low)], prepared: ())
    let text = String(decoding: try #require(try stream.finish(ReportContext(document: document)).first).contents, as: UTF8.self)
    #expect(!text.contains("::notice title=audit%3A"))
  }

  @Test func theLimitComesFromTheEnvironmentAndIsCheckedStrictly() throws {
    #expect(try GitHubReport.annotationLimit([:]) == 50)
    #expect(try GitHubReport.annotationLimit(["AUDIT_GITHUB_ANNOTATIONS": "3"]) == 3)
    #expect(throws: DiagnosticError.self) { try GitHubReport.annotationLimit(["AUDIT_GITHUB_ANNOTATIONS": "ten"]) }
    #expect(throws: DiagnosticError.self) { try GitHubReport.annotationLimit(["AUDIT_GITHUB_ANNOTATIONS": "-1"]) }
  }
}
