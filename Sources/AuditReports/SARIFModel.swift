import AuditCore
/// The part of the SARIF 2.1.0 object model that `SARIFReport` writes, with keys in the order
/// the specification lists them. Optional members are left out when `nil`.
extension SARIFReport {
  struct Log: Encodable {
    var schema: String
    var version: String
    var runs: [Run]
    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
  }

  struct Run: Encodable {
    var tool: Tool
    var invocations: [Invocation]
    var originalUriBaseIds: [String: ArtifactLocation]
    var artifacts: [Artifact]
    var results: [SARIFResult]
    var columnKind: String
    var properties: RunProperties
  }

  struct Tool: Encodable { var driver: Driver }

  struct Driver: Encodable {
    var name: String
    var version: String
    var semanticVersion: String
    var rules: [Rule]
  }

  struct Rule: Encodable {
    var id: String
    var name: String
    var shortDescription: Message
    var fullDescription: Message
    var helpUri: String?
    var help: Message
    /// The patterns of the rule's result messages by id: `{"check.required": {"text": "…"}}`.
    var messageStrings: JSONValue? = nil
    var defaultConfiguration: Configuration
    var properties: RuleProperties
  }

  struct Configuration: Encodable { var level: String }

  struct RuleProperties: Encodable {
    var tags: [String]
    var pack: String
    var severity: String
    var per: String
  }

  /// A message: the text, and for results the id of a `messageStrings` entry of its rule and
  /// the arguments that fill its `{0}`, `{1}`, … (SARIF 2.1.0 §3.11).
  struct Message: Encodable {
    var text: String
    var id: String? = nil
    var arguments: [String]? = nil
  }

  struct Invocation: Encodable {
    var executionSuccessful: Bool
    var toolExecutionNotifications: [Notification]
  }

  struct Notification: Encodable {
    var level: String
    var message: Message
    var locations: [Location]?
  }

  struct Artifact: Encodable {
    var location: ArtifactLocation
    var roles: [String]
    var hashes: [String: String]
  }

  struct ArtifactLocation: Encodable {
    var uri: String?
    var uriBaseId: String?
    var index: Int?
    var description: Message?
  }

  struct SARIFResult: Encodable {
    var ruleId: String
    var ruleIndex: Int?
    var kind: String
    var level: String
    var message: Message
    var locations: [Location]
    /// The values a result was compared with (the other side of a reciprocity test, the
    /// best-treated affiliate), so that code-scanning views link both.
    var relatedLocations: [Location]? = nil
    /// In a diff: `new`, `unchanged`, `updated` or `absent` against the older side.
    var baselineState: String? = nil
    var partialFingerprints: [String: String]
    var properties: ResultProperties
  }

  struct Location: Encodable {
    var id: Int? = nil
    var physicalLocation: PhysicalLocation
    var message: Message? = nil
  }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
  }

  /// A result's own properties; its pack and severity are its rule's (`RuleProperties`),
  /// except in a diff, whose rules are built from the entries.
  struct ResultProperties: Encodable {
    var status: String
    var severity: String? = nil
    var pack: String? = nil
    var platform: String
    var counterparty: String?
    /// The weakest of the entries that count for the values the result rests on: its method,
    /// date and source.
    var evidenceStrength: String? = nil
    var evidenceObserved: String? = nil
    var evidenceSource: String? = nil
    /// The values the result rests on, each with its entry's method, date and source.
    var restsOn: [String]? = nil
  }

  struct RunProperties: Encodable {
    var asOf: String
    var generatedAt: String?
    var resultsSchema: String
  }
}

// A result, and what it holds, written as its synthesized `encode(to:)` would write it on one
// line (`CompactJSON`): a run's results are most of its log.
extension SARIFReport.SARIFResult: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("ruleId", ruleId)
      json.field("ruleIndex", ruleIndex)
      json.field("kind", kind)
      json.field("level", level)
      json.field("message", message)
      json.field("locations", locations)
      json.field("relatedLocations", relatedLocations)
      json.field("baselineState", baselineState)
      json.field("partialFingerprints", partialFingerprints)
      json.field("properties", properties)
    }
  }
}

extension SARIFReport.Message: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("text", text)
      json.field("id", id)
      json.field("arguments", arguments)
    }
  }
}

extension SARIFReport.Location: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("id", id)
      json.field("physicalLocation", physicalLocation)
      json.field("message", message)
    }
  }
}

extension SARIFReport.PhysicalLocation: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("artifactLocation", artifactLocation)
      json.field("region", region)
    }
  }
}

extension SARIFReport.Region: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("startLine", startLine)
      json.field("startColumn", startColumn)
    }
  }
}

extension SARIFReport.ArtifactLocation: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("uri", uri)
      json.field("uriBaseId", uriBaseId)
      json.field("index", index)
      json.field("description", description)
    }
  }
}

extension SARIFReport.ResultProperties: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("status", status)
      json.field("severity", severity)
      json.field("pack", pack)
      json.field("platform", platform)
      json.field("counterparty", counterparty)
      json.field("evidenceStrength", evidenceStrength)
      json.field("evidenceObserved", evidenceObserved)
      json.field("evidenceSource", evidenceSource)
      json.field("restsOn", restsOn)
    }
  }
}
