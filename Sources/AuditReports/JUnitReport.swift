import AuditCore
import Foundation

/// `junit.xml`: one test suite per pack, one test case per result. The failures are exactly
/// what the exit code counts (`RunHeader.gate`: fails at or above `--fail-on`, and unknowns too
/// under `--strict`), `error` is an error; a fail below the threshold, an unknown not counted,
/// `waived` and `not_applicable` are skipped with their status and reason, so that CI
/// dashboards neither call them passes nor count more failures than the gate.
public struct JUnitReport: StreamingReportFormat {
  public static let identifier = "junit"
  public static let summary = "junit.xml: one test case per result (what the exit code counts = failure, error = error, others skipped)."
  public static func fileName(for document: ReportDocumentKind) -> String { "junit.xml" }

  public init() {}

  /// Test cases are written a batch at a time into one spool per pack; the suites' counts are
  /// kept as they go and written around them at the end.
  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    Stream(spools: spools, gate: header.gate)
  }

  private final class Stream: ReportStream, @unchecked Sendable {
    let spools: SpoolStore
    let gate: Gate
    /// Per pack, in the order first met: its test cases and their counts.
    var suites: [String: (spool: Spool, tally: Tally)] = [:]

    init(spools: SpoolStore, gate: Gate) {
      self.spools = spools
      self.gate = gate
    }

    func prepare(_ batch: [Result]) -> [(pack: String, data: Data)] {
      var cases: [(pack: String, text: String)] = []
      for result in batch {
        let text = JUnitReport.testCase(result, gate: gate)
        if let last = cases.last, last.pack == result.pack {
          cases[cases.count - 1].text += text
        } else {
          cases.append((result.pack, text))
        }
      }
      return cases.map { (pack: $0.pack, data: Data($0.text.utf8)) }
    }

    func consume(_ batch: [Result], prepared: [(pack: String, data: Data)]) throws {
      for result in batch {
        if suites[result.pack] == nil { suites[result.pack] = (try spools.make(), Tally()) }
        suites[result.pack]?.tally.add(result, gate: gate)
      }
      for (pack, data) in prepared {
        try suites[pack]?.spool.append(data)
      }
    }

    func finish(_ context: ReportContext) throws -> [ReportFile] {
      let document = context.document
      var packOrder = document.packs.map(\.id)
      packOrder += suites.keys.filter { !packOrder.contains($0) }.sorted()
      let timestamp = document.generatedAt.map { " timestamp=\"\(TextEscaping.xml($0, attribute: true))\"" } ?? ""
      var parts: [ReportFile.Part] = []
      var all = Tally()
      for pack in packOrder {
        guard let suite = suites[pack] else { continue }
        let tally = suite.tally
        all.add(tally)
        var open = "  <testsuite name=\"\(attr(pack))\" tests=\"\(tally.tests)\" failures=\"\(tally.failures)\" errors=\"\(tally.errors)\" skipped=\"\(tally.skipped)\" time=\"0\"\(timestamp)>\n"
        open += "    <properties>\n      <property name=\"as_of\" value=\"\(document.asOf)\"/>\n"
        open += "      <property name=\"tool\" value=\"\(attr(document.tool.name)) \(attr(document.tool.version))\"/>\n"
        open += "      <property name=\"gate\" value=\"\(attr(gate.options))\"/>\n"
        open += "      <property name=\"not_counted\" value=\"\(tally.notCounted.fails) fail, \(tally.notCounted.unknowns) unknown\"/>\n    </properties>\n"
        parts += [.bytes(Data(open.utf8)), .spool(suite.spool), .bytes(Data("  </testsuite>\n".utf8))]
      }
      var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      head += "<testsuites name=\"\(attr(document.tool.name)) as of \(document.asOf)\" tests=\"\(all.tests)\" failures=\"\(all.failures)\" errors=\"\(all.errors)\" skipped=\"\(all.skipped)\" time=\"0\">\n"
      return [ReportFile(name: JUnitReport.fileName(for: .results), parts: [.bytes(Data(head.utf8))] + parts + [.bytes(Data("</testsuites>\n".utf8))])]
    }

    private func attr(_ s: String) -> String { TextEscaping.xml(s, attribute: true) }
  }

  /// One `<testcase>`: class = pack.obligation, name = platform (→ counterparty); a failure only
  /// when the gate counts it.
  static func testCase(_ r: Result, gate: Gate = Gate()) -> String {
    let name = r.platform + (r.counterparty.map { " → \($0)" } ?? "")
    var out = "    <testcase classname=\"\(attr(r.pack)).\(attr(r.obligation))\" name=\"\(attr(name))\" time=\"0\""
    if let location = r.location {
      out += " file=\"\(attr(location.file))\" line=\"\(location.line)\""
    }
    out += ">\n"
    let detail = text(details(r))
    // A failure or an error carries the details once, in its element; a pass or a skip in
    // system-out.
    switch r.status {
    case .pass:
      out += properties(r)
      out += "      <system-out>\(detail)</system-out>\n"
    case .fail where gate.counts(r):
      out += "      <failure message=\"\(attr(r.reason))\" type=\"\(r.severity.rawValue)\">\(detail)</failure>\n"
    case .unknown where gate.counts(r):
      out += "      <failure message=\"\(attr("unknown: \(r.reason)"))\" type=\"unknown\">\(detail)</failure>\n"
    case .fail:
      out += "      <skipped message=\"\(attr("fail below \(gate.options): \(r.reason)"))\"/>\n"
      out += "      <system-out>\(detail)</system-out>\n"
    case .error:
      out += "      <error message=\"\(attr(r.reason))\" type=\"error\">\(detail)</error>\n"
    case .unknown, .waived, .notApplicable:
      out += "      <skipped message=\"\(attr("\(r.status.word): \(r.reason)"))\"/>\n"
      out += "      <system-out>\(detail)</system-out>\n"
    }
    out += "    </testcase>\n"
    return out
  }

  /// The result in a few lines: status, reason, location, evidence, waiver, upcoming.
  static func details(_ r: Result) -> String {
    var text = "\(r.status.label) (\(r.severity.rawValue)): \(r.reason)"
    if let location = r.location { text += "\nat \(location)" }
    for evidence in r.evidence {
      text += "\nevidence: \(evidence.source)" + (evidence.note.map { " — \($0)" } ?? "")
    }
    if let waiver = r.waiver { text += "\nwaived until \(waiver.expires): \(waiver.reason)" }
    if let expired = r.expiredWaiver { text += "\nwaiver expired \(expired.expires): \(expired.reason)" }
    if let upcoming = r.upcoming { text += "\ndue \(upcoming.date) (\(upcoming.label)): \(upcoming.status.wouldPhrase)" }
    // `restsOn`, without copying the checks it keeps.
    for value in r.checks where value.decisive { text += "\nrests on \(value.evidenceText)" }
    return text
  }

  /// The method, date and source of the entry behind the result, as testcase properties.
  static func properties(_ r: Result) -> String {
    guard let strength = r.evidenceStrength else { return "" }
    var out = "      <properties>\n        <property name=\"evidence_strength\" value=\"\(strength.rawValue)\"/>\n"
    if let observed = r.evidenceObserved {
      out += "        <property name=\"evidence_observed\" value=\"\(observed)\"/>\n"
    }
    if let source = r.evidenceSource {
      out += "        <property name=\"evidence_source\" value=\"\(attr(source))\"/>\n"
    }
    return out + "      </properties>\n"
  }

  private static func attr(_ s: String) -> String { TextEscaping.xml(s, attribute: true) }
  private static func text(_ s: String) -> String { TextEscaping.xml(s) }

  /// Test, failure, error and skip counts, and the fails and unknowns the gate did not count.
  struct Tally {
    var tests = 0, failures = 0, errors = 0, skipped = 0
    var notCounted = (fails: 0, unknowns: 0)

    init() {}

    mutating func add(_ r: Result, gate: Gate) {
      tests += 1
      switch r.status {
      case .fail, .unknown:
        if gate.counts(r) {
          failures += 1
        } else {
          skipped += 1
          if r.status == .fail { notCounted.fails += 1 } else { notCounted.unknowns += 1 }
        }
      case .error: errors += 1
      case .waived, .notApplicable: skipped += 1
      case .pass: break
      }
    }

    mutating func add(_ other: Tally) {
      tests += other.tests
      failures += other.failures
      errors += other.errors
      skipped += other.skipped
      notCounted.fails += other.notCounted.fails
      notCounted.unknowns += other.notCounted.unknowns
    }
  }
}
