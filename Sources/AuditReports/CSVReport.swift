import AuditCore
import Foundation

/// `results.csv`: one row per result (RFC 4180: comma-separated, CRLF, quoted where needed),
/// for spreadsheets. A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
/// tab or CR first) is prefixed with `'`, so that no manifest can smuggle a formula in.
public struct CSVReport: ReportFormat {
  public static let identifier = "csv"
  public static let summary = "results.csv: one row per result, for spreadsheets."

  /// The columns, in order.
  public static let header = [
    "obligation", "pack", "platform", "counterparty", "status", "severity", "reason", "file", "line",
    "column", "evidence", "waiver_expires", "waiver_reason", "upcoming_date", "upcoming_status",
    "evidence_strength", "evidence_observed", "rests_on",
  ]

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    var out = Self.row(Self.header)
    out.reserveCapacity(context.document.results.count * 200)
    for r in context.document.results {
      let waiver = r.waiver ?? r.expiredWaiver
      out += Self.row([
        r.obligation, r.pack, r.platform, r.counterparty ?? "", r.status.rawValue, r.severity.rawValue,
        r.reason, r.location?.file ?? "", r.location.map { String($0.line) } ?? "",
        r.location.map { String($0.column) } ?? "",
        r.evidence.map(\.source).joined(separator: " "),
        waiver.map { $0.expires.description } ?? "", waiver?.reason ?? "",
        r.upcoming.map { $0.date.description } ?? "", r.upcoming?.status.rawValue ?? "",
        r.evidenceStrength?.rawValue ?? "", r.evidenceObserved?.description ?? "",
        r.restsOn.map(\.evidenceText).joined(separator: "; "),
      ])
    }
    return [ReportFile(name: "results.csv", text: out)]
  }

  /// One CSV line, CRLF-terminated.
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }

  /// One field: printable, defused if it looks like a formula, quoted if it needs it.
  public static func field(_ raw: String) -> String {
    var value = TextEscaping.printable(raw)
    if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
      value = "'" + value
    }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
