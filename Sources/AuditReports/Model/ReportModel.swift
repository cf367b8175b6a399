import AuditCore

/// What the human-readable reports show, computed once from a `ResultsDocument`: compliance
/// matrices per pack, interconnection matrices, findings, duties coming due, waivers and
/// provenance. Every list is in a stable order; building it is linear in the number of results.
public struct ReportModel: Sendable {
  /// A platform as reports name it.
  public struct PlatformInfo: Sendable, Hashable {
    public var id: String
    /// "微信 WeChat", or the id when the manifest gives no name.
    public var displayName: String
    public var record: ResultsDocument.Platform?

    /// The controlling company, when entities record one.
    public var group: ResultsDocument.Group? { record?.group }
    /// "腾讯 Tencent", or the company's id.
    public var groupName: String? {
      group.map { g in ReportModel.joinedNames([g.name, g.nameEn]) ?? g.id }
    }
    /// How the row platform's group holds `other` on the as-of date, if it does.
    public func affiliation(with other: String) -> Affiliation? {
      record?.affiliates?.first { $0.platform == other }
    }
  }

  /// A name and its English form as reports show them: "微信 WeChat"; one of them alone when
  /// the other is empty, equal, or contained in it ("App Store" and "Apple App Store" give
  /// "Apple App Store", not both); `nil` when there is none.
  public static func joinedNames(_ names: [String?]) -> String? {
    var unique: [String] = []
    for name in names.compactMap({ $0 }) where !name.isEmpty {
      if unique.contains(where: { $0.contains(name) }) { continue }
      unique.removeAll { name.contains($0) }
      unique.append(name)
    }
    return unique.isEmpty ? nil : unique.joined(separator: " ")
  }

  /// Tool, date and inputs: what a reader needs to reproduce the run.
  public struct Provenance: Sendable {
    public var tool: ResultsDocument.Tool
    public var schema: String
    public var asOf: Day
    public var generatedAt: String?
    public var inputs: [Workspace.Input]
    public var packs: [ResultsDocument.Pack]
    public var diagnostics: [ResultsDocument.DiagnosticRecord]
  }

  public var provenance: Provenance
  public var summary: ResultsDocument.Summary
  public var platforms: [PlatformInfo]
  public var compliance: [ComplianceMatrix]
  public var interconnections: [Interconnection]
  public var findings: [FindingGroup]
  public var upcoming: [UpcomingDuty]
  /// Duties coming due not listed because of the cap (per obligation, like findings).
  public var upcomingOmitted = 0
  /// Per platform with an earlier version, what changed since it.
  public var changes: [VersionChanges]
  public var waivers: WaiverBuckets
  /// The passes with the evidence they rest on (capped like findings).
  public var passes: [PassEvidence] = []
  /// Passes not listed because of the cap.
  public var passesOmitted = 0

  /// Days before expiry from which a waiver in force is listed as expiring.
  public static let expiryWarningDays = 30

  /// Builds the model of a run; `findingLimit` caps the findings listed per obligation.
  /// `digest` is what a streamed run kept of its results; without it, the document's results
  /// are digested.
  public init(_ document: ResultsDocument, digest: ResultDigest? = nil, findingLimit: Int? = nil) {
    let digest = digest ?? ResultDigest(document.results, limit: findingLimit)
    let directory = Directory(document)
    provenance = Provenance(tool: document.tool, schema: document.schema, asOf: document.asOf,
      generatedAt: document.generatedAt, inputs: document.inputs, packs: document.packs,
      diagnostics: document.diagnostics)
    summary = document.summary
    platforms = directory.ordered(document.platforms.map(\.id)).map(directory.platform)
    compliance = ComplianceMatrix.build(document, digest: digest, directory: directory)
    interconnections = document.matrices.map { Interconnection($0, directory: directory) }
    findings = Finding.build(digest, directory: directory)
    upcoming = UpcomingDuty.build(digest.upcoming, directory: directory)
    upcomingOmitted = digest.upcomingCount - upcoming.count
    changes = VersionChanges.build(document, directory: directory)
    waivers = WaiverBuckets(document.waivers, warningDays: Self.expiryWarningDays)
    (passes, passesOmitted) = PassEvidence.build(digest, directory: directory)
  }
}

/// Look-ups by id that the model's builders share, each a dictionary built once.
struct Directory {
  let obligations: [String: ResultsDocument.ObligationInfo]
  private let platforms: [String: ReportModel.PlatformInfo]

  init(_ document: ResultsDocument) {
    var obligations: [String: ResultsDocument.ObligationInfo] = [:]
    for o in document.obligations where obligations[o.id] == nil { obligations[o.id] = o }
    var platforms: [String: ReportModel.PlatformInfo] = [:]
    for p in document.platforms where platforms[p.id] == nil { platforms[p.id] = Self.info(p.id, p) }
    self.obligations = obligations
    self.platforms = platforms
  }

  /// Ids ordered by controlling company (company id order), platforms without one last; the
  /// order within a company, and among those without one, is kept.
  func ordered(_ ids: [String]) -> [String] {
    let keyed = ids.enumerated().map { (i, id) in (platforms[id]?.group?.id, i, id) }
    return keyed.sorted { a, b in
      switch (a.0, b.0) {
      case let (x?, y?) where x != y: return x < y
      case (nil, _?): return false
      case (_?, nil): return true
      default: return a.1 < b.1
      }
    }.map(\.2)
  }

  /// Whether any platform has a controlling company, so reports draw group bands.
  var hasGroups: Bool { platforms.values.contains { $0.group != nil } }

  /// The platform with this id, named as reports name it (the id alone when unknown).
  func platform(_ id: String) -> ReportModel.PlatformInfo {
    platforms[id] ?? Self.info(id, nil)
  }

  private static func info(_ id: String, _ record: ResultsDocument.Platform?) -> ReportModel.PlatformInfo {
    ReportModel.PlatformInfo(id: id, displayName: ReportModel.joinedNames([record?.name, record?.nameEn]) ?? id,
      record: record)
  }
}

/// Buckets of waivers by their standing on the as-of date.
public struct WaiverBuckets: Sendable {
  /// In force, expiring within the warning window (soonest first).
  public var expiring: [WaiverUsage]
  /// In force beyond the warning window.
  public var inForce: [WaiverUsage]
  /// Past their expiry date: the results they covered count again.
  public var expired: [WaiverUsage]
  /// Matching no result at all (also listed in their bucket by date).
  public var unused: [WaiverUsage]

  init(_ usages: [WaiverUsage], warningDays: Int) {
    let sorted = usages.sorted {
      ($0.expires, $0.obligation, $0.platform, $0.counterparty ?? "", $0.location)
        < ($1.expires, $1.obligation, $1.platform, $1.counterparty ?? "", $1.location)
    }
    expiring = sorted.filter { $0.state == .inForce && $0.daysLeft <= warningDays }
    inForce = sorted.filter { $0.state == .inForce && $0.daysLeft > warningDays }
    expired = sorted.filter { $0.state == .expired }
    unused = sorted.filter { $0.matched == 0 }
  }

  /// Whether there is any waiver at all.
  public var isEmpty: Bool { expiring.isEmpty && inForce.isEmpty && expired.isEmpty }
}
