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

  /// Whether `a` is weaker than `b`: a lower method, or the same method observed earlier (an
  /// undated entry is older than any dated one).
  static func ranksBelow(_ a: Evidence, _ b: Evidence) -> Bool {
    let (sa, sb) = (EvidenceStrength(a.method), EvidenceStrength(b.method))
    if sa != sb { return sa < sb }
    return (a.observed?.ordinal ?? Int.min) < (b.observed?.ordinal ?? Int.min)
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

/// The evidence behind the values that a result reads: per value the one entry that counts, and
/// whether it meets a requirement.
struct EvidenceSupport {
  let manifests: [Manifest]

  init(subject: Manifest, counterparty: Manifest?) {
    manifests = [subject] + (counterparty.map { [$0] } ?? [])
  }

  /// The entries of the manifest that `check` was read in that cover its path.
  func entries(for check: Check) -> [Evidence] {
    guard let manifest = manifests.first(where: { $0.id == check.platform }), !manifest.evidence.isEmpty else {
      return []
    }
    // The manifest's sorted index finds the candidates; in the manifest's order, as written.
    return manifest.evidenceIndex.supporting(check.path).sorted()
      .map { manifest.evidence[$0] }.filter { $0.covers(check.path) }
  }

  /// The entry that counts for `check` on `date`: the strongest that meets `requirement` (the
  /// latest among equals); when none meets it, or without a requirement, the strongest entry (the
  /// latest among equals); `nil` when no entry covers the value.
  func counting(for check: Check, _ requirement: EvidenceRequirement?, on date: Day) -> Evidence? {
    let all = entries(for: check)
    let meeting = requirement.map { r in all.filter { $0.meets(r, on: date) } } ?? []
    return (meeting.isEmpty ? all : meeting).max(by: Evidence.ranksBelow)
  }

  /// `check` with the method, date and source of the entry that counts filled in together.
  func annotated(_ check: Check, _ requirement: EvidenceRequirement?, on date: Day) -> Check {
    var check = check
    annotate(&check, requirement, on: date)
    return check
  }

  /// The same, in place: a result's checks are annotated where they lie, not copied out and back.
  func annotate(_ check: inout Check, _ requirement: EvidenceRequirement?, on date: Day) {
    let entry = counting(for: check, requirement, on: date)
    check.method = entry?.method
    check.observed = entry?.observed
    check.source = entry?.source
  }

  /// `annotate` on every check of `checks`.
  func annotate(_ checks: inout [Check], _ requirement: EvidenceRequirement?, on date: Day) {
    for i in checks.indices { annotate(&checks[i], requirement, on: date) }
  }

  /// Whether the entry that counts for `check` meets `requirement` on `date`.
  func meets(_ check: Check, _ requirement: EvidenceRequirement, on date: Day) -> Bool {
    counting(for: check, requirement, on: date)?.meets(requirement, on: date) ?? false
  }
}

extension Result {
  /// The weakest of the entries that count for the values the result rests on (a chain is as
  /// strong as its weakest link; among equals the oldest): its method, date and source together;
  /// all `nil` when it rests on no value.
  mutating func summarizeEvidence() {
    let values = checks.filter(\.decisive)
    let weakest = values.min { a, b in
      let (sa, sb) = (EvidenceStrength(a.method), EvidenceStrength(b.method))
      if sa != sb { return sa < sb }
      return (a.observed?.ordinal ?? Int.min) < (b.observed?.ordinal ?? Int.min)
    }
    evidenceStrength = weakest.map { EvidenceStrength($0.method) }
    evidenceObserved = weakest?.observed
    evidenceSource = weakest?.source
  }
}

extension Check {
  /// The value's support in words, from the one entry that counts: "wechat:
  /// links.inbound.*.private_chat — announcement 2021-11-29 (https://…)", "… — no evidence".
  public var evidenceText: String {
    var text = "\(platform): \(path) — \(method?.rawValue ?? "no evidence")"
    if let observed { text += " \(observed)" }
    // An entry without a method counts as no evidence; its source is in the check's `source`.
    if let source, method != nil { text += " (\(source))" }
    return text
  }
}

extension Result {
  /// The values the result rests on (for `any`, the part that decided; for pairs, both sides).
  public var restsOn: [Check] { checks.filter(\.decisive) }

  /// "announcement 2021-11-29", "test", "none", or `nil` when it rests on no value: the method
  /// and date of one entry.
  public var evidenceSummary: String? {
    guard let evidenceStrength else { return nil }
    return evidenceStrength.rawValue + (evidenceObserved.map { " \($0)" } ?? "")
  }
}
