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
extension OSCALReport.Observation: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("uuid", uuid)
      json.field("title", title)
      json.field("description", description)
      json.field("props", props)
      json.field("methods", methods)
      json.field("subjects", subjects)
      json.field("relevant-evidence", relevantEvidence)
      json.field("collected", collected)
      json.field("remarks", remarks)
    }
  }
}

extension OSCALReport.Subject: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("subject-uuid", subjectUUID)
      json.field("type", type)
    }
  }
}

extension OSCALReport.Evidence: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("href", href)
      json.field("description", description)
    }
  }
}

extension OSCALReport.Finding: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("uuid", uuid)
      json.field("title", title)
      json.field("description", description)
      json.field("props", props)
      json.field("target", target)
      json.field("related-observations", relatedObservations)
      json.field("remarks", remarks)
    }
  }
}

extension OSCALReport.Target: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("type", type)
      json.field("target-id", targetID)
      json.field("status", status)
    }
  }
}

extension OSCALReport.ObjectiveStatus: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("state", state)
      json.field("reason", reason)
      json.field("remarks", remarks)
    }
  }
}

extension OSCALReport.RelatedObservation: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in json.field("observation-uuid", observationUUID) }
  }
}

extension OSCALReport.Property: CompactJSONWritable {
  func write(to json: inout CompactJSON) {
    json.object { json in
      json.field("name", name)
      json.field("ns", ns)
      json.field("value", value)
    }
  }
}
