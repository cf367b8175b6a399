/// `no_worse_than: affiliates` or `no_worse_than: {path: P}` with `scale: S` — the value is at
/// least the best level the subject gives any affiliate at the same path, or at least the level
/// at P in the same manifest (non-discrimination, self-preferencing).
public struct NoWorseThan: Operator {
  public static let key = "no_worse_than"
  public static let summary =
    "The value is at least as good, on the named scale, as the best the platform gives any affiliate at the same path ('affiliates'), or as the value at another path ({path: P})."
  public static let extraKeys = ["scale"]
  public static let argumentSchema: JSONValue = .object([("oneOf", .array([
    .object([("const", "affiliates")]),
    .object([("type", "object"), ("required", ["path"]), ("additionalProperties", false),
      ("properties", .object([("path", .object([("type", "string")]))]))]),
  ]))])

  private static let affiliatesLeaf = "{path: 'in.{counterparty}', no_worse_than: affiliates, scale: level}"
  private static let pathLeaf = "{path: 'group.douyin', no_worse_than: {path: group.articles}, scale: level}"
  public static let examples = [
    OperatorExample(affiliatesLeaf, "{in: {counterparty: high, jd: mid}}", affiliates: ["jd"], .pass),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: mid, jd: mid}}", affiliates: ["jd"], .pass),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, jd: mid}}", affiliates: ["jd"], .fail,
      message: .worseThanAffiliate),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, '*': high}}", affiliates: ["jd"], .fail),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, jd: high}}", affiliates: ["jd", "pdd"], .fail),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: high}}", affiliates: ["jd"], .unknown),
    OperatorExample(affiliatesLeaf, "{in: {jd: low}}", affiliates: ["jd"], .unknown),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low}}", affiliates: [], .notApplicable, message: .noAffiliates),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low}}", affiliates: ["counterparty"], .notApplicable),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: open, jd: low}}", affiliates: ["jd"], .error),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: high, jd: open}}", affiliates: ["jd"], .error,
      message: .comparedOffScale),
    OperatorExample(pathLeaf, "{group: {douyin: high, articles: high}}", .pass),
    OperatorExample(pathLeaf, "{group: {douyin: low, articles: high}}", .fail, message: .worseThanPath),
    OperatorExample(pathLeaf, "{group: {douyin: low}}", .unknown),
    OperatorExample(pathLeaf, "{group: {articles: low}}", .unknown),
  ]

  /// What the value is compared with.
  enum Reference: Sendable {
    case affiliates
    case path(CapabilityPath)
  }

  let reference: Reference
  let scale: Scale
  /// The leaf's own path, read again for each affiliate.
  let path: CapabilityPath

  public init?(argument: YAMLNode, leaf: LeafSyntax) {
    guard let scale = leaf.scale(for: Self.key), let path = leaf.path else { return nil }
    switch argument.kind {
    case .scalar where argument.text == "affiliates":
      guard path.usesCounterparty else {
        leaf.error(argument, "'no_worse_than: affiliates' compares counterparties, so the path must contain {counterparty}",
          hint: "e.g. path: links.inbound.{counterparty}.private_chat with per: counterparty")
        return nil
      }
      reference = .affiliates
    case .mapping:
      guard let map = leaf.context.mapping(argument, keys: ["path"], what: Noun.field("no_worse_than")),
        let node = map.required("path"), let text = leaf.context.string(node, field: "path")
      else { return nil }
      switch CapabilityPath.parse(text) {
      case .success(let other): reference = .path(other)
      case .failure(let problem):
        leaf.error(node, "'\(text)' is not a path: \(problem)")
        return nil
      }
    default:
      leaf.error(argument, "'no_worse_than' takes 'affiliates' or {path: P}, found \(argument.text.map { "'\($0)'" } ?? argument.kindDescription)",
        hint: Suggestion.closest(to: argument.text ?? "", in: ["affiliates"]).map { "did you mean '\($0)'?" })
      return nil
    }
    self.scale = scale
    self.path = path
  }

  public var referencedPaths: [CapabilityPath] {
    if case .path(let other) = reference { return [other] }
    return []
  }

  public var comparedScale: Scale? { scale }

  public var readsAffiliates: Bool {
    if case .affiliates = reference { return true }
    return false
  }

  public var requirement: Message {
    switch reference {
    case .affiliates: Message(.noWorseThanAffiliates, ["scale": .scale(scale.name)])
    case .path(let other): Message(.noWorseThanPath, ["path": .path(other), "scale": .scale(scale.name)])
    }
  }

  public static let messages: [MessageKey] = [
    .noWorseThanAffiliates, .noWorseThanPath, .noWorseThanNoContext, .nothingToCompare, .noAffiliates,
    .onlyAffiliateIsCounterparty, .comparedOffScale, .cannotCompare, .affiliateUnknown, .forComparison,
    .forComparisonWithAffiliate, .worseThanAffiliate, .worseThanPath, .levelAt, .theCounterparty,
    .relationControls, .relationHolds, .relationStake,
  ] + ScaleComparison.messages + Check.messages

  /// Without a context there is nothing to compare with.
  public func evaluate(_ value: YAMLNode) -> Outcome {
    .error(Message(.noWorseThanNoContext))
  }

  public func evaluate(_ value: YAMLNode, in context: EvaluationContext) -> Judgement {
    let own: Int
    switch rank(value) {
    case .value(let r): own = r
    case .problem(let message): return Judgement(.error(message))
    }
    var readings: [Compared] = []
    switch reference {
    case .path(let other):
      readings = [Compared(reading: context.read(other, counterparty: context.counterparty), relation: nil)]
    case .affiliates:
      for (affiliate, reading) in context.readForAffiliates(path) where affiliate.platform != context.counterparty {
        readings.append(Compared(reading: reading, relation: affiliate))
      }
      if readings.isEmpty {
        let who = Message(context.affiliates.isEmpty ? .noAffiliates : .onlyAffiliateIsCounterparty,
          ["platform": .platform(context.subject.id)])
        return Judgement(.notApplicable(Message(.nothingToCompare, ["who": .message(who)])))
      }
    }
    return verdict(own: own, value: value, readings: readings, context: context)
  }

  /// A value read for comparison, and the affiliation it stands for.
  private struct Compared {
    var reading: Reading
    var relation: Affiliation?

    func check(_ subject: String) -> Check {
      let purpose = relation.map {
        Message(.forComparisonWithAffiliate, ["platform": .platform(subject), "affiliate": .platform($0.platform)])
      } ?? Message(.forComparison)
      return reading.check(purpose: purpose, relation: relation)
    }
  }

  private func verdict(own: Int, value: YAMLNode, readings: [Compared], context: EvaluationContext) -> Judgement {
    let subject = context.subject.id
    var known: [(rank: Int, compared: Compared)] = []
    var unknown: [Compared] = []
    for compared in readings {
      if let blocked = compared.reading.blocked {
        return Judgement(.error(blocked), references: [compared.check(subject)])
      }
      guard let node = compared.reading.value else {
        unknown.append(compared)
        continue
      }
      switch rank(node) {
      case .value(let r): known.append((r, compared))
      case .problem(let message):
        let path = MessageArgument.path(compared.reading.lookup.path, of: comparedPath)
        return Judgement(.error(Message(.comparedOffScale, ["path": path, "why": .message(message)])),
          references: [compared.check(subject)])
      }
    }
    // The best-treated reference; among equals the first (affiliates come in id order).
    var bestIndex: Int?
    for (i, candidate) in known.enumerated() where candidate.rank > (bestIndex.map { known[$0].rank } ?? -1) {
      bestIndex = i
    }
    let best = bestIndex.map { (rank: known[$0].rank, check: known[$0].compared.check(subject)) }
    // Results carry the decisive values only: with many affiliates, every reading of every
    // result would swamp results.json (200 platforms × 40 affiliates: ~1 GB).
    if let best, best.rank > own {
      return Judgement(.fail, references: [best.check],
        message: failure(value: value, own: own, best: best, context: context))
    }
    if !unknown.isEmpty {
      let checks = unknown.map { $0.check(subject) }
      let names = checks.map { check in
        var what = check.found(state: check.state)
        if check.wildcard { what = Message(.checkWildcard, ["base": .message(what)]) }
        return check.relation.map {
          Message(.affiliateUnknown, ["affiliate": .platform($0.platform), "what": .message(what)])
        } ?? what
      }
      return Judgement(.unknown, references: checks + (best.map { [$0.check] } ?? []),
        message: Message(.cannotCompare, ["what": .sentences(names)]))
    }
    return Judgement(.pass, references: best.map { [$0.check] } ?? [])
  }

  private func failure(value: YAMLNode, own: Int, best: (rank: Int, check: Check), context: EvaluationContext) -> Message {
    let ownPath = path.description.replacingOccurrences(of: "{counterparty}", with: context.counterparty ?? "{counterparty}")
    let mine = Message(.levelAt, ["path": .path(ownPath, of: path), "level": .value(scale.levels[own]),
      "location": .text(value.location.description)])
    let bestLocation = MessageArgument.text(best.check.location.map(\.description) ?? "?")
    switch reference {
    case .affiliates:
      var theirs = Message(.levelAt, ["path": .path(best.check.path, of: path), "level": .value(scale.levels[best.rank]),
        "location": bestLocation])
      if best.check.wildcard { theirs = Message(.checkWildcard, ["base": .message(theirs)]) }
      let target = best.check.relation?.platform ?? best.check.path
      let counterparty = context.counterparty.map(MessageArgument.platform) ?? .message(Message(.theCounterparty))
      return Message(.worseThanAffiliate, [
        "platform": .platform(context.subject.id), "counterparty": counterparty, "affiliate": .platform(target),
        "relation": best.check.relation.map { .message($0.message) } ?? .text("?"),
        "source": .value(best.check.relation?.source ?? "?"), "own": .message(mine), "other": .message(theirs),
        "scale": .scale(scale.name),
      ])
    case .path(let other):
      return Message(.worseThanPath, [
        "own": .message(mine), "path": .path(best.check.path, of: other), "level": .value(scale.levels[best.rank]),
        "location": bestLocation, "scale": .scale(scale.name),
      ])
    }
  }

  /// The template of the paths read for comparison.
  private var comparedPath: CapabilityPath {
    switch reference {
    case .path(let other): other
    case .affiliates: path
    }
  }

  private func rank(_ node: YAMLNode) -> Checked<Int> { ScaleComparison.rank(of: node, on: scale) }
}

extension MessageKey {
  static let noWorseThanAffiliates = MessageKey("no_worse_than.requirement_affiliates",
    "no worse than the best the platform gives any affiliate, on {scale}")
  static let noWorseThanPath = MessageKey("no_worse_than.requirement_path", "no worse than {path}, on {scale}")
  static let noWorseThanNoContext = MessageKey("no_worse_than.no_context",
    "'no_worse_than' compares with other values and needs them")
  static let nothingToCompare = MessageKey("no_worse_than.nothing_to_compare", "nothing to compare with: {who}")
  static let noAffiliates = MessageKey("no_worse_than.no_affiliates", "{platform} has no affiliates on this date")
  static let onlyAffiliateIsCounterparty = MessageKey("no_worse_than.only_affiliate",
    "{platform}'s only affiliate on this date is the counterparty")
  static let comparedOffScale = MessageKey("no_worse_than.compared_off_scale",
    "the compared value {path} is off the scale: {why}")
  static let cannotCompare = MessageKey("no_worse_than.cannot_compare", "cannot compare: {what}")
  static let affiliateUnknown = MessageKey("no_worse_than.affiliate_unknown",
    "how it treats its affiliate {affiliate} is not known: {what}")
  static let forComparison = MessageKey("no_worse_than.for_comparison", "for comparison")
  static let forComparisonWithAffiliate = MessageKey("no_worse_than.for_comparison_affiliate",
    "for comparison: how {platform} treats its affiliate {affiliate}")
  static let worseThanAffiliate = MessageKey("no_worse_than.worse_than_affiliate",
    "{platform} treats {counterparty} worse than its affiliate {affiliate} ({relation}, {source}): {own} but {other}, on {scale}")
  static let worseThanPath = MessageKey("no_worse_than.worse_than_path",
    "{own}, worse than {path} '{level}' ({location}), on {scale}")
  /// "group.douyin is 'low' (manifests/a.yaml:3:5)".
  static let levelAt = MessageKey("no_worse_than.level_at", "{path} is '{level}' ({location})")
  static let theCounterparty = MessageKey("no_worse_than.the_counterparty", "the counterparty")
  static let relationControls = MessageKey("relation.controls", "{entity} controls {platform}")
  static let relationHolds = MessageKey("relation.holds", "{entity} holds {share}")
  static let relationStake = MessageKey("relation.stake", "{entity} has a stake")
}

extension Affiliation {
  /// How the subject's group holds the affiliate: "tencent controls wechat", "tencent holds 17 %".
  var message: Message {
    switch relation {
    case .controls: Message(.relationControls, ["entity": .platform(entity), "platform": .platform(platform)])
    case .invests:
      Holding.percentText(share ?? "").map { Message(.relationHolds, ["entity": .platform(entity), "share": .text($0)]) }
        ?? Message(.relationStake, ["entity": .platform(entity)])
    }
  }
}
