/// The result of checking one obligation for one platform (and counterparty): the neutral
/// finding that every report reads.
public struct Result: Codable, Sendable, Hashable {
  public var obligation: String
  public var pack: String
  public var platform: String
  public var counterparty: String?
  public var status: Status
  public var severity: Severity
  /// One line naming the path, the value found and the value required.
  public var reason: String
  /// Where the decisive value is (or the nearest place to it).
  public var location: SourceLocation?
  /// Every value that was read, for passes too: an audit shows what was checked.
  public var checks: [Check]
  /// The manifests' evidence for the values read.
  public var evidence: [Evidence]
  /// The waiver in force, when the status is `waived`.
  public var waiver: WaiverRecord?
  /// A waiver that would cover this result but expired before the as-of date.
  public var expiredWaiver: WaiverRecord?
  /// What the same check gives when the next phase or the effective date arrives.
  public var upcoming: Upcoming?
  /// The method of the weakest of the entries that count for the values the result rests on.
  public var evidenceStrength: EvidenceStrength?
  /// That same entry's `observed` date (never another entry's).
  public var evidenceObserved: Day?
  /// That same entry's source.
  public var evidenceSource: String?
  /// Why a would-be pass is `unknown`: what it rests on, short of the obligation's `evidence:`.
  public var evidenceShortfall: String?

  enum CodingKeys: String, CodingKey {
    case obligation, pack, platform, counterparty, status, severity, reason, location, upcoming
    case waiver
    case expiredWaiver = "expired_waiver"
    case checks, evidence
    case evidenceStrength = "evidence_strength"
    case evidenceObserved = "evidence_observed"
    case evidenceSource = "evidence_source"
    case evidenceShortfall = "evidence_shortfall"
  }

  public init(
    obligation: String, pack: String, platform: String, counterparty: String?, status: Status,
    severity: Severity, reason: String, location: SourceLocation?, checks: [Check] = [],
    evidence: [Evidence] = [], waiver: WaiverRecord? = nil, expiredWaiver: WaiverRecord? = nil,
    upcoming: Upcoming? = nil
  ) {
    self.obligation = obligation
    self.pack = pack
    self.platform = platform
    self.counterparty = counterparty
    self.status = status
    self.severity = severity
    self.reason = reason
    self.location = location
    self.checks = checks
    self.evidence = evidence
    self.waiver = waiver
    self.expiredWaiver = expiredWaiver
    self.upcoming = upcoming
  }

  /// The identity that diffs and fingerprints match on.
  public var key: String { "\(obligation)|\(platform)|\(counterparty ?? "")" }
}

/// One value read while checking: where, what was found, what was required, and its verdict.
public struct Check: Codable, Sendable, Hashable {
  /// What was at the path.
  public enum State: String, Codable, Sendable {
    case value, null, missing, blocked
  }

  /// The path read, placeholders filled (`*` where the `"*"` entry applied).
  public var path: String
  /// Whose manifest was read.
  public var platform: String
  public var state: State
  /// The value as written, for `value` (lists and maps in flow style).
  public var found: String?
  public var required: String
  public var status: Status
  public var location: SourceLocation?
  /// The part of the obligation this check belongs to: its `when` condition, or a phase of a
  /// time-phased duty.
  public var phase: CheckPhase?
  /// A sentence that replaces the generated one (reciprocity, type errors).
  public var message: String?
  /// Whether the `"*"` entry stood in for a missing counterparty.
  public var wildcard: Bool
  /// The method of the entry that counts for this value (DESIGN.md "Evidence strength"): of
  /// the entries for its path or a parent path, the strongest that meets the obligation's
  /// requirement, else the strongest; the latest among equals.
  public var method: Evidence.Method?
  /// That same entry's `observed` date.
  public var observed: Day?
  /// That same entry's source.
  public var source: String?
  /// `true` when the value was read but the result does not rest on it (a part of `any` that
  /// did not decide); absent otherwise, so results written before it read the same.
  public var incidental: Bool?
  /// For a value read to compare with an affiliate's treatment: how the subject's group holds
  /// that affiliate (entity, controls or invests with its share, source).
  public var relation: Affiliation?

  /// Whether the result rests on this value, for its evidence strength and requirement.
  public var decisive: Bool {
    get { incidental != true }
    set { incidental = newValue ? nil : true }
  }

  public init(
    path: String, platform: String, state: State, found: String?, required: String,
    status: Status, location: SourceLocation?, phase: CheckPhase? = nil, message: String? = nil,
    wildcard: Bool = false
  ) {
    self.path = path
    self.platform = platform
    self.state = state
    self.found = found
    self.required = required
    self.status = status
    self.location = location
    self.phase = phase
    self.message = message
    self.wildcard = wildcard
  }

  /// One sentence: "links.inbound.douyin.group_chat is 'blocked'; required at least …".
  public var sentence: String {
    if let message { return message }
    var text: String
    switch state {
    case .value: text = "\(path) is \(found.map { "'\($0)'" } ?? "present")"
    case .null: text = "\(path) is recorded as unknown"
    case .missing: text = "\(path) is not in the manifest"
    case .blocked: text = "\(path) cannot be read"
    }
    if wildcard { text += " (from the '*' entry)" }
    switch status {
    case .pass: text += " (\(required))"
    default: text += "; required: \(required)"
    }
    return text
  }
}

/// A waiver as a result records it.
public struct WaiverRecord: Codable, Sendable, Hashable {
  public var reason: String
  public var approvedBy: String?
  public var expires: Day
  public var location: SourceLocation
  /// The status the check gave before the waiver.
  public var status: Status

  enum CodingKeys: String, CodingKey {
    case status, reason
    case approvedBy = "approved_by"
    case expires, location
  }

  public init(_ waiver: Waiver, status: Status) {
    reason = waiver.reason
    approvedBy = waiver.approvedBy
    expires = waiver.expires
    location = waiver.location
    self.status = status
  }
}

/// What a check will give when a duty bites: "due 2027-09-06: would fail".
public struct Upcoming: Codable, Sendable, Hashable {
  public var date: Day
  public var label: String
  public var status: Status

  public init(date: Day, label: String, status: Status) {
    self.date = date
    self.label = label
    self.status = status
  }
}

/// Which part of an obligation a check belongs to: its `when` condition, or the phase of a
/// time-phased duty with its label. A phase that a rule pack labels `when` is a phase, never
/// the condition: the engine tells them apart by case, not by text.
public enum CheckPhase: Hashable, Sendable, Codable {
  case condition
  case phase(String)

  /// As results.json writes it: `when` for the condition, else the phase's label.
  public var label: String {
    switch self {
    case .condition: "when"
    case .phase(let label): label
    }
  }

  /// Reads results.json's `phase` (where a phase labelled `when` cannot be told from the condition;
  /// it reads as the condition).
  public init(from decoder: any Decoder) throws {
    let label = try decoder.singleValueContainer().decode(String.self)
    self = label == "when" ? .condition : .phase(label)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(label)
  }
}
