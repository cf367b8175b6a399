/// JSON Schemas (draft 2020-12) of the file kinds, for editors such as VS Code's YAML extension.
public enum FileSchema {
  /// The schema of one kind, or of all kinds (chosen by `kind:`) when `kind` is nil.
  public static func schema(for kind: DocumentKind?) -> JSONValue {
    let base: [(String, JSONValue)] = [
      ("$schema", "https://json-schema.org/draft/2020-12/schema"),
      ("$id", .string("https://interop-audit.invalid/schema/\(kind?.rawValue ?? "any").json")),
    ]
    guard let kind else {
      return .object(base + [
        ("title", "interop-audit file (platform, rules, waivers, timeline or entities)"),
        ("type", "object"), ("required", ["kind"]),
        ("properties", .object([("kind", .object([("enum", .array(DocumentKind.allCases.map { .string($0.rawValue) }))]))])),
        ("allOf", .array(DocumentKind.allCases.map { kind in
          .object([
            ("if", .object([("properties", .object([("kind", .object([("const", .string(kind.rawValue))]))]))])),
            ("then", body(kind)),
          ])
        })),
        ("$defs", definitions),
      ])
    }
    return .object(base + [("$defs", definitions)] + objectPairs(body(kind)))
  }

  /// The schema of `.interop-audit.yaml` (`audit schema config`), which has no `kind:`; its
  /// format and language names are the caller's, since the formats live in AuditReports.
  public static func configSchema(formats: [String], languages: [String]) -> JSONValue {
    let names: ([String]) -> JSONValue = { .object([("enum", .array($0.map { .string($0) }))]) }
    let body = object("interop-audit project settings (\(ProjectConfig.fileName))", required: [], [
      ("paths", describe("Manifest files or directories, relative to this file.", strings)),
      ("rules", describe("Rule pack files or directories (relative to this file), or installed pack names.", strings)),
      ("waivers", describe("Waiver files, relative to this file.", strings)),
      ("as_of", describe("Evaluate as of this date.", ref("date"))),
      ("fail_on", names(FailThreshold.allCases.map(\.rawValue))),
      ("strict", .object([("type", "boolean")])),
      ("lang", names(languages)),
      ("formats", .object([("type", "array"), ("items", names(formats))])),
      ("output", describe("The output directory of 'audit run', relative to this file; '-' for standard output.", string)),
      ("allow", describe("Warning codes not to report.", strings)),
    ])
    return .object([
      ("$schema", "https://json-schema.org/draft/2020-12/schema"),
      ("$id", "https://interop-audit.invalid/schema/config.json"),
      ("$defs", definitions),
    ] + objectPairs(body))
  }

  private static func objectPairs(_ value: JSONValue) -> [(String, JSONValue)] {
    if case .object(let pairs) = value { return pairs }
    return []
  }

  private static func object(_ title: String, required: [String], _ properties: [(String, JSONValue)]) -> JSONValue {
    .object([
      ("title", .string(title)), ("type", "object"), ("additionalProperties", false),
      ("required", .array(required.map { .string($0) })), ("properties", .object(properties)),
    ])
  }

  /// `value` with exactly one of `keys` required, as the decoder insists.
  private static func exactlyOne(_ keys: [String], _ value: JSONValue) -> JSONValue {
    .object(objectPairs(value) + [("oneOf", .array(keys.map { .object([("required", .array([.string($0)]))]) }))])
  }

  private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }
  private static let string: JSONValue = .object([("type", "string")])
  private static let strings: JSONValue = .object([("type", "array"), ("items", .object([("type", "string")]))])
  /// YYYY, YYYY-MM or a full date, as timelines and entities write them; an unquoted year is an
  /// integer to YAML, so it is accepted as one.
  private static let partialDate: JSONValue = .object([("anyOf", .array([
    ref("date"),
    .object([("type", "string"), ("pattern", "^[0-9]{4}(-(0[1-9]|1[0-2]))?$")]),
    .object([("type", "integer"), ("minimum", 1000), ("maximum", 9999)]),
  ]))])
  private static func describe(_ text: String, _ value: JSONValue) -> JSONValue {
    .object(objectPairs(value) + [("description", .string(text))])
  }

  private static func body(_ kind: DocumentKind) -> JSONValue {
    switch kind {
    case .platform:
      return object("Platform capability manifest", required: ["kind", "id", "as_of"], [
        ("kind", .object([("const", "platform")])),
        ("id", describe("Stable id; other manifests and rules refer to it.", ref("id"))),
        ("name", string), ("name_en", string), ("operator", string),
        ("categories", strings), ("jurisdictions", strings),
        ("as_of", describe("The date these capabilities were observed or announced.", ref("date"))),
        ("version", string),
        ("capabilities", describe("Free-form tree; rule paths are rooted here. null means not known.", .object([("type", "object")]))),
        ("evidence", .object([("type", "array"), ("items", ref("evidence"))])),
        ("notes", string),
      ])
    case .rules:
      return object("Rule pack", required: ["kind", "pack"], [
        ("kind", .object([("const", "rules")])),
        ("pack", describe("Pack id; files with the same id merge.", ref("id"))),
        ("title", string), ("title_en", string), ("version", string), ("notes", string),
        ("scales", describe("Ordinal vocabularies, worst first.", .object([("type", "object"),
          ("additionalProperties", .object([("type", "array"), ("minItems", 2), ("items", string)]))]))),
        ("matrices", .object([("type", "array"), ("items", object("Interconnection matrix", required: ["id", "title", "path", "scale"], [
          ("id", ref("id")), ("title", string), ("title_en", string), ("path", string), ("scale", string),
        ]))])),
        ("obligations", .object([("type", "array"), ("items", ref("obligation"))])),
        ("evidence", describe("Default evidence requirement of the pack's obligations.", ref("evidence_requirement"))),
      ])
    case .waivers:
      return object("Waivers", required: ["kind", "waivers"], [
        ("kind", .object([("const", "waivers")])), ("notes", string),
        ("waivers", .object([("type", "array"), ("items", object("Waiver", required: ["obligation", "platform", "reason", "expires"], [
          ("obligation", string), ("platform", ref("id")), ("counterparty", ref("id")), ("reason", string),
          ("approved_by", string), ("expires", describe("Last day in force.", ref("date"))), ("notes", string),
        ]))])),
      ])
    case .timeline:
      return object("Timeline", required: ["kind", "id", "title", "events"], [
        ("kind", .object([("const", "timeline")])), ("id", ref("id")), ("title", string), ("title_en", string),
        ("source", string), ("notes", string),
        ("events", .object([("type", "array"), ("items", object("Event", required: ["date", "type", "actors", "title", "source"], [
          ("date", describe("YYYY, YYYY-MM or YYYY-MM-DD; a bare year may be written unquoted.", partialDate)),
          ("type", .object([("enum", .array(Event.Kind.allCases.filter { $0 != .change }.map { .string($0.rawValue) }))])),
          ("actors", strings), ("affects", strings), ("title", string), ("title_en", string),
          ("source", string), ("note", string),
        ]))])),
      ])
    case .entities:
      return object("Entities", required: ["kind", "entities"], [
        ("kind", .object([("const", "entities")])), ("notes", string),
        ("entities", .object([("type", "array"), ("items", object("Entity", required: ["id", "holds"], [
          ("id", ref("id")), ("name", string), ("name_en", string), ("notes", string),
          ("holds", .object([("type", "array"), ("items", object("Holding", required: ["platform", "relation", "source"], [
            ("platform", ref("id")),
            ("relation", describe("controls: operates the platform; invests: holds a minority stake.",
              .object([("enum", .array(Holding.Relation.allCases.map { .string($0.rawValue) }))]))),
            ("share", describe("The stake as a fraction (0.17 for 17 %), relation invests only.",
              .object([("type", "number"), ("exclusiveMinimum", 0), ("maximum", 1)]))),
            ("from", describe("First day held (inclusive); YYYY or YYYY-MM mean the first day.", partialDate)),
            ("until", describe("First day no longer held (exclusive).", partialDate)),
            ("source", string), ("note", string),
          ]))])),
        ]))])),
      ])
    }
  }

  private static var definitions: JSONValue {
    var leafProperties: [(String, JSONValue)] = [("path", describe("Dotted path; {counterparty} is the other platform's id.", string))]
    for type in OperatorRegistry.all {
      leafProperties.append((type.key, describe(type.summary, type.argumentSchema)))
      for extra in type.extraKeys where !leafProperties.contains(where: { $0.0 == extra }) {
        leafProperties.append((extra, describe("The scale the level belongs to.", string)))
      }
    }
    let predicate: JSONValue = .object([
      ("type", "object"),
      ("oneOf", .array([
        .object([("required", ["path"]), ("properties", .object(leafProperties)), ("additionalProperties", false),
          ("oneOf", .array(OperatorRegistry.all.map { .object([("required", .array([.string($0.key)]))]) }))]),
        .object([("required", ["all"]), ("additionalProperties", false), ("properties", .object([("all", .object([("type", "array"), ("items", ref("predicate"))]))]))]),
        .object([("required", ["any"]), ("additionalProperties", false), ("properties", .object([("any", .object([("type", "array"), ("items", ref("predicate"))]))]))]),
        .object([("required", ["not"]), ("additionalProperties", false), ("properties", .object([("not", ref("predicate"))]))]),
        .object([("required", ["reciprocal"]), ("additionalProperties", false), ("properties", .object([("reciprocal",
          object("Reciprocity", required: ["path", "scale"], [("path", string), ("scale", string)]))]))]),
      ])),
    ])
    let scope = object("Scope", required: [], [("categories", strings), ("jurisdictions", strings)])
    let counterpartyScope = object("Counterparty scope", required: [], [
      ("categories", strings), ("jurisdictions", strings),
      ("relation", describe("rival: not held by the subject's controller; affiliate: held by it (entities).",
        .object([("enum", .array(Scope.Relation.allCases.map { .string($0.rawValue) }))]))),
    ])
    let partialManifest: JSONValue = .object([("type", "object")])
    let start: JSONValue = .object([("oneOf", .array([
      ref("date"),
      describe("The day after the period `within` (ISO 8601, e.g. P6M, P2Y) from the date at path `of` in each manifest.",
        object("RelativeStart", required: ["within", "of"], [
          ("within", .object([("type", "string"), ("pattern", "^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?$")])),
          ("of", string),
        ])),
    ]))])
    return .object([
      ("id", .object([("type", "string"), ("pattern", .string(IdentifierPattern.lowercase.regex))])),
      ("date", .object([("type", "string"), ("format", "date"), ("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")])),
      ("evidence", object("Evidence", required: ["path", "source"], [
        ("path", string), ("source", string), ("observed", ref("date")),
        ("method", .object([("enum", .array(Evidence.Method.allCases.map { .string($0.rawValue) }))])),
        ("note", string),
      ])),
      ("evidence_requirement", object("Evidence requirement", required: ["at_least"], [
        ("at_least", describe("The weakest method that counts: announcement < report < filing < test.",
          .object([("enum", .array(Evidence.Method.allCases.map { .string($0.rawValue) }))]))),
        ("max_age_days", describe("The oldest evidence that counts, in days before the as-of date.",
          .object([("type", "integer"), ("minimum", 0)]))),
      ])),
      ("predicate", predicate),
      ("obligation", exactlyOne(["require", "phases"], object("Obligation", required: ["id", "title", "severity"], [
        ("id", .object([("type", "string"), ("pattern", .string(IdentifierPattern.obligation.regex))])),
        ("title", string), ("title_en", string), ("description", string),
        ("basis", object("Basis", required: ["instrument"], [
          ("instrument", string), ("date", ref("date")), ("url", string), ("article", string), ("note", string),
        ])),
        ("severity", .object([("enum", .array(Severity.allCases.map { .string($0.rawValue) }))])),
        ("applies_to", scope), ("counterparties", counterpartyScope), ("effective", start),
        ("per", .object([("enum", .array(Obligation.Per.allCases.map { .string($0.rawValue) }))])),
        ("when", ref("predicate")), ("require", ref("predicate")),
        ("phases", .object([("type", "array"), ("items", object("Phase", required: ["from", "require"], [
          ("from", start), ("label", string), ("require", ref("predicate")),
        ]))])),
        ("remediation", string), ("remediation_en", string), ("notes", string),
        ("evidence", describe("Evidence a pass needs; replaces the pack's default.", ref("evidence_requirement"))),
        ("examples", .object([("type", "array"), ("items", object("Example", required: ["status", "manifest"], [
          ("name", string),
          ("status", .object([("enum", .array(Status.allCases.filter { $0 != .waived }.map { .string($0.rawValue) }))])),
          ("manifest", partialManifest), ("counterparty", partialManifest),
          ("affiliates", describe("Ids of the subject's affiliates in this example.", strings)), ("as_of", ref("date")),
        ]))])),
      ]))),
    ])
  }
}
