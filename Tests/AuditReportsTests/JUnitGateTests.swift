import AuditCore
import AuditReports
import Foundation
import Testing

/// junit.xml agrees with the exit code: its failures are exactly what the gate counts.
@Suite struct JUnitGateTests {
  static let gates: [Gate] = [
    Gate(failOn: .low), Gate(failOn: .high), Gate(failOn: .critical), Gate(failOn: .none),
    Gate(failOn: .low, strict: true), Gate(failOn: .high, strict: true),
  ]

  static func junit(_ document: ResultsDocument, gate: Gate) throws -> String {
    var context = ReportContext(document: document)
    context.gate = gate
    let files = try JUnitReport().render(context)
    return String(decoding: try #require(files.first).contents, as: UTF8.self)
  }

  static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test(arguments: gates)
  func failuresAreWhatTheGateCounts(gate: Gate) throws {
    let document = try ReportFixtures.document()
    let text = try Self.junit(document, gate: gate)
    // What the exit code counts, from the tally it is decided on (not from `Gate.counts`).
    let tally = ResultTally(document.results)
    let included = Severity.allCases.filter(gate.failOn.includes)
    let counted = included.reduce(0) { $0 + tally.failuresBySeverity[$1] + (gate.strict ? tally.unknownsBySeverity[$1] : 0) }
    #expect(Self.occurrences("<failure ", in: text) == counted)
    #expect(text.contains("<testsuites name=\"interop-audit as of \(document.asOf)\" tests=\"\(document.results.count)\" failures=\"\(counted)\""))
    let verdict = ExitStatus.runVerdict(tally: tally, diagnostics: [], gate: gate)
    #expect(verdict.code == (tally.byStatus.error > 0 ? ExitStatus.badInput : counted > 0 ? ExitStatus.failures : ExitStatus.clean), "\(verdict.reason)")
    #expect(text.contains("<property name=\"gate\" value=\"\(gate.options)\"/>"))
  }

  @Test func uncountedFailsAndUnknownsAreSkippedAsWhatTheyAre() throws {
    let document = try ReportFixtures.document()
    let results = document.results
    try #require(results.contains { $0.status == .fail && $0.severity < .critical })
    try #require(results.contains { $0.status == .unknown })
    let text = try Self.junit(document, gate: Gate(failOn: .critical))
    let below = results.filter { $0.status == .fail && $0.severity < .critical }.count
    #expect(Self.occurrences("<skipped message=\"fail below --fail-on critical: ", in: text) == below)
    #expect(Self.occurrences("<skipped message=\"unknown: ", in: text) == results.filter { $0.status == .unknown }.count)
    let strict = try Self.junit(document, gate: Gate(failOn: .low, strict: true))
    #expect(!strict.contains("<skipped message=\"unknown: "))
    #expect(Self.occurrences("type=\"unknown\"", in: strict) == results.filter { $0.status == .unknown }.count)
  }
}

extension Gate: CustomTestStringConvertible {
  public var testDescription: String { options }
}
