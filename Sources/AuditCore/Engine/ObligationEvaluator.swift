/// Evaluates one obligation for one subject (and counterparty) on a date: `when`, `effective`,
/// phases, and the look-ahead to the next milestone. Scope and waivers are the engine's.
public enum ObligationEvaluator {
  /// The result of `obligation` for `subject` against `counterparty` as of `date`.
  public static func evaluate(
    _ obligation: Obligation, subject: Manifest, counterparty: Manifest?, asOf date: Day
  ) -> Result {
    let evaluator = PredicateEvaluator(subject: subject, counterparty: counterparty)
    var result = Result(
      obligation: obligation.id, pack: obligation.pack, platform: subject.id,
      counterparty: counterparty?.id, status: .pass, severity: obligation.severity, reason: "",
      location: subject.location)
    if let when = obligation.when {
      let (status, checks) = evaluator.evaluate(when)
      if status != .pass {
        result.checks = checks.map { var c = $0; c.phase = "when"; return c }
        result.status = status == .fail ? .notApplicable : status
        let why = sentences(checks, preferring: status)
        result.reason = status == .fail
          ? "does not apply: its condition does not hold (\(why))"
          : "cannot tell whether it applies: \(why)"
        result.location = decisive(checks, status)?.location ?? subject.location
        attachEvidence(&result, subject: subject, counterparty: counterparty)
        return result
      }
    }
    let (status, checks, pending) = statusAt(obligation, evaluator, date)
    result.status = status
    result.checks = checks
    if let pending {
      result.reason = pending
    } else {
      result.reason = sentences(checks, preferring: status)
      result.location = decisive(checks, status)?.location ?? subject.location
    }
    if let next = obligation.milestones.first(where: { $0.date > date }) {
      let (future, _, _) = statusAt(obligation, evaluator, next.date)
      result.upcoming = Upcoming(date: next.date, label: next.label, status: future)
    }
    attachEvidence(&result, subject: subject, counterparty: counterparty)
    return result
  }

  /// The status on a date, the checks read, and a reason when nothing is in force yet.
  private static func statusAt(_ obligation: Obligation, _ evaluator: PredicateEvaluator, _ date: Day)
    -> (Status, [Check], String?)
  {
    if let effective = obligation.effective, date < effective {
      return (.notApplicable, [], "not yet in force: effective from \(effective)")
    }
    switch obligation.check {
    case .require(let predicate):
      let (status, checks) = evaluator.evaluate(predicate)
      return (status, checks, nil)
    case .phases(let phases):
      let started = phases.filter { $0.from <= date }
      guard !started.isEmpty else {
        return (.notApplicable, [], "not yet in force: the first phase ('\(phases[0].label)') starts on \(phases[0].from)")
      }
      var statuses: [Status] = []
      var checks: [Check] = []
      for phase in started {
        let (status, phaseChecks) = evaluator.evaluate(phase.require)
        statuses.append(status)
        checks += phaseChecks.map { var c = $0; c.phase = phase.label; return c }
      }
      return (All.combine(statuses), checks, nil)
    }
  }

  /// The first check that gave `status`, whose value is the one to point at.
  private static func decisive(_ checks: [Check], _ status: Status) -> Check? {
    checks.first { $0.status == status } ?? checks.first
  }

  /// The reason line: the checks that decided the status (at most three).
  static func sentences(_ checks: [Check], preferring status: Status) -> String {
    var chosen = checks.filter { $0.status == status }
    if chosen.isEmpty { chosen = checks }
    var parts = chosen.prefix(3).map { sentence($0) }
    if chosen.count > 3 { parts.append("and \(chosen.count - 3) more") }
    return parts.joined(separator: "; ")
  }

  private static func sentence(_ check: Check) -> String {
    guard let phase = check.phase, phase != "when" else { return check.sentence }
    return "[\(phase)] " + check.sentence
  }

  /// The evidence of each manifest that speaks for a value that was read.
  private static func attachEvidence(_ result: inout Result, subject: Manifest, counterparty: Manifest?) {
    var evidence: [Evidence] = []
    for manifest in [subject, counterparty].compactMap({ $0 }) where !manifest.evidence.isEmpty {
      var positions = Set<Int>()
      for check in result.checks where check.platform == manifest.id {
        positions.formUnion(manifest.evidenceIndex.supporting(check.path))
      }
      for position in positions.sorted() {
        let entry = manifest.evidence[position]
        if !evidence.contains(entry) { evidence.append(entry) }
      }
    }
    result.evidence = evidence.sorted { $0.location < $1.location }
  }
}
