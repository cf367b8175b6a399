/// Turns rule packs and manifests into results: picks each platform's version as of a date,
/// checks every obligation per platform, counterparty or pair, applies waivers, and draws the
/// interconnection matrices. Platforms are evaluated on every core.
public struct Engine: Sendable {
  public let packs: [RulePack]
  public let asOf: Day

  public init(packs: [RulePack], asOf: Day) {
    self.packs = packs
    self.asOf = asOf
  }

  /// Per platform, the latest version with `as_of` on or before the date; others are absent.
  public static func select(_ manifests: [Manifest], asOf: Day) -> [Manifest] {
    var latest: [String: Manifest] = [:]
    for manifest in manifests where manifest.asOf <= asOf {
      if let current = latest[manifest.id], current.asOf >= manifest.asOf { continue }
      latest[manifest.id] = manifest
    }
    return latest.values.sorted { $0.id < $1.id }
  }

  /// Evaluates every obligation against the versions in force on `asOf`.
  public func evaluate(manifests: [Manifest], waivers: [Waiver] = []) -> Evaluation {
    let platforms = Engine.select(manifests, asOf: asOf)
    let obligations = packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
    let asOf = self.asOf
    let perPlatform = parallelMap(platforms) { subject in
      Engine.results(for: subject, obligations: obligations, platforms: platforms, asOf: asOf)
    }
    var results = perPlatform.flatMap { $0 }
    results.sort { ($0.pack, $0.obligation, $0.platform, $0.counterparty ?? "") < ($1.pack, $1.obligation, $1.platform, $1.counterparty ?? "") }
    let (waived, usage, diagnostics) = WaiverApplication.apply(waivers, to: results, asOf: asOf)
    return Evaluation(
      asOf: asOf, platforms: platforms, results: waived, waivers: usage,
      matrices: MatrixBuilder.matrices(packs: packs, platforms: platforms),
      diagnostics: diagnostics)
  }

  /// All results about one subject platform.
  static func results(
    for subject: Manifest, obligations: [Obligation], platforms: [Manifest], asOf: Day
  ) -> [Result] {
    var results: [Result] = []
    for obligation in obligations {
      if let scope = obligation.appliesTo, !scope.matches(subject) {
        results.append(Result(
          obligation: obligation.id, pack: obligation.pack, platform: subject.id, counterparty: nil,
          status: .notApplicable, severity: obligation.severity,
          reason: "out of scope: applies to \(scope.summary)", location: subject.location))
        continue
      }
      switch obligation.per {
      case .platform:
        results.append(ObligationEvaluator.evaluate(obligation, subject: subject, counterparty: nil, asOf: asOf))
      case .counterparty, .pair:
        for other in platforms where other.id != subject.id && inScope(other, of: obligation) {
          results.append(ObligationEvaluator.evaluate(obligation, subject: subject, counterparty: other, asOf: asOf))
        }
      }
    }
    return results
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
}
