/// A checker for Mermaid's `timeline` diagrams, written from the rules of its Jison grammar
/// (`packages/mermaid/src/diagrams/timeline/parser/timeline.jison`), taking the stricter of
/// the older and newer lexers so that a block passes on either:
/// - the first statement is `timeline`;
/// - `title <text>`: text to the end of the line, without `#` or `;`;
/// - `section <text>`: without `:`, `#` or `;`;
/// - `period : event : event`: the period has no `:`, `#` or `;` and must not begin with a
///   keyword the lexer reads first (`timeline`, `title `, `section `, `accTitle`, `accDescr`);
///   each event begins with `:` and white space and has no `:`, `#` or `;`;
/// - `%%` anywhere starts a comment (so it may not appear in text), `#` too in older versions;
/// - and, for our use, one line per period.
enum MermaidTimelineGrammar {
  /// Every problem found, as "line N: …"; empty when the block parses.
  static func problems(_ block: String) -> [String] {
    var problems: [String] = []
    var sawHeader = false
    var periods = Set<String>()
    for (index, raw) in block.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let n = index + 1
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if line.contains("%%") { problems.append("line \(n): '%%' starts a comment") }
      if line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) {
        problems.append("line \(n): control character")
      }
      guard sawHeader else {
        if line.lowercased() == "timeline" { sawHeader = true } else { problems.append("line \(n): expected 'timeline' first") }
        continue
      }
      if line.lowercased().hasPrefix("title ") {
        if line.dropFirst(6).contains(where: { $0 == "#" || $0 == ";" }) { problems.append("line \(n): '#' or ';' in the title") }
        continue
      }
      if line.lowercased().hasPrefix("section ") {
        if line.dropFirst(8).contains(where: { $0 == ":" || $0 == "#" || $0 == ";" }) {
          problems.append("line \(n): ':', '#' or ';' in a section name")
        }
        continue
      }
      problems += periodLine(line, number: n, periods: &periods)
    }
    if !sawHeader { problems.append("no 'timeline' header") }
    return problems
  }

  private static func periodLine(_ line: String, number n: Int, periods: inout Set<String>) -> [String] {
    var problems: [String] = []
    if line.contains("#") || line.contains(";") { problems.append("line \(n): '#' or ';' in a period or event") }
    let parts = line.split(separator: ":", omittingEmptySubsequences: false)
    let period = parts[0].trimmingCharacters(in: .whitespaces)
    if period.isEmpty {
      problems.append("line \(n): an event without a period")
    } else if ["timeline", "title ", "section ", "acctitle", "accdescr"].contains(where: { period.lowercased().hasPrefix($0) }) {
      problems.append("line \(n): period '\(period)' begins with a keyword")
    } else if !periods.insert(period).inserted {
      problems.append("line \(n): period '\(period)' appears on two lines")
    }
    if parts.count < 2 { problems.append("line \(n): a period without events") }
    for event in parts.dropFirst() {
      if !(event.first?.isWhitespace ?? false) || event.trimmingCharacters(in: .whitespaces).isEmpty {
        problems.append("line \(n): an event must follow ': ' and not be empty, found '\(event)'")
      }
    }
    return problems
  }
}
