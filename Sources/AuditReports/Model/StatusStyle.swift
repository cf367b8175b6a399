import AuditCore

/// How every report shows a status: a symbol and a word side by side (never colour or a symbol
/// alone), and a CSS class for colour. The one place that decides them, so that the results,
/// timeline and diff reports agree.
extension Status {
  /// Statuses in display order, worst first.
  public static let displayOrder: [Status] = [.error, .fail, .unknown, .waived, .pass, .notApplicable]

  /// A one-character symbol: ✔ ✘ ? – ⊘ ‼.
  public var symbol: String {
    switch self {
    case .pass: "✔"
    case .fail: "✘"
    case .unknown: "?"
    case .notApplicable: "–"
    case .waived: "⊘"
    case .error: "‼"
    }
  }

  /// The short word shown beside the symbol.
  public var word: String { Messages.current.word("status", rawValue) }

  /// Symbol and word: "✘ fail".
  public var label: String { "\(symbol) \(word)" }

  /// The CSS class that colours a status (`st-fail`, `st-not_applicable`, …).
  public var cssClass: String { "st-\(rawValue)" }

  /// What the status means, for legends.
  public var meaning: String { Messages.current.word("meaning", rawValue) }
}

extension StatusCounts {
  /// The statuses with a non-zero count, worst first.
  public var nonZero: [(status: Status, count: Int)] {
    Status.displayOrder.compactMap { self[$0] > 0 ? ($0, self[$0]) : nil }
  }

  /// The sum over all statuses.
  public var total: Int { Status.allCases.reduce(0) { $0 + self[$1] } }

  /// The worst status with a non-zero count, if any.
  public var worst: Status? { nonZero.first?.status }

  /// Adds another set of counts.
  public mutating func add(_ other: StatusCounts) {
    for status in Status.allCases { self[status] += other[status] }
  }
}

extension Matrix.Pair.Verdict {
  /// A symbol and words for a reciprocity verdict, given the pair's ids.
  public func label(a: String, b: String) -> String {
    switch self {
    case .equal: Messages.current["verdictEqual"]
    case .aOpensLess: Messages.current.format("verdictOpensLess", ["platform": a])
    case .bOpensLess: Messages.current.format("verdictOpensLess", ["platform": b])
    case .unknown: Messages.current["verdictUnknown"]
    }
  }

  /// The CSS class for a verdict.
  public var cssClass: String {
    switch self {
    case .equal: "st-pass"
    case .aOpensLess, .bOpensLess: "st-fail"
    case .unknown: "st-unknown"
    }
  }
}
