/// Categories and jurisdictions that the manifests and the packs' scopes do not share: a typo on
/// either side makes a duty silently not applicable. The warning goes where the typo is: on the
/// manifest's line when its value, which no pack uses, is near one that packs use and more
/// obligations name that spelling than platforms name the manifest's; else on the obligation.
public enum ScopeVocabulary {
  /// A pack none of whose obligations selects a platform is one warning (W301); a manifest value
  /// no pack uses but near one a pack does is a warning at the manifest's line (W304); any other
  /// pack value that no manifest has but that is near one they do is a warning at the first
  /// obligation naming it (W302), with that value.
  public static func check(_ packs: [RulePack], manifests: [Manifest]) -> [Diagnostic] {
    guard !manifests.isEmpty else { return [] }
    var problems: [Diagnostic] = []
    let known = Known(manifests)
    let used = Known(packs)
    let (manifestSide, explained) = manifestValues(manifests, packs: packs, known: known, used: used)
    for pack in packs.sorted(by: { $0.id < $1.id }) {
      let obligations = pack.obligations.sorted { $0.location < $1.location }
      let idle = obligations.allSatisfy { o in o.appliesTo.map { scope in !manifests.contains(where: scope.matches) } ?? false }
      let all = unknownValues(obligations, known: known)
      let unknown = all.filter { !explained.contains("\($0.kind):\($0.value)") }
      // When the manifests' near misses explain every value, their warnings say it at the typo.
      if idle, !(unknown.isEmpty && !all.isEmpty), let first = obligations.first {
        let values = unknown.map { "\($0.kind) '\($0.value)'" }
        problems.append(.warning(.packAppliesToNothing, first.location,
          "rule pack '\(pack.id)' applies to no platform in this run"
            + (values.isEmpty ? "" : ": \(values.joined(separator: ", ")) \(values.count == 1 ? "is" : "are") in no manifest"),
          hint: "add manifests in its scope, or leave the pack out with --rules"))
      }
      problems += emptyLists(obligations)
      // A value far from every manifest's is a platform kind this run has no manifest of (a
      // pack may cover more than a run holds): only a near miss is a typo worth a warning.
      for use in unknown {
        guard let suggestion = Suggestion.closest(to: use.value, in: known.values(use.kind).sorted()) else { continue }
        let names = use.ids.prefix(3).joined(separator: ", ") + (use.ids.count > 3 ? ", …" : "")
        problems.append(.warning(.scopeValueUnused, use.location,
          "\(use.kind) '\(use.value)' (\(names)) is in no manifest of this run, so it selects no platform",
          hint: "did you mean '\(suggestion)'?"))
      }
    }
    return problems + manifestSide
  }

  /// W304 at each manifest line naming a value that no pack's scope uses but that is near one a
  /// pack uses and no manifest has, when more obligations name that one than platforms name the
  /// manifest's (the rarer spelling is the typo; on a tie the obligation's is warned, W302); and
  /// those pack values, which the manifest warning explains.
  private static func manifestValues(_ manifests: [Manifest], packs: [RulePack], known: Known, used: Known)
    -> (problems: [Diagnostic], explained: Set<String>)
  {
    var problems: [Diagnostic] = []
    var explained = Set<String>()
    let scopes = packs.flatMap(\.obligations).map { o in [o.appliesTo, o.counterparties].compactMap { $0 } }
    for kind in ["category", "jurisdiction"] {
      let missing = used.values(kind).subtracting(known.values(kind)).sorted()
      guard !missing.isEmpty else { continue }
      func values(_ scope: Scope) -> [String] { (kind == "category" ? scope.categories : scope.jurisdictions) ?? [] }
      func values(_ manifest: Manifest) -> [String] { kind == "category" ? manifest.categories : manifest.jurisdictions }
      for value in known.values(kind).subtracting(used.values(kind)).sorted() {
        guard let nearest = Suggestion.closest(to: value, in: missing) else { continue }
        let obligations = scopes.filter { $0.contains { values($0).contains(nearest) } }.count
        let platforms = Set(manifests.filter { values($0).contains(value) }.map(\.id)).count
        guard obligations > platforms else { continue }
        explained.insert("\(kind):\(nearest)")
        for manifest in manifests.sorted(by: { $0.location < $1.location }) where values(manifest).contains(value) {
          problems.append(.warning(.manifestScopeValueUnused, manifest.location(of: kind, value),
            "\(kind) '\(value)' of platform '\(manifest.id)' is in no rule pack's scope, so the obligations for '\(nearest)' skip it",
            hint: "did you mean '\(nearest)'?"))
        }
      }
    }
    return (problems, explained)
  }

  /// `applies_to: {categories: []}` (or an empty `jurisdictions`, in `counterparties` too)
  /// selects no platform at all, whatever the manifests: a warning per obligation.
  private static func emptyLists(_ obligations: [Obligation]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for o in obligations {
      for (field, scope) in [("applies_to", o.appliesTo), ("counterparties", o.counterparties)] {
        for (key, list) in [("categories", scope?.categories), ("jurisdictions", scope?.jurisdictions)] where list?.isEmpty == true {
          problems.append(.warning(.scopeListEmpty, o.location,
            "obligation '\(o.id)' has '\(field): {\(key): []}', which selects no platform, so it is never evaluated",
            hint: "list the \(key) it covers, or leave '\(key)' out to cover every platform"))
        }
      }
    }
    return problems
  }

  /// The categories and jurisdictions that manifests have, or that packs' scopes name.
  private struct Known {
    var categories: Set<String>
    var jurisdictions: Set<String>
    init(_ manifests: [Manifest]) {
      categories = Set(manifests.flatMap(\.categories))
      jurisdictions = Set(manifests.flatMap(\.jurisdictions))
    }
    init(_ packs: [RulePack]) {
      let scopes = packs.flatMap(\.obligations).flatMap { [$0.appliesTo, $0.counterparties].compactMap { $0 } }
      categories = Set(scopes.flatMap { $0.categories ?? [] })
      jurisdictions = Set(scopes.flatMap { $0.jurisdictions ?? [] })
    }
    func values(_ kind: String) -> Set<String> { kind == "category" ? categories : jurisdictions }
  }

  private struct Use {
    var kind: String
    var value: String
    var location: SourceLocation
    var ids: [String]
  }

  /// Each unknown (kind, value) once, in order of first use, with the obligations naming it.
  private static func unknownValues(_ obligations: [Obligation], known: Known) -> [Use] {
    var uses: [Use] = []
    for obligation in obligations {
      for (field, scope) in [("applies_to", obligation.appliesTo), ("counterparties", obligation.counterparties)] {
        guard let scope else { continue }
        let named = (scope.categories ?? []).map { ("category", $0) } + (scope.jurisdictions ?? []).map { ("jurisdiction", $0) }
        for (kind, value) in named where !known.values(kind).contains(value) {
          let name = "\(obligation.id) \(field)"
          if let i = uses.firstIndex(where: { $0.kind == kind && $0.value == value }) {
            if !uses[i].ids.contains(name) { uses[i].ids.append(name) }
          } else {
            uses.append(Use(kind: kind, value: value, location: obligation.location, ids: [name]))
          }
        }
      }
    }
    return uses
  }
}
