/// The outcome of checking one obligation for one platform (and counterparty).
public enum Status: String, Codable, CaseIterable, Sendable, Comparable {
  case pass
  case fail
  /// The manifest lacks the data: never a silent pass.
  case unknown
  /// Out of scope, not yet effective, or a `when` that does not hold.
  case notApplicable = "not_applicable"
  /// A failure covered by a waiver that is in force.
  case waived
  /// The check could not be evaluated (a type mismatch, a value off its scale).
  case error

  /// Badness for combining: `error` > `fail` > `unknown` > `pass`.
  public var badness: Int {
    switch self {
    case .pass, .notApplicable, .waived: 0
    case .unknown: 1
    case .fail: 2
    case .error: 3
    }
  }

  /// The worse of two statuses, as `all` and phases combine them.
  public static func worst(_ a: Status, _ b: Status) -> Status { b.badness > a.badness ? b : a }

  /// Display order in reports and matrices: worst first.
  public var order: Int {
    switch self {
    case .error: 0
    case .fail: 1
    case .unknown: 2
    case .waived: 3
    case .pass: 4
    case .notApplicable: 5
    }
  }

  public static func < (lhs: Status, rhs: Status) -> Bool { lhs.order < rhs.order }
}

/// How much a failure matters; `--fail-on` compares against it.
public enum Severity: String, Codable, CaseIterable, Sendable, Comparable {
  case low, medium, high, critical

  public var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    case .critical: 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
