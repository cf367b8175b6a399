/// The JSON Schema (draft 2020-12) of `results.json`, schema `interop-audit/results/2`, that
/// `audit schema results` prints: the encoding in full for what every result repeats (results,
/// checks, locations, the inputs table), the other sections by their shape.
public enum ResultsSchema {
  public static var schema: JSONValue {
    .object([
      ("$schema", "https://json-schema.org/draft/2020-12/schema"),
      ("$id", "https://interop-audit.invalid/schema/results-2.json"),
      ("title", "interop-audit results.json (interop-audit/results/2)"),
      ("description", .string("""
        One result per line. A location is [input, line, column]: input is the index of the file in \
        'inputs' (its path, for a file that is not an input). Left out when they say nothing: a check's \
        'platform' when it is the result's, its 'state' when it is 'value', 'wildcard' when false, a \
        result's empty 'checks' and \
        'evidence', its 'evidence_strength' when it is 'none' and the result rests on a value (a \
        check without 'incidental'), and every null field. A check's 'message' that is its result's \
        'reason' is written "". A result's 'reason' is its 'reason_message' rendered in English.
        """)),
      ("type", "object"),
      ("required", ["schema", "tool", "as_of", "summary", "inputs", "packs", "obligations", "platforms", "results",
        "matrices", "waivers", "diagnostics"]),
      ("properties", .object([
        ("schema", .object([("const", .string(ResultsDocument.schemaID))])),
        ("tool", object(required: ["name", "version"], [("name", string), ("version", string)])),
        ("as_of", date),
        ("generated_at", string),
        ("summary", .object([("type", "object"), ("required", ["platforms", "obligations", "results", "by_status"])])),
        ("inputs", .object([("type", "array"), ("items", object(required: ["path", "sha256", "kinds"], [
          ("path", string),
          ("sha256", .object([("type", "string"), ("pattern", "^[0-9a-f]{64}$")])),
          ("kinds", .object([("type", "array"), ("items", .object([("enum", .array(DocumentKind.allCases.map { .string($0.rawValue) }))]))])),
        ]))])),
        ("packs", objects),
        ("obligations", objects),
        ("platforms", objects),
        ("results", .object([("type", "array"), ("items", ref("result"))])),
        ("matrices", objects),
        ("waivers", objects),
        ("diagnostics", objects),
      ])),
      ("$defs", .object([
        ("location", .object([
          ("description", "[input, line, column], 1-based"),
          ("type", "array"), ("minItems", 3), ("maxItems", 3),
          ("prefixItems", [
            .object([("anyOf", [.object([("type", "integer"), ("minimum", 0)]), string])]),
            .object([("type", "integer"), ("minimum", 0)]),
            .object([("type", "integer"), ("minimum", 0)]),
          ]),
        ])),
        ("status", .object([("enum", .array(Status.allCases.map { .string($0.rawValue) }))])),
        ("message", .object([("type", "object"), ("required", ["id"]), ("properties", .object([
          ("id", string), ("arguments", .object([("type", "object")])),
        ]))])),
        ("result", object(required: ["obligation", "pack", "platform", "status", "severity", "reason", "reason_message"], [
          ("obligation", string), ("pack", string), ("platform", string), ("counterparty", string),
          ("status", ref("status")),
          ("severity", .object([("enum", .array(Severity.allCases.map { .string($0.rawValue) }))])),
          ("reason", string), ("reason_message", ref("message")), ("location", ref("location")),
          ("upcoming", .object([("type", "object")])),
          ("waiver", waiver), ("expired_waiver", waiver),
          ("checks", .object([("type", "array"), ("minItems", 1), ("items", ref("check"))])),
          ("evidence", .object([("type", "array"), ("minItems", 1), ("items", .object([("type", "object"),
            ("properties", .object([("location", ref("location"))]))]))])),
          ("evidence_strength", .object([("enum", .array(EvidenceStrength.allCases.map { .string($0.rawValue) })),
            ("description", "absent: none when a check is not incidental, else the result rests on no value")])),
          ("evidence_observed", date), ("evidence_source", string),
          ("evidence_shortfall", string),
        ])),
        ("check", object(required: ["path", "required", "status"], [
          ("path", string),
          ("platform", .object([("type", "string"), ("description", "absent: the result's platform")])),
          ("state", .object([("enum", ["value", "null", "missing", "blocked"]), ("description", "absent: value")])),
          ("found", string), ("required", string), ("status", ref("status")), ("location", ref("location")),
          ("phase", string),
          ("message", .object([("type", "string"), ("description", "\"\": the result's reason")])),
          ("wildcard", .object([("const", true), ("description", "absent: false")])),
          ("method", string), ("observed", date), ("source", string),
          ("incidental", .object([("const", true)])),
          ("relation", .object([("type", "object")])),
        ])),
      ])),
    ])
  }

  private static let string: JSONValue = .object([("type", "string")])
  private static let date: JSONValue = .object([("type", "string"), ("format", "date")])
  private static let objects: JSONValue = .object([("type", "array"), ("items", .object([("type", "object")]))])
  private static var waiver: JSONValue {
    .object([("type", "object"), ("required", ["status", "reason", "expires", "location"]),
      ("properties", .object([("location", ref("location"))]))])
  }

  private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

  private static func object(required: [String], _ properties: [(String, JSONValue)]) -> JSONValue {
    .object([
      ("type", "object"), ("additionalProperties", false),
      ("required", .array(required.map { .string($0) })), ("properties", .object(properties)),
    ])
  }
}
