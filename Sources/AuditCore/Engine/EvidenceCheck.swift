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
    result.evidenceShortfall = shortfall.english
    result.reasonMessage = Message(.evidenceShortfall, [
      "shortfall": .message(shortfall), "requirement": .message(requirement.message),
      "reason": .message(result.reasonMessage),
    ])
    result.location = location ?? result.location
  }

  /// "passes only on WeChat's announcement of 2021-11-29 (links.inbound.*.private_chat)" for
  /// the decisive values without adequate evidence (at most three named), and where the first is;
  /// `nil` when every value has it.
  static func shortfall(
    _ requirement: EvidenceRequirement, _ checks: [Check], _ index: EvidenceSupport, on date: Day
  ) -> (Message, SourceLocation?)? {
    let weak = checks.filter { $0.decisive && !index.meets($0, requirement, on: date) }
    guard let first = weak.first else { return nil }
    var parts = weak.prefix(3).map { check -> Message in
      let value: [String: MessageArgument] = ["platform": .platform(check.platform), "path": .path(check.path, template: nil)]
      guard let best = index.counting(for: check, requirement, on: date) else { return Message(.passesWithNoEvidence, value) }
      var arguments = value
      arguments["evidence"] = .message(phrase(best, for: check, index))
      if let limit = requirement.maxAgeDays, best.observed != nil,
        EvidenceStrength(best.method) >= requirement.atLeast.strength
      {
        arguments["days"] = .count(limit)
        return Message(.passesOnlyOnOld, arguments)
      }
      return Message(.passesOnlyOn, arguments)
    }
    if weak.count > 3 { parts.append(Message(.andMoreValues, ["count": .count(weak.count - 3)])) }
    return (.sentences(parts), first.location)
  }

  /// "WeChat's announcement of 2021-11-29", "a test (undated)".
  static func phrase(_ entry: Evidence, for check: Check, _ index: EvidenceSupport) -> Message {
    let date = entry.observed.map { MessageArgument.date($0.description) }
    switch entry.method {
    case .announcement?:
      let owner = index.manifests.first { $0.id == check.platform }
      let name = MessageArgument.value(owner?.nameEn ?? owner?.name ?? check.platform)
      return date.map { Message(.announcementOf, ["name": name, "date": $0]) } ?? Message(.announcementUndated, ["name": name])
    case let method?:
      let m = MessageArgument.message(Message(method.messageKey))
      return date.map { Message(.methodOf, ["method": m, "date": $0]) } ?? Message(.methodUndated, ["method": m])
    case nil:
      return date.map { Message(.noMethodOf, ["date": $0]) } ?? Message(.noMethodUndated)
    }
  }

  /// The messages of evidence requirements and shortfalls.
  static let messages: [MessageKey] = [
    .evidenceShortfall, .passesWithNoEvidence, .passesOnlyOn, .passesOnlyOnOld, .andMoreValues, .announcementOf,
    .announcementUndated, .methodOf, .methodUndated, .noMethodOf, .noMethodUndated, .evidenceAtLeast,
    .evidenceAtLeastAccepted, .evidenceWithinDays,
  ] + Evidence.Method.allCases.map(\.messageKey)
}

extension MessageKey {
  static let evidenceShortfall = MessageKey("evidence.shortfall",
    "{shortfall}; the obligation asks for {requirement}; would pass: {reason}")
  static let passesWithNoEvidence = MessageKey("evidence.none", "passes with no evidence for {platform}: {path}")
  static let passesOnlyOn = MessageKey("evidence.only", "passes only on {evidence} ({platform}: {path})")
  static let passesOnlyOnOld = MessageKey("evidence.only_old",
    "passes only on {evidence}, older than {days} days ({platform}: {path})")
  static let andMoreValues = MessageKey("evidence.and_more", "and {count} more values")
  static let announcementOf = MessageKey("evidence.announcement", "{name}'s announcement of {date}")
  static let announcementUndated = MessageKey("evidence.announcement_undated", "{name}'s announcement (undated)")
  static let methodOf = MessageKey("evidence.method", "a {method} of {date}")
  static let methodUndated = MessageKey("evidence.method_undated", "a {method} (undated)")
  static let noMethodOf = MessageKey("evidence.no_method", "evidence of no stated method of {date}")
  static let noMethodUndated = MessageKey("evidence.no_method_undated", "evidence of no stated method (undated)")
  static let evidenceAtLeast = MessageKey("evidence.requirement", "at least {method} evidence")
  static let evidenceAtLeastAccepted = MessageKey("evidence.requirement_accepted", "at least {method} evidence ({accepted})")
  static let evidenceWithinDays = MessageKey("evidence.requirement_age",
    "{requirement}, observed within {days} days of the as-of date")
}

extension Evidence.Method {
  /// The method's name as messages say it ("test", "filing", …).
  var messageKey: MessageKey { MessageKey("evidence.method_\(rawValue)", rawValue) }
}

extension EvidenceRequirement {
  /// "at least report evidence (test, filing or report), observed within 400 days of the as-of date".
  var message: Message {
    let method = MessageArgument.message(Message(atLeast.messageKey))
    var text = atLeast == .test ? Message(.evidenceAtLeast, ["method": method]) : Message(.evidenceAtLeastAccepted, [
      "method": method,
      "accepted": .words(Evidence.Method.allCases.filter { $0.strength >= atLeast.strength }
        .sorted { $0.strength > $1.strength }.map { Message($0.messageKey) }, joiner: .or),
    ])
    if let maxAgeDays { text = Message(.evidenceWithinDays, ["requirement": .message(text), "days": .count(maxAgeDays)]) }
    return text
  }
}
