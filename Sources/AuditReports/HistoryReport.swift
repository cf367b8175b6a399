import AuditCore
import Foundation

/// Renders a `History` as `history.md` (per platform, the status changes in date order, and
/// what is still open on the last day), `history.html` (a status strip chart with the changes
/// beside it) and `history.json`, from the templates `history.md` and `history.html`.
public struct HistoryReport: PageDocument {
  public var kind: ReportDocumentKind { .history }

  /// At most this many changes are listed per platform in Markdown, and in all beside the chart.
  public static let changesPerPlatform = 200
  public static let changesBesideChart = 400
  /// At most this many open results are listed; history.json has them all.
  public static let openRows = 300

  public var history: History
  public var templatesDirectory: String?
  /// The language of the Markdown, HTML and PDF (`--lang`); the JSON does not depend on it.
  public var language: ReportLanguage

  public init(history: History, templatesDirectory: String? = nil, language: ReportLanguage = .en) {
    self.history = history
    self.templatesDirectory = templatesDirectory
    self.language = language
  }

  /// The files of the formats asked for, in the order asked (see `ReportFormats.formats(for: .history)`).
  public func render(formats: [String]) throws -> [ReportFile] {
    try DocumentContext(.history(self)).render(formats: formats)
  }

  public func json() throws -> Data { try history.encoded() }

  public func templateData(for format: String) -> [String: Any] {
    data(for: format, changes: HistoryChange.folded(HistoryChange.all(in: history)))
  }

  /// The PDF's running header names the history; it is dated only by `SOURCE_DATE_EPOCH`.
  public func printJob(html: String, jsonSHA256 sha: String) -> PrintJob {
    var job = PrintJob(html: html, headerLeft: title, headerRight: Messages.current["historyWord"],
      footerLeft: "history.json SHA-256 \(sha)", title: title, subject: summary,
      date: PrintJob.date(environment: ProcessInfo.processInfo.environment, fallback: nil))
    job.pageLabel = Messages.current["pdfPage"]
    return job
  }

  /// "Compliance history from 2018-01-01 to 2026-12-01".
  public var title: String {
    Messages.current.format("historyTitle", ["from": history.from, "to": history.to])
  }

  /// The counts in one sentence, with the work the incremental evaluation saved.
  public var summary: String {
    let m = Messages.current
    let changes = history.tracks.reduce(0) { total, track in
      total + zip(track.segments, track.segments.dropFirst()).filter { $0.until == $1.from }.count
    }
    return m.format("historySummary", [
      "results": history.tracks.count, "obligations": history.obligations.count, "platforms": history.platforms.count,
      "changes": changes, "days": history.work.days, "evaluated": history.work.evaluated, "full": history.work.full,
    ])
  }

  /// What the templates see.
  func data(for format: String, changes: [HistoryChange]) -> [String: Any] {
    let m = Messages.current
    let names = Dictionary(history.platforms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var data: [String: Any] = [
      "m": m.table,
      "title": title,
      "summary": summary,
      "from": history.from.description,
      "to": history.to.description,
      "stillOpenHeading": m.format("historyStillOpen", ["date": history.to]),
      "nothingOpen": m.format("historyNothingOpen", ["date": history.to]),
      "tool": "\(history.tool.name) \(history.tool.version)",
      "schema": history.schema,
      "hasChanges": !changes.isEmpty,
    ]
    let byPlatform = Dictionary(grouping: changes, by: \.platform)
    data["platforms"] = history.platforms.compactMap { platform -> [String: Any]? in
      guard let list = byPlatform[platform.id], !list.isEmpty else { return nil }
      let shown = list.prefix(Self.changesPerPlatform)
      return [
        "id": platform.id,
        "name": Self.name(platform),
        "changes": shown.map { $0.values(format: format, names: names) },
        "more": list.count > shown.count ? [m.format("historyMoreChanges", count: list.count - shown.count)] : [],
      ]
    }
    let open = stillOpen()
    data["open"] = open.prefix(Self.openRows).map { row -> [String: Any] in
      let (track, segment) = row
      return [
        "platform": names[track.platform].map(Self.name) ?? track.platform,
        "obligation": track.obligation,
        "counterparty": track.counterparty.map { [$0] } ?? [],
        "status": segment.status.label,
        "statusClass": segment.status.cssClass,
        "since": segment.from.description,
        "reason": segment.reasonMessage.map(Messages.current.render) ?? segment.reason,
      ]
    }
    data["hasOpen"] = !open.isEmpty
    data["moreOpen"] = open.count > Self.openRows ? [m.format("historyMoreOpen", count: open.count - Self.openRows)] : []
    if format == "html" {
      let chart = HistoryChart(history: history)
      data["svg"] = chart.svg()
      data["chartCaption"] = chart.caption
      data["legend"] = Status.displayOrder.map { ["label": $0.label, "class": $0.cssClass] }
      let beside = changes.sorted { ($0.date, $0.platform, $0.obligation) < ($1.date, $1.platform, $1.obligation) }
      data["beside"] = beside.prefix(Self.changesBesideChart).map { $0.values(format: format, names: names) }
      data["moreBeside"] = beside.count > Self.changesBesideChart
        ? [m.format("historyMoreChanges", count: beside.count - Self.changesBesideChart)] : []
    }
    return data
  }

  /// Results that fail, are unknown or err on the last day, by platform then obligation.
  func stillOpen() -> [(History.Track, History.Segment)] {
    history.tracks.compactMap { track -> (History.Track, History.Segment)? in
      guard let last = track.segments.last, last.until == nil, [.fail, .unknown, .error].contains(last.status) else { return nil }
      return (track, last)
    }.sorted { ($0.0.platform, $0.0.obligation, $0.0.counterparty ?? "") < ($1.0.platform, $1.0.obligation, $1.0.counterparty ?? "") }
  }

  /// "淘宝 Taobao" or the id.
  static func name(_ platform: History.PlatformEntry) -> String {
    let pick = Messages.current.pick(original: platform.name, english: platform.nameEn)
    return pick.primary ?? platform.id
  }
}

/// One status change of one result: the segment before and the one after, contiguous.
struct HistoryChange: Sendable {
  var date: Day
  var obligation: String
  var platform: String
  var counterparty: String?
  var before: History.Segment
  var after: History.Segment
  /// For a folded line: every counterparty whose result made the same change on the same day.
  var counterparties: [String] = []

  /// Lines of one platform, day, obligation and change against at least this many
  /// counterparties are folded into one.
  static let foldFrom = 3

  /// Every change of every track, per track in date order, tracks in document order.
  static func all(in history: History) -> [HistoryChange] {
    history.tracks.flatMap { track in
      zip(track.segments, track.segments.dropFirst()).compactMap { before, after in
        guard before.until == after.from else { return nil }
        return HistoryChange(date: after.from, obligation: track.obligation, platform: track.platform,
          counterparty: track.counterparty, before: before, after: after)
      }
    }.sorted { ($0.platform, $0.date, $0.obligation, $0.counterparty ?? "") < ($1.platform, $1.date, $1.obligation, $1.counterparty ?? "") }
  }

  /// The same changes, with the runs that differ only in the counterparty folded into one line.
  static func folded(_ changes: [HistoryChange]) -> [HistoryChange] {
    // Within a platform, day and obligation, the same change sits together, then by counterparty.
    let changes = changes.sorted {
      ($0.platform, $0.date, $0.obligation, $0.before.status.order, $0.after.status.order, $0.counterparty ?? "")
        < ($1.platform, $1.date, $1.obligation, $1.before.status.order, $1.after.status.order, $1.counterparty ?? "")
    }
    var out: [HistoryChange] = []
    var i = 0
    while i < changes.count {
      let first = changes[i]
      var j = i + 1
      while j < changes.count, first.counterparty != nil, changes[j].counterparty != nil, changes[j].platform == first.platform,
        changes[j].date == first.date, changes[j].obligation == first.obligation,
        changes[j].before.status == first.before.status, changes[j].after.status == first.after.status
      {
        j += 1
      }
      if j - i >= foldFrom {
        var line = first
        line.counterparties = changes[i..<j].compactMap(\.counterparty)
        out.append(line)
      } else {
        out += changes[i..<j]
      }
      i = j
    }
    return out
  }

  /// "payments.checkout.wechat_pay not_accepted → accepted", or the new reason when the value
  /// that decided did not change (a waiver expired, a phase began) or was not read on both sides.
  var what: String {
    if !counterparties.isEmpty {
      return Messages.current.format("historyFolded", ["count": counterparties.count])
    }
    if let path = after.path, path == before.path, after.found != before.found {
      return "\(path) \(before.found ?? "~") → \(after.found ?? "~")"
    }
    return after.reasonMessage.map(Messages.current.render) ?? after.reason
  }

  /// The values a template shows for this change.
  func values(format: String, names: [String: History.PlatformEntry]) -> [String: Any] {
    let source = counterparties.isEmpty ? after.evidence.flatMap { TextEscaping.safeURL($0.source) } : nil
    let against = counterparties.isEmpty
      ? counterparty
      : counterparties.prefix(6).joined(separator: ", ") + (counterparties.count > 6 ? " +\(counterparties.count - 6)" : "")
    var values: [String: Any] = [
      "date": date.description,
      "obligation": obligation,
      "platform": names[platform].map(HistoryReport.name) ?? platform,
      "counterparty": against.map { [$0] } ?? [],
      "from": before.status.symbol,
      "to": after.status.symbol,
      "fromWord": before.status.word,
      "toWord": after.status.word,
      "toClass": after.status.cssClass,
      "what": what,
      "url": source.map { [$0] } ?? [],
      "host": source.map(ReportLinks.host) ?? "",
    ]
    if format == "markdown" {
      values["sourceMarkdown"] = source.map { " — " + ReportLinks.markdown(ReportLinks.host($0), $0) } ?? ""
    }
    return values
  }
}

/// What `audit history` did: its diagnostics, the history and the files written.
public struct HistoryReportRun: Sendable {
  public var diagnostics: [Diagnostic]
  public var history: History
  public var written: [String]
}

extension ReportPipeline {
  /// `audit history`: evaluates the status of every result over time (`HistoryRun.run`),
  /// renders the formats asked for and writes them as the history set.
  public static func history(
    _ request: HistoryRequest, _ output: ReportRequest, standardOutput: FileHandle = .standardOutput
  ) throws(DiagnosticError) -> HistoryReportRun {
    let outcome = HistoryRun.run(request)
    guard let history = outcome.history else {
      throw DiagnosticError(outcome.diagnostics,
        summary: "audit: stopped: \(outcome.stopReason ?? "nothing to evaluate"); nothing written")
    }
    let report = HistoryReport(history: history, templatesDirectory: output.templatesDirectory, language: output.language)
    let files = try attempt("audit: nothing was written") {
      try ReportFormats.render(output.formats, DocumentContext(.history(report)))
    }
    let (written, notes) = try write(files, output, as: .history, standardOutput: standardOutput)
    return HistoryReportRun(diagnostics: outcome.diagnostics + notes, history: history, written: written)
  }
}
