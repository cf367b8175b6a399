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
        var out: [UInt8] = []
        out.reserveCapacity(results.count * 400)
        for r in results { Self.append(row: Self.fields(r), to: &out) }
        return [Data(out)]
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
    var out: [UInt8] = []
    append(row: fields, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// One field: printable, defused if it looks like a formula, quoted if it needs it.
  public static func field(_ raw: String) -> String {
    var out: [UInt8] = []
    append(field: raw, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of one CSV line: a run's rows are written straight into its batch's bytes.
  static func append(row fields: [String], to out: inout [UInt8]) {
    for (i, field) in fields.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      append(field: field, to: &out)
    }
    out.append(0x0D)
    out.append(0x0A)
  }

  /// The characters that matter are ASCII, so the value is scanned as UTF-8 bytes: a comma
  /// quotes the field even where a combining mark follows it, as a CSV reader splits on it, and
  /// a quote is doubled whatever follows it.
  static func append(field raw: String, to out: inout [UInt8]) {
    var value = TextEscaping.printable(raw)
    value.withUTF8 { bytes in
      let quoted = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      if quoted { out.append(0x22) }
      if let first = bytes.first, formulaStart(first) { out.append(UInt8(ascii: "'")) }
      if quoted {
        for byte in bytes {
          out.append(byte)
          if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
      } else {
        out.append(contentsOf: bytes)
      }
    }
  }

  /// Whether a first byte makes a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
  private static func formulaStart(_ byte: UInt8) -> Bool {
    byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
  }
}
