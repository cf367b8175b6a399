import AuditCore

/// The Mermaid `timeline` blocks of a chronology, which GitHub draws from Markdown: a block per
/// year (a section per month when the year is busy), a line per date holding at most
/// `maxEventsPerLine` events (`period : event : event`; a busier date continues on periods
/// "2021-11-29 (2/3)"), each event numbered as in the table. A table of more than
/// `maxDiagramEvents` rows gives each date one item instead, counting its events and lanes.
///
/// Text is made safe for Mermaid's timeline grammar: `:` separates events and `#`, `;` and `%%`
/// start comments or end statements in some versions, so they become their full-width forms;
/// line breaks become spaces; `<`, `>` and backticks are replaced so nothing reads as markup or
/// closes the Markdown fence.
public enum MermaidTimeline {
  /// The longest event text kept before it is cut with "…".
  public static let maxEventLength = 140
  /// The most events on one line: a date with more is split over periods "2021-11-29 (1/3)" …
  public static let maxEventsPerLine = 4
  /// A block with more events than this gets a section per month instead of one per year.
  public static let maxEventsPerYearSection = 16
  /// Consecutive years share a block while it holds at most this many events.
  public static let eventsPerBlock = 16
  /// Past this many rows the diagram gives each date one item that counts its events.
  public static let maxDiagramEvents = 400

  /// One block per year or run of quiet years (lines without the Markdown fence), each titled
  /// with its years.
  public static func blocks(_ document: TimelineDocument) -> [(year: Int, text: String)] {
    let title = Messages.current.pick(original: document.title, english: document.titleEn).primary ?? document.title
    return blocks(title: title, items: items(document))
  }

  /// What the diagram lists, in date order: each event, or past `maxDiagramEvents` rows one
  /// item per date that counts them (Mermaid draws no diagram past its default `maxTextSize`,
  /// 50,000 characters; the table lists the rows).
  static func items(_ document: TimelineDocument) -> [(date: PartialDate, text: String)] {
    guard document.events.count > maxDiagramEvents else {
      return document.events.enumerated().map { ($1.date, eventText($1, number: $0 + 1)) }
    }
    let m = Messages.current
    var out: [(date: PartialDate, text: String)] = []
    var start = 0
    while start < document.events.count {
      let date = document.events[start].date
      var end = start
      var events = 0
      var lanes = Set<String>()
      while end < document.events.count, document.events[end].date == date {
        events += document.events[end].fold?.events ?? 1
        lanes.formUnion(document.events[end].lanes(by: document.lanes))
        end += 1
      }
      out.append((date, m.format("mermaidDateSummary", ["events": m.format("timelineEvents", count: events),
        "lanes": lanes.count, "first": start + 1, "last": end])))
      start = end
    }
    return out
  }

  /// The blocks of `items` (in date order).
  static func blocks(title: String, items: [(date: PartialDate, text: String)]) -> [(year: Int, text: String)] {
    var years: [Int] = []
    var byYear: [Int: [Int]] = [:]
    for (i, item) in items.enumerated() {
      if byYear[item.date.year] == nil { years.append(item.date.year) }
      byYear[item.date.year, default: []].append(i)
    }
    // Quiet years share a block (until it holds `eventsPerBlock`); a busy year has its own.
    var spans: [[Int]] = []
    for year in years {
      if let last = spans.last, last.reduce(0, { $0 + (byYear[$1]?.count ?? 0) }) + (byYear[year]?.count ?? 0) <= eventsPerBlock {
        spans[spans.count - 1].append(year)
      } else {
        spans.append([year])
      }
    }
    let many = spans.count > 1
    return spans.map { span in
      let year = span[0]
      let indices = span.flatMap { byYear[$0] ?? [] }
      let label = span.count > 1 ? "\(year)–\(span[span.count - 1])" : String(year)
      var lines = ["timeline", "    title \(text(many ? "\(title) — \(label)" : title, limit: 120))"]
      let byMonth = indices.count > maxEventsPerYearSection
      var section: String?
      var k = 0
      while k < indices.count {
        let date = items[indices[k]].date
        let name = byMonth && date.precision >= 2 ? String(date.description.prefix(7)) : String(date.year)
        if name != section {
          section = name
          lines.append("    section \(name)")
        }
        var same: [Int] = []
        while k < indices.count, items[indices[k]].date == date { same.append(indices[k]); k += 1 }
        let chunks = stride(from: 0, to: same.count, by: maxEventsPerLine).map { Array(same[$0..<min(same.count, $0 + maxEventsPerLine)]) }
        for (c, chunk) in chunks.enumerated() {
          var line = "        \(date)" + (chunks.count > 1 ? " (\(c + 1)/\(chunks.count))" : "")
          for e in chunk { line += " : " + text(items[e].text, limit: maxEventLength) }
          lines.append(line)
        }
      }
      return (year, lines.joined(separator: "\n"))
    }
  }

  /// All blocks' lines, one after the other (for callers that want one string).
  public static func render(_ document: TimelineDocument) -> String {
    blocks(document).map(\.text).joined(separator: "\n\n")
  }

  /// "12 · unblock · wechat → taobao · links › inbound › taobao › group_chat blocked → direct":
  /// a derived event's path is split at its dots so that Mermaid can wrap it inside its box.
  static func eventText(_ event: TimelineDocument.Entry, number: Int) -> String {
    var who = event.actors.joined(separator: ", ")
    if !event.affects.isEmpty { who += " → " + event.affects.joined(separator: ", ") }
    var what = TimelineReport.title(of: event)
    if let fold = event.fold, let line = TimelineReport.lines(fold).first { what += " — " + line }
    if let change = event.change, what.hasPrefix(change.path) {
      what = change.path.split(separator: ".", omittingEmptySubsequences: false).joined(separator: " › ")
        + what.dropFirst(change.path.count)
    }
    return "\(number) · \(Messages.current.word("eventType", event.type.rawValue)) · \(who) · \(what)"
  }

  /// Text that cannot break a timeline statement, at most `limit` characters.
  public static func text(_ raw: String, limit: Int) -> String {
    var out = ""
    var lastWasSpace = false
    for character in raw {
      let replacement: String
      switch character {
      case ":": replacement = "："
      case "#": replacement = "＃"
      case ";": replacement = "；"
      case "%": replacement = "％"
      case "<": replacement = "‹"
      case ">": replacement = "›"
      case "`": replacement = "'"
      case "{": replacement = "("
      case "}": replacement = ")"
      // Controls and bidi overrides become spaces here (a diagram label); tables show them.
      case let c where c.isNewline || c.unicodeScalars.contains(where: Bounded.needsEscape):
        replacement = " "
      default: replacement = String(character)
      }
      if replacement == " " {
        if lastWasSpace || out.isEmpty { continue }
        lastWasSpace = true
      } else {
        lastWasSpace = false
      }
      out += replacement
    }
    while out.last == " " { out.removeLast() }
    if out.count > limit { out = String(out.prefix(limit - 1)).trimmingTrailingSpaces + "…" }
    return out.isEmpty ? "—" : out
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
