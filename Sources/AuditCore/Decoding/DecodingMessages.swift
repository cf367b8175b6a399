/// The diagnostics a user meets most while rules and manifests load — an unknown key (with its
/// "did you mean"), a value of the wrong type, a missing required key — as typed messages, so
/// that a report in another language can say them (`Diagnostic.typed`); the English is what the
/// loader always printed. The things a mapping may be ("in a platform manifest") are messages
/// too, so that the sentence they sit in translates whole.
extension DecodeContext {
  static let messages: [MessageKey] = [
    .unknownKey, .didYouMean, .expectedOneOf, .predicateShape, .operatorList, .expectedMapping, .notAString,
    .notAList, .notABool, .yaml11Bool, .bracketIt, .missingKey, .needsValue,
  ] + Noun.all
}

extension MessageKey {
  static let unknownKey = MessageKey("decode.unknown_key", "unknown key '{key}' in {what}")
  static let didYouMean = MessageKey("decode.did_you_mean", "did you mean '{name}'?")
  static let expectedOneOf = MessageKey("decode.expected_one_of", "expected one of: {names}")
  static let predicateShape = MessageKey("decode.predicate_shape",
    "a predicate is {shape} or one of all, any, not, reciprocal")
  static let operatorList = MessageKey("decode.operators", "operators: {operators}")
  static let expectedMapping = MessageKey("decode.expected_mapping", "expected {what} (a mapping), found {found}")
  static let notAString = MessageKey("decode.not_a_string", "'{field}' must be a string, found {found}")
  static let notAList = MessageKey("decode.not_a_list", "'{field}' must be a list, found {found}")
  static let notABool = MessageKey("decode.not_a_bool", "'{field}' must be true or false, found {found}")
  static let yaml11Bool = MessageKey("decode.yaml11_bool", "YAML 1.2 reads {found} as a string; write true or false")
  static let bracketIt = MessageKey("decode.bracket", "write [{value}]")
  static let missingKey = MessageKey("decode.missing_key", "missing required key '{key}' in {what}")
  static let needsValue = MessageKey("decode.needs_value", "'{key}' in {what} must have a value")
}

/// What a mapping being decoded is, as diagnostics name it: "unknown key 'x' in a waiver".
enum Noun {
  static let timeline = Message(MessageKey("noun.timeline", "a timeline"))
  static let event = Message(MessageKey("noun.event", "an event"))
  static let platformManifest = Message(MessageKey("noun.platform_manifest", "a platform manifest"))
  static let exampleManifest = Message(MessageKey("noun.example_manifest", "an example manifest"))
  static let evidenceEntry = Message(MessageKey("noun.evidence_entry", "an evidence entry"))
  static let entitiesFile = Message(MessageKey("noun.entities_file", "an entities file"))
  static let entity = Message(MessageKey("noun.entity", "an entity"))
  static let holding = Message(MessageKey("noun.holding", "a holding"))
  static let waiversFile = Message(MessageKey("noun.waivers_file", "a waivers file"))
  static let waiver = Message(MessageKey("noun.waiver", "a waiver"))
  static let rulePack = Message(MessageKey("noun.rule_pack", "a rule pack"))
  static let obligation = Message(MessageKey("noun.obligation", "an obligation"))
  static let phase = Message(MessageKey("noun.phase", "a phase"))
  static let matrix = Message(MessageKey("noun.matrix", "a matrix"))
  static let example = Message(MessageKey("noun.example", "an example"))
  static let predicate = Message(MessageKey("noun.predicate", "a predicate"))
  static let configFile = Message(MessageKey("noun.config_file", "the config file"))
  private static let fieldKey = MessageKey("noun.field", "'{field}'")
  private static let relativeDateKey = MessageKey("noun.relative_date", "a relative '{field}' date")
  private static let requirementKey = MessageKey("noun.requirement", "'{field}' (a requirement)")

  /// "in 'evidence' (a requirement)": the key is YAML, the rest is words.
  static let evidenceRequirement = Message(requirementKey, ["field": .text("evidence")])

  /// A key named by itself: "in 'basis'".
  static func field(_ name: String) -> Message { Message(fieldKey, ["field": .text(name)]) }
  /// "in a relative 'from' date".
  static func relativeDate(_ field: String) -> Message { Message(relativeDateKey, ["field": .text(field)]) }

  static let all: [MessageKey] = [
    timeline, event, platformManifest, exampleManifest, evidenceEntry, entitiesFile, entity, holding, waiversFile,
    waiver, rulePack, obligation, phase, matrix, example, predicate, configFile,
  ].map(\.key) + [fieldKey, relativeDateKey, requirementKey]
}

extension Suggestion {
  /// `hint(for:in:)` as a message.
  static func hintMessage(for word: String, in candidates: [String]) -> Message {
    if let match = closest(to: word, in: candidates) { return Message(.didYouMean, ["name": .text(match)]) }
    return Message(.expectedOneOf, ["names": .text(candidates.joined(separator: ", "))])
  }
}
