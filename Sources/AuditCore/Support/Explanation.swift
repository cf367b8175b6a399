/// Obligations and operators in words, for `audit explain`.
public enum Explanation {
  /// A plain-text page about an obligation.
  public static func text(_ o: Obligation) -> String {
    var lines: [String] = []
    lines.append("\(o.id) — \(o.title)")
    if let en = o.titleEn { lines.append(en) }
    lines.append("")
    lines.append("pack:       \(o.pack)")
    lines.append("severity:   \(o.severity.rawValue)")
    lines.append("per:        \(o.per.rawValue)")
    lines.append("applies to: \(o.appliesTo?.summary ?? "every platform")")
    if let c = o.counterparties { lines.append("against:    \(c.summary)") }
    if let e = o.effective { lines.append("effective:  \(e)") }
    if let b = o.basis {
      var basis = b.instrument
      if let a = b.article { basis += ", \(a)" }
      if let d = b.date { basis += " (\(d))" }
      lines.append("basis:      \(basis)")
      if let u = b.url { lines.append("            \(u)") }
      if let n = b.note { lines.append("            note: \(n)") }
    }
    if let e = o.evidence {
      lines.append("evidence:   a pass needs \(e.summary)")
      if let at = e.location { lines.append("            (set at \(at))") }
    }
    if let d = o.description { lines += ["", d] }
    lines.append("")
    lines.append("check:")
    if let when = o.when { lines.append("  only when \(when.summary)") }
    switch o.check {
    case .require(let p): lines.append("  \(p.summary)")
    case .phases(let phases):
      for phase in phases { lines.append("  from \(phase.from) (\(phase.label)): \(phase.require.summary)") }
    }
    let starts = [o.effective].compactMap { $0 } + o.phases.map(\.from)
    if starts.contains(where: { $0.fixed == nil }) {
      lines.append("  (a start 'the day after PERIOD from PATH' is computed per platform from the date at PATH")
      lines.append("   in its manifest; where that date is not recorded the result is unknown)")
    }
    lines += reads(o.predicates.flatMap(\.leaves))
    if o.remediation != nil || o.remediationEn != nil {
      lines.append("")
      lines.append("remediation:")
      if let r = o.remediation { lines.append("  \(r)") }
      if let r = o.remediationEn { lines.append("  \(r)") }
    }
    if !o.examples.isEmpty {
      lines.append("")
      lines.append("examples (run by 'audit test'):")
      for example in o.examples {
        let caps = example.manifest.capabilities?.flowText ?? "{}"
        var line = "  \(example.status.rawValue): \(example.name.map { "\($0): " } ?? "")\(subject(example.manifest))capabilities \(caps)"
        if let other = example.counterparty {
          let scope = subject(other).dropLast(2)
          line += "; counterparty \(other.id)\(scope.isEmpty ? "" : " (\(scope))") capabilities \(other.capabilities?.flowText ?? "{}")"
        }
        if !example.affiliates.isEmpty {
          line += "; affiliates [\(example.affiliates.map(\.platform).joined(separator: ", "))]"
        }
        if example.asOf != .distantFuture { line += "; as of \(example.asOf)" }
        lines.append(line)
      }
    }
    if let notes = o.notes { lines += ["", "notes: \(notes)"] }
    lines.append("")
    lines.append("defined at \(o.location)")
    return lines.flatMap(indented).joined(separator: "\n")
  }

  /// The width `explain` wraps at.
  public static let width = 100

  /// One line of the page as it prints: its own line breaks and any break needed to stay within
  /// `width` start continuation lines under the value ("basis:      " and "  " blocks), not at
  /// column 0. Wide (CJK) characters count two columns and may break anywhere.
  static func indented(_ line: String) -> [String] {
    let value = valueColumn(line)
    let pad = String(repeating: " ", count: value)
    var out: [String] = []
    for (n, part) in line.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let rest = part.drop { $0 == " " }
      // A blank line inside a value stays blank (no trailing indent).
      if n > 0, rest.isEmpty { out.append(""); continue }
      let text = n == 0 ? String(part) : pad + rest
      out += wrapped(text, indent: pad)
    }
    return out
  }

  /// Where a line's value starts: after "label:" and its padding, or after leading spaces.
  static func valueColumn(_ line: String) -> Int {
    let chars = Array(line)
    var i = 0
    while i < chars.count, chars[i] == " " { i += 1 }
    if i > 0 { return i }
    if let colon = chars.firstIndex(of: ":"), colon < 12, chars[..<colon].allSatisfy({ $0.isLetter || $0 == " " }) {
      var j = colon + 1
      while j < chars.count, chars[j] == " " { j += 1 }
      return j < chars.count ? j : 0
    }
    return 0
  }

  static func columns(_ c: Character) -> Int {
    guard let v = c.unicodeScalars.first?.value else { return 1 }
    return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) ? 2 : 1
  }

  /// `text` cut into lines of at most `width` columns, at spaces or next to wide characters.
  static func wrapped(_ text: String, indent: String) -> [String] {
    var lines: [String] = []
    var current = Array(text)
    while current.reduce(0, { $0 + columns($1) }) > width {
      var used = 0
      var limit = 0
      while limit < current.count, used + columns(current[limit]) <= width { used += columns(current[limit]); limit += 1 }
      // The last break opportunity within the limit, past the indent.
      var cut: Int?
      var k = limit
      while k > indent.count + 1 {
        if current[k - 1] == " " || (k < current.count && current[k] == " ") { cut = k; break }
        if columns(current[k - 1]) == 2 || (k < current.count && columns(current[k]) == 2) { cut = k; break }
        k -= 1
      }
      guard let at = cut else { break }
      var head = current[..<at]
      while head.last == " " { head = head.dropLast() }
      lines.append(String(head))
      let rest = current[at...].drop { $0 == " " }
      current = Array(indent) + rest
    }
    lines.append(String(current))
    return lines
  }

  /// "categories [chat]; jurisdictions [CN]; " for an example's platform, or "".
  private static func subject(_ manifest: Manifest) -> String {
    var parts: [String] = []
    if !manifest.categories.isEmpty { parts.append("categories [\(manifest.categories.joined(separator: ", "))]") }
    if !manifest.jurisdictions.isEmpty { parts.append("jurisdictions [\(manifest.jurisdictions.joined(separator: ", "))]") }
    return parts.map { $0 + "; " }.joined()
  }

  /// A page about an operator or combinator, or `nil` when the key names neither.
  public static func operatorText(_ key: String) -> String? {
    if let type = OperatorRegistry.type(for: key) {
      var lines = ["\(type.key) — \(type.summary)", ""]
      if !type.extraKeys.isEmpty { lines.append("takes also: \(type.extraKeys.joined(separator: ", "))") }
      lines.append("examples (scale level: low < mid < high):")
      for e in type.examples {
        let affiliates = e.affiliates.map { " with affiliates [\($0.joined(separator: ", "))]" } ?? ""
        lines.append("  \(e.predicate) on \(e.subject)\(affiliates) → \(e.expected.rawValue)")
      }
      return lines.joined(separator: "\n")
    }
    guard let summary = Combinator.summary(for: key) else { return nil }
    var lines = ["\(key) — \(summary)", "", "examples:"]
    for (name, examples) in Combinator.examples where name == key {
      for e in examples {
        lines.append("  \(e.predicate) on \(e.subject)\(e.counterparty.map { " vs \($0)" } ?? "") → \(e.expected.rawValue)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// What the check reads besides each leaf's own path, as the operators declare it.
  private static func reads(_ leaves: [Leaf]) -> [String] {
    var lines: [String] = []
    for leaf in leaves {
      let op = leaf.operator
      var parts: [String] = []
      if let scale = op.comparedScale { parts.append("compares on \(scale.name) (\(scale.ordering))") }
      if !op.referencedPaths.isEmpty {
        parts.append("also reads \(op.referencedPaths.map(\.description).joined(separator: ", "))")
      }
      if op.readsAffiliates {
        parts.append("also reads \(leaf.path) for each affiliate of the platform (entities)")
      }
      guard !parts.isEmpty, op.readsAffiliates || !op.referencedPaths.isEmpty else { continue }
      lines.append("  \(leaf.path): \(parts.joined(separator: "; "))")
    }
    return lines
  }

  /// The known id nearest to a misspelt one.
  public static func closest(_ word: String, _ known: [String]) -> String {
    Suggestion.closest(to: word, in: known)
      ?? known.min { Suggestion.editDistance(word, $0) < Suggestion.editDistance(word, $1) } ?? word
  }
}
