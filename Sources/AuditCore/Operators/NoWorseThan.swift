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
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, jd: mid}}", affiliates: ["jd"], .fail),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, '*': high}}", affiliates: ["jd"], .fail),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low, jd: high}}", affiliates: ["jd", "pdd"], .fail),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: high}}", affiliates: ["jd"], .unknown),
    OperatorExample(affiliatesLeaf, "{in: {jd: low}}", affiliates: ["jd"], .unknown),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low}}", affiliates: [], .notApplicable),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: low}}", affiliates: ["counterparty"], .notApplicable),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: open, jd: low}}", affiliates: ["jd"], .error),
    OperatorExample(affiliatesLeaf, "{in: {counterparty: high, jd: open}}", affiliates: ["jd"], .error),
    OperatorExample(pathLeaf, "{group: {douyin: high, articles: high}}", .pass),
    OperatorExample(pathLeaf, "{group: {douyin: low, articles: high}}", .fail),
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
      guard let map = leaf.context.mapping(argument, keys: ["path"], what: "'no_worse_than'"),
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

  public var requirement: String {
    switch reference {
    case .affiliates: "no worse than the best the platform gives any affiliate, on \(scale.name)"
    case .path(let other): "no worse than \(other), on \(scale.name)"
    }
  }

  /// Without a context there is nothing to compare with.
  public func evaluate(_ value: YAMLNode) -> Outcome {
    .error("'no_worse_than' compares with other values and needs them")
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
        let who = context.affiliates.isEmpty
          ? "\(context.subject.id) has no affiliates on this date"
          : "\(context.subject.id)'s only affiliate on this date is the counterparty"
        return Judgement(.notApplicable("nothing to compare with: \(who)"))
      }
    }
    return verdict(own: own, value: value, readings: readings, context: context)
  }

  /// A value read for comparison, and the affiliation it stands for.
  private struct Compared {
    var reading: Reading
    var relation: Affiliation?

    func check(_ subject: String) -> Check {
      let purpose = relation.map { "for comparison: how \(subject) treats its affiliate \($0.platform)" } ?? "for comparison"
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
        return Judgement(.error("the compared value \(compared.reading.lookup.path) is off the scale: \(message)"),
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
        let what = "\(check.path) is \(check.state == .null ? "recorded as unknown" : "not in the manifest")"
          + (check.wildcard ? " (from the '*' entry)" : "")
        return check.relation.map { "how it treats its affiliate \($0.platform) is not known: " + what } ?? what
      }
      return Judgement(.unknown, references: checks + (best.map { [$0.check] } ?? []),
        message: "cannot compare: \(names.joined(separator: "; "))")
    }
    return Judgement(.pass, references: best.map { [$0.check] } ?? [])
  }

  private func failure(value: YAMLNode, own: Int, best: (rank: Int, check: Check), context: EvaluationContext) -> String {
    let mine = "'\(scale.levels[own])' (\(value.location))"
    let theirs = "'\(scale.levels[best.rank])' (\(best.check.location.map(\.description) ?? "?"))"
    let ownPath = path.description.replacingOccurrences(of: "{counterparty}", with: context.counterparty ?? "{counterparty}")
    switch reference {
    case .affiliates:
      let target = best.check.relation?.platform ?? best.check.path
      let tie = best.check.relation.map { " (\($0.phrase), \($0.source))" } ?? ""
      let wildcard = best.check.wildcard ? " (from the '*' entry)" : ""
      return "\(context.subject.id) treats \(context.counterparty ?? "the counterparty") worse than its affiliate \(target)\(tie): "
        + "\(ownPath) is \(mine) but \(best.check.path) is \(theirs)\(wildcard), on \(scale.name)"
    case .path:
      return "\(ownPath) is \(mine), worse than \(best.check.path) \(theirs), on \(scale.name)"
    }
  }

  private func rank(_ node: YAMLNode) -> Checked<Int> {
    guard node.kind == .scalar, let text = node.text else {
      return .problem("expected a level of scale '\(scale.name)', found \(node.kindDescription)")
    }
    guard let rank = scale.rank(of: text) else {
      return .problem("'\(text)' is not a level of scale '\(scale.name)' (\(scale.levels.joined(separator: ", ")))")
    }
    return .value(rank)
  }
}
