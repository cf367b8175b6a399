/// The part of the OSCAL 1.1 assessment-results model that `OSCALReport` writes, keys in the
/// order of the OSCAL JSON schema. Optional members are left out when `nil`; OSCAL forbids
/// empty lists, so lists that may be empty are optional too.
extension OSCALReport {
  struct Root: Encodable {
    var assessmentResults: AssessmentResults
    enum CodingKeys: String, CodingKey { case assessmentResults = "assessment-results" }
  }

  struct AssessmentResults: Encodable {
    var uuid: String
    var metadata: Metadata
    var importAP: ImportAP
    var results: [ResultSet]
    var backMatter: BackMatter?
    enum CodingKeys: String, CodingKey {
      case uuid, metadata
      case importAP = "import-ap"
      case results
      case backMatter = "back-matter"
    }
  }

  struct Metadata: Encodable {
    var title: String
    var lastModified: String
    var version: String
    var oscalVersion: String
    var props: [Property]?
    var remarks: String?
    enum CodingKeys: String, CodingKey {
      case title
      case lastModified = "last-modified"
      case version
      case oscalVersion = "oscal-version"
      case props, remarks
    }
  }

  struct Property: Encodable {
    var name: String
    var ns: String
    var value: String
  }

  struct ImportAP: Encodable {
    var href: String
    var remarks: String?
  }

  struct ResultSet: Encodable {
    var uuid: String
    var title: String
    var description: String
    var start: String
    var props: [Property]?
    var localDefinitions: LocalDefinitions?
    var reviewedControls: ReviewedControls
    var observations: [Observation]?
    var findings: [Finding]?
    enum CodingKeys: String, CodingKey {
      case uuid, title, description, start, props
      case localDefinitions = "local-definitions"
      case reviewedControls = "reviewed-controls"
      case observations, findings
    }
  }

  struct LocalDefinitions: Encodable { var components: [Component] }

  struct Component: Encodable {
    var uuid: String
    var type: String
    var title: String
    var description: String
    var props: [Property]?
    var status: ComponentStatus
  }

  struct ComponentStatus: Encodable { var state: String }

  struct ReviewedControls: Encodable {
    var description: String
    var controlSelections: [ControlSelection]
    enum CodingKeys: String, CodingKey {
      case description
      case controlSelections = "control-selections"
    }
  }

  struct ControlSelection: Encodable {
    var includeAll: Empty
    enum CodingKeys: String, CodingKey { case includeAll = "include-all" }
  }

  struct Empty: Encodable {
    func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: CodingKeys.self) }
    enum CodingKeys: CodingKey {}
  }

  struct Observation: Encodable {
    var uuid: String
    var title: String
    var description: String
    var props: [Property]?
    var methods: [String]
    var subjects: [Subject]?
    var relevantEvidence: [Evidence]?
    var collected: String
    var remarks: String?
    enum CodingKeys: String, CodingKey {
      case uuid, title, description, props, methods, subjects
      case relevantEvidence = "relevant-evidence"
      case collected, remarks
    }
  }

  struct Subject: Encodable {
    var subjectUUID: String
    var type: String
    enum CodingKeys: String, CodingKey {
      case subjectUUID = "subject-uuid"
      case type
    }
  }

  struct Evidence: Encodable {
    var href: String?
    var description: String
  }

  struct Finding: Encodable {
    var uuid: String
    var title: String
    var description: String
    var props: [Property]?
    var target: Target
    var relatedObservations: [RelatedObservation]
    var remarks: String?
    enum CodingKeys: String, CodingKey {
      case uuid, title, description, props, target
      case relatedObservations = "related-observations"
      case remarks
    }
  }

  struct Target: Encodable {
    var type: String
    var targetID: String
    var status: ObjectiveStatus
    enum CodingKeys: String, CodingKey {
      case type
      case targetID = "target-id"
      case status
    }
  }

  struct ObjectiveStatus: Encodable {
    var state: String
    var reason: String
    var remarks: String?
  }

  struct RelatedObservation: Encodable {
    var observationUUID: String
    enum CodingKeys: String, CodingKey { case observationUUID = "observation-uuid" }
  }

  struct BackMatter: Encodable { var resources: [Resource] }

  struct Resource: Encodable {
    var uuid: String
    var title: String
    var props: [Property]?
    var rlinks: [Rlink]?
    var remarks: String?
  }

  struct Rlink: Encodable {
    var href: String
    var hashes: [Hash]?
  }

  struct Hash: Encodable {
    var algorithm: String
    var value: String
  }
}

// Observations and findings, and what they hold, written as their synthesized `encode(to:)`
// would write them on one line (`CompactJSON`): they are most of the document.
extension OSCALReport.Observation {
  func write(to json: inout CompactJSON) {
    json.beginObject()
    json.field("uuid", uuid)
    json.field("title", title)
    json.field("description", description)
    OSCALReport.Property.write(props, to: &json)
    json.field("methods", methods)
    if let subjects {
      json.key("subjects")
      json.beginArray()
      for subject in subjects {
        json.beginObject()
        json.field("subject-uuid", subject.subjectUUID)
        json.field("type", subject.type)
        json.endObject()
      }
      json.endArray()
    }
    if let relevantEvidence {
      json.key("relevant-evidence")
      json.beginArray()
      for evidence in relevantEvidence {
        json.beginObject()
        json.field("href", evidence.href)
        json.field("description", evidence.description)
        json.endObject()
      }
      json.endArray()
    }
    json.field("collected", collected)
    json.field("remarks", remarks)
    json.endObject()
  }
}

extension OSCALReport.Finding {
  func write(to json: inout CompactJSON) {
    json.beginObject()
    json.field("uuid", uuid)
    json.field("title", title)
    json.field("description", description)
    OSCALReport.Property.write(props, to: &json)
    json.key("target")
    json.beginObject()
    json.field("type", target.type)
    json.field("target-id", target.targetID)
    json.key("status")
    json.beginObject()
    json.field("state", target.status.state)
    json.field("reason", target.status.reason)
    json.field("remarks", target.status.remarks)
    json.endObject()
    json.endObject()
    json.key("related-observations")
    json.beginArray()
    for related in relatedObservations {
      json.beginObject()
      json.field("observation-uuid", related.observationUUID)
      json.endObject()
    }
    json.endArray()
    json.field("remarks", remarks)
    json.endObject()
  }
}

extension OSCALReport.Property {
  /// `"props": […]`; nothing when `nil`.
  static func write(_ props: [Self]?, to json: inout CompactJSON) {
    guard let props else { return }
    json.key("props")
    json.beginArray()
    for prop in props {
      json.beginObject()
      json.field("name", prop.name)
      json.field("ns", prop.ns)
      json.field("value", prop.value)
      json.endObject()
    }
    json.endArray()
  }
}
