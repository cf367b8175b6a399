extension RulePackDecoder {
  static let evidenceKeys = ["at_least", "max_age_days"]

  /// Decodes `evidence: {at_least: METHOD, max_age_days: N}`, reporting every problem.
  static func decodeEvidence(_ node: YAMLNode, _ context: DecodeContext) -> EvidenceRequirement? {
    guard let map = context.mapping(node, keys: evidenceKeys, what: Noun.evidenceRequirement) else {
      return nil
    }
    let mark = context.diagnostics.count
    let method = map.choice("at_least", as: Evidence.Method.self, required: true)
    var days: Int?
    if let ageNode = map.value("max_age_days") {
      if case .int(let n)? = ageNode.scalar, n >= 0 {
        days = n
      } else {
        context.error(ageNode, "'max_age_days' must be a whole number of days (0 or more), found \(ageNode.text.map { "'\($0)'" } ?? ageNode.kindDescription)")
      }
    }
    guard let method, !context.hasErrors(since: mark) else { return nil }
    return EvidenceRequirement(atLeast: method, maxAgeDays: days, location: node.location)
  }

  /// Sets the pack's default requirement from the first file that gives one; a different one in
  /// another file of the pack is an error.
  static func mergeEvidence(_ node: YAMLNode, into pack: inout RulePack, context: DecodeContext) {
    guard let requirement = decodeEvidence(node, context) else { return }
    if let existing = pack.evidence {
      if existing.atLeast != requirement.atLeast || existing.maxAgeDays != requirement.maxAgeDays {
        context.error(node, "pack 'evidence' is '\(requirement.summary)' here but '\(existing.summary)' in another file of the pack",
          hint: "set it once, or make the files agree")
      }
      return
    }
    pack.evidence = requirement
  }
}
