/// Evaluates predicates against a subject manifest (and a counterparty's, for pairs),
/// recording every value it reads.
struct PredicateEvaluator {
  let subject: Manifest
  let counterparty: Manifest?
  /// The obligation's evidence requirement and the date it is judged on, so that `any` rests on
  /// a passing part that meets it when there is one.
  var requirement: EvidenceRequirement? = nil
  var asOf: Day = .distantFuture
  /// The subject's affiliates on the as-of date, for operators that compare with them.
  var affiliates: [Affiliation] = []
  /// Readings shared across the subject's counterparties, when the engine provides them.
  var memo: ReadingMemo? = ReadingMemo.current

  /// The status of `predicate` and the checks behind it.
  func evaluate(_ predicate: Predicate) -> (Status, [Check]) {
    switch predicate {
    case .leaf(let leaf):
      let checks = evaluate(leaf)
      return (checks.first?.status ?? .error, checks)
    case .all(let parts, _):
      let outcomes = parts.map { evaluate($0) }
      let status = All.combine(outcomes.map(\.0))
      return (status, deciding(outcomes, status))
    case .any(let parts, _):
      let outcomes = parts.map { evaluate($0) }
      let status = AnyOf.combine(outcomes.map(\.0))
      return (status, deciding(outcomes, status, any: true))
    case .not(let inner, _):
      let (status, checks) = evaluate(inner)
      return (Not.combine(status), checks.map(negated))
    case .reciprocal(let reciprocal):
      return evaluate(reciprocal)
    }
  }

  /// Each part's status, and all their checks in order.
  private func evaluate(_ parts: [Predicate]) -> ([Status], [Check]) {
    var checks: [Check] = []
    var statuses: [Status] = []
    for part in parts {
      let (status, partChecks) = evaluate(part)
      statuses.append(status)
      checks += partChecks
    }
    return (statuses, checks)
  }

  private func negated(_ check: Check) -> Check {
    var check = check
    check.requirement = Message(.negated, ["requirement": .message(check.requirement)])
    check.status = Not.combine(check.status)
    return check
  }

  /// The leaf's own check, then the values its operator compared it with.
  private func evaluate(_ leaf: Leaf) -> [Check] {
    let lookup = CapabilityLookup.lookup(
      leaf.path, in: subject.capabilities, platform: subject.id, counterparty: counterparty?.id)
    let outcome: Outcome
    var state = Check.State.value
    var found: String?
    var references: [Check] = []
    var message: Message?
    switch lookup.found {
    case .value(let node):
      let context = EvaluationContext(subject: subject, counterparty: counterparty?.id, affiliates: affiliates, memo: memo)
      let judgement = leaf.operator.evaluate(node, in: context)
      outcome = judgement.outcome
      references = judgement.references
      message = judgement.message
      found = node.flowText
    case .null:
      outcome = .unknown
      state = .null
    case .missing:
      outcome = leaf.operator.evaluateMissing()
      state = .missing
    case .blocked(_, let message):
      outcome = .error(message)
      state = .blocked
    }
    var check = Check(
      path: lookup.path, platform: subject.id, state: state, found: found,
      requirement: leaf.requirement, status: outcome.status,
      location: lookup.node?.location ?? subject.location, wildcard: lookup.viaWildcard)
    check.note = message
    switch outcome {
    case .error(let why):
      let path = MessageArgument.path(lookup.path, of: leaf.path)
      check.note = Message(.cannotBeJudged, ["path": path, "why": .message(why)])
    case .notApplicable(let why):
      let path = MessageArgument.path(lookup.path, of: leaf.path)
      check.note = found.map { Message(.notApplicableValue, ["path": path, "value": .text($0), "why": .message(why)]) }
        ?? Message(.notApplicablePresent, ["path": path, "why": .message(why)])
    default: break
    }
    guard !references.isEmpty else { return [check] }
    references.insert(check, at: 0)
    return references
  }

  /// A treats B at least as well as B treats A, on the scale.
  private func evaluate(_ reciprocal: Reciprocal) -> (Status, [Check]) {
    guard let counterparty else {
      return (.error, [Check(path: reciprocal.path.description, platform: subject.id, state: .blocked,
        found: nil, requirement: Message(.aCounterparty), status: .error, location: reciprocal.location,
        note: Message(.reciprocityNeedsCounterparty))])
    }
    let scale = reciprocal.scale
    let mine = side(reciprocal, of: subject, toward: counterparty.id)
    let theirs = side(reciprocal, of: counterparty, toward: subject.id)
    let status: Status
    let message: Message
    let platform = MessageArgument.platform(subject.id)
    let other = MessageArgument.platform(counterparty.id)
    if case .rank(let a) = mine.rank, case .rank(let b) = theirs.rank {
      status = ReciprocalCheck.verdict(subject: a, counterparty: b)
      let levels = Message(.reciprocalLevels, ["level": .value(scale.levels[a]), "other_level": .value(scale.levels[b]),
        "scale": .scale(scale.name)])
      let key: MessageKey = a == b ? .reciprocalAlike : a > b ? .reciprocalMore : .reciprocalLess
      message = Message(key, ["platform": platform, "counterparty": other, "levels": .message(levels)])
    } else {
      let sides = [mine.rank, theirs.rank]
      status = sides.contains { if case .error = $0 { true } else { false } } ? .error : .unknown
      let facts = [(mine, subject.id), (theirs, counterparty.id)].map { side, owner -> Message in
        switch side.rank {
        case .rank(let r):
          Message(.ownerValue, ["owner": .platform(owner), "path": .path(side.check.path, of: reciprocal.path),
            "value": .value(scale.levels[r])])
        case .unknown(let why), .error(let why): why
        }
      }
      message = Message(.reciprocalUnjudged, ["platform": platform, "counterparty": other, "why": .sentences(facts)])
    }
    var checks = [mine.check, theirs.check]
    checks[0].status = status
    checks[0].note = message
    checks[0].requirement = Message(.reciprocalRequirement,
      ["platform": platform, "counterparty": other, "scale": .scale(scale.name)])
    // The other side's value is read for comparison, not judged itself.
    checks[1].status = .notApplicable
    checks[1].requirement = Message(.reciprocalComparison, ["platform": platform, "counterparty": other])
    checks[1].note = nil
    return (status, checks)
  }

  /// A side's requirement until the verdict sets it: one message, not one made per side.
  private static let unset = Message.verbatim("")

  private struct Side {
    enum Rank {
      case rank(Int)
      case unknown(Message)
      case error(Message)
    }

    var check: Check
    var rank: Rank
  }

  private func side(_ reciprocal: Reciprocal, of manifest: Manifest, toward other: String) -> Side {
    let lookup = CapabilityLookup.lookup(
      reciprocal.path, in: manifest.capabilities, platform: manifest.id, counterparty: other)
    var check = Check(path: lookup.path, platform: manifest.id, state: .value, found: nil,
      requirement: Self.unset, status: .pass, location: lookup.node?.location ?? manifest.location,
      wildcard: lookup.viaWildcard)
    var owner: [String: MessageArgument] {
      ["owner": .platform(manifest.id), "path": .path(lookup.path, of: reciprocal.path)]
    }
    switch lookup.found {
    case .value(let node):
      check.found = node.flowText
      guard node.kind == .scalar, let text = node.text, let rank = reciprocal.scale.rank(of: text) else {
        check.status = .error
        return Side(check: check, rank: .error(Message(.ownerNotALevel, owner.merging([
          "found": .message(.kind(of: node)), "scale": .scale(reciprocal.scale.name),
          "levels": .levels(reciprocal.scale.levels),
        ]) { a, _ in a })))
      }
      return Side(check: check, rank: .rank(rank))
    case .null:
      check.state = .null
      check.status = .unknown
      return Side(check: check, rank: .unknown(Message(.ownerNull, owner)))
    case .missing:
      check.state = .missing
      check.status = .unknown
      return Side(check: check, rank: .unknown(Message(.ownerMissing, owner)))
    case .blocked(_, let message):
      check.state = .blocked
      check.status = .error
      return Side(check: check, rank: .error(message))
    }
  }
}

extension MessageKey {
  static let negated = MessageKey("not.requirement", "not ({requirement})")
  static let cannotBeJudged = MessageKey("check.cannot_be_judged", "{path} cannot be judged: {why}")
  static let notApplicableValue = MessageKey("check.not_applicable_value", "{path} is '{value}': {why}")
  static let notApplicablePresent = MessageKey("check.not_applicable_present", "{path} is present: {why}")
}

extension YAMLNode {
  /// The value in YAML flow style, shortened past 200 characters: `direct`, `[a, b]`, `{k: v}`;
  /// a long scalar is cut with its full size (`aaa… (1048576 bytes)`), never copied whole.
  public var flowText: String {
    if kind == .scalar { return Bounded.quote(text ?? "", limit: 200) }
    var out = ""
    writeFlow(into: &out, depth: 0)
    if out.count > 200 { return Bounded.visible(String(out.prefix(199))) + "…" }
    return Bounded.visible(out)
  }

  private func writeFlow(into out: inout String, depth: Int) {
    guard out.utf8.count < 400 else { return }
    switch kind {
    case .scalar:
      out += Bounded.quote(text ?? "", limit: 200)
    case .sequence:
      guard depth < 4 else { out += "[…]"; return }
      out += "["
      for (i, element) in elements.enumerated() {
        if i > 0 { out += ", " }
        element.writeFlow(into: &out, depth: depth + 1)
      }
      out += "]"
    case .mapping:
      guard depth < 4 else { out += "{…}"; return }
      out += "{"
      for (i, (key, value)) in entries.enumerated() {
        if i > 0 { out += ", " }
        out += (key.text ?? "?") + ": "
        value.writeFlow(into: &out, depth: depth + 1)
      }
      out += "}"
    }
  }
}

extension PredicateEvaluator {
  /// The evidence of the manifests this evaluator reads.
  var evidence: EvidenceSupport { EvidenceSupport(subject: subject, counterparty: counterparty) }

  /// The parts' checks, those of parts that did not decide `status` marked incidental: for a
  /// pass of `any`, every passing part but the best-supported one; otherwise every part whose
  /// status differs from the combined one (all parts, for a pass of `all` or a fail of `any`).
  func deciding(_ parts: [(Status, [Check])], _ status: Status, any: Bool = false) -> [Check] {
    var chosen = Set(parts.indices.filter { parts[$0].0 == status })
    if any, status == .pass, let best = bestSupported(parts, among: chosen) { chosen = [best] }
    var checks: [Check] = []
    checks.reserveCapacity(parts.reduce(0) { $0 + $1.1.count })
    for i in parts.indices {
      let start = checks.count
      checks += parts[i].1
      if !chosen.contains(i) {
        for j in start..<checks.count { checks[j].decisive = false }
      }
    }
    return checks
  }

  /// The part whose weakest decisive value is best supported: meeting the requirement first,
  /// then the strongest method, then the most recent evidence; the first among equals.
  private func bestSupported(_ parts: [(Status, [Check])], among candidates: Set<Int>) -> Int? {
    let index = evidence
    func score(_ i: Int) -> (Int, Int, Int) {
      let values = parts[i].1.filter(\.decisive).map { index.annotated($0, requirement, on: asOf) }
      let meets = requirement.map { r in values.allSatisfy { index.meets($0, r, on: asOf) } } ?? true
      let strength = values.map { EvidenceStrength($0.method).rank }.min() ?? 0
      let date = values.map { $0.observed?.ordinal ?? Int.min }.min() ?? Int.min
      return (meets ? 1 : 0, strength, date)
    }
    return candidates.sorted().max { score($0) < score($1) || (score($0) == score($1) && $0 > $1) }
  }
}
