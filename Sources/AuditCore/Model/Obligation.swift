/// A rule pack (`kind: rules`); files with the same `pack` id merge.
public struct RulePack: Sendable {
  public var id: String
  public var title: String?
  public var titleEn: String?
  public var version: String?
  public var notes: String?
  public var scales: [String: Scale]
  public var matrices: [MatrixSpec]
  public var obligations: [Obligation]
  /// Every file that contributed to the pack.
  public var files: [String]
  /// The default `evidence:` requirement of the pack's obligations.
  public var evidence: EvidenceRequirement? = nil

  public init(
    id: String, title: String? = nil, titleEn: String? = nil, version: String? = nil,
    notes: String? = nil, scales: [String: Scale] = [:], matrices: [MatrixSpec] = [],
    obligations: [Obligation] = [], files: [String] = []
  ) {
    self.id = id
    self.title = title
    self.titleEn = titleEn
    self.version = version
    self.notes = notes
    self.scales = scales
    self.matrices = matrices
    self.obligations = obligations
    self.files = files
  }
}

/// A duty that platforms are checked against.
public struct Obligation: Sendable {
  /// Whom a result is about: the platform, each other platform, or each ordered pair.
  public enum Per: String, Sendable, CaseIterable, Codable {
    case platform, counterparty, pair
  }

  /// What must hold: one predicate, or phases that start on their dates.
  public enum Check: Sendable {
    case require(Predicate)
    case phases([Phase])

    /// The predicate, or every phase's predicate.
    public var predicates: [Predicate] {
      switch self {
      case .require(let predicate): [predicate]
      case .phases(let phases): phases.map(\.require)
      }
    }
  }

  public var id: String
  public var pack: String
  public var title: String
  public var titleEn: String?
  public var description: String?
  public var basis: Basis?
  public var severity: Severity
  public var appliesTo: Scope?
  /// Which other platforms a `per: counterparty`/`pair` duty is checked against.
  public var counterparties: Scope?
  /// Before this date the obligation is `not_applicable`: a fixed day, or one relative to a date
  /// in each manifest (see `StartDate`).
  public var effective: StartDate?
  public var per: Per
  public var when: Predicate?
  public var check: Check
  public var remediation: String?
  public var remediationEn: String?
  public var examples: [RuleExample]
  public var notes: String?
  public var location: SourceLocation
  /// The evidence that a pass needs: the obligation's own `evidence:`, or its pack's default.
  public var evidence: EvidenceRequirement? = nil

  public init(
    id: String, pack: String, title: String, titleEn: String? = nil, description: String? = nil,
    basis: Basis? = nil, severity: Severity, appliesTo: Scope? = nil, counterparties: Scope? = nil,
    effective: StartDate? = nil, per: Per = .platform, when: Predicate? = nil, check: Check,
    remediation: String? = nil, remediationEn: String? = nil, examples: [RuleExample] = [],
    notes: String? = nil, location: SourceLocation
  ) {
    self.id = id
    self.pack = pack
    self.title = title
    self.titleEn = titleEn
    self.description = description
    self.basis = basis
    self.severity = severity
    self.appliesTo = appliesTo
    self.counterparties = counterparties
    self.effective = effective
    self.per = per
    self.when = when
    self.check = check
    self.remediation = remediation
    self.remediationEn = remediationEn
    self.examples = examples
    self.notes = notes
    self.location = location
  }

  /// Every predicate the obligation evaluates: its `when`, then its check.
  public var predicates: [Predicate] { (when.map { [$0] } ?? []) + check.predicates }

  /// The dates on which what this obligation requires changes for `manifest`: `effective` and
  /// phase starts, relative ones resolved against the manifest's dates. A relative start whose
  /// date is not recorded (or no manifest) is left out.
  public func milestones(for manifest: Manifest?) -> [(date: Day, label: String)] {
    var dates: [(Day, String)] = []
    let effective = self.effective.flatMap { StartResolver.day($0, in: manifest) }
    if let effective { dates.append((effective, "effective")) }
    if case .phases(let phases) = check {
      for phase in phases {
        guard let from = StartResolver.day(phase.from, in: manifest) else { continue }
        if effective.map({ from > $0 }) ?? true { dates.append((from, phase.label)) }
      }
    }
    return dates.sorted { $0.0 < $1.0 }
  }

  /// The phases, or none for a single `require`.
  public var phases: [Phase] {
    if case .phases(let phases) = check { return phases }
    return []
  }

  /// The milestones that do not depend on a manifest (fixed dates only).
  public var fixedMilestones: [(date: Day, label: String)] { milestones(for: nil) }
}

/// A time-phased part of an obligation: from its date on, its predicate must hold too.
public struct Phase: Sendable {
  /// When the phase starts: a fixed day or one relative to a date in the manifest.
  public var from: StartDate
  public var label: String
  public var require: Predicate
  public var location: SourceLocation

  public init(from: StartDate, label: String, require: Predicate, location: SourceLocation) {
    self.from = from
    self.label = label
    self.require = require
    self.location = location
  }
}

/// The legal or policy instrument an obligation rests on.
public struct Basis: Sendable, Hashable, Codable {
  public var instrument: String
  public var date: Day?
  public var url: String?
  public var article: String?
  public var note: String?

  public init(
    instrument: String, date: Day? = nil, url: String? = nil, article: String? = nil,
    note: String? = nil
  ) {
    self.instrument = instrument
    self.date = date
    self.url = url
    self.article = article
    self.note = note
  }
}

/// Which platforms an obligation (or its counterparties) covers.
public struct Scope: Sendable, Hashable, Codable {
  /// How a counterparty stands to the subject's group on the as-of date (entities).
  public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Controlled by, or held by, the subject's controller.
    case affiliate
    /// Every other platform.
    case rival
  }

  public var categories: [String]?
  public var jurisdictions: [String]?
  /// Only for `counterparties:`: rivals or affiliates of the subject.
  public var relation: Relation?

  public init(categories: [String]? = nil, jurisdictions: [String]? = nil, relation: Relation? = nil) {
    self.categories = categories
    self.jurisdictions = jurisdictions
    self.relation = relation
  }

  /// Each list named must share at least one entry with the manifest's (`relation` is checked
  /// separately, since it depends on the subject).
  public func matches(_ manifest: Manifest) -> Bool {
    if let categories, !categories.contains(where: manifest.categories.contains) { return false }
    if let jurisdictions, !jurisdictions.contains(where: manifest.jurisdictions.contains) {
      return false
    }
    return true
  }

  /// Whether a counterparty that is (or is not) an affiliate of the subject is in scope.
  public func matches(affiliated: Bool) -> Bool {
    switch relation {
    case nil: true
    case .affiliate: affiliated
    case .rival: !affiliated
    }
  }

  /// "categories [a, b]; jurisdictions [CN]; relation rival".
  public var summary: String {
    var parts: [String] = []
    if let categories { parts.append("categories [\(categories.joined(separator: ", "))]") }
    if let jurisdictions {
      parts.append("jurisdictions [\(jurisdictions.joined(separator: ", "))]")
    }
    if let relation { parts.append("relation \(relation.rawValue)") }
    return parts.isEmpty ? "every platform" : parts.joined(separator: "; ")
  }
}

/// An interconnection matrix to draw: platforms × platforms by a scale value at a path.
public struct MatrixSpec: Sendable {
  public var id: String
  public var title: String
  public var titleEn: String?
  public var path: CapabilityPath
  public var scale: Scale
  public var pack: String
  /// The reciprocity obligation this matrix comes from, when it was derived from one.
  public var obligation: String?

  public init(
    id: String, title: String, titleEn: String? = nil, path: CapabilityPath, scale: Scale,
    pack: String, obligation: String? = nil
  ) {
    self.id = id
    self.title = title
    self.titleEn = titleEn
    self.path = path
    self.scale = scale
    self.pack = pack
    self.obligation = obligation
  }
}

/// An example embedded in a rule pack, run by `audit test`.
public struct RuleExample: Sendable {
  public var name: String?
  public var status: Status
  public var manifest: Manifest
  public var counterparty: Manifest?
  /// The subject's affiliates in the example (`affiliates: [jd, pinduoduo]`).
  public var affiliates: [Affiliation]
  /// The date the example is evaluated on.
  public var asOf: Day
  public var location: SourceLocation

  public init(
    name: String? = nil, status: Status, manifest: Manifest, counterparty: Manifest? = nil,
    affiliates: [Affiliation] = [], asOf: Day, location: SourceLocation
  ) {
    self.name = name
    self.status = status
    self.manifest = manifest
    self.counterparty = counterparty
    self.affiliates = affiliates
    self.asOf = asOf
    self.location = location
  }
}
