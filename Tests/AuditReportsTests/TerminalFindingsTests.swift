import AuditCore
import AuditReports
import Foundation
import Testing

/// The findings `audit run` lists on stderr: worst first, capped, unknowns only when asked,
/// colour only on a terminal without NO_COLOR.
@Suite struct TerminalFindingsTests {
  static func result(_ obligation: String, _ status: Status, _ severity: Severity, line: Int) -> Result {
    Result(obligation: obligation, pack: "p", platform: "wechat", counterparty: status == .error ? nil : "douyin",
      status: status, severity: severity, reason: "reason \(obligation)",
      location: SourceLocation(file: "manifests/wechat.yaml", line: line, column: 3))
  }

  /// Arrival order mixes every status and severity; the list must not follow it.
  static let stream: [Result] = [
    result("LOW", .fail, .low, line: 1), result("UNK", .unknown, .critical, line: 2),
    result("HIGH", .fail, .high, line: 3), result("PASS", .pass, .critical, line: 4),
    result("CRIT", .fail, .critical, line: 5), result("ERR", .error, .low, line: 6),
    result("MED", .fail, .medium, line: 7), result("HIGH2", .fail, .high, line: 8),
  ]

  static func collect(_ selection: TerminalFindings.Selection, batches: Int = 3) -> TerminalFindings {
    let findings = TerminalFindings(selection)
    let size = (stream.count + batches - 1) / batches
    for start in stride(from: 0, to: stream.count, by: size) {
      findings.consume(Array(stream[start..<min(start + size, stream.count)]), prepared: ())
    }
    return findings
  }

  @Test func errorsThenFailuresFromCriticalToLowThenArrival() {
    let findings = Self.collect(.init(limit: nil))
    #expect(findings.worst.map(\.obligation) == ["ERR", "CRIT", "HIGH", "HIGH2", "MED", "LOW"])
    #expect(findings.total == 6)
  }

  @Test(arguments: [1, 2, 3, 4])
  func theCapKeepsTheWorstWhateverTheBatches(batches: Int) {
    let findings = Self.collect(.init(limit: 3), batches: batches)
    #expect(findings.worst.map(\.obligation) == ["ERR", "CRIT", "HIGH"])
    let lines = findings.lines(messages: .english, colour: false, report: "Reports/report.md")
    #expect(lines.last == "… and 3 more (see Reports/report.md)")
    #expect(lines.count == 4)
  }

  @Test func eachLineNamesTheDecidingManifestLine() {
    let lines = Self.collect(.init(limit: 2)).lines(messages: .english, colour: false, report: nil)
    #expect(lines == [
      "manifests/wechat.yaml:6:3: error: ERR wechat: reason ERR",
      "manifests/wechat.yaml:5:3: fail: CRIT wechat → douyin: reason CRIT",
      "… and 4 more",
    ])
  }

  @Test func unknownsOnlyWhenAskedAndAfterTheFailures() {
    #expect(!Self.collect(.init(limit: nil)).worst.contains { $0.status == .unknown })
    let shown = Self.collect(.init(limit: nil, showUnknown: true))
    #expect(shown.worst.map(\.obligation).last == "UNK")
    #expect(shown.total == 7)
  }

  @Test func aCapOfZeroListsNothingButCountsAll() {
    let findings = Self.collect(.init(limit: 0))
    #expect(findings.worst.isEmpty)
    #expect(findings.lines(messages: .english, colour: false, report: nil) == ["… and 6 more"])
  }

  @Test func colourPaintsOnlyTheStatusWord() {
    let lines = Self.collect(.init(limit: 1)).lines(messages: .english, colour: true, report: nil)
    #expect(lines.first == "manifests/wechat.yaml:6:3: \u{1B}[31merror\u{1B}[0m: ERR wechat: reason ERR")
  }

  @Test func colourNeedsATerminalAndNoNoColor() {
    #expect(TerminalFindings.usesColour(isTerminal: true, environment: [:]))
    #expect(TerminalFindings.usesColour(isTerminal: true, environment: ["NO_COLOR": ""]))
    #expect(!TerminalFindings.usesColour(isTerminal: true, environment: ["NO_COLOR": "1"]))
    #expect(!TerminalFindings.usesColour(isTerminal: false, environment: [:]))
  }

  @Test func aHostileReasonCannotPaintOrStartACommand() {
    var hostile = Self.result("X", .fail, .high, line: 1)
    hostile.reasonMessage = .verbatim("\u{1B}[32mgreen\n::error::forged")
    let findings = TerminalFindings(.init(limit: nil))
    findings.consume([hostile], prepared: ())
    let line = findings.lines(messages: .english, colour: false, report: nil)[0]
    #expect(!line.contains("\u{1B}"))
    #expect(!line.contains("\n"))
  }
}
