import AuditCore

/// YAML shapes that once made the loader quadratic or worse, generated at a given size so that
/// `audit-bench --shapes` can time the loader against libyaml's bare event loop on each.
struct PathologicalShape {
  /// A short name for the printout.
  let name: String
  /// The file, built for `size` items.
  let bytes: [UInt8]

  /// Every shape at `size` items (about one item per 3–8 bytes).
  static func all(size: Int) -> [PathologicalShape] {
    let depth = 150
    let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    return [
      shape("flow sequence of empty lists", "v: [" + String(repeating: "[],", count: size) + "]\n"),
      shape("block sequence", "v:\n" + String(repeating: "- a\n", count: size)),
      shape("block mapping (wide)", "v:\n" + (0..<size).map { "  k\($0): 1\n" }.joined()),
      shape("flow mapping (wide)", "v: {" + (0..<size).map { "k\($0): 1," }.joined() + "}\n"),
      shape(
        "deep and wide (nested lists of depth \(depth))",
        "v: [" + String(repeating: nested + ",", count: max(1, size / depth)) + "]\n"),
      shape("stream of small documents", String(repeating: "--- a\n", count: size)),
      shape("block sequence of one-key maps", "v:\n" + String(repeating: "- {a: 1}\n", count: size)),
    ]
  }

  private static func shape(_ name: String, _ text: String) -> PathologicalShape {
    PathologicalShape(name: name, bytes: Array(text.utf8))
  }
}

/// Patterns and texts on which a backtracking matcher takes exponential or quadratic time, so that
/// `audit-bench --shapes` can time `matches` (RE2) on them: its tests check only the answers.
struct HostilePattern {
  /// A short name for the printout.
  let name: String
  let pattern: String
  let text: String

  /// Every pattern, on a text of about `size` characters (`miit.*gov`: four times that).
  static func all(size: Int) -> [HostilePattern] {
    [
      HostilePattern(name: "^(a+)+$ on a…a!", pattern: "^(a+)+$", text: String(repeating: "a", count: size) + "!"),
      HostilePattern(name: "miit.*gov on miit…miit", pattern: "miit.*gov", text: String(repeating: "miit", count: size)),
    ]
  }
}

/// Inputs whose checks were quadratic (issue 19), as whole sets of files for `Workspace.load`:
/// `audit-bench --shapes` times them; the tests count their work.
struct HostileInputs {
  let name: String
  let files: [SourceFile]

  static func all() -> [HostileInputs] {
    // 40,000 `controls` holdings: 20,000 platforms, each controlled by two entities at once.
    var entities = "kind: entities\nentities:\n"
    for (entity, from) in [("a", "1900"), ("b", "2200")] {
      entities += "  - id: \(entity)\n    holds:\n"
      for i in 0..<20_000 { entities += "      - {platform: p\(i), relation: controls, from: \(from), source: s}\n" }
    }
    // A waiver naming an obligation and a platform of 100,000 characters, among 2,000 platforms.
    let huge = String(repeating: "q", count: 100_000)
    var waiver = [("w.yaml", "kind: waivers\nwaivers:\n  - {obligation: \(huge), platform: \(huge), reason: r, approved_by: a, expires: 2030-01-01}\n")]
    waiver.append(("r.yaml", "kind: rules\npack: t\nobligations:\n" + (0..<500).map {
      "  - {id: OB-\($0), title: t, severity: low, require: {path: a, equals: true}}\n"
    }.joined()))
    for i in 0..<2_000 { waiver.append(("m\(i).yaml", "kind: platform\nid: platform-\(i)\nas_of: 2021-01-01\ncapabilities: {}\n")) }
    return [
      HostileInputs(name: "40,000 controls holdings (two controllers)", files: [parse("e.yaml", entities)]),
      HostileInputs(name: "waiver with a 100,000-character id", files: waiver.map { parse($0.0, $0.1) }),
    ]
  }

  private static func parse(_ path: String, _ text: String) -> SourceFile {
    SourceFile.parse(Array(text.utf8), path: path)
  }
}
