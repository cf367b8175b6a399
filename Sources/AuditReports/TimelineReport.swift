import AuditCore
import Foundation

/// Renders a chronology as `timeline.md` (a table and a Mermaid `timeline` block),
/// `timeline.html` (an inline SVG chart and the table) and `timeline.json`, from the templates
/// `timeline.md` and `timeline.html`.
public struct TimelineReport: PageDocument {
  public var kind: ReportDocumentKind { .timeline }

  public let document: TimelineDocument
  /// The events as people read them (runs folded, `TimelineFolding`): folded once, shared by
  /// the Markdown and the HTML.
  let shownEvents: [TimelineDocument.Entry]
  /// The run length that folded them (`TimelineFolding.readable`).
  let foldThreshold: Int
  /// A directory of templates that overrides the built-in ones (`--templates DIR`).
  public var templatesDirectory: String?
  /// The prefix from the output directory back to the current one, for links to manifest
  /// lines (see `ReportLinks.base`); `nil` shows locations as text.
  public var linkBase: String?
  /// The language of the Markdown, HTML and PDF (`--lang`); the JSON does not depend on it.
  public var language: ReportLanguage

  public init(document: TimelineDocument, templatesDirectory: String? = nil, linkBase: String? = nil,
              language: ReportLanguage = .en) {
    self.document = document
    (shownEvents, foldThreshold) = TimelineFolding.readable(document.events)
    self.templatesDirectory = templatesDirectory
    self.linkBase = linkBase
    self.language = language
  }

  /// The files of the formats asked for, in the order asked (see `ReportFormats.formats(for: .timeline)`).
  public func render(formats: [String]) throws -> [ReportFile] {
    try DocumentContext(.timeline(self)).render(formats: formats)
  }

  public func json() throws -> Data { try document.encoded() }

  public func templateData(for format: String) -> [String: Any] { data(for: format) }

  /// The PDF's running header names the chronology; it is dated only by `SOURCE_DATE_EPOCH`.
  public func printJob(html: String, jsonSHA256 sha: String) -> PrintJob {
    var job = PrintJob(html: html, headerLeft: document.title, headerRight: Messages.current["timelineWord"],
      footerLeft: "timeline.json SHA-256 \(sha)",
      title: document.titleEn.map { "\(document.title) (\($0))" } ?? document.title, subject: summary,
      date: PrintJob.date(environment: ProcessInfo.processInfo.environment, fallback: nil))
    job.pageLabel = Messages.current["pdfPage"]
    return job
  }

  /// What the templates see: the chronology with runs of derived changes folded
  /// (`TimelineFolding`), numbered as shown.
  func data(for format: String) -> [String: Any] {
    let m = Messages.current
    let title = m.pick(original: document.title, english: document.titleEn)
    var shown = document
    shown.events = shownEvents
    let folds = shown.events.compactMap(\.fold)
    var data: [String: Any] = [
      "m": m.table,
      "title": title.primary ?? document.title,
      "titleEn": title.other.map { [$0] } ?? [],
      "summary": summary,
      "filters": filters.map { [$0] } ?? [],
      "folded": folds.isEmpty ? [] : [m.format("timelineFolded", count: folds.count,
        ["events": m.format("timelineEvents", count: folds.reduce(0) { $0 + $1.events }),
         "threshold": foldThreshold])],
      "events": shown.events.enumerated().map { row($0.element, number: $0.offset + 1) },
      "timelines": document.timelines.map(timelineData),
      "byLane": foldThreshold < TimelineFolding.threshold ? laneIndex(shown) : [],
      "hasByLane": foldThreshold < TimelineFolding.threshold,
      "hasEvents": !document.events.isEmpty,
      "tool": "\(document.tool.name) \(document.tool.version)",
      "schema": document.schema,
    ]
    if format == "html" {
      let chart = TimelineChart()
      data["svg"] = chart.svg(shown)
      data["caption"] = m[chart.drawsCells(shown) ? "timelineCaptionCells" : "timelineCaption"]
    }
    if format == "markdown" {
      data["mermaid"] = MermaidTimeline.blocks(shown).map { ["year": $0.year, "text": $0.text] as [String: Any] }
    }
    return data
  }

  /// For a long table (every run folded): each lane's rows, so that a person finds one
  /// platform's changes among thousands of rows ordered by date.
  private func laneIndex(_ shown: TimelineDocument) -> [[String: Any]] {
    var rows: [String: [Int]] = [:]
    for (i, event) in shown.events.enumerated() {
      for lane in event.lanes(by: shown.lanes) { rows[lane, default: []].append(i + 1) }
    }
    return shown.actors.compactMap { lane in
      rows[lane].map { numbers in
        ["lane": TimelineChart.laneLabel(shown, lane),
         "rows": numbers.enumerated().map { ["n": String($0.element), "sep": $0.offset + 1 < numbers.count ? ", " : ""] }]
          as [String: Any]
      }
    }
  }

  /// "45 events: 19 from the timeline files, 26 derived from 9 pairs of manifest versions."
  public var summary: String {
    let s = document.summary
    let m = Messages.current
    var text = m.format("timelineSummary", [
      "events": m.format("timelineEvents", count: s.events), "written": s.events - s.derived, "derived": s.derived,
      "pairs": m.format("timelinePairs", count: s.versionPairs),
    ])
    if s.filteredOut > 0 { text += " " + m.format("timelineFilteredOut", count: s.filteredOut) }
    return text
  }

  /// "from 2021-01 to 2021-12; actors: wechat, douyin", or `nil` when unfiltered.
  var filters: String? {
    let f = document.filter
    var parts: [String] = []
    let m = Messages.current
    if let from = f.from { parts.append(m.format("filterFrom", ["date": from])) }
    if let to = f.to { parts.append(m.format("filterTo", ["date": to])) }
    if !f.actors.isEmpty { parts.append(m.format("filterInvolving", ["actors": f.actors.joined(separator: ", ")])) }
    return parts.isEmpty ? nil : m.format("filtered", ["filters": parts.joined(separator: " ")])
  }

  private func row(_ event: TimelineDocument.Entry, number: Int) -> [String: Any] {
    let m = Messages.current
    var source: [[String: Any]] = []
    var markdownSource = ""
    if event.isDerived, let location = event.location {
      let label = ReportLinks.label(location)
      let link = ReportLinks.fileLink(location, base: linkBase)
      source.append(["label": label, "url": link.map { [$0] } ?? []])
      markdownSource = link.map { ReportLinks.markdown(label, $0) } ?? TextEscaping.markdown(label)
    } else if let raw = event.source {
      if let url = TextEscaping.safeURL(raw) {
        source.append(["label": ReportLinks.host(url), "url": [url]])
        markdownSource = ReportLinks.markdown(ReportLinks.host(url), url)
      } else {
        source.append(["label": raw, "url": [String]()])
        markdownSource = TextEscaping.markdown(raw)
      }
    }
    let evidence = (event.change?.evidence ?? []).compactMap { TextEscaping.safeURL($0.source) }
    let uniqueEvidence = evidence.enumerated().filter { evidence.firstIndex(of: $0.element) == $0.offset }.map(\.element)
    let evidenceLinks = uniqueEvidence.enumerated().map { ["n": String($0.offset + 1), "url": $0.element] }
    if !evidenceLinks.isEmpty {
      markdownSource += " · " + m["evidenceWord"] + " " + evidenceLinks.map { ReportLinks.markdown($0["n"] ?? "", $0["url"] ?? "") }.joined(separator: " ")
    }
    return [
      "number": String(number),
      "anchor": "e\(number)",
      "date": event.date.description,
      // Said only of a partial date (the templates show it inside `partial`).
      "precision": event.date.precision < 3 ? m.format("knownTo", ["precision": m.word("precision",
        ["year", "month"][max(0, event.date.precision - 1)])]) : "",
      "partial": event.date.precision < 3,
      "type": event.type.rawValue,
      "typeWord": m.word("eventType", event.type.rawValue),
      "actors": event.actors.joined(separator: ", "),
      "affects": event.affects.isEmpty ? [] : [event.affects.joined(separator: ", ")],
      "title": Self.title(of: event),
      "lines": event.fold.map(Self.lines) ?? [],
      "titleEn": m.pick(original: event.title, english: event.titleEn).other.map { [$0] } ?? [],
      "note": event.note.map { [$0.trimmingCharacters(in: .whitespacesAndNewlines)] } ?? [],
      "derived": event.isDerived,
      "source": source,
      "sourceMarkdown": markdownSource,
      "evidence": evidenceLinks,
    ]
  }

  /// What an event says: a derived event's the engine's summary of its change ("… (first
  /// recorded)"), a folded run's its count ("40 changes since 2021-11-22, concerning 27
  /// counterparties"), a written event's title in the report's language.
  static func title(of event: TimelineDocument.Entry) -> String {
    let m = Messages.current
    if let fold = event.fold {
      return m.format("timelineFold", [
        "changes": m.format("timelineFoldChanges", count: fold.events),
        "previous": event.previousAsOf.map(\.description) ?? "?",
        "counterparties": m.format("timelineFoldCounterparties", count: fold.counterparties),
      ])
    }
    if let change = event.change { return m.render(change.summaryMessage) }
    return event.isDerived ? event.title : m.pick(original: event.title, english: event.titleEn).primary ?? event.title
  }

  /// A folded run's kinds of change, a line each ("12 counterparties (a, b, c and 9 more):
  /// links.inbound.{counterparty}.private_chat direct → interstitial"), then how many kinds
  /// are left out.
  static func lines(_ fold: TimelineDocument.Fold) -> [String] {
    let m = Messages.current
    var out = fold.lines.map { line -> String in
      let change = "\(line.path) \(line.before) → \(line.after)"
      guard !line.names.isEmpty else { return change }
      var names = line.names.joined(separator: ", ")
      if line.count > line.names.count { names = m.format("timelineFoldMore", count: line.count - line.names.count, ["names": names]) }
      return m.format("timelineFoldLine", ["counterparties": m.format("timelineFoldCounterparties", count: line.count),
        "names": names, "change": change])
    }
    if fold.moreKinds > 0 { out.append(m.format("timelineFoldMoreKinds", count: fold.moreKinds)) }
    return out
  }

  private func timelineData(_ timeline: TimelineDocument.Source) -> [String: Any] {
    let title = Messages.current.pick(original: timeline.title, english: timeline.titleEn)
    return [
      "id": timeline.id,
      "title": title.primary ?? timeline.title,
      "titleEn": title.other.map { [$0] } ?? [],
      "url": timeline.source.flatMap(TextEscaping.safeURL).map { [$0] } ?? [],
      "sourceLink": timeline.source.flatMap(TextEscaping.safeURL).map { [ReportLinks.markdown(Messages.current["source"], $0)] } ?? [],
      "notes": timeline.notes.map { [$0.trimmingCharacters(in: .whitespacesAndNewlines)] } ?? [],
      "file": timeline.location.file,
    ]
  }
}
