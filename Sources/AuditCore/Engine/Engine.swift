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

  /// Evaluates every obligation against the versions in force on `asOf`. A platform whose newest
  /// manifest failed to load (`broken`, with --keep-going) gets `error` results naming that file.
  public func evaluate(manifests: [Manifest], waivers: [Waiver] = [], broken: [BrokenManifest] = []) -> Evaluation {
    let selected = Engine.select(manifests, asOf: asOf)
    let failing = Engine.failing(broken, selected: selected, asOf: asOf)
    let platforms = selected.filter { failing[$0.id] == nil }
    let obligations = packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
    let asOf = self.asOf
    let entities = self.entities
    // Who each obligation is checked against is the same for every subject: find it once.
    let counterparties = obligations.map { obligation in
      obligation.per == .platform ? [] : platforms.indices.filter { Engine.inScope(platforms[$0], of: obligation) }
    }
    // The reason of every out-of-scope result of an obligation is the same text: build it once.
    let outOfScope = obligations.map { $0.appliesTo.map { "out of scope: applies to \($0.summary)" } ?? "" }
    let perPlatform = parallelMap(platforms) { subject in
      // The affiliates' values at a path are the same for every counterparty: read them once.
      let affiliates = entities.affiliates(of: subject.id, on: asOf)
      return ReadingMemo.$current.withValue(affiliates.isEmpty ? nil : ReadingMemo(subject: subject.id)) {
        Engine.results(for: subject, obligations: obligations, counterparties: counterparties,
          platforms: platforms, asOf: asOf, affiliates: affiliates, scopeReasons: outOfScope)
      }
    }
    // Each platform's results come in obligation order; interleave them obligation by
    // obligation so the whole is ordered by (pack, obligation, platform, counterparty).
    var results: [Result] = []
    results.reserveCapacity(perPlatform.reduce(0) { $0 + $1.count })
    var cursors = [Int](repeating: 0, count: perPlatform.count)
    for obligation in obligations {
      for (p, platformResults) in perPlatform.enumerated() {
        while cursors[p] < platformResults.count, platformResults[cursors[p]].obligation == obligation.id {
          results.append(platformResults[cursors[p]])
          cursors[p] += 1
        }
      }
    }
    if !failing.isEmpty {
      for obligation in obligations {
        for (id, file) in failing {
          results.append(Result(
            obligation: obligation.id, pack: obligation.pack, platform: id, counterparty: nil, status: .error,
            severity: obligation.severity,
            reason: "the newest manifest of '\(id)' (\(file.file)) failed to load; an older version is not used in its place",
            location: SourceLocation(file: file.file, line: 1, column: 1)))
        }
      }
      results.sort { ($0.pack, $0.obligation, $0.platform, $0.counterparty ?? "") < ($1.pack, $1.obligation, $1.platform, $1.counterparty ?? "") }
    }
    let (waived, usage, diagnostics) = WaiverApplication.apply(waivers, to: results, asOf: asOf)
    return Evaluation(
      asOf: asOf, platforms: platforms, results: waived, waivers: usage,
      matrices: MatrixBuilder.matrices(packs: packs, platforms: platforms),
      diagnostics: diagnostics, entities: entities)
  }

  /// All results about one subject platform.
  static func results(
    for subject: Manifest, obligations: [Obligation], counterparties: [[Int]],
    platforms: [Manifest], asOf: Day, affiliates: [Affiliation], scopeReasons: [String]
  ) -> [Result] {
    var results: [Result] = []
    let affiliated = Set(affiliates.map(\.platform))
    for (o, obligation) in obligations.enumerated() {
      if let outside = outOfScope(obligation, subject: subject, location: subject.location, reason: scopeReasons[o]) {
        results.append(outside)
        continue
      }
      switch obligation.per {
      case .platform:
        results.append(ObligationEvaluator.evaluate(
          obligation, subject: subject, counterparty: nil, asOf: asOf, affiliates: affiliates))
      case .counterparty, .pair:
        let relation = obligation.counterparties
        for index in counterparties[o] where platforms[index].id != subject.id
          && relation?.matches(affiliated: affiliated.contains(platforms[index].id)) ?? true
        {
          results.append(ObligationEvaluator.evaluate(
            obligation, subject: subject, counterparty: platforms[index], asOf: asOf, affiliates: affiliates))
        }
      }
    }
    return results
  }

  /// The not-applicable result when `subject` is outside the obligation's `applies_to`; the
  /// one scope check that runs and rule-pack examples share.
  /// `reason`, when given, is that text built once per obligation (it is the same for every subject).
  static func outOfScope(_ obligation: Obligation, subject: Manifest, location: SourceLocation, reason: String? = nil)
    -> Result?
  {
    guard let scope = obligation.appliesTo, !scope.matches(subject) else { return nil }
    return Result(
      obligation: obligation.id, pack: obligation.pack, platform: subject.id, counterparty: nil,
      status: .notApplicable, severity: obligation.severity,
      reason: reason ?? "out of scope: applies to \(scope.summary)", location: location)
  }

  /// Whether `other` is a counterparty that `obligation` checks against.
  static func inScope(_ other: Manifest, of obligation: Obligation) -> Bool {
    if obligation.per == .pair, let scope = obligation.appliesTo, !scope.matches(other) { return false }
    if let scope = obligation.counterparties, !scope.matches(other) { return false }
    return true
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
}
