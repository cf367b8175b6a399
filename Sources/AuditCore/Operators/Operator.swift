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
  /// Judges a path that is absent from the manifest; `unknown` unless the operator knows better.
  func evaluateMissing() -> Outcome
  /// What the operator requires, in words: "at least 'interstitial' on link_access".
  var requirement: String { get }
}

extension Operator {
  public static var extraKeys: [String] { [] }
  public func evaluateMissing() -> Outcome { .unknown }
}

/// What an operator made of a value.
public enum Outcome: Sendable, Hashable {
  case pass
  case fail
  case unknown
  /// The value cannot be judged (wrong type, off the scale); the text says why.
  case error(String)

  public var status: Status {
    switch self {
    case .pass: .pass
    case .fail: .fail
    case .unknown: .unknown
    case .error: .error
    }
  }

  init(_ holds: Bool) { self = holds ? .pass : .fail }
}

/// A leaf mapping being decoded: the node, the pack's scales, and where problems go.
public struct LeafSyntax {
  public let node: YAMLNode
  let context: DecodeContext
  let scales: [String: Scale]

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
        hint: Suggestion.hint(for: name, in: scales.keys.sorted()))
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
  public var expected: Status

  public init(_ predicate: String, _ subject: String, counterparty: String? = nil, _ expected: Status) {
    self.predicate = predicate
    self.subject = subject
    self.counterparty = counterparty
    self.expected = expected
  }

  /// The scale every example may use: `level: [low, mid, high]`.
  public static let scaleName = "level"
  public static let scaleLevels = ["low", "mid", "high"]
}
