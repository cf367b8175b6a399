/// Applies an obligation's `evidence:` requirement: a result that would pass is `unknown` unless
/// every value it rests on has one evidence entry that strong and that recent. Fails, unknowns
/// and errors are never touched.
enum EvidenceCheck {
  /// Turns a pass short of `requirement` into `unknown`, saying what it rests on.
  static func apply(
    _ requirement: EvidenceRequirement, to result: inout Result, _ index: EvidenceSupport, on date: Day
  ) {
    guard result.status == .pass,
      let (shortfall, location) = shortfall(requirement, result.checks, index, on: date)
    else { return }
    result.status = .unknown
    result.evidenceShortfall = shortfall
    result.reason = "\(shortfall); the obligation asks for \(requirement.summary); would pass: \(result.reason)"
    result.location = location ?? result.location
  }

  /// "passes only on WeChat's announcement of 2021-11-29 (links.inbound.*.private_chat)" for
  /// the decisive values without adequate evidence (at most three named), and where the first is;
  /// `nil` when every value has it.
  static func shortfall(
    _ requirement: EvidenceRequirement, _ checks: [Check], _ index: EvidenceSupport, on date: Day
  ) -> (String, SourceLocation?)? {
    let weak = checks.filter { $0.decisive && !index.meets($0, requirement, on: date) }
    guard let first = weak.first else { return nil }
    var parts = weak.prefix(3).map { check -> String in
      let value = "\(check.platform): \(check.path)"
      guard let best = index.counting(for: check, requirement, on: date) else { return "passes with no evidence for \(value)" }
      var text = "passes only on \(index.phrase(best, for: check))"
      if let limit = requirement.maxAgeDays, best.observed != nil,
        EvidenceStrength(best.method) >= requirement.atLeast.strength
      {
        text += ", older than \(limit) days"
      }
      return text + " (\(value))"
    }
    if weak.count > 3 { parts.append("and \(weak.count - 3) more values") }
    return (parts.joined(separator: "; "), first.location)
  }
}
