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

  public init() {}

  /// Renders the HTML report and `results.json`, and prints the one with the other's hash.
  public func render(_ context: ReportContext) throws -> [ReportFile] {
    let document = context.document
    let html = try rendered(HTMLReport().render(context).first, "the HTML report")
    let jsonHash = try context.resultsSHA256 ?? rendered(JSONReport().render(context).first, "results.json").sha256()
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
    return [ReportFile(name: "report.pdf", contents: try ChromiumPrinter.print(job))]
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

/// `value`, or a `ReportError` naming what is missing.
private func rendered<T>(_ value: T?, _ what: String) throws -> T {
  guard let value else { throw ReportError(message: "\(what) rendered no file", hint: nil) }
  return value
}
