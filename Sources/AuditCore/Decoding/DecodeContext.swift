/// Collects every problem met while turning YAML nodes into the model, so that a user sees
/// them all at once.
public final class DecodeContext {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  func error(_ node: YAMLNode, _ message: String, hint: String? = nil) {
    diagnostics.append(.error(node.location, message, hint: hint))
  }

  /// Records a problem said as a message, which reports can render in their language.
  func error(_ node: YAMLNode, _ message: Message, hint: Message? = nil) {
    diagnostics.append(.error(node.location, message, hint: hint))
  }

  func warning(_ code: WarningCode, _ node: YAMLNode, _ message: String, hint: String? = nil) {
    diagnostics.append(.warning(code, node.location, message, hint: hint))
  }

  func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  func append(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

  /// Whether errors were recorded since `mark` (a previous `diagnostics.count`).
  func hasErrors(since mark: Int) -> Bool {
    diagnostics[mark...].contains { $0.severity == .error }
  }

  /// A mapping with only the `keys` allowed; unknown keys are reported with a suggestion.
  func mapping(_ node: YAMLNode, keys: [String], what: Message) -> MappingReader? {
    guard node.kind == .mapping else {
      error(node, Message(.expectedMapping, ["what": .message(what), "found": .message(.kind(of: node))]))
      return nil
    }
    for (key, _) in node.entries {
      guard let name = key.text, !keys.contains(name) else { continue }
      error(key, Message(.unknownKey, ["key": .text(name), "what": .message(what)]),
        hint: Suggestion.hintMessage(for: name, in: keys))
    }
    return MappingReader(node: node, context: self, what: what)
  }

  /// A string from a scalar; `nil` and an error for anything else.
  func string(_ node: YAMLNode, field: String) -> String? {
    guard node.kind == .scalar, !node.isNull, let text = node.text else {
      error(node, Message(.notAString, ["field": .text(field), "found": .message(.kind(of: node))]))
      return nil
    }
    return text
  }

  /// A calendar date written `YYYY-MM-DD`.
  func day(_ node: YAMLNode, field: String) -> Day? {
    guard let text = string(node, field: field) else { return nil }
    guard let day = Day(text) else {
      error(node, "'\(field)' must be a date written YYYY-MM-DD, found '\(Bounded.quote(text))'")
      return nil
    }
    return day
  }

  /// A boolean: only `true` or `false` (YAML 1.2; `yes`/`no` are strings).
  func bool(_ node: YAMLNode, field: String) -> Bool? {
    if case .bool(let value) = node.scalar { return value }
    let found = node.text.map { MessageArgument.text("'\($0)'") } ?? .message(.kind(of: node))
    let hint = ["yes", "no", "on", "off", "y", "n"].contains(node.text?.lowercased() ?? "")
      ? Message(.yaml11Bool, ["found": found]) : nil
    error(node, Message(.notABool, ["field": .text(field), "found": found]), hint: hint)
    return nil
  }

  /// A list of strings; a single string is an error with a hint to bracket it.
  func strings(_ node: YAMLNode, field: String) -> [String]? {
    guard node.kind == .sequence else {
      let hint = node.kind == .scalar && !node.isNull ? Message(.bracketIt, ["value": .text(node.text ?? "")]) : nil
      error(node, Message(.notAList, ["field": .text(field), "found": .message(.kind(of: node))]), hint: hint)
      return nil
    }
    var values: [String] = []
    for element in node.elements {
      if let value = string(element, field: field) { values.append(value) }
    }
    return values
  }

  /// An identifier made of lowercase letters, digits and hyphens.
  func identifier(_ node: YAMLNode, field: String, pattern: IdentifierPattern = .lowercase)
    -> String?
  {
    guard let text = string(node, field: field) else { return nil }
    guard pattern.matches(text) else {
      error(node, "'\(field)' must match \(pattern.description), found '\(Bounded.quote(text))'")
      return nil
    }
    return text
  }

  /// One of a fixed set of words, with a suggestion when misspelt.
  func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, field: String, as: T.Type, excluding: [T] = [])
    -> T? where T.RawValue == String
  {
    guard let text = string(node, field: field) else { return nil }
    if let value = T(rawValue: text), !excluding.contains(where: { $0.rawValue == text }) { return value }
    let allowed = T.allCases.map(\.rawValue).filter { value in !excluding.contains { $0.rawValue == value } }
    error(node, "'\(field)' must be one of: \(allowed.joined(separator: ", ")); found '\(Bounded.quote(text))'",
      hint: Suggestion.closest(to: text, in: allowed).map { "did you mean '\($0)'?" })
    return nil
  }
}

/// The allowed shapes of identifiers.
public enum IdentifierPattern: Sendable {
  /// `[a-z0-9-]+`, for platform, pack and timeline ids.
  case lowercase
  /// `[A-Za-z0-9._-]+`, for obligation ids such as `CN-LINK-PRIVATE`.
  case obligation

  public var description: String {
    switch self {
    case .lowercase: "[a-z0-9-]+ (lowercase letters, digits, hyphens)"
    case .obligation: "[A-Za-z0-9._-]+"
    }
  }

  public var regex: String {
    switch self {
    case .lowercase: "^[a-z0-9][a-z0-9-]*$"
    case .obligation: "^[A-Za-z0-9][A-Za-z0-9._-]*$"
    }
  }

  public func matches(_ text: String) -> Bool {
    guard let first = text.utf8.first, Self.isAllowed(first, self), first != UInt8(ascii: "-")
    else { return false }
    return text.utf8.allSatisfy { Self.isAllowed($0, self) }
  }

  private static func isAllowed(_ byte: UInt8, _ pattern: IdentifierPattern) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"):
      return true
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "."), UInt8(ascii: "_"):
      return pattern == .obligation
    default:
      return false
    }
  }
}

/// Typed access to a mapping's keys; every problem goes to the context.
struct MappingReader {
  let node: YAMLNode
  let context: DecodeContext
  let what: Message

  /// The value under `key`; a null value counts as absent.
  func value(_ key: String) -> YAMLNode? {
    guard let value = node[key], !value.isNull else { return nil }
    return value
  }

  /// The value under `key`, reporting its absence when required.
  func required(_ key: String) -> YAMLNode? {
    if let value = value(key) { return value }
    if let present = node[key] {
      context.error(present, Message(.needsValue, ["key": .text(key), "what": .message(what)]))
    } else {
      context.error(node, Message(.missingKey, ["key": .text(key), "what": .message(what)]))
    }
    return nil
  }

  func string(_ key: String, required: Bool = false) -> String? {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    return context.string(value, field: key)
  }

  func identifier(_ key: String, required: Bool = false, pattern: IdentifierPattern = .lowercase)
    -> String?
  {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    return context.identifier(value, field: key, pattern: pattern)
  }

  func day(_ key: String, required: Bool = false) -> Day? {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    return context.day(value, field: key)
  }

  func bool(_ key: String) -> Bool? {
    guard let value = value(key) else { return nil }
    return context.bool(value, field: key)
  }

  func strings(_ key: String, required: Bool = false) -> [String]? {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    return context.strings(value, field: key)
  }

  func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type, required: Bool = false)
    -> T? where T.RawValue == String
  {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    return context.choice(value, field: key, as: type)
  }

  /// The items of a list under `key`; an error when it is something else.
  func list(_ key: String, required: Bool = false) -> [YAMLNode]? {
    guard let value = required ? self.required(key) : value(key) else { return nil }
    guard value.kind == .sequence else {
      context.error(value, Message(.notAList, ["field": .text(key), "found": .message(.kind(of: value))]))
      return nil
    }
    return value.elements
  }
}
