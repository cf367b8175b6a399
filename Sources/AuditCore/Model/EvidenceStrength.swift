/// How strongly a value (or a result) is supported by its manifest's evidence: the weakest link
/// of the values a result rests on, from an independent test down to no evidence at all.
public enum EvidenceStrength: String, Codable, CaseIterable, Sendable, Comparable {
  case test, filing, report, announcement
  /// No evidence entry speaks for at least one of the values.
  case none

  /// The strength of a recorded method; an entry without `method` is no stronger than none.
  public init(_ method: Evidence.Method?) {
    switch method {
    case .test?: self = .test
    case .filing?: self = .filing
    case .report?: self = .report
    case .announcement?: self = .announcement
    case nil: self = .none
    }
  }

  /// Rank: `none` 0 < `announcement` 1 < `report` 2 < `filing` 3 < `test` 4.
  public var rank: Int {
    switch self {
    case .none: 0
    case .announcement: 1
    case .report: 2
    case .filing: 3
    case .test: 4
    }
  }

  /// Strongest first, the order reports list them in.
  public static let strongestFirst: [EvidenceStrength] = [.test, .filing, .report, .announcement, .none]

  public static func < (lhs: EvidenceStrength, rhs: EvidenceStrength) -> Bool { lhs.rank < rhs.rank }
}

extension Evidence.Method {
  /// Rank of the method: `announcement` < `report` < `filing` < `test`.
  public var strength: EvidenceStrength { EvidenceStrength(self) }
}

extension Evidence {
  /// Whether this entry speaks for the value at `path` as evidence of it: the same path or a
  /// parent path (evidence about a part of a value does not establish the whole).
  public func covers(_ path: String) -> Bool { Self.isPrefix(self.path, of: path) }

  /// Whether the entry is at least `requirement.atLeast` and recent enough on `date`: observed
  /// after `date` counts as fresh; without `observed` it is too old when an age limit is set.
  public func meets(_ requirement: EvidenceRequirement, on date: Day) -> Bool {
    guard EvidenceStrength(method) >= requirement.atLeast.strength else { return false }
    guard let limit = requirement.maxAgeDays else { return true }
    guard let observed else { return false }
    return date.ordinal - observed.ordinal <= limit
  }
}

/// `evidence: {at_least: METHOD, max_age_days: N}` on an obligation or a pack: a result that
/// would pass is `unknown` unless every value it rests on has one entry this strong and recent.
public struct EvidenceRequirement: Codable, Sendable, Hashable {
  public var atLeast: Evidence.Method
  /// The oldest evidence that counts, in days before the as-of date; `nil` for no limit.
  public var maxAgeDays: Int?
  /// Where the requirement is written (the obligation's own, or the pack's default).
  public var location: SourceLocation?

  enum CodingKeys: String, CodingKey {
    case atLeast = "at_least"
    case maxAgeDays = "max_age_days"
  }

  public init(atLeast: Evidence.Method, maxAgeDays: Int? = nil, location: SourceLocation? = nil) {
    self.atLeast = atLeast
    self.maxAgeDays = maxAgeDays
    self.location = location
  }

  /// "at least report evidence, observed within 400 days of the as-of date".
  public var summary: String {
    var text = "at least \(atLeast.rawValue) evidence"
    if atLeast != .test { text += " (\(Self.accepted(atLeast)))" }
    if let maxAgeDays { text += ", observed within \(maxAgeDays) days of the as-of date" }
    return text
  }

  /// The methods that satisfy `method`, strongest first: "test, filing or report".
  static func accepted(_ method: Evidence.Method) -> String {
    let names = EvidenceStrength.strongestFirst.filter { $0 != .none && $0 >= method.strength }
      .map(\.rawValue)
    guard names.count > 1 else { return names.joined() }
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }
}

/// The evidence behind the values that a result reads: per value the strongest method and the
/// latest date of the entries for its path or a parent path, and whether a requirement is met.
struct EvidenceSupport {
  let manifests: [Manifest]

  init(subject: Manifest, counterparty: Manifest?) {
    manifests = [subject] + (counterparty.map { [$0] } ?? [])
  }

  /// The entries of the manifest that `check` was read in that cover its path.
  func entries(for check: Check) -> [Evidence] {
    guard let manifest = manifests.first(where: { $0.id == check.platform }) else { return [] }
    // The manifest's sorted index finds the candidates; in the manifest's order, as written.
    return manifest.evidenceIndex.supporting(check.path).sorted()
      .map { manifest.evidence[$0] }.filter { $0.covers(check.path) }
  }

  /// `check` with its strongest method and latest observed date filled in.
  func annotated(_ check: Check) -> Check {
    var check = check
    var method: Evidence.Method?
    var observed: Day?
    for entry in entries(for: check) {
      if let m = entry.method, method.map({ m.strength > $0.strength }) ?? true { method = m }
      if let o = entry.observed, observed.map({ o > $0 }) ?? true { observed = o }
    }
    check.method = method
    check.observed = observed
    return check
  }

  /// Whether one entry for `check` meets `requirement` on `date`.
  func meets(_ check: Check, _ requirement: EvidenceRequirement, on date: Day) -> Bool {
    entries(for: check).contains { $0.meets(requirement, on: date) }
  }

  /// The strongest entry for `check`, the latest among equals.
  func best(for check: Check) -> Evidence? {
    entries(for: check).max { a, b in
      let (sa, sb) = (EvidenceStrength(a.method), EvidenceStrength(b.method))
      if sa != sb { return sa < sb }
      return (a.observed ?? .epoch) < (b.observed ?? .epoch)
    }
  }

  /// An entry in words: "WeChat's announcement of 2021-11-29", "a test of 2019-03-01".
  func phrase(_ entry: Evidence, for check: Check) -> String {
    let date = entry.observed.map { " of \($0)" } ?? " (undated)"
    switch entry.method {
    case .announcement?:
      let owner = manifests.first { $0.id == check.platform }
      let name = owner?.nameEn ?? owner?.name ?? check.platform
      return "\(name)'s announcement\(date)"
    case let method?: return "a \(method.rawValue)\(date)"
    case nil: return "evidence of no stated method\(date)"
    }
  }
}

extension Result {
  /// The weakest strength and oldest latest-date among the values the result rests on (a chain
  /// is as strong as its weakest link); both `nil` when it rests on no value.
  mutating func summarizeEvidence() {
    let values = checks.filter(\.decisive)
    guard !values.isEmpty else {
      evidenceStrength = nil
      evidenceObserved = nil
      return
    }
    evidenceStrength = values.map { EvidenceStrength($0.method) }.min()
    evidenceObserved = values.compactMap(\.observed).min()
  }
}

extension Check {
  /// The value's support in words: "wechat: links.inbound.*.private_chat — announcement
  /// 2021-11-29", "… — no evidence".
  public var evidenceText: String {
    var text = "\(platform): \(path) — \(method?.rawValue ?? "no evidence")"
    if let observed { text += " \(observed)" }
    return text
  }
}

extension Result {
  /// The values the result rests on (for `any`, the part that decided; for pairs, both sides).
  public var restsOn: [Check] { checks.filter(\.decisive) }

  /// "announcement 2021-11-29", "test", "none", or `nil` when it rests on no value.
  public var evidenceSummary: String? {
    guard let evidenceStrength else { return nil }
    return evidenceStrength.rawValue + (evidenceObserved.map { " \($0)" } ?? "")
  }
}
