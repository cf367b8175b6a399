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
    let support = evaluator.evidence
    var result = Result(
      obligation: obligation.id, pack: obligation.pack, platform: subject.id,
      counterparty: counterparty?.id, status: .pass, severity: obligation.severity, reason: "",
      location: subject.location)
    result.reasonMessage = Message(.noReason)
    if let when = obligation.when {
      let (status, checks) = evaluator.evaluate(when)
      if status != .pass {
        result.checks = checks
        for i in result.checks.indices { result.checks[i].phase = .condition }
        result.status = status == .fail ? .notApplicable : status
        let why = MessageArgument.message(sentences(checks, preferring: status))
        result.reasonMessage = Message(status == .fail ? .conditionDoesNotHold : .conditionUnknown, ["why": why])
        result.location = decisive(checks, status)?.location ?? subject.location
        attachEvidence(&result, subject: subject, counterparty: counterparty)
        support.annotate(&result.checks, obligation.evidence, on: date)
        result.summarizeEvidence()
        return result
      }
    }
    let (status, checks, pending) = statusAt(obligation, evaluator, date)
    result.status = status
    result.checks = checks
    support.annotate(&result.checks, obligation.evidence, on: date)
    if let pending {
      result.reasonMessage = pending
    } else {
      result.reasonMessage = sentences(checks, preferring: status)
      result.location = decisive(checks, status)?.location ?? subject.location
    }
    if let requirement = obligation.evidence {
      EvidenceCheck.apply(requirement, to: &result, support, on: date)
    }
    if let next = obligation.milestones(for: subject).first(where: { $0.date > date }) {
      var (future, futureChecks, _) = statusAt(obligation, evaluator, next.date)
      // A pass on that date still needs the evidence the obligation asks for, aged to that date.
      if future == .pass, let requirement = obligation.evidence,
        EvidenceCheck.shortfall(requirement, futureChecks, support, on: next.date) != nil
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
    -> (Status, [Check], Message?)
  {
    let subject = evaluator.subject
    if let effective = obligation.effective {
      switch start(effective, label: "effective", subject) {
      case .day(let day) where date < day:
        return (.notApplicable, [], notYetInForce(.notYetInForce, [:], date: .date(day.description), effective, subject))
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
      var undecided: (Status, Check, Message)?
      for phase in phases {
        switch start(phase.from, label: phase.label, subject) {
        case .day(let day) where day > date: continue
        case .day: break
        case .undecided(let status, let check, let reason):
          if undecided == nil { undecided = (status, check, reason) }
          continue
        }
        let (status, phaseChecks) = evaluator.evaluate(phase.require)
        var labelled = phaseChecks
        for i in labelled.indices { labelled[i].phase = .phase(phase.label) }
        outcomes.append((status, labelled))
      }
      if let (status, check, reason) = undecided {
        // A phase whose start is unknown may have started: the result cannot pass on the others.
        let combined = All.combine(outcomes.map(\.0) + [status])
        let checks = evaluator.deciding(outcomes + [(status, [check])], combined)
        return (combined, checks, combined == status ? reason : nil)
      }
      guard !outcomes.isEmpty else {
        let first = StartResolver.day(phases[0].from, in: subject).map { MessageArgument.date($0.description) }
          ?? .message(phases[0].from.message)
        return (.notApplicable, [], notYetInForce(.firstPhaseNotYet, ["label": .value(phases[0].label)], date: first,
          phases[0].from, subject))
      }
      let status = All.combine(outcomes.map(\.0))
      return (status, evaluator.deciding(outcomes, status), nil)
    }
  }

  private enum Start {
    case day(Day)
    /// The start could not be resolved: `unknown` (date not recorded) or `error` (not a date).
    case undecided(Status, Check, Message)
  }

  /// A start date for the subject, or why it cannot be told.
  private static func start(_ start: StartDate, label: String, _ subject: Manifest) -> Start {
    switch StartResolver.resolve(start, in: subject) {
    case .day(let day)?: return .day(day)
    case .unknown(let lookup)?:
      let check = Check(path: lookup.path, platform: subject.id, state: .missing, found: nil,
        requirement: Message(.dateCountedFrom, ["label": .value(label)]), status: .unknown,
        location: lookup.node?.location ?? subject.location, phase: .phase(label))
      return .undecided(.unknown, check, Message(.startNotRecorded, [
        "label": .value(label), "start": .message(start.message), "path": .path(lookup.path, template: nil),
      ]))
    case .error(let lookup, let message)?:
      let path = MessageArgument.path(lookup.path, template: nil)
      let check = Check(path: lookup.path, platform: subject.id, state: .blocked, found: nil,
        requirement: Message(.aDate), status: .error, location: lookup.node?.location ?? subject.location,
        phase: .phase(label), note: Message(.cannotBeJudged, ["path": path, "why": .message(message)]))
      return .undecided(.error, check, Message(.startNotADate, ["label": .value(label), "path": path, "why": .message(message)]))
    case nil: return .day(.distantFuture)
    }
  }

  /// "not yet in force: effective from D", with " (the day after P6M from dma.designated_on
  /// 2024-04-29)" for a relative start.
  private static func notYetInForce(
    _ key: MessageKey, _ arguments: [String: MessageArgument], date: MessageArgument, _ start: StartDate,
    _ subject: Manifest
  ) -> Message {
    var arguments = arguments
    arguments["date"] = date
    guard case .relative(let period, let path) = start else { return Message(key, arguments) }
    let lookup = CapabilityLookup.lookup(path, in: subject.capabilities, platform: subject.id, counterparty: nil)
    var relative: [String: MessageArgument] = ["period": .text(period.description), "path": .path(path)]
    if let recorded = lookup.node.flatMap({ $0.kind == .scalar ? $0.text : nil }) {
      relative["value"] = .value(recorded)
    }
    arguments["start"] = .message(Message(relative["value"] == nil ? .startRelative : .startRelativeRecorded, relative))
    return Message(key == .notYetInForce ? .notYetInForceRelative : .firstPhaseNotYetRelative, arguments)
  }

  /// The first check that gave `status`, whose value is the one to point at.
  private static func decisive(_ checks: [Check], _ status: Status) -> Check? {
    checks.first { $0.status == status } ?? checks.first
  }

  /// The reason line: the checks that decided the status (at most three).
  static func sentences(_ checks: [Check], preferring status: Status) -> Message {
    var chosen = checks.filter { $0.status == status }
    if chosen.isEmpty { chosen = checks }
    var parts = chosen.prefix(3).map { sentence($0) }
    if chosen.count > 3 { parts.append(Message(.andMore, ["count": .count(chosen.count - 3)])) }
    return .sentences(parts)
  }

  private static func sentence(_ check: Check) -> Message {
    guard case .phase(let label)? = check.phase else { return check.sentenceMessage }
    return Message(.checkInPhase, ["phase": .value(label), "sentence": .message(check.sentenceMessage)])
  }

  /// The messages of an obligation's reasons.
  static let messages: [MessageKey] = [
    .noReason, .conditionDoesNotHold, .conditionUnknown, .notYetInForce, .notYetInForceRelative, .firstPhaseNotYet,
    .firstPhaseNotYetRelative, .startDay, .startRelative, .startRelativeRecorded, .dateCountedFrom, .aDate,
    .startNotRecorded, .startNotADate, .andMore, .checkInPhase, .cannotBeJudged,
  ]

  /// The evidence of each manifest that speaks for a value that was read.
  private static func attachEvidence(_ result: inout Result, subject: Manifest, counterparty: Manifest?) {
    guard !subject.evidence.isEmpty || counterparty.map({ !$0.evidence.isEmpty }) == true else {
      result.evidence = []
      return
    }
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

extension MessageKey {
  static let noReason = MessageKey("reason.none", "")
  static let conditionDoesNotHold = MessageKey("reason.condition_does_not_hold",
    "does not apply: its condition does not hold ({why})")
  static let conditionUnknown = MessageKey("reason.condition_unknown", "cannot tell whether it applies: {why}")
  static let notYetInForce = MessageKey("reason.not_yet_in_force", "not yet in force: effective from {date}")
  static let notYetInForceRelative = MessageKey("reason.not_yet_in_force_relative",
    "not yet in force: effective from {date} ({start})")
  static let firstPhaseNotYet = MessageKey("reason.first_phase_not_yet",
    "not yet in force: the first phase ('{label}') starts on {date}")
  static let firstPhaseNotYetRelative = MessageKey("reason.first_phase_not_yet_relative",
    "not yet in force: the first phase ('{label}') starts on {date} ({start})")
  static let startRelativeRecorded = MessageKey("start.relative_recorded", "the day after {period} from {path} {value}")
  static let dateCountedFrom = MessageKey("start.date_counted_from", "a date (YYYY-MM-DD) that '{label}' counts from")
  static let aDate = MessageKey("start.a_date", "a date (YYYY-MM-DD)")
  static let startNotRecorded = MessageKey("reason.start_not_recorded",
    "cannot tell when '{label}' starts: it is {start}, and {path} is not recorded")
  static let startNotADate = MessageKey("reason.start_not_a_date", "cannot tell when '{label}' starts: {path}: {why}")
  static let andMore = MessageKey("reason.and_more", "and {count} more")
  static let checkInPhase = MessageKey("check.in_phase", "[{phase}] {sentence}")
}
