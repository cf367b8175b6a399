import AuditCore
import AuditReports
import Foundation
import Testing

/// `--format github`: every line is a workflow command that GitHub's runner parses back into
/// the values it was made from, however hostile the values.
@Suite struct GitHubReportTests {
  /// A parsed workflow command.
  struct Command: Equatable {
    var name: String
    var properties: [String: String]
    var message: String
  }

  /// The runner's grammar (`ActionCommand.TryParseV2`): `::name`, optionally a space and
  /// `key=value` pairs separated by commas (no `,` `:` CR LF in a value), `::`, the message (no
  /// CR LF); property keys are the ones annotations take, line and col are positive integers.
  static var grammar: Regex<(Substring, Substring, Substring?, Substring)> {
    /^::(error|warning|notice)(?: ((?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*))?::([^\r\n]*)$/
  }

  /// Parses one line by the grammar and unescapes it as the runner does; `nil` when it does not
  /// match.
  static func parse(_ line: String) -> Command? {
    guard let match = line.wholeMatch(of: grammar) else { return nil }
    var properties: [String: String] = [:]
    for pair in (match.2.map(String.init) ?? "").split(separator: ",") {
      guard let equals = pair.firstIndex(of: "=") else { return nil }
      let key = String(pair[..<equals])
      guard properties[key] == nil else { return nil }
      properties[key] = unescape(String(pair[pair.index(after: equals)...]), property: true)
    }
    for key in ["line", "col"] {
      if let value = properties[key], (Int(value) ?? 0) < 1 { return nil }
    }
    return Command(name: String(match.1), properties: properties, message: unescape(String(match.3), property: false))
  }

  /// The runner's `UnescapeProperty` / `UnescapeData`: `%25` last.
  static func unescape(_ text: String, property: Bool) -> String {
    var text = text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
    if property {
      text = text.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
    }
    return text.replacingOccurrences(of: "%25", with: "%")
  }

  static let hostile = [
    "plain", "two\nlines", "cr\r\nlf", "::error::injected", "a,b=c", "c:\\path:1:2", "100% %0A literal",
    "%25%3A%2C", "微信|<script>", "trailing\n", ":: ,",
  ]

  @Test(arguments: hostile)
  func hostileValuesRoundTripThroughOneLine(_ value: String) throws {
    let line = GitHubReport.command("error", place: SourceLocation(file: "m/\(value).yaml", line: 3, column: 7),
      title: "T " + value, message: "M " + value)
    #expect(!line.contains("\n") && !line.contains("\r"))
    let command = try #require(Self.parse(line), "does not match the grammar: \(line)")
    #expect(command == Command(name: "error",
      properties: ["file": "m/\(value).yaml", "line": "3", "col": "7", "title": "T " + value], message: "M " + value))
  }

  @Test func escapingIsThatOfGitHubsToolkit() {
    #expect(GitHubReport.escapeData("50%\r\n::a,b:c") == "50%25%0D%0A::a,b:c")
    #expect(GitHubReport.escapeProperty("50%\r\n::a,b:c") == "50%25%0D%0A%3A%3Aa%2Cb%3Ac")
  }

  /// Every control character but tab, CR and LF, DEL, the C1 controls and the bidi overrides
  /// and isolates, generated: none reaches the command raw, in a property or in the message.
  static let unprintable: [Unicode.Scalar] = (Array(0x00...0x08) + [0x0B, 0x0C] + Array(0x0E...0x1F) + Array(0x7F...0x9F)
    + Array(0x202A...0x202E) + Array(0x2066...0x2069)).compactMap(Unicode.Scalar.init)

  @Test(arguments: unprintable)
  func controlCharactersAreShownNotPassedThrough(_ scalar: Unicode.Scalar) throws {
    let value = "a\(Character(scalar))b"
    let line = GitHubReport.command("error", place: SourceLocation(file: "m/\(value).yaml", line: 1, column: 1),
      title: value, message: value)
    #expect(!line.unicodeScalars.contains(scalar), "raw U+\(String(scalar.value, radix: 16)) in \(line.debugDescription)")
    let command = try #require(Self.parse(line))
    let shown = "a\\u{\(String(scalar.value, radix: 16, uppercase: true))}b"
    #expect(command.message == shown)
    #expect(command.properties["title"] == shown)
  }

  @Test func oneCommandPerFailUnknownErrorAndDiagnostic() throws {
    let text = try #require(try ReportFixtures.render([GitHubReport.self])[GitHubReport.name])
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.last == "", "output ends with a newline")
    let commands = lines.dropLast().map { line in
      let command = Self.parse(line)
      #expect(command != nil, "does not match the workflow-command grammar: \(line)")
      return command
    }.compactMap { $0 }
    let document = try ReportFixtures.document()
    let findings = document.results.filter { [.fail, .unknown, .error].contains($0.status) }
    #expect(commands.count == findings.count + document.diagnostics.count)
    #expect(commands.filter { $0.name == "warning" }.count
      == findings.filter { $0.status == .unknown }.count + document.diagnostics.filter { $0.severity == .warning }.count)
    // Every finding is at a file; the Chinese file name and a title with a newline survive intact.
    #expect(commands.prefix(findings.count).allSatisfy { $0.properties["file"] != nil && $0.properties["line"] != nil })
    #expect(commands.contains { $0.properties["file"] == "manifests/商店 e.yaml" })
    #expect(commands.contains { $0.properties["title"] == "FX-LINK-PRIVATE Links open | in private chats\nsecond line" })
  }

  @Test func printsToStandardOutputOnly() {
    #expect(GitHubReport.destination == .standardOutput)
    #expect(ReportFormats.all.filter { $0.destination == .standardOutput }.map { $0.identifier } == ["github"])
  }
}
