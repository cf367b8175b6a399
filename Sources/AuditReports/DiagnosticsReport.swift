import AuditCore
import Foundation

/// `audit check --format json|sarif`: the diagnostics of a check as a machine reads them, so that
/// editors and code-scanning services show each problem at its file, line and column.
public enum DiagnosticsReport {
  /// The JSON document's `schema`, versioned like the results document's.
  public static let schema = "interop-audit/check/1"

  /// `{schema, tool, files, diagnostics: [{file, line, column, severity, code, message, hint}], summary}`;
  /// `line` and `column` are absent for a problem that concerns a whole file or an option, `code`
  /// for a problem that has none (errors; every warning has one, as `--allow` takes it).
  public static func json(_ diagnostics: [Diagnostic], files: Int) -> String {
    let counts = Dictionary(grouping: diagnostics, by: \.severity).mapValues(\.count)
    let document: JSONValue = .object([
      ("schema", .string(schema)),
      ("tool", .object([("name", .string(AuditVersion.name)), ("version", .string(AuditVersion.current))])),
      ("files", .int(files)),
      ("diagnostics", .array(diagnostics.map(entry))),
      ("summary", .object([("errors", .int(counts[.error] ?? 0)), ("warnings", .int(counts[.warning] ?? 0)),
        ("notes", .int(counts[.note] ?? 0))])),
    ])
    return document.rendered()
  }

  private static func entry(_ d: Diagnostic) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("file", d.file.map { .string($0) } ?? .null)]
    if let location = d.location { pairs += [("line", .int(location.line)), ("column", .int(location.column))] }
    pairs.append(("severity", .string(d.severity.rawValue)))
    if let code = d.code { pairs.append(("code", .string(code.rawValue))) }
    pairs.append(("message", .string(d.message)))
    if let hint = d.hint { pairs.append(("hint", .string(hint))) }
    return .object(pairs)
  }

  /// A SARIF 2.1.0 log with one run: each diagnostic a result (`level` error, warning or note),
  /// located at its file and, when known, its line and column.
  public static func sarif(_ diagnostics: [Diagnostic]) -> String {
    let log: JSONValue = .object([
      ("$schema", .string(SARIFReport.schemaURI)),
      ("version", "2.1.0"),
      ("runs", .array([.object([
        ("tool", .object([("driver", .object([
          ("name", .string(AuditVersion.name)), ("version", .string(AuditVersion.current)),
        ]))])),
        ("results", .array(diagnostics.map(result))),
      ])])),
    ])
    return log.rendered()
  }

  private static func result(_ d: Diagnostic) -> JSONValue {
    let text = d.hint.map { "\(d.message) — \($0)" } ?? d.message
    var pairs: [(String, JSONValue)] = []
    if let code = d.code { pairs.append(("ruleId", .string(code.rawValue))) }
    pairs += [("level", .string(d.severity.rawValue)), ("message", .object([("text", .string(text))]))]
    if let file = d.file {
      var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(file)))]))]
      if let location = d.location {
        physical.append(("region", .object([("startLine", .int(max(1, location.line))), ("startColumn", .int(max(1, location.column)))])))
      }
      pairs.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
    }
    return .object(pairs)
  }

  /// A file path as a SARIF URI reference: relative paths stay relative (to the run's working
  /// directory), characters a URI cannot hold are percent-encoded.
  private static func uri(_ path: String) -> String {
    path.addingPercentEncoding(withAllowedCharacters: ReportLinks.pathCharacters) ?? path
  }
}
