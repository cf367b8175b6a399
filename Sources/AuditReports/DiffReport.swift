import AuditCore
import Foundation

/// Renders a diff as `diff.md`, `diff.html` (templates `diff.md` and `diff.html`) and
/// `diff.json`: counts per class, then regressions, fixes, new and removed results with their
/// values before and after and their evidence (at most `--findings` per obligation and class,
/// saying how many more diff.json has), and the unchanged ones counted per obligation.
public struct DiffReport: PageDocument {
  public var kind: ReportDocumentKind { .diff }

  /// The classes in the order reports show them, with their headings.
  static var sections: [(ResultsDiff.Change, String)] {
    [ResultsDiff.Change.regression, .fix, .new, .removed, .unchanged].map { ($0, Messages.current.word("diff", $0.rawValue)) }
  }

  public var document: DiffDocument
  /// A directory of templates that overrides the built-in ones (`--templates DIR`).
  public var templatesDirectory: String?
  /// The prefix from the output directory back to the current one (see `ReportLinks.base`).
  public var linkBase: String?
  /// The language of the Markdown, HTML and PDF (`--lang`); the JSON does not depend on it.
  public var language: ReportLanguage

  public init(document: DiffDocument, templatesDirectory: String? = nil, linkBase: String? = nil,
              language: ReportLanguage = .en) {
    self.document = document
    self.templatesDirectory = templatesDirectory
    self.linkBase = linkBase
    self.language = language
  }

  /// The files of the formats asked for, in the order asked (see `ReportFormats.formats(for: .diff)`).
  public func render(formats: [String]) throws -> [ReportFile] {
    try DocumentContext(.diff(self)).render(formats: formats)
  }

  public func json() throws -> Data { try document.encoded() }

  /// How many entries are encoded at once into diff.json's spool.
  static let entriesPerChunk = 1_024

  /// diff.json as the parts of a file: the document around its entries, which are encoded a
  /// chunk at a time into a spool in `spools` (a temporary file past a megabyte), so that the
  /// whole document is never one buffer beside the entries it is made of. The same bytes as
  /// `json()`.
  func jsonParts(spools: SpoolStore) throws -> [ReportFile.Part] {
    var shell = document
    shell.entries = []
    let entries = document.entries
    guard !entries.isEmpty, let splice = JSONSplice(try shell.encoded(), key: "entries", depth: 1) else {
      return [.bytes(try document.encoded())]
    }
    let spool = try spools.make()
    let encoder = OrderedJSONEncoder()
    for start in stride(from: 0, to: entries.count, by: Self.entriesPerChunk) {
      let chunk = try encoder.encodeEntries(Array(entries[start..<min(entries.count, start + Self.entriesPerChunk)]), depth: 2)
      // The first entry has no comma before it.
      try spool.append(start == 0 ? chunk.dropFirst() : chunk)
    }
    return splice.parts(with: spool)
  }

  public func templateData(for format: String) -> [String: Any] { data() }

  /// The PDF's running header names both sides; it is dated by the newer side.
  public func printJob(html: String, jsonSHA256 sha: String) -> PrintJob {
    let title = "\(label(document.old)) → \(label(document.new))"
    var job = PrintJob(html: html, headerLeft: title, headerRight: Messages.current["diffWord"],
      footerLeft: "diff.json SHA-256 \(sha)",
      title: Messages.current.format("diffTitle", ["title": title]), subject: summary,
      date: PrintJob.date(environment: ProcessInfo.processInfo.environment,
        fallback: document.new.asOf.map(PDFReport.date)))
    job.pageLabel = Messages.current["pdfPage"]
    return job
  }

  /// "1 regression (1 gating), 5 fixes, 3 new, 1 removed, 120 unchanged".
  public var summary: String {
    let s = document.summary
    let gating = s.gatingBySeverity.low + s.gatingBySeverity.medium + s.gatingBySeverity.high + s.gatingBySeverity.critical
    let m = Messages.current
    var parts = [m.format("diffRegressions", count: s.regression)
      + (s.regression > 0 ? " " + m.format("diffNotWaived", count: gating) : "")]
    parts.append(m.format("diffFixes", count: s.fix))
    parts += [m.format("diffNew", count: s.new), m.format("diffRemoved", count: s.removed),
              m.format("diffUnchanged", count: s.unchanged)]
    return parts.joined(separator: m["listSeparator"])
  }

  /// What the templates see: the digest (`DiffDigest`), never every entry. Each class lists
  /// its kept entries and says how many more diff.json has; unchanged results are counted per
  /// obligation.
  func data() -> [String: Any] {
    let s = document.summary
    let m = Messages.current
    let digest = document.digest ?? DiffDigest(document.entries, listed: nil)
    return [
      "m": m.table,
      "title": "\(label(document.old)) → \(label(document.new))",
      "summary": summary,
      "old": side(document.old),
      "new": side(document.new),
      "counts": Self.sections.map { ["name": $0.1, "count": String(s[$0.0]), "id": $0.0.rawValue] },
      "sections": Self.sections.filter { $0.0 != .unchanged }.map { change, heading in
        let groups = digest.groups(change)
        let omitted = groups.reduce(0) { $0 + $1.omitted }
        return ["id": change.rawValue, "heading": heading, "count": String(s[change]),
          "entries": groups.flatMap(\.entries).map(row), "empty": s[change] == 0,
          "omitted": omitted > 0 ? m.format("diffOmitted", count: omitted) : false] as [String: Any]
      },
      "unchanged": digest.groups(.unchanged).map { group -> [String: Any] in
        ["obligation": group.obligation, "pack": group.pack, "severity": m.word("severity", group.severity.rawValue),
         "count": String(group.count)]
      },
      "unchangedCount": String(s.unchanged),
      "hasUnchanged": s.unchanged > 0,
      "tool": "\(document.tool.name) \(document.tool.version)",
      "schema": document.schema,
    ]
  }

  /// "manifests (2021-09-17)": the source, dated when it was evaluated for the diff.
  private func label(_ side: DiffDocument.Side) -> String {
    guard side.kind != .results, let asOf = side.asOf else { return side.source }
    return "\(side.source) (\(asOf))"
  }

  private func side(_ side: DiffDocument.Side) -> [String: Any] {
    [
      "source": side.source,
      "kind": Messages.current.word("sideKind", side.kind.rawValue),
      "asOf": side.asOf.map { [$0.description] } ?? [],
      "platforms": side.platforms.isEmpty ? [] : [side.platforms.map { "\($0.id) \($0.asOf)" }.joined(separator: ", ")],
    ]
  }

  private func row(_ entry: DiffEntry) -> [String: Any] {
    let shown = entry.after ?? entry.before
    let location = shown?.location
    let link = location.flatMap { ReportLinks.fileLink($0, base: linkBase) }
    let evidence = uniqueURLs((shown?.evidence ?? []).map(\.source))
      .enumerated().map { ["n": String($0.offset + 1), "url": $0.element] }
    // The values that changed; all of them when none did (an audit shows what was checked).
    let changed = entry.values.filter { $0.before != $0.after }
    // A value read in the counterparty's manifest (reciprocity) names whose side it is.
    let oneSide = entry.values.allSatisfy { $0.platform == entry.platform }
    let values = (changed.isEmpty ? entry.values : changed).map { value -> [String: Any] in
      ["platform": value.platform, "path": value.path, "before": value.before ?? "—", "after": value.after ?? "—",
       "side": oneSide ? false : value.platform]
    }
    var where_ = ""
    if let location {
      where_ = link.map { ReportLinks.markdown(ReportLinks.label(location), $0) } ?? TextEscaping.markdown(ReportLinks.label(location))
    }
    return [
      "obligation": entry.obligation,
      "pack": entry.pack,
      "platform": entry.platform,
      "counterparty": entry.counterparty ?? "—",
      "severity": Messages.current.word("severity", entry.severity.rawValue),
      "change": entry.change.rawValue,
      "before": entry.statusBefore?.rawValue ?? "—",
      "after": entry.statusAfter?.rawValue ?? "—",
      "beforeWord": entry.statusBefore.map(\.label) ?? "—",
      "afterWord": entry.statusAfter.map(\.label) ?? "—",
      "gates": entry.gates,
      "waived": entry.change == .regression && !entry.gates,
      "values": values,
      "valuesMarkdown": values.map {
        TextEscaping.markdown((($0["side"] as? String).map { "\($0): " } ?? "")
          + "\($0["path"] ?? ""): \($0["before"] ?? "") → \($0["after"] ?? "")")
      }.joined(separator: "<br>"),
      "reason": shown.map { Messages.current.render($0.reasonMessage) } ?? "",
      "note": ResultsDiff.noteMessage(before: entry.before, after: entry.after).map { [Messages.current.render($0)] } ?? [],
      "location": location.map { [["label": ReportLinks.label($0), "url": link.map { [$0] } ?? []] as [String: Any]] } ?? [],
      "whereMarkdown": where_,
      "evidence": evidence,
      "evidenceMarkdown": evidence.map { ReportLinks.markdown($0["n"] ?? "", $0["url"] ?? "") }.joined(separator: " "),
    ]
  }

  /// The `http(s)` addresses among `sources`, each once, in order.
  private func uniqueURLs(_ sources: [String]) -> [String] {
    var seen = Set<String>()
    return sources.compactMap(TextEscaping.safeURL).filter { seen.insert($0).inserted }
  }
}
