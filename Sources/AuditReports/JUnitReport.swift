import AuditCore

/// `junit.xml`: one test suite per pack, one test case per result. `fail` is a failure,
/// `error` an error; `unknown`, `waived` and `not_applicable` are skipped with the reason, so
/// that CI dashboards count them without calling them passes.
public struct JUnitReport: ReportFormat {
  public static let identifier = "junit"
  public static let summary = "junit.xml: one test case per result (fail = failure, error = error, others skipped)."

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let document = context.document
    var byPack: [String: [Result]] = [:]
    for result in document.results { byPack[result.pack, default: []].append(result) }
    var packOrder = document.packs.map(\.id)
    packOrder += byPack.keys.filter { !packOrder.contains($0) }.sorted()
    let timestamp = document.generatedAt.map { " timestamp=\"\(TextEscaping.xml($0, attribute: true))\"" } ?? ""
    var suites = ""
    var all = Tally()
    for pack in packOrder {
      guard let results = byPack[pack] else { continue }
      let tally = Tally(results)
      all.add(tally)
      suites += "  <testsuite name=\"\(Self.attr(pack))\" tests=\"\(tally.tests)\" failures=\"\(tally.failures)\" errors=\"\(tally.errors)\" skipped=\"\(tally.skipped)\" time=\"0\"\(timestamp)>\n"
      suites += "    <properties>\n      <property name=\"as_of\" value=\"\(document.asOf)\"/>\n"
      suites += "      <property name=\"tool\" value=\"\(Self.attr(document.tool.name)) \(Self.attr(document.tool.version))\"/>\n    </properties>\n"
      for result in results { suites += Self.testCase(result) }
      suites += "  </testsuite>\n"
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"\(Self.attr(document.tool.name)) as of \(document.asOf)\" tests=\"\(all.tests)\" failures=\"\(all.failures)\" errors=\"\(all.errors)\" skipped=\"\(all.skipped)\" time=\"0\">\n"
    out += suites
    out += "</testsuites>\n"
    return [ReportFile(name: "junit.xml", text: out)]
  }

  /// One `<testcase>`: class = pack.obligation, name = platform (→ counterparty).
  static func testCase(_ r: Result) -> String {
    let name = r.platform + (r.counterparty.map { " → \($0)" } ?? "")
    var head = "    <testcase classname=\"\(attr(r.pack)).\(attr(r.obligation))\" name=\"\(attr(name))\" time=\"0\""
    if let location = r.location {
      head += " file=\"\(attr(location.file))\" line=\"\(location.line)\""
    }
    var body = properties(r)
    let detail = details(r)
    switch r.status {
    case .pass: break
    case .fail:
      body = "      <failure message=\"\(attr(r.reason))\" type=\"\(r.severity.rawValue)\">\(text(detail))</failure>\n"
    case .error:
      body = "      <error message=\"\(attr(r.reason))\" type=\"error\">\(text(detail))</error>\n"
    case .unknown, .waived, .notApplicable:
      body = "      <skipped message=\"\(attr("\(r.status.word): \(r.reason)"))\"/>\n"
    }
    body += "      <system-out>\(text(detail))</system-out>\n"
    return head + ">\n" + body + "    </testcase>\n"
  }

  /// The result in a few lines: status, reason, location, evidence, waiver, upcoming.
  static func details(_ r: Result) -> String {
    var lines = ["\(r.status.label) (\(r.severity.rawValue)): \(r.reason)"]
    if let location = r.location { lines.append("at \(location)") }
    for evidence in r.evidence {
      lines.append("evidence: \(evidence.source)" + (evidence.note.map { " — \($0)" } ?? ""))
    }
    if let waiver = r.waiver { lines.append("waived until \(waiver.expires): \(waiver.reason)") }
    if let expired = r.expiredWaiver { lines.append("waiver expired \(expired.expires): \(expired.reason)") }
    if let upcoming = r.upcoming { lines.append("due \(upcoming.date) (\(upcoming.label)): \(upcoming.status.wouldPhrase)") }
    for value in r.restsOn { lines.append("rests on \(value.evidenceText)") }
    return lines.joined(separator: "\n")
  }

  /// The evidence strength and date behind the result, as testcase properties.
  static func properties(_ r: Result) -> String {
    guard let strength = r.evidenceStrength else { return "" }
    var out = "      <properties>\n        <property name=\"evidence_strength\" value=\"\(strength.rawValue)\"/>\n"
    if let observed = r.evidenceObserved {
      out += "        <property name=\"evidence_observed\" value=\"\(observed)\"/>\n"
    }
    return out + "      </properties>\n"
  }

  private static func attr(_ s: String) -> String { TextEscaping.xml(s, attribute: true) }
  private static func text(_ s: String) -> String { TextEscaping.xml(s) }

  /// Test, failure, error and skip counts.
  struct Tally {
    var tests = 0, failures = 0, errors = 0, skipped = 0

    init() {}

    init(_ results: [Result]) {
      for r in results {
        tests += 1
        switch r.status {
        case .fail: failures += 1
        case .error: errors += 1
        case .unknown, .waived, .notApplicable: skipped += 1
        case .pass: break
        }
      }
    }

    mutating func add(_ other: Tally) {
      tests += other.tests
      failures += other.failures
      errors += other.errors
      skipped += other.skipped
    }
  }
}
