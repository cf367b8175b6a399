/// A leaf test of the value at a path: `equals`, `at_least`, `matches`, …
///
/// One type per operator, each in its own file: its YAML key, how it reads its argument, how it
/// judges a value, how it says what it requires, and examples that one parameterised test runs.
public protocol Operator: Sendable {
  /// The YAML key that selects this operator in a leaf (`at_least`).
  static var key: String { get }
  /// One sentence for `audit explain`, `audit schema` and the README.
  static var summary: String { get }
  /// Keys besides `path` and `key` that a leaf with this operator may carry (`scale`).
  static var extraKeys: [String] { get }
  /// The JSON Schema of the argument, for `audit schema`.
  static var argumentSchema: JSONValue { get }
  /// Examples that must give their stated status; they double as tests.
  static var examples: [OperatorExample] { get }

  /// Reads the argument; records problems in `leaf.context` and returns `nil` when unusable.
  init?(argument: YAMLNode, leaf: LeafSyntax)

  /// Judges a value that is present and not null.
  func evaluate(_ value: YAMLNode) -> Outcome
  /// Judges a value with access to other values of the subject and to its affiliates; an
  /// operator that compares with other values implements this (the default judges the value alone).
  func evaluate(_ value: YAMLNode, in context: EvaluationContext) -> Judgement
  /// Judges a path that is absent from the manifest; `unknown` unless the operator knows better.
  func evaluateMissing() -> Outcome
  /// What the operator requires, as a message: "at least 'interstitial' on link_access".
  var requirement: Message { get }
  /// The keys of the messages the operator says (requirement, failures, errors), declared in
  /// its own file; every catalogue translates each (a test says so).
  static var messages: [MessageKey] { get }
  /// Paths besides the leaf's own that the operator reads (`no_worse_than: {path: P}`).
  var referencedPaths: [CapabilityPath] { get }
  /// The ordinal scale the operator compares values on, if any: the timeline calls a change at
  /// such a path better or worse by it.
  var comparedScale: Scale? { get }
  /// Whether the operator reads the leaf's path for the subject's affiliates too.
  var readsAffiliates: Bool { get }
}

extension Operator {
  public static var extraKeys: [String] { [] }
  public func evaluateMissing() -> Outcome { .unknown }
  public func evaluate(_ value: YAMLNode, in context: EvaluationContext) -> Judgement {
    Judgement(evaluate(value))
  }
  public var referencedPaths: [CapabilityPath] { [] }
  public var comparedScale: Scale? { nil }
  public var readsAffiliates: Bool { false }
  public static var messages: [MessageKey] { [] }
}

/// What an operator may read besides the value at its path: the subject's other values (with
/// `{counterparty}` filled as it chooses) and the subject's affiliates on the as-of date.
public struct EvaluationContext: Sendable {
  /// The manifest whose value is judged.
  public let subject: Manifest
  /// The counterparty's id, for `per: counterparty` and `per: pair`.
  public let counterparty: String?
  /// The other platforms the subject's controller holds on the as-of date.
  public let affiliates: [Affiliation]
  /// Readings shared by the subject's results, which differ only in the counterparty.
  let memo: ReadingMemo?

  public init(subject: Manifest, counterparty: String?, affiliates: [Affiliation] = []) {
    self.init(subject: subject, counterparty: counterparty, affiliates: affiliates, memo: nil)
  }

  init(subject: Manifest, counterparty: String?, affiliates: [Affiliation], memo: ReadingMemo?) {
    self.subject = subject
    self.counterparty = counterparty
    self.affiliates = affiliates
    self.memo = memo
  }

  /// `path` read for every affiliate (`{counterparty}` := the affiliate), in affiliate order;
  /// read once per subject and path however many counterparties ask.
  public func readForAffiliates(_ path: CapabilityPath) -> [(affiliate: Affiliation, reading: Reading)] {
    if let memo, memo.subject == subject.id, let cached = memo.affiliateReadings[path] { return cached }
    let readings = affiliates.map { ($0, read(path, counterparty: $0.platform)) }
    if let memo, memo.subject == subject.id { memo.affiliateReadings[path] = readings }
    return readings
  }

  /// The value at `path` in the subject's manifest, `{counterparty}` := `counterparty`
  /// (`"*"` fallback as usual); `Reading.check` records it for results when it matters.
  public func read(_ path: CapabilityPath, counterparty: String?) -> Reading {
    let lookup = CapabilityLookup.lookup(
      path, in: subject.capabilities, platform: subject.id, counterparty: counterparty)
    return Reading(lookup: lookup, subject: subject)
  }
}

/// What one subject's evaluations read for its affiliates, kept while the engine works through
/// that subject's counterparties. Each subject's results are computed by one thread, which alone
/// touches its memo; the engine binds it for that work (`ReadingMemo.$current.withValue`).
final class ReadingMemo: @unchecked Sendable {
  /// The memo of the subject being evaluated on this thread, if any.
  @TaskLocal static var current: ReadingMemo?

  let subject: String
  var affiliateReadings: [CapabilityPath: [(affiliate: Affiliation, reading: Reading)]] = [:]

  init(subject: String) { self.subject = subject }
}

/// A value read for comparison: the node when present, and how to record it in results.
public struct Reading: Sendable {
  public let lookup: Lookup
  let subject: Manifest

  /// The value, when present and not null.
  public var value: YAMLNode? {
    if case .value(let node) = lookup.found { return node }
    return nil
  }

  /// Why the path could not be read, when it runs into a scalar or list.
  public var blocked: Message? {
    if case .blocked(_, let message) = lookup.found { return message }
    return nil
  }

  /// The reading as results record it: status `not_applicable` (read, not judged), with what
  /// it was read for and, for an affiliate's treatment, how the subject's group holds it.
  public func check(purpose: Message, relation: Affiliation? = nil) -> Check {
    var check = Check(path: lookup.path, platform: subject.id, state: .value, found: nil,
      requirement: purpose, status: .notApplicable,
      location: lookup.node?.location ?? subject.location, wildcard: lookup.viaWildcard)
    switch lookup.found {
    case .value(let node): check.found = node.flowText
    case .null: check.state = .null
    case .missing: check.state = .missing
    case .blocked(_, let message):
      check.state = .blocked
      check.note = message
    }
    check.relation = relation
    return check
  }
}

/// An operator's verdict on a value, with the other values it compared it to.
public struct Judgement: Sendable {
  public var outcome: Outcome
  /// The values read for comparison that decided the verdict, the decisive one first.
  public var references: [Check]
  /// A sentence that replaces the generated reason.
  public var message: Message?

  public init(_ outcome: Outcome, references: [Check] = [], message: Message? = nil) {
    self.outcome = outcome
    self.references = references
    self.message = message
  }
}

/// What an operator made of a value.
public enum Outcome: Sendable, Hashable {
  case pass
  case fail
  case unknown
  /// The value cannot be judged (wrong type, off the scale); the message says why.
  case error(Message)
  /// Nothing to compare with (no affiliates on the date); the message says why.
  case notApplicable(Message)

  public var status: Status {
    switch self {
    case .pass: .pass
    case .fail: .fail
    case .unknown: .unknown
    case .error: .error
    case .notApplicable: .notApplicable
    }
  }

  init(_ holds: Bool) { self = holds ? .pass : .fail }
}

/// A leaf mapping being decoded: the node, the pack's scales, and where problems go.
public struct LeafSyntax {
  public let node: YAMLNode
  let context: DecodeContext
  let scales: [String: Scale]
  /// The leaf's own path, once decoded.
  public var path: CapabilityPath? = nil

  /// Records a problem with the argument or a sibling key.
  func error(_ node: YAMLNode, _ message: String, hint: String? = nil) {
    context.error(node, message, hint: hint)
  }

  /// The scale named by the leaf's `scale:` key, reporting a missing or unknown one.
  func scale(for key: String) -> Scale? {
    guard let scaleNode = node["scale"], !scaleNode.isNull else {
      context.error(node, "'\(key)' needs 'scale:' naming one of the pack's scales",
        hint: scales.isEmpty ? "declare one under 'scales:' in the pack" : "known scales: \(scales.keys.sorted().joined(separator: ", "))")
      return nil
    }
    guard let name = context.string(scaleNode, field: "scale") else { return nil }
    guard let scale = scales[name] else {
      context.error(scaleNode, "unknown scale '\(name)'",
        hint: scales.isEmpty ? "the pack declares no scales; declare it under 'scales:'" : Suggestion.hint(for: name, in: scales.keys.sorted()))
      return nil
    }
    return scale
  }

  /// A non-null scalar argument.
  func scalar(_ argument: YAMLNode, for key: String) -> Scalar? {
    guard argument.kind == .scalar, let scalar = argument.scalar else {
      error(argument, "'\(key)' takes a single value, found \(argument.kindDescription)",
        hint: argument.kind == .sequence ? "use 'in' or 'contains_all' for lists" : nil)
      return nil
    }
    if scalar == .null {
      error(argument, "'\(key)' needs a value, found null", hint: "to test presence use 'exists'")
      return nil
    }
    if scalar.number?.isNaN == true {
      error(argument, "'\(key)' cannot compare with NaN (.nan): nothing equals it",
        hint: "quote it ('.nan') to compare text")
      return nil
    }
    return scalar
  }

  /// A non-empty list of non-null scalars.
  func scalars(_ argument: YAMLNode, for key: String) -> [Scalar]? {
    guard argument.kind == .sequence else {
      error(argument, "'\(key)' takes a list, found \(argument.kindDescription)",
        hint: argument.kind == .scalar ? "write [\(argument.text ?? "")]" : nil)
      return nil
    }
    let values = argument.elements.compactMap { scalar($0, for: key) }
    guard values.count == argument.count else { return nil }
    guard !values.isEmpty else {
      error(argument, "'\(key)' needs at least one value")
      return nil
    }
    return values
  }
}

/// An example of an operator (or combinator) at work: a predicate, the capabilities it reads,
/// and the status it must give.
public struct OperatorExample: Sendable {
  /// The predicate in YAML flow style, e.g. `{path: v, at_least: mid, scale: level}`.
  public var predicate: String
  /// The subject's capabilities in YAML flow style.
  public var subject: String
  /// The counterparty's capabilities, for reciprocity examples.
  public var counterparty: String?
  /// Ids of the subject's affiliates on the example's date, for comparisons with affiliates.
  public var affiliates: [String]?
  public var expected: Status
  /// The key of the message the decisive check says (its note, or its requirement when it has
  /// none), when the example pins it.
  public var message: MessageKey?

  public init(
    _ predicate: String, _ subject: String, counterparty: String? = nil, affiliates: [String]? = nil,
    _ expected: Status, message: MessageKey? = nil
  ) {
    self.predicate = predicate
    self.subject = subject
    self.counterparty = counterparty
    self.affiliates = affiliates
    self.expected = expected
    self.message = message
  }

  /// The scale every example may use: `level: [low, mid, high]`.
  public static let scaleName = "level"
  public static let scaleLevels = ["low", "mid", "high"]
}
