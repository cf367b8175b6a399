/// The failure severity from which `audit run` and `audit diff` exit 1.
public enum FailThreshold: String, CaseIterable, Sendable {
  case low, medium, high, critical
  /// Never exit 1 for failures (errors still exit 2).
  case none

  /// Whether a failure of `severity` reaches the threshold.
  public func includes(_ severity: Severity) -> Bool {
    switch self {
    case .none: false
    case .low: true
    case .medium: severity >= .medium
    case .high: severity >= .high
    case .critical: severity == .critical
    }
  }
}

/// What a run's exit code counts: failures at or above `failOn`, and under `strict` unknowns
/// at or above it too. The JUnit file and the terminal read the same value, so they agree with
/// the exit code.
public struct Gate: Sendable, Hashable {
  public var failOn: FailThreshold
  public var strict: Bool

  public init(failOn: FailThreshold = .low, strict: Bool = false) {
    self.failOn = failOn
    self.strict = strict
  }

  /// Whether this result counts towards exit 1.
  public func counts(_ result: Result) -> Bool {
    switch result.status {
    case .fail: failOn.includes(result.severity)
    case .unknown: strict && failOn.includes(result.severity)
    default: false
    }
  }

  /// How the gate was asked for: `--fail-on high --strict`.
  public var options: String { "--fail-on \(failOn.rawValue)" + (strict ? " --strict" : "") }
}

/// Exit codes that CI can use: 0 clean, 1 failures at or above the threshold, 2 bad input or
/// any `error` result. One place decides them.
public enum ExitStatus {
  public static let clean: Int32 = 0
  public static let failures: Int32 = 1
  public static let badInput: Int32 = 2

  /// The exit code of a run, from the counts over all its results.
  public static func forRun(
    tally: ResultTally, diagnostics: [Diagnostic], failOn: FailThreshold, strict: Bool
  ) -> Int32 {
    runVerdict(tally: tally, diagnostics: diagnostics, gate: Gate(failOn: failOn, strict: strict)).code
  }

  /// The exit code of a run and the line that says why (`exit 1: 6 failures at or above low
  /// (--fail-on low)`), decided together so that the line cannot disagree with the code.
  public static func runVerdict(tally: ResultTally, diagnostics: [Diagnostic], gate: Gate) -> (code: Int32, reason: String) {
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0 || tally.byStatus.error > 0 {
      let parts = [
        tally.byStatus.error > 0 ? count(tally.byStatus.error, "error result") : nil,
        errors > 0 ? count(errors, "error") + " in the inputs or options" : nil,
      ].compactMap { $0 }
      return (badInput, "exit 2: " + parts.joined(separator: " and "))
    }
    let included = Severity.allCases.filter(gate.failOn.includes)
    let fails = included.reduce(0) { $0 + tally.failuresBySeverity[$1] }
    let unknowns = gate.strict ? included.reduce(0) { $0 + tally.unknownsBySeverity[$1] } : 0
    let below = tally.byStatus.fail - fails
    guard gate.failOn != .none else {
      return (clean, "exit 0: --fail-on none" + (below > 0 ? " (\(count(below, "failure")) not counted)" : ""))
    }
    guard fails + unknowns > 0 else {
      return (clean, "exit 0: no failure at or above \(gate.failOn.rawValue)" + (below > 0 ? " (\(below) below it)" : ""))
    }
    let counted = [fails > 0 ? count(fails, "failure") : nil, unknowns > 0 ? count(unknowns, "unknown") : nil]
      .compactMap { $0 }.joined(separator: " and ")
    return (failures, "exit 1: \(counted) at or above \(gate.failOn.rawValue) (\(gate.options))")
  }

  /// "1 failure", "6 failures".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  /// The exit code of a run whose results are all at hand.
  public static func forRun(
    results: [Result], diagnostics: [Diagnostic], failOn: FailThreshold, strict: Bool
  ) -> Int32 {
    forRun(tally: ResultTally(results), diagnostics: diagnostics, failOn: failOn, strict: strict)
  }

  /// The exit code of `audit test`: 1 when an example fails, or (under `strict`) when an
  /// obligation lacks a passing or a failing example.
  public static func forTest(failed: Int, uncovered: Int, strict: Bool) -> Int32 {
    failed > 0 || (strict && uncovered > 0) ? failures : clean
  }

  /// The exit code of `audit check`: 2 for any error, or (under `strict`) any warning; 2
  /// also when there was nothing to check.
  public static func forCheck(diagnostics: [Diagnostic], files: Int, strict: Bool) -> Int32 {
    if files == 0 || diagnostics.hasErrors || (strict && diagnostics.contains { $0.severity == .warning }) {
      return badInput
    }
    return clean
  }

  /// The exit code of a diff: 2 for unreadable sides or any `error` result in NEW, 1 for a
  /// regression at or above the threshold that no waiver accepts, else 0.
  public static func forDiff(
    entries: [DiffEntry], diagnostics: [Diagnostic], failOn: FailThreshold
  ) -> Int32 {
    diffVerdict(entries: entries, diagnostics: diagnostics, failOn: failOn).code
  }

  /// The exit code of a diff and the line that says why, decided together.
  public static func diffVerdict(entries: [DiffEntry], diagnostics: [Diagnostic], failOn: FailThreshold)
    -> (code: Int32, reason: String)
  {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let errorResults = entries.filter { $0.statusAfter == .error }.count
    if errors > 0 || errorResults > 0 {
      let parts = [
        errorResults > 0 ? count(errorResults, "error result") + " in NEW" : nil,
        errors > 0 ? count(errors, "error") + " in the inputs or options" : nil,
      ].compactMap { $0 }
      return (badInput, "exit 2: " + parts.joined(separator: " and "))
    }
    let gating = entries.filter { $0.gates && failOn.includes($0.severity) }.count
    guard gating > 0 else {
      let waived = entries.filter { $0.change == .regression && !$0.gates }.count
      return (clean, (failOn == .none ? "exit 0: --fail-on none" : "exit 0: no regression at or above \(failOn.rawValue)")
        + (waived > 0 ? " that a waiver does not accept (\(count(waived, "waived regression")))" : ""))
    }
    return (failures, "exit 1: \(count(gating, "regression")) at or above \(failOn.rawValue) that no waiver accepts (--fail-on \(failOn.rawValue))")
  }
}

extension Day {
  /// The as-of date when none is given: `SOURCE_DATE_EPOCH` (reproducible builds), else today (UTC).
  /// A malformed or out-of-range `SOURCE_DATE_EPOCH` is an error naming the value, never ignored.
  public static func defaultAsOf(environment: [String: String], now: Int) throws(DiagnosticError) -> Day {
    if let epoch = try sourceDateEpoch(environment) { return epoch.day }
    guard let today = Day(unixTime: now) else {
      throw DiagnosticError(Diagnostic(.error, file: "audit", "the system clock reads \(now) s, outside years 1–9999"))
    }
    return today
  }

  /// `SOURCE_DATE_EPOCH` read strictly: an optional minus sign and decimal digits (as `date +%s`
  /// prints), within years 1–9999; nil when unset or empty.
  public static func sourceDateEpoch(_ environment: [String: String]) throws(DiagnosticError) -> (seconds: Int, day: Day)? {
    guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return nil }
    let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    let wellFormed = !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    guard wellFormed, let seconds = Int(text), let day = Day(unixTime: seconds) else {
      throw DiagnosticError(Diagnostic(.error, file: "SOURCE_DATE_EPOCH",
        wellFormed ? "'\(Bounded.quote(text))' is outside years 1–9999"
          : "'\(Bounded.quote(text))' is not a Unix time (whole seconds since 1970-01-01 UTC)",
        hint: "set it to the output of 'date +%s', e.g. 1638403200, or unset it"))
    }
    return (seconds, day)
  }
}
