/// The result of checking one obligation for one platform (and counterparty): the neutral
/// finding that every report reads.
public struct Result: Codable, Sendable, Hashable {
  public var obligation: String
  public var pack: String
  public var platform: String
  public var counterparty: String?
  public var status: Status
  public var severity: Severity
  /// One line naming the path, the value found and the value required, as a message.
  public var reasonMessage: Message
  /// The reason in English, as results.json writes it. Setting it keeps the text as written (a
  /// verbatim message).
  public var reason: String {
    get { reasonMessage.english }
    set { reasonMessage = .verbatim(newValue) }
  }
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
    case obligation, pack, platform, counterparty, status, severity, reason
    case reasonMessage = "reason_message"
    case location, upcoming
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
    reasonMessage = .verbatim(reason)
    self.location = location
    self.checks = checks
    self.evidence = evidence
    self.waiver = waiver
    self.expiredWaiver = expiredWaiver
    self.upcoming = upcoming
  }

  /// What results/2 leaves out, put back after reading (every reader of results calls this):
  /// a check's platform when it is the result's, a check's message written `""` because it is
  /// the result's reason, and the strength `none` of a result that rests on values.
  public mutating func fillDefaults() {
    for i in checks.indices {
      if checks[i].platform.isEmpty { checks[i].platform = platform }
      if checks[i].note?.english == "" { checks[i].note = reasonMessage }
    }
    if evidenceStrength == nil, checks.contains(where: \.decisive) { evidenceStrength = EvidenceStrength.none }
  }

  /// The identity that diffs and fingerprints match on.
  public var key: String { "\(obligation)|\(platform)|\(counterparty ?? "")" }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(obligation, forKey: .obligation)
    try c.encode(pack, forKey: .pack)
    try c.encode(platform, forKey: .platform)
    try c.encodeIfPresent(counterparty, forKey: .counterparty)
    try c.encode(status, forKey: .status)
    try c.encode(severity, forKey: .severity)
    try c.encode(reason, forKey: .reason)
    try c.encode(reasonMessage, forKey: .reasonMessage)
    try c.encodeIfPresent(location, forKey: .location)
    try c.encodeIfPresent(upcoming, forKey: .upcoming)
    try c.encodeIfPresent(waiver, forKey: .waiver)
    try c.encodeIfPresent(expiredWaiver, forKey: .expiredWaiver)
    try c.encode(checks, forKey: .checks)
    try c.encode(evidence, forKey: .evidence)
    try c.encodeIfPresent(evidenceStrength, forKey: .evidenceStrength)
    try c.encodeIfPresent(evidenceObserved, forKey: .evidenceObserved)
    try c.encodeIfPresent(evidenceSource, forKey: .evidenceSource)
    try c.encodeIfPresent(evidenceShortfall, forKey: .evidenceShortfall)
  }

  /// Reads a result back (results/1 or results/2); one written without `reason_message` (or
  /// with a message this build does not know) keeps its `reason` as written.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    obligation = try c.decode(String.self, forKey: .obligation)
    pack = try c.decode(String.self, forKey: .pack)
    platform = try c.decode(String.self, forKey: .platform)
    counterparty = try c.decodeIfPresent(String.self, forKey: .counterparty)
    status = try c.decode(Status.self, forKey: .status)
    severity = try c.decode(Severity.self, forKey: .severity)
    // results/2 writes the message alone: the reason is its English.
    let message = (try? c.decodeIfPresent(Message.self, forKey: .reasonMessage)) ?? nil
    if let reason = try c.decodeIfPresent(String.self, forKey: .reason) {
      reasonMessage = message.flatMap { $0.english == reason ? $0 : nil } ?? .verbatim(reason)
    } else if let message {
      reasonMessage = message
    } else {
      throw DecodingError.keyNotFound(CodingKeys.reason, .init(codingPath: c.codingPath,
        debugDescription: "a result needs its 'reason_message' (a message this build knows) or its 'reason'"))
    }
    location = try c.decodeIfPresent(SourceLocation.self, forKey: .location)
    upcoming = try c.decodeIfPresent(Upcoming.self, forKey: .upcoming)
    waiver = try c.decodeIfPresent(WaiverRecord.self, forKey: .waiver)
    expiredWaiver = try c.decodeIfPresent(WaiverRecord.self, forKey: .expiredWaiver)
    // results/2 leaves out empty lists, and a check's platform when it is the result's.
    checks = try c.decodeIfPresent([Check].self, forKey: .checks) ?? []
    evidence = try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? []
    evidenceStrength = try c.decodeIfPresent(EvidenceStrength.self, forKey: .evidenceStrength)
    fillDefaults()
    evidenceObserved = try c.decodeIfPresent(Day.self, forKey: .evidenceObserved)
    evidenceSource = try c.decodeIfPresent(String.self, forKey: .evidenceSource)
    evidenceShortfall = try c.decodeIfPresent(String.self, forKey: .evidenceShortfall)
  }
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
  /// What the value had to be, as a message ("at least 'mid' on level").
  public var requirement: Message
  /// The requirement in English, as results.json writes it.
  public var required: String {
    get { requirement.english }
    set { requirement = .verbatim(newValue) }
  }
  public var status: Status
  public var location: SourceLocation?
  /// The part of the obligation this check belongs to: its `when` condition, or a phase of a
  /// time-phased duty.
  public var phase: CheckPhase?
  /// A sentence that replaces the generated one (reciprocity, type errors).
  public var note: Message?
  /// The note in English, as results.json writes it.
  public var message: String? {
    get { note?.english }
    set { note = newValue.map(Message.verbatim) }
  }
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

  enum CodingKeys: String, CodingKey {
    case path, platform, state, found, required, status, location, phase, message, wildcard, method
    case observed, source, incidental, relation
  }

  public init(
    path: String, platform: String, state: State, found: String?, requirement: Message,
    status: Status, location: SourceLocation?, phase: CheckPhase? = nil, note: Message? = nil,
    wildcard: Bool = false
  ) {
    self.path = path
    self.platform = platform
    self.state = state
    self.found = found
    self.requirement = requirement
    self.status = status
    self.location = location
    self.phase = phase
    self.note = note
    self.wildcard = wildcard
  }

  public init(
    path: String, platform: String, state: State, found: String?, required: String,
    status: Status, location: SourceLocation?, phase: CheckPhase? = nil, message: String? = nil,
    wildcard: Bool = false
  ) {
    self.init(path: path, platform: platform, state: state, found: found, requirement: .verbatim(required),
      status: status, location: location, phase: phase, note: message.map(Message.verbatim), wildcard: wildcard)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(path, forKey: .path)
    try c.encode(platform, forKey: .platform)
    try c.encode(state, forKey: .state)
    try c.encodeIfPresent(found, forKey: .found)
    try c.encode(required, forKey: .required)
    try c.encode(status, forKey: .status)
    try c.encodeIfPresent(location, forKey: .location)
    try c.encodeIfPresent(phase, forKey: .phase)
    try c.encodeIfPresent(message, forKey: .message)
    try c.encode(wildcard, forKey: .wildcard)
    try c.encodeIfPresent(method, forKey: .method)
    try c.encodeIfPresent(observed, forKey: .observed)
    try c.encodeIfPresent(source, forKey: .source)
    try c.encodeIfPresent(incidental, forKey: .incidental)
    try c.encodeIfPresent(relation, forKey: .relation)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    // Without a platform (results/2: the result's own), the result fills it in; without a
    // state (results/2), a value was read.
    self.init(path: try c.decode(String.self, forKey: .path),
      platform: try c.decodeIfPresent(String.self, forKey: .platform) ?? "",
      state: try c.decodeIfPresent(State.self, forKey: .state) ?? .value, found: try c.decodeIfPresent(String.self, forKey: .found),
      required: try c.decode(String.self, forKey: .required), status: try c.decode(Status.self, forKey: .status),
      location: try c.decodeIfPresent(SourceLocation.self, forKey: .location),
      phase: try c.decodeIfPresent(CheckPhase.self, forKey: .phase),
      message: try c.decodeIfPresent(String.self, forKey: .message),
      wildcard: try c.decodeIfPresent(Bool.self, forKey: .wildcard) ?? false)
    method = try c.decodeIfPresent(Evidence.Method.self, forKey: .method)
    observed = try c.decodeIfPresent(Day.self, forKey: .observed)
    source = try c.decodeIfPresent(String.self, forKey: .source)
    incidental = try c.decodeIfPresent(Bool.self, forKey: .incidental)
    relation = try c.decodeIfPresent(Affiliation.self, forKey: .relation)
  }

  /// One sentence: "links.inbound.douyin.group_chat is 'blocked'; required at least …".
  public var sentence: String { sentenceMessage.english }

  /// The sentence as a message: the note when there is one, else what was found and required.
  public var sentenceMessage: Message {
    if let note { return note }
    var base = found(state: state)
    if wildcard { base = Message(.checkWildcard, ["base": .message(base)]) }
    return Message(status == .pass ? .checkPass : .checkRequired,
      ["base": .message(base), "required": .message(requirement)])
  }

  /// What was at the path: "p is 'v'", "p is recorded as unknown", ….
  func found(state: State) -> Message {
    let path = MessageArgument.path(path, template: nil)
    switch state {
    case .value: return found.map { Message(.checkValue, ["path": path, "value": .text($0)]) } ?? Message(.checkPresent, ["path": path])
    case .null: return Message(.checkNull, ["path": path])
    case .missing: return Message(.checkMissing, ["path": path])
    case .blocked: return Message(.checkBlocked, ["path": path])
    }
  }

  /// The messages of a check's sentence.
  static let messages: [MessageKey] = [
    .checkValue, .checkPresent, .checkNull, .checkMissing, .checkBlocked, .checkWildcard, .checkPass, .checkRequired,
    .cannotBeJudged, .notApplicableValue, .notApplicablePresent, .negated,
  ]
}

extension MessageKey {
  static let checkValue = MessageKey("check.value", "{path} is '{value}'")
  static let checkPresent = MessageKey("check.present", "{path} is present")
  static let checkNull = MessageKey("check.null", "{path} is recorded as unknown")
  static let checkMissing = MessageKey("check.missing", "{path} is not in the manifest")
  static let checkBlocked = MessageKey("check.blocked", "{path} cannot be read")
  static let checkWildcard = MessageKey("check.wildcard", "{base} (from the '*' entry)")
  static let checkPass = MessageKey("check.pass", "{base} ({required})")
  static let checkRequired = MessageKey("check.required", "{base}; required: {required}")
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
