/// Every message key the engine and its operators use: what each report catalogue must
/// translate. An operator's keys come from its `messages`; the engine's from the files that say
/// them.
enum MessageCatalogue {
  static let keys: [MessageKey] = {
    var seen = Set<String>()
    var keys: [MessageKey] = []
    let engine: [MessageKey] = [
      .verbatim, .sentenceList, .joinOr, .joinAnd, .joinNor, .sentenceSeparator, .listSeparator, .noKey,
    ]
    let groups: [[MessageKey]] = [
      engine, Check.messages, ObligationEvaluator.messages, EvidenceCheck.messages, Engine.messages,
      ReciprocalCheck.messages, Predicate.messages, ValueComparison.messages, ScaleComparison.messages,
      DateValue.messages, ResultsDiff.messages, CapabilityChange.messages, DecodeContext.messages, YAMLParser.messages,
    ] + OperatorRegistry.all.map { $0.messages }
    for key in groups.joined() where seen.insert(key.id).inserted { keys.append(key) }
    return keys
  }()

  static let byID: [String: MessageKey] = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
}
