extension Waiver {
  static let fileKeys = ["kind", "waivers", "notes"]
  static let keys = ["obligation", "platform", "counterparty", "reason", "approved_by", "expires", "notes"]

  /// Decodes a `kind: waivers` document.
  static func decodeFile(_ node: YAMLNode, context: DecodeContext) -> [Waiver] {
    guard let map = context.mapping(node, keys: fileKeys, what: Noun.waiversFile) else { return [] }
    return (map.list("waivers", required: true) ?? []).compactMap { decode($0, context: context) }
  }

  static func decode(_ node: YAMLNode, context: DecodeContext) -> Waiver? {
    guard let map = context.mapping(node, keys: keys, what: Noun.waiver) else { return nil }
    let mark = context.diagnostics.count
    let obligation = map.identifier("obligation", required: true, pattern: .obligation)
    let platform = map.identifier("platform", required: true)
    let counterparty = map.identifier("counterparty")
    let reason = map.string("reason", required: true)
    let expires = map.required("expires").flatMap { context.day($0, field: "expires") }
    if map.node["expires"] == nil {
      context.append(.error(node.location, "a waiver needs 'expires'",
        hint: "waivers are time-bounded; after the date the check's own result returns"))
    }
    guard let obligation, let platform, let reason, let expires, !context.hasErrors(since: mark)
    else { return nil }
    return Waiver(obligation: obligation, platform: platform, counterparty: counterparty,
      reason: reason, approvedBy: map.string("approved_by"), expires: expires,
      notes: map.string("notes"), location: node.location)
  }
}
