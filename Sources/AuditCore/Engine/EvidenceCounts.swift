/// How many results rest on each strength of evidence (the weakest link of their values), so a
/// reviewer sees how much of an audit rests on the platforms' own word.
public struct EvidenceCounts: Codable, Sendable, Hashable {
  public var test = 0
  public var filing = 0
  public var report = 0
  public var announcement = 0
  public var none = 0

  public init() {}

  /// Counts the results that rest on at least one value; the others have no strength.
  public init(_ results: some Sequence<Result>) {
    for result in results {
      if let strength = result.evidenceStrength { self[strength] += 1 }
    }
  }

  /// The results counted.
  public var total: Int { test + filing + report + announcement + none }

  public subscript(strength: EvidenceStrength) -> Int {
    get {
      switch strength {
      case .test: test
      case .filing: filing
      case .report: report
      case .announcement: announcement
      case .none: none
      }
    }
    set {
      switch strength {
      case .test: test = newValue
      case .filing: filing = newValue
      case .report: report = newValue
      case .announcement: announcement = newValue
      case .none: none = newValue
      }
    }
  }
}
