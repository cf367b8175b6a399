/// What must hold of a manifest: a leaf test at a path, a combination, or a reciprocity test.
public indirect enum Predicate: Sendable {
  case leaf(Leaf)
  case all([Predicate], SourceLocation)
  case any([Predicate], SourceLocation)
  case not(Predicate, SourceLocation)
  case reciprocal(Reciprocal)

  /// Whether evaluating this needs a counterparty.
  public var usesCounterparty: Bool {
    switch self {
    case .leaf(let leaf): leaf.path.usesCounterparty
    case .all(let parts, _), .any(let parts, _): parts.contains { $0.usesCounterparty }
    case .not(let inner, _): inner.usesCounterparty
    case .reciprocal: true
    }
  }

  /// Every reciprocity test inside, for drawing interconnection matrices.
  public var reciprocals: [Reciprocal] {
    switch self {
    case .leaf: []
    case .reciprocal(let r): [r]
    case .all(let parts, _), .any(let parts, _): parts.flatMap(\.reciprocals)
    case .not(let inner, _): inner.reciprocals
    }
  }

  /// Every leaf inside, in order.
  public var leaves: [Leaf] {
    switch self {
    case .leaf(let leaf): [leaf]
    case .reciprocal: []
    case .all(let parts, _), .any(let parts, _): parts.flatMap(\.leaves)
    case .not(let inner, _): inner.leaves
    }
  }

  /// The check in words, for `audit explain` and reports.
  public var summary: String { summaryMessage.english }

  /// The check as a message.
  public var summaryMessage: Message {
    switch self {
    case .leaf(let leaf): Message(.predicateLeaf, ["path": .path(leaf.path), "requirement": .message(leaf.requirement)])
    case .all(let parts, _): Message(.predicateAll, ["parts": .sentences(parts.map(\.summaryMessage))])
    case .any(let parts, _): Message(.predicateAny, ["parts": .sentences(parts.map(\.summaryMessage))])
    case .not(let inner, _): Message(.negated, ["requirement": .message(inner.summaryMessage)])
    case .reciprocal(let r): Message(.predicateReciprocal, ["path": .path(r.path), "scale": .scale(r.scale.name)])
    }
  }

  /// The messages of a check's summary.
  static let messages: [MessageKey] = [
    .predicateLeaf, .predicateAll, .predicateAny, .negated, .predicateReciprocal, .phaseSummary, .whenSummary,
  ]
}

/// A test of the value at one path with one operator.
public struct Leaf: Sendable {
  public var path: CapabilityPath
  public let `operator`: any Operator
  public var location: SourceLocation
  /// The operator's requirement in words, made once rather than for every result.
  public let requirement: Message

  public init(path: CapabilityPath, operator: any Operator, location: SourceLocation) {
    self.path = path
    self.operator = `operator`
    self.location = location
    self.requirement = `operator`.requirement
  }
}

/// "A treats B at least as well as B treats A" on a scale, at a `{counterparty}` path.
public struct Reciprocal: Sendable {
  public var path: CapabilityPath
  public var scale: Scale
  public var location: SourceLocation

  public init(path: CapabilityPath, scale: Scale, location: SourceLocation) {
    self.path = path
    self.scale = scale
    self.location = location
  }
}

extension MessageKey {
  static let predicateLeaf = MessageKey("check.summary_leaf", "{path} {requirement}")
  static let predicateAll = MessageKey("all.summary", "all of ({parts})")
  static let predicateAny = MessageKey("any.summary", "any of ({parts})")
  static let predicateReciprocal = MessageKey("reciprocal.summary",
    "the platform treats each counterparty at least as well as it is treated, at {path} on {scale}")
}
