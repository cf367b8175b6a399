/// Evaluates one obligation for one subject (and counterparty) on a date: `when`, `effective`,
/// phases, and the look-ahead to the next milestone. Scope and waivers are the engine's.
public enum ObligationEvaluator {
  /// The result of `obligation` for `subject` against `counterparty` as of `date`.
  /// `affiliates` are the subject's affiliates on that date, for comparisons with them.
  public static func evaluate(
    _ obligation: Obligation, subject: Manifest, counterparty: Manifest?, asOf date: Day,
    affiliates: [Affiliation] = []
  ) -> Result {
    var evaluator = PredicateEvaluator(subject: subject, counterparty: counterparty, affiliates: affiliates)
    evaluator.requirement = obligation.evidence
    evaluator.asOf = date
    var result = Result(
      obligation: obligation.id, pack: obligation.pack, platform: subject.id,
      counterparty: counterparty?.id, status: .pass, severity: obligation.severity, reason: "",
      location: subject.location)
    if let when = obligation.when {
      let (status, checks) = evaluator.evaluate(when)
      if status != .pass {
        result.checks = checks.map { var c = $0; c.phase = .condition; return c }
        result.status = status == .fail ? .notApplicable : status
        let why = sentences(checks, preferring: status)
        result.reason = status == .fail
          ? "does not apply: its condition does not hold (\(why))"
          : "cannot tell whether it applies: \(why)"
        result.location = decisive(checks, status)?.location ?? subject.location
        attachEvidence(&result, subject: subject, counterparty: counterparty)
        result.checks = result.checks.map { evaluator.evidence.annotated($0, obligation.evidence, on: date) }
        result.summarizeEvidence()
        return result
      }
    }
    let (status, checks, pending) = statusAt(obligation, evaluator, date)
    result.status = status
    result.checks = checks.map { evaluator.evidence.annotated($0, obligation.evidence, on: date) }
    if let pending {
      result.reason = pending
    } else {
      result.reason = sentences(checks, preferring: status)
      result.location = decisive(checks, status)?.location ?? subject.location
    }
    if let requirement = obligation.evidence {
      EvidenceCheck.apply(requirement, to: &result, evaluator.evidence, on: date)
    }
    if let next = obligation.milestones(for: subject).first(where: { $0.date > date }) {
      var (future, futureChecks, _) = statusAt(obligation, evaluator, next.date)
      // A pass on that date still needs the evidence the obligation asks for, aged to that date.
      if future == .pass, let requirement = obligation.evidence,
        EvidenceCheck.shortfall(requirement, futureChecks, evaluator.evidence, on: next.date) != nil
      {
        future = .unknown
      }
      result.upcoming = Upcoming(date: next.date, label: next.label, status: future)
    }
    attachEvidence(&result, subject: subject, counterparty: counterparty)
    result.summarizeEvidence()
    return result
  }

  /// The status on a date, the checks read, and a reason when nothing is in force yet (or when
  /// the date it would start from is not known).
  private static func statusAt(_ obligation: Obligation, _ evaluator: PredicateEvaluator, _ date: Day)
    -> (Status, [Check], String?)
  {
    let subject = evaluator.subject
    if let effective = obligation.effective {
      switch start(effective, label: "effective", subject) {
      case .day(let day) where date < day:
        return (.notApplicable, [], "not yet in force: effective from \(day)\(relativeNote(effective, subject))")
      case .day: break
      case .undecided(let status, let check, let reason): return (status, [check], reason)
      }
    }
    switch obligation.check {
    case .require(let predicate):
      let (status, checks) = evaluator.evaluate(predicate)
      return (status, checks, nil)
    case .phases(let phases):
      var outcomes: [(Status, [Check])] = []
      var undecided: (Status, Check, String)?
      for phase in phases {
        switch start(phase.from, label: phase.label, subject) {
        case .day(let day) where day > date: continue
        case .day: break
        case .undecided(let status, let check, let reason):
          if undecided == nil { undecided = (status, check, reason) }
          continue
        }
        let (status, phaseChecks) = evaluator.evaluate(phase.require)
        outcomes.append((status, phaseChecks.map { var c = $0; c.phase = .phase(phase.label); return c }))
      }
      if let (status, check, reason) = undecided {
        // A phase whose start is unknown may have started: the result cannot pass on the others.
        let combined = All.combine(outcomes.map(\.0) + [status])
        let checks = evaluator.deciding(outcomes + [(status, [check])], combined)
        return (combined, checks, combined == status ? reason : nil)
      }
      guard !outcomes.isEmpty else {
        let first = StartResolver.day(phases[0].from, in: subject).map(\.description) ?? "\(phases[0].from)"
        return (.notApplicable, [], "not yet in force: the first phase ('\(phases[0].label)') starts on \(first)\(relativeNote(phases[0].from, subject))")
      }
      let status = All.combine(outcomes.map(\.0))
      return (status, evaluator.deciding(outcomes, status), nil)
    }
  }

  private enum Start {
    case day(Day)
    /// The start could not be resolved: `unknown` (date not recorded) or `error` (not a date).
    case undecided(Status, Check, String)
  }

  /// A start date for the subject, or why it cannot be told.
  private static func start(_ start: StartDate, label: String, _ subject: Manifest) -> Start {
    switch StartResolver.resolve(start, in: subject) {
    case .day(let day)?: return .day(day)
    case .unknown(let lookup)?:
      let check = Check(path: lookup.path, platform: subject.id, state: .missing, found: nil,
        required: "a date (YYYY-MM-DD) that '\(label)' counts from", status: .unknown,
        location: lookup.node?.location ?? subject.location, phase: .phase(label))
      return .undecided(.unknown, check,
        "cannot tell when '\(label)' starts: it is \(start), and \(lookup.path) is not recorded")
    case .error(let lookup, let message)?:
      let check = Check(path: lookup.path, platform: subject.id, state: .blocked, found: nil,
        required: "a date (YYYY-MM-DD)", status: .error, location: lookup.node?.location ?? subject.location,
        phase: .phase(label), message: "\(lookup.path) cannot be judged: \(message)")
      return .undecided(.error, check, "cannot tell when '\(label)' starts: \(lookup.path): \(message)")
    case nil: return .day(.distantFuture)
    }
  }

  /// " (the day after P6M from dma.designated_on 2024-04-29)" for relative starts; empty for fixed ones.
  private static func relativeNote(_ start: StartDate, _ subject: Manifest) -> String {
    guard case .relative(let period, let path) = start else { return "" }
    let lookup = CapabilityLookup.lookup(path, in: subject.capabilities, platform: subject.id, counterparty: nil)
    let recorded = lookup.node.flatMap { $0.kind == .scalar ? $0.text : nil }.map { " \($0)" } ?? ""
    return " (the day after \(period) from \(path)\(recorded))"
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
    guard case .phase(let label)? = check.phase else { return check.sentence }
    return "[\(label)] " + check.sentence
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
