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
    if diagnostics.hasErrors || tally.byStatus.error > 0 { return badInput }
    let failing = Severity.allCases.contains { severity in
      failOn.includes(severity)
        && (tally.failuresBySeverity[severity] > 0 || (strict && tally.unknownsBySeverity[severity] > 0))
    }
    return failing ? failures : clean
  }

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
    if diagnostics.hasErrors || entries.contains(where: { $0.statusAfter == .error }) { return badInput }
    return entries.contains { $0.gates && failOn.includes($0.severity) } ? failures : clean
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
