import AuditCore
import Foundation

/// `oscal-assessment-results.json`: OSCAL 1.1 assessment results for GRC tools. One result set
/// for the run, with a finding (the obligation's status for that platform and counterparty) per
/// result, and the observations the findings rest on: one of each platform's manifest in force
/// and one of each evidence item. Many findings read the same manifest, so each observation is
/// written once and the findings name theirs by uuid. Every uuid is derived from a stable key,
/// and `last-modified` is the as-of date unless a timestamp was asked for.
public struct OSCALReport: StreamingReportFormat {
  public static let identifier = "oscal"
  public static let summary = "oscal-assessment-results.json: OSCAL 1.1 assessment results (a finding per result, an observation per manifest and evidence item)."
  public static func fileName(for document: ReportDocumentKind) -> String { "oscal-assessment-results.json" }

  /// The OSCAL version the document is written against.
  public static let oscalVersion = "1.1.2"
  /// The namespace of this tool's properties.
  public static let namespace = "urn:interop-audit:oscal"

  public init() {}

  /// Findings are encoded a batch at a time as the results come, each into its own spool, and
  /// so are the observations they name, each under its uuid so that the stream writes it only
  /// the first time; the document is written around them at the end. One observation a line.
  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    let d = header
    let platforms = Dictionary(d.platforms.map { ($0.id, $0) }) { a, _ in a }
    let objectives = Dictionary(d.obligations.map { ($0.id, Objective(obligation: $0.id, title: $0.titleEn ?? $0.title)) }) { a, _ in a }
    let asOf = d.asOf
    let observed = ObservationCache()
    return try ChannelStream(spools: spools, separators: [1, 1],
      entries: { results in
        var observations: [(key: String, entry: Data)] = []
        var listed: Set<String> = []
        var findings = CompactJSON(capacity: results.count * 1024)
        for r in results {
          // The platform's component, when the header lists the platform: made only with an observation.
          let subject = { platforms[r.platform].map { _ in Self.componentUUID(r.platform) } }
          let manifest = observed.entry(.manifest(r.platform)) {
            Self.manifestObservation(r.platform, file: platforms[r.platform]?.file, asOf: asOf, subject: subject())
          }
          if listed.insert(manifest.uuid).inserted { observations.append((manifest.uuid, manifest.entry)) }
          var related = [manifest.uuid]
          for e in r.evidence {
            let evidence = observed.entry(.evidence(e, platform: r.platform)) {
              Self.evidenceObservation(e, platform: r.platform, asOf: asOf, subject: subject())
            }
            if listed.insert(evidence.uuid).inserted { observations.append((evidence.uuid, evidence.entry)) }
            related.append(evidence.uuid)
          }
          findings.entry(depth: 5)
          Self.finding(r, objective: objectives[r.obligation] ?? Objective(obligation: r.obligation, title: nil), observations: related)
            .write(to: &findings)
        }
        return [.once(observations), .all(findings.data)]
      },
      assemble: { context, channels in try Self.assemble(context, observations: channels[0], findings: channels[1]) })
  }

  /// The document around the spooled observations and findings (both left out when empty).
  static func assemble(_ context: ReportContext, observations: Spool, findings: Spool) throws -> [ReportFile] {
    let d = context.document
    let model = context.model
    let start = d.generatedAt ?? Self.dateTime(d.asOf)
    let components = model.platforms.map(Self.component)
    let resources = d.inputs.map(Self.resource)
    let packs = d.packs.map { "\($0.id)\($0.version.map { " \($0)" } ?? "")" }.joined(separator: ", ")
    let planID = DeterministicID.uuid("oscal|plan|\(packs)")
    let plan = Resource(uuid: planID, title: "Rule packs: \(Self.line(packs.isEmpty ? "none" : packs))",
      props: nil, rlinks: nil,
      remarks: "interop-audit has no OSCAL assessment plan: the obligations of these rule packs are what was assessed; the rule files are listed as resources with their SHA-256.")
    let resultSet = ResultSet(
      uuid: DeterministicID.uuid("oscal|result|\(d.asOf)|\(packs)"),
      title: "Interoperability obligations as of \(d.asOf)",
      description: "Every manifest in force on \(d.asOf) checked against every obligation that applies (\(d.summary.results) results: \(Self.counts(d.summary.byStatus))).",
      start: start, props: [Self.prop("as-of", d.asOf.description)],
      localDefinitions: components.isEmpty ? nil : LocalDefinitions(components: components),
      reviewedControls: ReviewedControls(
        description: "Every obligation of the rule packs \(packs.isEmpty ? "(none)" : packs).",
        controlSelections: [ControlSelection(includeAll: Empty())]),
      observations: [], findings: [])
    let root = Root(assessmentResults: AssessmentResults(
      uuid: DeterministicID.uuid("oscal|assessment-results|\(d.asOf)|\(packs)"),
      metadata: Metadata(title: "Interoperability audit as of \(d.asOf)", lastModified: start,
        version: Self.line(d.asOf.description), oscalVersion: Self.oscalVersion,
        props: [Self.prop("tool", "\(d.tool.name) \(d.tool.version)"), Self.prop("results-schema", d.schema)],
        remarks: nil),
      importAP: ImportAP(href: "#\(planID)", remarks: "See the back-matter resource: the rule packs stand in for an assessment plan."),
      results: [resultSet],
      backMatter: BackMatter(resources: [plan] + resources)))
    let name = Self.fileName(for: .results)
    guard let first = JSONSplice(try OrderedJSONEncoder().encode(root), key: "observations", depth: 4),
      let second = JSONSplice(first.tail, key: "findings", depth: 4)
    else {
      throw DiagnosticError([Diagnostic(.error, file: name, "the document has no single 'observations' and 'findings' to write the results into",
        hint: "please report this with the command you ran")])
    }
    // Every finding names its manifest's observation: both lists are empty, or neither is.
    guard !observations.isEmpty else {
      return [ReportFile(name: name, parts: (first.keyless.dropLast() + second.keyless).map { .bytes($0) })]
    }
    return [ReportFile(name: name,
      parts: [.bytes(first.head), .spool(observations), .bytes(first.close)] + second.parts(with: findings))]
  }

  // MARK: - Pieces

  static func componentUUID(_ platform: String) -> String { DeterministicID.uuid("oscal|component|\(platform)") }

  static func component(_ p: ReportModel.PlatformInfo) -> Component {
    let r = p.record
    let description = [p.displayName, r?.operatorName, r?.categories.joined(separator: ", "),
      r.map { "manifest as of \($0.asOf)" }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
    var props = [prop("platform-id", p.id)]
    if let file = r?.file { props.append(prop("manifest", file)) }
    return Component(uuid: componentUUID(p.id), type: "service",
      title: line(p.displayName), description: TextEscaping.printable(description), props: props,
      status: ComponentStatus(state: "operational"))
  }

  /// What every finding of a platform rests on: its manifest in force, read on the as-of date.
  static func manifestObservation(_ platform: String, file: String?, asOf: Day, subject: String?) -> Observation {
    let read = "The manifest in force on \(asOf)"
    return Observation(
      uuid: DeterministicID.uuid("oscal|observation|manifest|\(platform)"),
      title: line("\(platform): the manifest in force"),
      description: TextEscaping.printable("\(read) for \(platform)\(file.map { " (\($0))" } ?? ""), read for every obligation that applies to it."),
      props: [prop("platform", platform)], methods: ["EXAMINE"],
      subjects: subject.map { [Subject(subjectUUID: $0, type: "component")] },
      relevantEvidence: file.map { [Evidence(href: TextEscaping.uriReference(path: $0), description: read)] },
      collected: dateTime(asOf), remarks: nil)
  }

  /// One evidence item of a manifest, which every finding whose claim it supports names.
  static func evidenceObservation(_ e: AuditCore.Evidence, platform: String, asOf: Day, subject: String?) -> Observation {
    let text = [e.note, e.observed.map { "observed \($0)" }, e.method?.rawValue].compactMap { $0 }
    let description = TextEscaping.printable(text.isEmpty ? e.source : "\(e.source) — \(text.joined(separator: "; "))")
    return Observation(
      uuid: DeterministicID.uuid("oscal|observation|evidence|\(e.location)"),
      title: line("\(platform): evidence for \(e.path)"),
      description: description,
      props: [prop("platform", platform), prop("path", e.path), prop("location", e.location.description)],
      methods: ["EXAMINE"],
      subjects: subject.map { [Subject(subjectUUID: $0, type: "component")] },
      relevantEvidence: [Evidence(href: TextEscaping.safeURL(e.source), description: "The source the manifest cites for \(line(e.path))")],
      collected: dateTime(min(e.observed ?? asOf, asOf)), remarks: nil)
  }

  /// What a finding says of its obligation: the target id (`token`) and the description (its
  /// English title, else its id).
  struct Objective {
    var id: String
    var description: String

    init(obligation: String, title: String?) {
      id = OSCALReport.token(obligation)
      description = TextEscaping.printable(title ?? obligation)
    }
  }

  static func finding(_ r: Result, objective: Objective, observations: [String]) -> Finding {
    let (state, reason): (String, String)
    switch r.status {
    case .pass: (state, reason) = ("satisfied", "pass")
    case .notApplicable: (state, reason) = ("satisfied", "other")
    case .fail: (state, reason) = ("not-satisfied", "fail")
    case .unknown, .waived, .error: (state, reason) = ("not-satisfied", "other")
    }
    var remarks: [String] = ["\(r.status.label): \(r.reason)"]
    if let w = r.waiver { remarks.append("Waived until \(w.expires) (was \(w.status.word)): \(w.reason)") }
    if let w = r.expiredWaiver { remarks.append("Waiver expired \(w.expires): \(w.reason)") }
    if let u = r.upcoming { remarks.append("Due \(u.date) (\(u.label)): \(u.status.wouldPhrase).") }
    // What is the result's own is the finding's: the obligation is its target (the id as a prop
    // only where the target had to change it), the platform its observations' subject, the
    // reason the target's remarks.
    var props = [prop("pack", r.pack), prop("status", r.status.rawValue), prop("severity", r.severity.rawValue)]
    if objective.id != r.obligation { props.append(prop("obligation", r.obligation)) }
    if let c = r.counterparty { props.append(prop("counterparty", c)) }
    if let l = r.location { props.append(prop("location", l.description)) }
    if let strength = r.evidenceStrength { props.append(prop("evidence-strength", strength.rawValue)) }
    if let observed = r.evidenceObserved { props.append(prop("evidence-observed", observed.description)) }
    if let source = r.evidenceSource { props.append(prop("evidence-source", TextEscaping.printable(source))) }
    return Finding(
      uuid: DeterministicID.uuid("oscal|finding|\(r.key)"),
      title: line("\(r.obligation) — \(subjectText(r)): \(r.status.word)"),
      description: objective.description,
      props: props,
      target: Target(type: "objective-id", targetID: objective.id,
        status: ObjectiveStatus(state: state, reason: reason, remarks: TextEscaping.printable(remarks.joined(separator: "\n")))),
      relatedObservations: observations.map { RelatedObservation(observationUUID: $0) }, remarks: nil)
  }

  static func resource(_ input: Workspace.Input) -> Resource {
    Resource(uuid: DeterministicID.uuid("oscal|input|\(input.path)"), title: line(input.path),
      props: input.kinds.isEmpty ? nil : input.kinds.map { prop("kind", $0.rawValue) },
      rlinks: [Rlink(href: TextEscaping.uriReference(path: input.path),
        hashes: [Hash(algorithm: "SHA-256", value: line(input.sha256))])],
      remarks: nil)
  }

  // MARK: - Values OSCAL constrains

  static func subjectText(_ r: Result) -> String { r.platform + (r.counterparty.map { " → \($0)" } ?? "") }

  static func dateTime(_ day: Day) -> String { "\(day)T00:00:00Z" }

  static func counts(_ c: StatusCounts) -> String {
    c.nonZero.map { "\($0.count) \($0.status.word)" }.joined(separator: ", ")
  }

  /// A property; its value made one line without outer whitespace, as OSCAL requires.
  static func prop(_ name: String, _ value: String) -> Property {
    Property(name: name, ns: namespace, value: line(value))
  }

  /// One printable line with no leading or trailing whitespace, never empty.
  static func line(_ text: String) -> String {
    let clean = TextEscaping.printable(text)
    if isLine(clean) { return clean }
    let collapsed = TextEscaping.printable(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    return collapsed.isEmpty ? "-" : collapsed
  }

  /// Whether printable text is already a line: it starts and ends with no whitespace, and has no
  /// control character and no two spaces in a row. One pass over its UTF-8 finds that for most
  /// values (every prop and title is one); two spaces in a row are confirmed as Characters,
  /// since a combining mark on the second makes them none.
  private static func isLine(_ text: String) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, let last = bytes.last else { return false }
    if first < 0x80 || last < 0x80 {
      guard first != 0x20, last != 0x20 else { return false }
    }
    if first >= 0x80 || last >= 0x80 {
      guard let head = text.unicodeScalars.first, let tail = text.unicodeScalars.last,
        !head.properties.isWhitespace, !tail.properties.isWhitespace
      else { return false }
    }
    var previousWasSpace = false
    var doubleSpace = false
    for byte in bytes {
      if byte < 0x20 { return false }
      if byte == 0x20 && previousWasSpace { doubleSpace = true }
      previousWasSpace = byte == 0x20
    }
    return !doubleSpace || !text.contains("  ")
  }

  /// An OSCAL token: letters, digits, `_`, `-` and `.`, starting with a letter or `_`.
  static func token(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || scalar == "_" || scalar == "-" || scalar == ".")
      out.unicodeScalars.append(ok ? scalar : "_")
    }
    if let first = out.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") { out = "_" + out }
    return out.isEmpty ? "_" : out
  }
}

/// The observations' entries by what they are made from, shared by the batches (which encode on
/// several threads): a platform's manifest observation is named by every finding of the
/// platform, in every batch, and is made and encoded once.
final class ObservationCache: @unchecked Sendable {
  /// What an observation is made from; equal sources make equal observations.
  enum Source: Hashable {
    case manifest(String)
    case evidence(AuditCore.Evidence, platform: String)
  }

  private let lock = NSLock()
  private var entries: [Source: (uuid: String, entry: Data)] = [:]

  /// The observation's uuid and its entry (as `encodeEntries` at depth 5 would write it), made by
  /// `make` the first time.
  func entry(_ source: Source, _ make: () -> OSCALReport.Observation) -> (uuid: String, entry: Data) {
    lock.lock()
    let known = entries[source]
    lock.unlock()
    if let known { return known }
    let observation = make()
    var json = CompactJSON(capacity: 640)
    json.entry(depth: 5)
    observation.write(to: &json)
    let made = (uuid: observation.uuid, entry: json.data)
    lock.lock()
    defer { lock.unlock() }
    if let known = entries[source] { return known }
    entries[source] = made
    return made
  }
}
