import AuditCore
import Crypto
import Foundation

/// `report.pdf`: the HTML report printed by headless Chromium for filing: A4, the matrices on
/// landscape pages, a running header (packs, as-of date) and footer (page N of M, the SHA-256 of
/// `results.json`), an outline from the headings, and document information dated by
/// `SOURCE_DATE_EPOCH` or else the as-of date, never the clock.
public struct PDFReport: ReportFormat {
  public static let identifier = "pdf"
  public static let summary = "report.pdf: the HTML report printed by headless Chromium (needs chromium)."
  public static let documents: Set<ReportDocumentKind> = [.results, .diff, .timeline, .history]
  /// It prints the HTML, and its footer names the SHA-256 of the JSON.
  public static var needs: [any ReportFormat.Type] { [HTMLReport.self, JSONReport.self] }
  public static func fileName(for document: ReportDocumentKind) -> String { "\(document.baseName).pdf" }

  public init() {}

  /// Prints the HTML report with the hash of `results.json`.
  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let document = context.document
    let html = try context.needed.file(of: HTMLReport.self, for: Self.self)
    let jsonHash = try context.needed.file(of: JSONReport.self, for: Self.self).sha256()
    let packs = document.packs.map { pack in [pack.id, pack.version].compactMap { $0 }.joined(separator: " ") }
    let m = Messages.of(context.language)
    var job = PrintJob(
      html: Self.opened(String(decoding: html.contents, as: UTF8.self)),
      headerLeft: m["auditName"] + " · " + packs.joined(separator: " · "),
      headerRight: "\(m["asOf"]) \(document.asOf)",
      footerLeft: "results.json SHA-256 \(jsonHash)",
      title: m.format("title", ["asOf": document.asOf]),
      subject: m.format("pdfSubject", ["platforms": document.summary.platforms, "obligations": document.summary.obligations,
        "packs": document.packs.map(\.id).joined(separator: ", "), "asOf": document.asOf]),
      date: PrintJob.date(environment: ProcessInfo.processInfo.environment, fallback: Self.date(document.asOf)))
    job.pageLabel = m["pdfPage"]
    return [ReportFile(name: Self.fileName(for: .results), contents: try ChromiumPrinter.print(job, writing: Self.fileName(for: .results)))]
  }

  /// Prints a diff's or a timeline's HTML with the hash of its JSON.
  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    let html = try context.needed.file(of: HTMLReport.self, for: Self.self)
    let json = try context.needed.file(of: JSONReport.self, for: Self.self)
    let job = context.page.printJob(html: String(decoding: html.contents, as: UTF8.self), jsonSHA256: try json.sha256())
    let name = Self.fileName(for: context.kind)
    return [ReportFile(name: name, contents: try ChromiumPrinter.print(job, writing: name))]
  }

  /// The HTML with the disclosures that paper must show (`data-print-open`: the folded
  /// unknowns) opened, since a closed `<details>` prints nothing of its content.
  static func opened(_ html: String) -> String {
    html.replacingOccurrences(of: "data-print-open>", with: "data-print-open open>")
  }

  /// Midnight UTC of a day.
  public static func date(_ day: Day) -> Date {
    Date(timeIntervalSince1970: TimeInterval(day.ordinal - Day.epoch.ordinal) * 86_400)
  }

  /// Lowercase hex SHA-256.
  public static func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }
}
