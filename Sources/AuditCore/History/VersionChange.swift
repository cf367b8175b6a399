/// Which obligations' results a platform's new version can move: those that read a capability
/// path the new version changed. A version that changes only what no obligation reads (its
/// `as_of`, `version`, observation dates when no duty asks for evidence, a value no rule
/// names) re-evaluates nothing, and one that changes a payment method re-evaluates the
/// payment duties, not the link duties. Anything else the engine reads (categories,
/// jurisdictions, evidence when a duty asks for it) moves every obligation.
struct VersionChange {
  /// Per obligation (pack, id order), the path templates it reads: its predicates' paths, the
  /// paths their operators compare with, reciprocity paths, and the paths relative starts count from.
  let reads: [[CapabilityPath]]
  /// Whether some obligation asks for evidence, so that evidence entries move results.
  let evidenceCounts: Bool

  init(obligations: [Obligation]) {
    reads = obligations.map { obligation in
      var paths: [CapabilityPath] = []
      for predicate in obligation.predicates {
        for leaf in predicate.leaves { paths += [leaf.path] + leaf.operator.referencedPaths }
        paths += predicate.reciprocals.map(\.path)
      }
      for start in [obligation.effective].compactMap({ $0 }) + obligation.phases.map(\.from) {
        if case .relative(_, let of) = start { paths.append(of) }
      }
      return paths
    }
    evidenceCounts = obligations.contains { $0.evidence != nil }
  }

  /// The obligations (indices) whose results can differ between `old` and `new`, two versions
  /// of one platform.
  func touched(from old: Manifest, to new: Manifest) -> Set<Int> {
    let all = Set(reads.indices)
    if old.categories != new.categories || old.jurisdictions != new.jurisdictions { return all }
    if evidenceCounts, !Self.sameEvidence(old.evidence, new.evidence) { return all }
    var changed: [[String]] = []
    Self.differences(old.capabilities, new.capabilities, at: [], into: &changed)
    guard !changed.isEmpty else { return [] }
    return Set(reads.indices.filter { o in
      reads[o].contains { template in changed.contains { Self.overlaps(template, $0) } }
    })
  }

  /// Whether a template can read `keys` or something above or below it: each segment it has in
  /// common matches, `{counterparty}`, `{platform}` and `*` matching any key.
  static func overlaps(_ template: CapabilityPath, _ keys: [String]) -> Bool {
    for (segment, key) in zip(template.segments, keys) {
      switch segment {
      case .counterparty, .platform: continue
      case .key(let name): if name != key && name != "*" && key != "*" { return false }
      }
    }
    return true
  }

  /// The key paths at which two capability trees differ: mappings are compared key by key,
  /// anything else whole (a null and an absent value differ here, as they can for a check).
  static func differences(_ a: YAMLNode?, _ b: YAMLNode?, at keys: [String], into out: inout [[String]]) {
    if let a, let b, a.kind == .mapping, b.kind == .mapping {
      let (old, new) = (a.entries, b.entries)
      // Versions mostly keep their keys in order: compare entry by entry, no lookups.
      if old.count == new.count, zip(old, new).allSatisfy({ $0.key.text == $1.key.text }) {
        for (x, y) in zip(old, new) {
          if let key = y.key.text { differences(x.value, y.value, at: keys + [key], into: &out) }
        }
        return
      }
      var before: [String: YAMLNode] = [:]
      for entry in old { if let key = entry.key.text, before[key] == nil { before[key] = entry.value } }
      var seen = Set<String>()
      for entry in new {
        guard let key = entry.key.text, seen.insert(key).inserted else { continue }
        differences(before[key], entry.value, at: keys + [key], into: &out)
      }
      for entry in old {
        guard let key = entry.key.text, seen.insert(key).inserted else { continue }
        differences(entry.value, nil, at: keys + [key], into: &out)
      }
    } else if !same(a, b) {
      out.append(keys)
    }
  }

  /// Two nodes alike in kind, text, style, tag and order, all the way down.
  static func same(_ a: YAMLNode?, _ b: YAMLNode?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    guard a.kind == b.kind, a.count == b.count, a.tag == b.tag else { return false }
    switch a.kind {
    case .scalar: return a.text == b.text && a.style == b.style
    case .sequence: return zip(a.elements, b.elements).allSatisfy { same($0, $1) }
    case .mapping:
      return zip(a.entries, b.entries).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    }
  }

  /// Two evidence lists alike in everything but where they are written.
  static func sameEvidence(_ a: [Evidence], _ b: [Evidence]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy {
      ($0.path, $0.source, $0.observed, $0.method, $0.note) == ($1.path, $1.source, $1.observed, $1.method, $1.note)
    }
  }
}
