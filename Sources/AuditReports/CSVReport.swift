import AuditCore
import Foundation

/// `results.csv`: one row per result (RFC 4180: comma-separated, CRLF, quoted where needed),
/// for spreadsheets. A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
/// tab or CR first) is prefixed with `'`, so that no manifest can smuggle a formula in.
public struct CSVReport: StreamingReportFormat {
  public static let identifier = "csv"
  public static let summary = "results.csv: one row per result, for spreadsheets."
  public static func fileName(for document: ReportDocumentKind) -> String { "results.csv" }

  /// The columns, in order.
  public static let header = [
    "obligation", "pack", "platform", "counterparty", "status", "severity", "reason", "file", "line",
    "column", "evidence", "waiver_expires", "waiver_reason", "upcoming_date", "upcoming_status",
    "evidence_strength", "evidence_observed", "rests_on", "evidence_source",
  ]

  public init() {}

  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    try ChannelStream(spools: spools, separators: [0],
      encode: { results in
        var out = ""
        out.reserveCapacity(results.count * 200)
        for r in results { out += Self.row(Self.fields(r)) }
        return [Data(out.utf8)]
      },
      assemble: { _, channels in
        [ReportFile(name: Self.fileName(for: .results), parts: [.bytes(Data(Self.row(Self.header).utf8)), .spool(channels[0])])]
      })
  }

  /// The fields of one result's row, in `header` order.
  static func fields(_ r: Result) -> [String] {
    let waiver = r.waiver ?? r.expiredWaiver
    return [
      r.obligation, r.pack, r.platform, r.counterparty ?? "", r.status.rawValue, r.severity.rawValue,
      r.reason, r.location?.file ?? "", r.location.map { String($0.line) } ?? "",
      r.location.map { String($0.column) } ?? "",
      r.evidence.map(\.source).joined(separator: " "),
      waiver.map { $0.expires.description } ?? "", waiver?.reason ?? "",
      r.upcoming.map { $0.date.description } ?? "", r.upcoming?.status.rawValue ?? "",
      r.evidenceStrength?.rawValue ?? "", r.evidenceObserved?.description ?? "",
      r.restsOn.map(\.evidenceText).joined(separator: "; "), r.evidenceSource ?? "",
    ]
  }

  /// One CSV line, CRLF-terminated.
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }

  /// One field: printable, defused if it looks like a formula, quoted if it needs it.
  /// The characters that matter are ASCII, so the value is scanned as UTF-8 bytes: a comma
  /// quotes the field even where a combining mark follows it, as a CSV reader splits on it.
  public static func field(_ raw: String) -> String {
    var value = TextEscaping.printable(raw)
    if let first = value.utf8.first, Self.formulaStarts.contains(first) {
      value = "'" + value
    }
    let bytes = value.utf8
    guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
    var out = "\""
    out.reserveCapacity(bytes.count + 8)
    var start = bytes.startIndex
    while let quote = bytes[start...].firstIndex(of: 0x22) {
      out += value[start...quote]
      out += "\""
      start = bytes.index(after: quote)
    }
    out += value[start...]
    out += "\""
    return out
  }

  /// The first bytes that make a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
  private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
}
