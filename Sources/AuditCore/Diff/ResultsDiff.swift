/// Compares two sets of results matched by (obligation, platform, counterparty).
///
/// The classification follows what the check says:
/// - a `not_applicable` result counts as no result (the duty does not apply: there is nothing to
///   compare), so a key with a result on one side only is `new` or `removed`; one that is not
///   applicable on both sides, or not applicable on one side and absent on the other, is no
///   entry at all (there was nothing to check on either side: it is not "unchanged");
/// - otherwise the statuses compare by `Status.badness` (error > fail > unknown > pass), reading
///   a `waived` result as the status its waiver covers: worse is a `regression`, better a `fix`,
///   equal `unchanged` (so adding or losing a waiver alone is `unchanged`, with a note);
/// - a regression whose newer result is waived is listed but does not gate (`gates` is false):
///   the waiver accepted it.
public enum ResultsDiff {
  /// How one result changed.
  public enum Change: String, Codable, Sendable, CaseIterable {
    case regression, fix, new, removed, unchanged
  }

  /// Pairs results by key and classifies each pair, worst severity first, then in pack,
  /// obligation, platform, counterparty order. A key that is not applicable (or absent) on both
  /// sides is left out: neither side checked anything.
  public static func compare(old: [Result], new: [Result]) -> [DiffEntry] {
    var before: [String: Result] = [:]
    for result in old { before[result.key] = result }
    var after: [String: Result] = [:]
    for result in new { after[result.key] = result }
    let keys = Set(before.keys).union(after.keys).filter { key in
      let (was, now) = (before[key]?.status, after[key]?.status)
      return !((was == .notApplicable || was == nil) && (now == .notApplicable || now == nil))
    }
    return ordered(keys.map { DiffEntry(before: before[$0], after: after[$0]) })
  }

  /// Worst severity first, then in pack, obligation, platform, counterparty order.
  static func ordered(_ entries: [DiffEntry]) -> [DiffEntry] { entries.sorted(by: precedes) }

  /// The order of `ordered`.
  static func precedes(_ a: DiffEntry, _ b: DiffEntry) -> Bool {
    if a.severity != b.severity { return a.severity > b.severity }
    return (a.pack, a.obligation, a.platform, a.counterparty ?? "") < (b.pack, b.obligation, b.platform, b.counterparty ?? "")
  }

  /// `compare` of two sides in one walk, as `audit diff` does it: each side comes in document
  /// order (its packs in order, then obligation, platform, counterparty), so the two results of
  /// a key meet as both sides advance, and a results file is read one result at a time, never
  /// held. Entries whose class is `unchanged` keep no results (each side's file has them). A side
  /// found out of that order (a document put together by hand) is compared in memory instead,
  /// with the same entries; so is a side that repeats a key, which is then refused.
  public static func walk(old: DiffSide, new: DiffSide) throws -> [DiffEntry] {
    var digest = DiffDigest(listed: 0)
    return try walk(old: old, new: new, digest: &digest)
  }

  /// The walk, counting each entry into `digest` as it is classified (what the human reports show).
  public static func walk(old: DiffSide, new: DiffSide, digest: inout DiffDigest) throws -> [DiffEntry] {
    var rank: [String: Int] = [:]
    for pack in old.packs + new.packs where rank[pack] == nil { rank[pack] = rank.count }
    // Pack (by its place in the documents), obligation, platform, counterparty.
    typealias Position = (Int, String, String, String)
    func position(_ r: Result) -> Position { (rank[r.pack] ?? Int.max, r.obligation, r.platform, r.counterparty ?? "") }
    let (nextOld, nextNew) = (old.cursor(), new.cursor())
    var entries: [DiffEntry] = []
    func add(_ before: Result?, _ after: Result?) {
      let was = before?.status, now = after?.status
      guard !((was == .notApplicable || was == nil) && (now == .notApplicable || now == nil)) else { return }
      let entry = DiffEntry(before: before, after: after)
      digest.add(entry)
      entries.append(trimmed(entry))
    }
    var a = try nextOld(), b = try nextNew()
    var lastA: Position? = nil, lastB: Position? = nil
    while a != nil || b != nil {
      let pa = a.map(position), pb = b.map(position)
      if let pa, let last = lastA, !(last < pa) { return try inMemory(old: old, new: new, digest: &digest) }
      if let pb, let last = lastB, !(last < pb) { return try inMemory(old: old, new: new, digest: &digest) }
      if let pa, let pb, pa == pb {
        add(a, b)
        lastA = pa
        lastB = pb
        a = try nextOld()
        b = try nextNew()
      } else if let pa, pb.map({ pa < $0 }) ?? true {
        add(a, nil)
        lastA = pa
        a = try nextOld()
      } else {
        add(nil, b)
        lastB = pb
        b = try nextNew()
      }
    }
    // In place: the walk's list is not copied to be sorted.
    entries.sort(by: precedes)
    return entries
  }

  /// The walk's entries for sides not in document order: both held, paired by key.
  private static func inMemory(old: DiffSide, new: DiffSide, digest: inout DiffDigest) throws -> [DiffEntry] {
    let (before, after) = (try old.allResults(), try new.allResults())
    try old.checkUniqueKeys(before)
    try new.checkUniqueKeys(after)
    let entries = compare(old: before, new: after)
    digest = DiffDigest(entries, listed: digest.listed)
    return entries.map(trimmed)
  }

  /// An unchanged entry without its two results.
  static func trimmed(_ entry: DiffEntry) -> DiffEntry {
    guard entry.change == .unchanged else { return entry }
    var trimmed = entry
    trimmed.before = nil
    trimmed.after = nil
    return trimmed
  }

  /// The classification of one pair; at least one side is present.
  public static func classify(before: Result?, after: Result?) -> Change {
    let before = before?.status == .notApplicable ? nil : before
    let after = after?.status == .notApplicable ? nil : after
    switch (before, after) {
    case (nil, nil): return .unchanged
    case (nil, _?): return .new
    case (_?, nil): return .removed
    case (let before?, let after?): return compare(before, after)
    }
  }

  private static func compare(_ before: Result, _ after: Result) -> Change {
    let (was, now) = (checked(before).badness, checked(after).badness)
    return now > was ? .regression : now < was ? .fix : .unchanged
  }

  /// What the check said, looking through a waiver to the status it covers.
  public static func checked(_ result: Result) -> Status {
    result.status == .waived ? result.waiver?.status ?? .fail : result.status
  }

  /// A sentence for the cases that the class alone does not explain; `nil` otherwise.
  static func note(before: Result?, after: Result?) -> String? { noteMessage(before: before, after: after)?.english }

  /// The note as a message, for reports in other languages.
  public static func noteMessage(before: Result?, after: Result?) -> Message? {
    let empty = Message.verbatim("")
    switch (before?.status, after?.status) {
    case (.notApplicable?, let now?) where now != .notApplicable:
      return Message(.diffDidNotApply, ["reason": .message(before?.reasonMessage ?? empty)])
    case (let was?, .notApplicable?) where was != .notApplicable:
      return Message(.diffNoLongerApplies, ["reason": .message(after?.reasonMessage ?? empty)])
    case (let was?, .waived?) where was != .waived:
      return Message(.diffNowWaived, ["reason": .text(after?.waiver?.reason ?? "")])
    case (.waived?, let now?) where now != .waived:
      return after?.expiredWaiver.map { Message(.diffWaiverExpired, ["date": .date($0.expires.description)]) }
        ?? Message(.diffNoLongerWaived)
    default:
      return nil
    }
  }

  /// The messages of a diff's notes.
  static let messages: [MessageKey] = [
    .diffDidNotApply, .diffNoLongerApplies, .diffNowWaived, .diffNoLongerWaived, .diffWaiverExpired,
  ]
}

/// One (obligation, platform, counterparty) in a diff: its class, statuses and values before and
/// after, and both results in full (with their evidence).
public struct DiffEntry: Codable, Sendable, Hashable {
  /// A value read by the check, before and after.
  public struct Value: Codable, Sendable, Hashable {
    public var platform: String
    public var path: String
    public var before: String?
    public var after: String?
  }

  public var obligation: String
  public var pack: String
  public var platform: String
  public var counterparty: String?
  public var change: ResultsDiff.Change
  public var severity: Severity
  public var statusBefore: Status?
  public var statusAfter: Status?
  /// Whether this entry makes `audit diff` exit 1 (given a threshold that includes its severity).
  public var gates: Bool
  public var values: [Value]
  public var note: String?
  public var before: Result? {
    get { results.before }
    set { results = ResultPair(newValue, after) }
  }
  public var after: Result? {
    get { results.after }
    set { results = ResultPair(before, newValue) }
  }
  /// The two results, boxed: an entry is a few words wide however large its results, and an
  /// unchanged one (which keeps none) allocates nothing for them, so that a diff of many
  /// thousand entries stays small beside its results files.
  private var results: ResultPair

  enum CodingKeys: String, CodingKey {
    case obligation, pack, platform, counterparty, change, severity
    case statusBefore = "status_before"
    case statusAfter = "status_after"
    case gates, note, values, before, after
  }

  /// Classifies a pair of results; at least one must be given.
  public init(before: Result?, after: Result?) {
    let any = after ?? before
    obligation = any?.obligation ?? ""
    pack = any?.pack ?? ""
    platform = any?.platform ?? ""
    counterparty = any?.counterparty
    change = ResultsDiff.classify(before: before, after: after)
    severity = any?.severity ?? .low
    statusBefore = before?.status
    statusAfter = after?.status
    gates = change == .regression && after?.status != .waived
    note = ResultsDiff.note(before: before, after: after)
    values = Self.values(before?.checks ?? [], after?.checks ?? [])
    results = ResultPair(before, after)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    obligation = try c.decode(String.self, forKey: .obligation)
    pack = try c.decode(String.self, forKey: .pack)
    platform = try c.decode(String.self, forKey: .platform)
    counterparty = try c.decodeIfPresent(String.self, forKey: .counterparty)
    change = try c.decode(ResultsDiff.Change.self, forKey: .change)
    severity = try c.decode(Severity.self, forKey: .severity)
    statusBefore = try c.decodeIfPresent(Status.self, forKey: .statusBefore)
    statusAfter = try c.decodeIfPresent(Status.self, forKey: .statusAfter)
    gates = try c.decode(Bool.self, forKey: .gates)
    note = try c.decodeIfPresent(String.self, forKey: .note)
    values = try c.decode([Value].self, forKey: .values)
    results = ResultPair(try c.decodeIfPresent(Result.self, forKey: .before), try c.decodeIfPresent(Result.self, forKey: .after))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(obligation, forKey: .obligation)
    try c.encode(pack, forKey: .pack)
    try c.encode(platform, forKey: .platform)
    try c.encodeIfPresent(counterparty, forKey: .counterparty)
    try c.encode(change, forKey: .change)
    try c.encode(severity, forKey: .severity)
    try c.encodeIfPresent(statusBefore, forKey: .statusBefore)
    try c.encodeIfPresent(statusAfter, forKey: .statusAfter)
    try c.encode(gates, forKey: .gates)
    try c.encodeIfPresent(note, forKey: .note)
    try c.encode(values, forKey: .values)
    try c.encodeIfPresent(before, forKey: .before)
    try c.encodeIfPresent(after, forKey: .after)
  }

  /// The values read, paired by position when both sides read as many, else listed apart.
  private static func values(_ old: [Check], _ new: [Check]) -> [Value] {
    if old.count == new.count {
      return zip(old, new).map { a, b in
        let was = a.path == b.path ? display(a) : "\(display(a)) at \(a.path)"
        return Value(platform: b.platform, path: b.path, before: was, after: display(b))
      }
    }
    // Different numbers of checks (a phase started, a `when` now holds): pair the values read at
    // the same path of the same platform; the rest were read on one side only.
    var unmatched = Array(old.indices)
    var values: [Value] = []
    for b in new {
      if let i = unmatched.firstIndex(where: { old[$0].platform == b.platform && old[$0].path == b.path }) {
        values.append(Value(platform: b.platform, path: b.path, before: display(old[unmatched[i]]), after: display(b)))
        unmatched.remove(at: i)
      } else {
        values.append(Value(platform: b.platform, path: b.path, before: nil, after: display(b)))
      }
    }
    return unmatched.map { Value(platform: old[$0].platform, path: old[$0].path, before: display(old[$0]), after: nil) }
      + values
  }

  /// A value for people: as written, `~` for null, `(none)` when absent.
  private static func display(_ check: Check) -> String {
    switch check.state {
    case .value: check.found ?? "(value)"
    case .null: "~"
    case .missing: "(none)"
    case .blocked: "(unreadable)"
    }
  }

  /// The result's identity, as `Result.key` forms it.
  public var key: String { "\(obligation)|\(platform)|\(counterparty ?? "")" }
}

/// An entry's results out of line: none (nothing allocated), or both sides in one box.
private indirect enum ResultPair: Hashable, Sendable {
  case none
  case some(before: Result?, after: Result?)

  init(_ before: Result?, _ after: Result?) {
    self = before == nil && after == nil ? .none : .some(before: before, after: after)
  }

  var before: Result? {
    guard case .some(let before, _) = self else { return nil }
    return before
  }

  var after: Result? {
    guard case .some(_, let after) = self else { return nil }
    return after
  }
}

extension MessageKey {
  static let diffDidNotApply = MessageKey("diff.did_not_apply", "the duty did not apply before: {reason}")
  static let diffNoLongerApplies = MessageKey("diff.no_longer_applies", "the duty no longer applies: {reason}")
  static let diffNowWaived = MessageKey("diff.now_waived", "now waived: {reason}")
  static let diffNoLongerWaived = MessageKey("diff.no_longer_waived", "no longer waived")
  static let diffWaiverExpired = MessageKey("diff.waiver_expired", "no longer waived (the waiver expired {date})")
}
