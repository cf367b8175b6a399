/// Capability paths that rules read and that no manifest of the run has: a misspelt path in a
/// pack makes its obligation look like missing data on every platform. The warning (W305) is
/// at the rule's line, with the nearest key at the first step no manifest has.
public enum RulePathCheck {
  /// One warning per path (at its first use, in file order) that the capabilities of no
  /// manifest in the obligation's scope reach; a step into a scalar or a list counts as reached
  /// (the lookup there says why). An obligation that applies to no manifest of the run reads
  /// nothing here, so a run over one platform is not told about the others' paths.
  public static func check(_ packs: [RulePack], manifests: [Manifest]) -> [Diagnostic] {
    var reach = Reach(packs)
    reach.add(manifests)
    return reach.problems()
  }

  /// How far the manifests seen so far reach along each path each obligation reads: manifests
  /// can be added a batch at a time (`audit check` over thousands of files) and their trees
  /// released, since what a path needs is only the deepest step any tree reaches and the keys
  /// offered there.
  public struct Reach: Sendable {
    private struct Read: Sendable {
      var path: CapabilityPath
      var location: SourceLocation
      var depth = 0
      var keys: Set<String> = []
    }
    private let obligations: [Obligation]
    /// Per obligation (in file order), whether a manifest in its scope has capabilities, and
    /// each path it reads.
    private var inScope: [Bool]
    private var reads: [[Read]]

    public init(_ packs: [RulePack]) {
      obligations = packs.flatMap(\.obligations).sorted { $0.location < $1.location }
      inScope = obligations.map { _ in false }
      reads = obligations.map { o in
        (o.check.predicates + [o.when].compactMap { $0 }).flatMap(RulePathCheck.reads).map { Read(path: $0.0, location: $0.1) }
      }
    }

    /// Takes in how far these manifests reach.
    public mutating func add(_ manifests: [Manifest]) {
      for (i, obligation) in obligations.enumerated() {
        let trees = manifests.filter { obligation.appliesTo?.matches($0) ?? true }.compactMap(\.capabilities)
        guard !trees.isEmpty else { continue }
        inScope[i] = true
        for j in reads[i].indices where reads[i][j].depth < reads[i][j].path.segments.count {
          for tree in trees {
            let found = RulePathCheck.deepest(reads[i][j].path.segments[...], in: tree)
            if found.depth > reads[i][j].depth {
              reads[i][j].depth = found.depth
              reads[i][j].keys = Set(found.keys)
            } else if found.depth == reads[i][j].depth {
              reads[i][j].keys.formUnion(found.keys)
            }
          }
        }
      }
    }

    /// The warnings for the manifests added so far.
    public func problems() -> [Diagnostic] {
      var seen = Set<String>()
      var problems: [Diagnostic] = []
      for (i, obligation) in obligations.enumerated() where inScope[i] {
        for read in reads[i] where seen.insert(read.path.description).inserted {
          let depth = read.depth
          guard depth < read.path.segments.count else { continue }
          let step = read.path.description.split(separator: ".", omittingEmptySubsequences: false)
          let nearest = Suggestion.closest(to: String(step[depth]), in: read.keys.sorted()).map { key in
            (step[..<depth] + [Substring(key)] + step[(depth + 1)...]).joined(separator: ".")
          }
          let known = depth == 0 ? "" : " (they have '\(step[..<depth].joined(separator: "."))')"
          problems.append(.warning(.rulePathInNoManifest, read.location,
            "capability path '\(read.path)' (\(obligation.id)) is in no manifest of this run\(known)",
            hint: nearest.map { "did you mean '\($0)'?" } ?? "check its spelling against the manifests' capabilities"))
        }
      }
      return problems
    }
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
