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
    return lines.joined(separator: "\n")
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
