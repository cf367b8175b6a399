import AuditCore

/// The Mermaid `timeline` block of a chronology, which GitHub draws from Markdown: a section per
/// year, one line per date (`period : event : event`), each event numbered as in the table.
///
/// Text is made safe for Mermaid's timeline grammar: `:` separates events and `#`, `;` and `%%`
/// start comments or end statements in some versions, so they become their full-width forms;
/// line breaks become spaces; `<`, `>` and backticks are replaced so nothing reads as markup or
/// closes the Markdown fence.
public enum MermaidTimeline {
  /// The longest event text kept before it is cut with "…".
  public static let maxEventLength = 100

  /// The block's lines, without the Markdown fence.
  public static func render(_ document: TimelineDocument) -> String {
    let title = Messages.current.pick(original: document.title, english: document.titleEn).primary ?? document.title
    var lines = ["timeline", "    title \(text(title, limit: 120))"]
    var year: Int?
    var index = 0
    let events = document.events
    while index < events.count {
      let date = events[index].date
      if date.year != year {
        year = date.year
        lines.append("    section \(date.year)")
      }
      var line = "        \(date)"
      while index < events.count, events[index].date == date {
        line += " : " + text(eventText(events[index], number: index + 1), limit: maxEventLength)
        index += 1
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// "12 · unblock · wechat → taobao · links › inbound › taobao › group_chat blocked → direct":
  /// a derived event's path is split at its dots so that Mermaid can wrap it inside its box.
  static func eventText(_ event: TimelineDocument.Entry, number: Int) -> String {
    var who = event.actors.joined(separator: ", ")
    if !event.affects.isEmpty { who += " → " + event.affects.joined(separator: ", ") }
    var what = event.isDerived ? (event.change.map { Messages.current.render($0.summaryMessage) } ?? event.title)
      : Messages.current.pick(original: event.title, english: event.titleEn).primary ?? event.title
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
