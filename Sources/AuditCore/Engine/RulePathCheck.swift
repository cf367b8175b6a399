/// Capability paths that rules read and that no manifest of the run has: a misspelt path in a
/// pack makes its obligation look like missing data on every platform. The warning (W305) is
/// at the rule's line, with the nearest key at the first step no manifest has.
public enum RulePathCheck {
  /// One warning per path (at its first use, in file order) that the capabilities of no
  /// manifest in the obligation's scope reach; a step into a scalar or a list counts as reached
  /// (the lookup there says why). An obligation that applies to no manifest of the run reads
  /// nothing here, so a run over one platform is not told about the others' paths.
  public static func check(_ packs: [RulePack], manifests: [Manifest]) -> [Diagnostic] {
    var seen = Set<String>()
    var problems: [Diagnostic] = []
    for obligation in packs.flatMap(\.obligations).sorted(by: { $0.location < $1.location }) {
      let trees = manifests.filter { obligation.appliesTo?.matches($0) ?? true }.compactMap(\.capabilities)
      guard !trees.isEmpty else { continue }
      let predicates = obligation.check.predicates + [obligation.when].compactMap { $0 }
      for (path, location) in predicates.flatMap(reads) where seen.insert(path.description).inserted {
        let reached = trees.map { deepest(path.segments[...], in: $0) }
        let depth = reached.map(\.depth).max() ?? 0
        guard depth < path.segments.count else { continue }
        let keys = Set(reached.filter { $0.depth == depth }.flatMap(\.keys)).sorted()
        let step = path.description.split(separator: ".", omittingEmptySubsequences: false)
        let nearest = Suggestion.closest(to: String(step[depth]), in: keys).map { key in
          (step[..<depth] + [Substring(key)] + step[(depth + 1)...]).joined(separator: ".")
        }
        let known = depth == 0 ? "" : " (they have '\(step[..<depth].joined(separator: "."))')"
        problems.append(.warning(.rulePathInNoManifest, location,
          "capability path '\(path)' (\(obligation.id)) is in no manifest of this run\(known)",
          hint: nearest.map { "did you mean '\($0)'?" } ?? "check its spelling against the manifests' capabilities"))
      }
    }
    return problems
  }

  /// Every (path, location) a predicate reads, in order.
  private static func reads(_ predicate: Predicate) -> [(CapabilityPath, SourceLocation)] {
    switch predicate {
    case .leaf(let leaf): ([leaf.path] + leaf.operator.referencedPaths).map { ($0, leaf.location) }
    case .all(let parts, _), .any(let parts, _): parts.flatMap(reads)
    case .not(let inner, _): reads(inner)
    case .reciprocal(let r): [(r.path, r.location)]
    }
  }

  /// How many steps of the path one manifest reaches (a placeholder takes any key), and the keys
  /// offered at the first step it does not.
  private static func deepest(_ segments: ArraySlice<CapabilityPath.Segment>, in node: YAMLNode, depth: Int = 0)
    -> (depth: Int, keys: [String])
  {
    guard let segment = segments.first else { return (depth, []) }
    guard node.kind == .mapping else { return (depth + segments.count, []) }
    let children: [YAMLNode]
    switch segment {
    case .key(let key): children = node[key].map { [$0] } ?? []
    case .counterparty, .platform: children = node.entries.map(\.value)
    }
    guard !children.isEmpty else { return (depth, node.entries.compactMap(\.key.text)) }
    var best = (depth: depth + 1, keys: [String]())
    for child in children {
      let found = deepest(segments.dropFirst(), in: child, depth: depth + 1)
      if found.depth > best.depth { best = found } else if found.depth == best.depth { best.keys += found.keys }
      if best.depth == depth + segments.count { break }
    }
    return best
  }
}
