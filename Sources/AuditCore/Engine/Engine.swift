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
    var latest: [String: Int] = [:]
    for (i, manifest) in manifests.enumerated() where manifest.asOf <= asOf {
      if let current = latest[manifest.id], manifests[current].asOf >= manifest.asOf { continue }
      latest[manifest.id] = i
    }
    return latest.keys.sorted().compactMap { latest[$0].map { manifests[$0] } }
  }

  /// Evaluates every obligation against the versions in force on `asOf`.
  public func evaluate(manifests: [Manifest], waivers: [Waiver] = []) -> Evaluation {
    let platforms = Engine.select(manifests, asOf: asOf)
    let obligations = packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
    let asOf = self.asOf
    // Who each obligation is checked against is the same for every subject: find it once.
    let counterparties = obligations.map { obligation in
      obligation.per == .platform ? [] : platforms.indices.filter { Engine.inScope(platforms[$0], of: obligation) }
    }
    // The reason of every out-of-scope result of an obligation is the same text: build it once.
    let outOfScope = obligations.map { $0.appliesTo.map { "out of scope: applies to \($0.summary)" } ?? "" }
    let perPlatform = parallelMap(platforms) { subject in
      Engine.results(for: subject, obligations: obligations, counterparties: counterparties,
        platforms: platforms, asOf: asOf, outOfScope: outOfScope)
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
    let (waived, usage, diagnostics) = WaiverApplication.apply(waivers, to: results, asOf: asOf)
    return Evaluation(
      asOf: asOf, platforms: platforms, results: waived, waivers: usage,
      matrices: MatrixBuilder.matrices(packs: packs, platforms: platforms),
      diagnostics: diagnostics)
  }

  /// All results about one subject platform.
  static func results(
    for subject: Manifest, obligations: [Obligation], counterparties: [[Int]],
    platforms: [Manifest], asOf: Day, outOfScope: [String]
  ) -> [Result] {
    var results: [Result] = []
    for (o, obligation) in obligations.enumerated() {
      if let scope = obligation.appliesTo, !scope.matches(subject) {
        results.append(Result(
          obligation: obligation.id, pack: obligation.pack, platform: subject.id, counterparty: nil,
          status: .notApplicable, severity: obligation.severity,
          reason: outOfScope[o], location: subject.location))
        continue
      }
      switch obligation.per {
      case .platform:
        results.append(ObligationEvaluator.evaluate(obligation, subject: subject, counterparty: nil, asOf: asOf))
      case .counterparty, .pair:
        for index in counterparties[o] where platforms[index].id != subject.id {
          results.append(ObligationEvaluator.evaluate(
            obligation, subject: subject, counterparty: platforms[index], asOf: asOf))
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
