import AuditCore
import Foundation

/// What a printed report carries besides its HTML: the running header and footer, and the PDF's
/// document information.
public struct PrintJob: Sendable {
  /// The page to print: one self-contained HTML document.
  public var html: String
  /// The running header, left and right ("pack titles", "as of 2021-12-02").
  public var headerLeft: String
  public var headerRight: String
  /// The running footer's left part; its right part is "page N of M".
  public var footerLeft: String
  /// PDF document information.
  public var title: String
  public var subject: String
  /// The creation and modification date; `nil` leaves both out (never the wall clock).
  public var date: Date?
  /// The running footer's right part, with `{page}` and `{pages}` for the counters.
  public var pageLabel = "page {page} of {pages}"

  /// A print job; `date` should come from `date(environment:fallback:)`.
  public init(html: String, headerLeft: String, headerRight: String, footerLeft: String, title: String,
    subject: String, date: Date?)
  {
    self.html = html
    self.headerLeft = headerLeft
    self.headerRight = headerRight
    self.footerLeft = footerLeft
    self.title = title
    self.subject = subject
    self.date = date
  }

  /// The creation date of a printed report: `SOURCE_DATE_EPOCH` when set, else `fallback`.
  public static func date(environment: [String: String], fallback: Date?) -> Date? {
    if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
      return Date(timeIntervalSince1970: TimeInterval(epoch))
    }
    return fallback
  }
}

/// Prints HTML to PDF with headless Chromium: a throwaway profile, no network, a time limit, the
/// browser's own header and footer off and ours (CSS page-margin boxes) on, an outline from the
/// headings, and the document information rewritten so that it does not depend on the clock.
public enum ChromiumPrinter {
  /// The program names tried on `PATH`, in order (`AUDIT_CHROMIUM` overrides them).
  public static let programs = ["chromium", "chromium-browser"]

  /// The Chromium executable, or `nil` when none is installed.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let explicit = environment["AUDIT_CHROMIUM"], !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
    }
    let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    for program in programs {
      for directory in directories where !directory.isEmpty {
        let path = directory + "/" + program
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }

  /// The PDF of `job`, or a diagnostic at `name` (the file it was for) that says what went wrong
  /// (no Chromium, a crash, the time limit: `AUDIT_PDF_TIMEOUT` seconds, default 120).
  public static func print(_ job: PrintJob, writing name: String = "report.pdf") throws -> Data {
    do {
      return try printing(job)
    } catch let failure as PrintFailure {
      throw DiagnosticError([Diagnostic(.error, file: name, failure.message, hint: failure.hint)])
    } catch let failure as DiagnosticError {
      throw failure
    } catch {
      let reason = OutputDirectory.posixReason(error).map { ": \($0)" } ?? ""
      throw DiagnosticError([Diagnostic(.error, file: name, "cannot prepare the page for Chromium\(reason)",
        hint: "set TMPDIR to a writable directory with free space")])
    }
  }

  /// Why Chromium printed nothing.
  private struct PrintFailure: Error {
    var message: String
    var hint: String?
  }

  private static func printing(_ job: PrintJob) throws -> Data {
    let environment = ProcessInfo.processInfo.environment
    guard let chromium = locate(environment: environment) else {
      throw PrintFailure(
        message: "PDF output needs Chromium, and none was found on PATH (tried \(programs.joined(separator: ", ")))",
        hint: "install it with 'apt-get install chromium' (Debian/Ubuntu) or set AUDIT_CHROMIUM to its path")
    }
    let timeout = environment["AUDIT_PDF_TIMEOUT"].flatMap(Double.init) ?? 120
    let fm = FileManager.default
    let work = fm.temporaryDirectory.appendingPathComponent("audit-pdf-\(UUID().uuidString)")
    try fm.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: work) }
    let page = work.appendingPathComponent("report.html")
    let output = work.appendingPathComponent("report.pdf")
    let log = work.appendingPathComponent("chromium.log")
    try Data(withMarginBoxes(job).utf8).write(to: page)
    _ = fm.createFile(atPath: log.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = arguments(profile: work.appendingPathComponent("profile").path, output: output.path) + [page.absoluteString]
    var childEnvironment = environment
    childEnvironment["HOME"] = work.path  // keeps Chromium's caches and crash dumps in the temp dir
    process.environment = childEnvironment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: log)
    do {
      try process.run()
    } catch {
      throw PrintFailure(message: "could not start \(chromium)\(OutputDirectory.posixReason(error).map { ": \($0)" } ?? "")",
        hint: "check that AUDIT_CHROMIUM or PATH names an executable Chromium")
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      stop(process)
      throw PrintFailure(message: "Chromium did not print the PDF within \(Int(timeout)) s",
        hint: "set AUDIT_PDF_TIMEOUT to allow longer")
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF".utf8))
    else {
      let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " | ") ?? ""
      throw PrintFailure(message: "Chromium (\(chromium)) exited with status \(process.terminationStatus) and no PDF",
        hint: tail.isEmpty ? nil : String(tail))
    }
    return try PDFInfo.replace(in: pdf, title: job.title, subject: job.subject, date: job.date)
  }

  /// Ends a process that ran out of time: SIGTERM, then SIGKILL when it is still running two
  /// seconds later (a parent may have left SIGTERM ignored, which children inherit).
  static func stop(_ process: Process) {
    process.terminate()
    let grace = Date().addingTimeInterval(2)
    while process.isRunning && Date() < grace { usleep(20_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// Chromium's command line: headless, a profile that is thrown away, every network request
  /// refused, no default header and footer, an outline from the headings.
  static func arguments(profile: String, output: String) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-crash-reporter",
      "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
      "--user-data-dir=\(profile)", "--no-pdf-header-footer", "--generate-pdf-document-outline",
      "--print-to-pdf=\(output)",
    ]
  }

  /// "page {page} of {pages}" as CSS content: `"page " counter(page) " of " counter(pages)`.
  static func pageCounters(_ label: String) -> String {
    var parts: [String] = []
    var rest = Substring(label)
    while let open = rest.firstIndex(of: "{") {
      let name = rest[rest.index(after: open)...].prefix { $0 != "}" }
      guard name == "page" || name == "pages",
        let close = rest[open...].firstIndex(of: "}")
      else { break }
      if open > rest.startIndex { parts.append(cssString(String(rest[..<open]))) }
      parts.append("counter(\(name))")
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(cssString(String(rest))) }
    return parts.isEmpty ? "\"\"" : parts.joined(separator: " ")
  }

  /// The page with a print stylesheet added before `</head>`: the running header and footer as
  /// CSS page-margin boxes (on the portrait pages and on the landscape ones of the matrices).
  static func withMarginBoxes(_ job: PrintJob) -> String {
    let boxes = """
      @top-left { content: \(cssString(job.headerLeft)); font: 8pt sans-serif; color: #555; }
      @top-right { content: \(cssString(job.headerRight)); font: 8pt sans-serif; color: #555; }
      @bottom-left { content: \(cssString(job.footerLeft)); font: 6.5pt monospace; color: #555; }
      @bottom-right { content: \(pageCounters(job.pageLabel)); font: 8pt sans-serif; color: #555; }
      """
    let style = "<style media=\"print\">\n@page { margin-top: 16mm; margin-bottom: 16mm;\n\(boxes) }\n@page wide { margin-top: 14mm; margin-bottom: 14mm;\n\(boxes) }\n</style>\n"
    guard let head = job.html.range(of: "</head>", options: .caseInsensitive) else { return style + job.html }
    var html = job.html
    html.insert(contentsOf: style, at: head.lowerBound)
    return html
  }

  /// A CSS string literal: quotes, backslashes, line breaks and `<` escaped, so no value can end
  /// the string or the `<style>` element.
  static func cssString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\" + String(scalar.value, radix: 16) + " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
