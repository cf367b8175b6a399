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
