/// Turns rule packs and manifests into results: picks each platform's version as of a date,
/// checks every obligation per platform, counterparty or pair, applies waivers, and draws the
/// interconnection matrices. Platforms are evaluated on every core.
public struct Engine: Sendable {
  public let packs: [RulePack]
  public let asOf: Day
  /// Who controls and holds which platform: affiliates, rivals and groups.
  public let entities: Entities

  public init(packs: [RulePack], asOf: Day, entities: Entities = Entities()) {
    self.packs = packs
    self.asOf = asOf
    self.entities = entities
  }

  /// Per platform, the latest version with `as_of` on or before the date; others are absent.
  public static func select(_ manifests: [Manifest], asOf: Day) -> [Manifest] {
    var latest: [String: Int] = [:]
    for (i, manifest) in manifests.enumerated() where manifest.asOf <= asOf {
      if let current = latest[manifest.id], manifests[current].asOf >= manifest.asOf { continue }
      latest[manifest.id] = i
    }
    return latest.keys.sorted().compactMap { latest[$0].map { manifests[$0] } }
  }

  /// Platforms whose newest file as of `asOf` failed to load: never evaluated on an older version.
  public static func failing(_ broken: [BrokenManifest], selected: [Manifest], asOf: Day) -> [String: BrokenManifest] {
    var failing: [String: BrokenManifest] = [:]
    let current = Dictionary(selected.map { ($0.id, $0.asOf) }, uniquingKeysWith: max)
    for file in broken.sorted(by: { $0.file < $1.file }) where file.asOf.map({ $0 <= asOf }) ?? true {
      let newer = current[file.id].map { version in file.asOf.map { $0 >= version } ?? true } ?? true
      if newer, failing[file.id] == nil { failing[file.id] = file }
    }
    return failing
  }

  /// Evaluates every obligation against the versions in force on `asOf`, keeping every result
  /// (`stream` hands them to writers instead). A platform whose newest manifest failed to load
  /// (`broken`, with --keep-going) gets `error` results naming that file.
  public func evaluate(manifests: [Manifest], waivers: [Waiver] = [], broken: [BrokenManifest] = []) -> Evaluation {
    let collector = ResultCollector()
    // A collector never throws.
    guard var evaluation = try? stream(manifests: manifests, waivers: waivers, broken: broken, to: [collector]) else {
      preconditionFailure("collecting results cannot fail")
    }
    evaluation.results = collector.results
    evaluation.tally = nil
    return evaluation
  }

  /// The not-applicable result when `subject` is outside the obligation's `applies_to`; the
  /// one scope check that runs and rule-pack examples share.
  /// `reason`, when given, is that message made once per obligation (it is the same for every
  /// subject), so that its English is rendered once.
  static func outOfScope(
    _ obligation: Obligation, subject: Manifest, location: SourceLocation, reason: Message? = nil
  ) -> Result? {
    guard let scope = obligation.appliesTo, !scope.matches(subject) else { return nil }
    var result = Result(
      obligation: obligation.id, pack: obligation.pack, platform: subject.id, counterparty: nil,
      status: .notApplicable, severity: obligation.severity, reason: "", location: location)
    result.reasonMessage = reason ?? .outOfScope(scope)
    return result
  }

  /// The messages of results the engine makes without evaluating a check.
  static let messages: [MessageKey] = [
    .outOfScope, .scopeCategories, .scopeJurisdictions, .scopeRelation, .scopeEveryPlatform, .brokenManifest,
    .counterpartyOutOfScope, .waiverExpired, .unusedWaiver, .unusedWaiverAgainst, .unusedWaiverHint,
  ]

  /// Whether `other` is a counterparty that `obligation` checks against.
  static func inScope(_ other: Manifest, of obligation: Obligation) -> Bool {
    if obligation.per == .pair, let scope = obligation.appliesTo, !scope.matches(other) { return false }
    if let scope = obligation.counterparties, !scope.matches(other) { return false }
    return true
  }

  /// The indices of the platforms an obligation is checked against (none for a per-platform
  /// duty); the same for every subject, so callers find it once per obligation.
  static func counterpartyIndices(of obligation: Obligation, in platforms: [Manifest]) -> [Int] {
    obligation.per == .platform ? [] : platforms.indices.filter { inScope(platforms[$0], of: obligation) }
  }

  /// The reason of every out-of-scope result of an obligation: the same message for each subject.
  static func outOfScopeReason(of obligation: Obligation) -> Message {
    obligation.appliesTo.map(Message.outOfScope) ?? .verbatim("")
  }
}

/// What a run produced: the platforms in force, the results, waivers and matrices.
public struct Evaluation: Sendable {
  public var asOf: Day
  public var platforms: [Manifest]
  public var results: [Result]
  public var waivers: [WaiverUsage]
  public var matrices: [Matrix]
  /// Warnings from evaluation, such as waivers that match nothing.
  public var diagnostics: [Diagnostic]
  /// The entities the run knew, for grouping platforms by controlling company.
  public var entities: Entities = Entities()
  /// The counts over every result of a streamed run, which keeps none (or some) in `results`;
  /// `nil` when `results` holds them all.
  public var tally: ResultTally?
}

extension MessageKey {
  static let outOfScope = MessageKey("reason.out_of_scope", "out of scope: applies to {scope}")
  static let scopeCategories = MessageKey("scope.categories", "categories [{values}]")
  static let scopeJurisdictions = MessageKey("scope.jurisdictions", "jurisdictions [{values}]")
  static let scopeRelation = MessageKey("scope.relation", "relation {relation}")
  static let scopeEveryPlatform = MessageKey("scope.every_platform", "every platform")
  static let brokenManifest = MessageKey("reason.broken_manifest",
    "the newest manifest of '{platform}' ({file}) failed to load; an older version is not used in its place")
  static let counterpartyOutOfScope = MessageKey("reason.counterparty_out_of_scope", "the counterparty is out of scope")
  static let waiverExpired = MessageKey("reason.waiver_expired", "{reason} (waiver expired {date})")
}

extension Message {
  /// "out of scope: applies to categories [chat]; jurisdictions [CN]".
  static func outOfScope(_ scope: Scope) -> Message {
    Message(.outOfScope, ["scope": .message(scope.message)])
  }
}

extension Scope {
  /// The scope as a message: "categories [a, b]; jurisdictions [CN]; relation rival".
  public var message: Message {
    var parts: [Message] = []
    if let categories { parts.append(Message(.scopeCategories, ["values": .text(categories.joined(separator: ", "))])) }
    if let jurisdictions {
      parts.append(Message(.scopeJurisdictions, ["values": .text(jurisdictions.joined(separator: ", "))]))
    }
    if let relation { parts.append(Message(.scopeRelation, ["relation": .text(relation.rawValue)])) }
    return parts.isEmpty ? Message(.scopeEveryPlatform) : .sentences(parts)
  }
}
