import AuditCore
import Foundation

/// One output format: turns the results of a run into files, or into text for a stream. Each
/// format is a small stateless type in its own file, listed once in `ReportFormats.all`. A format
/// that writes something per result conforms to `StreamingReportFormat` instead, so that
/// `audit run` hands it the results as they come; one that renders a summary (Markdown, HTML)
/// reads `ReportContext.model`, which a streamed run builds from its digest.
public protocol ReportFormat: Sendable {
  /// The name users pass to `--format`.
  static var identifier: String { get }
  /// One line for `--help`.
  static var summary: String { get }
  /// Where the rendered output goes: files in the output directory (the default), or standard
  /// output (GitHub's workflow commands, which the runner reads from the step's log).
  static var destination: ReportDestination { get }
  init()
  /// What this format writes for a run: files named relative to the output directory, or, for a
  /// format whose destination is a stream, the text to print under a name that tests refer to.
  func render(_ context: ReportContext) throws -> [ReportFile]
}

extension ReportFormat {
  /// Most formats write files.
  public static var destination: ReportDestination { .files }
}

/// Where a format's output goes.
public enum ReportDestination: Sendable, Equatable {
  /// Files in the output directory, replaced as a set.
  case files
  /// Standard output, as the format renders it; nothing is written to the output directory.
  case standardOutput
}

/// What every format renders from: the results document, and templates where a format uses them.
/// The report model and its template data are computed once, on first use, and shared by the
/// formats that render concurrently.
public struct ReportContext: Sendable {
  public let document: ResultsDocument
  /// A directory of templates that overrides the built-in ones (`--templates DIR`).
  public var templatesDirectory: String?
  /// How many findings per obligation the Markdown and HTML reports list (`nil`: all); the
  /// machine formats always carry every result.
  public let findingsPerObligation: Int?
  /// The language of the human reports (`--lang`); machine formats do not depend on it.
  public let language: ReportLanguage
  /// What a streamed run kept of its results for the human reports; `nil`: the document has them.
  public let digest: ResultDigest?
  /// The SHA-256 of the run's `results.json`, when it was streamed (the PDF's footer names it).
  public var resultsSHA256: String?
  private let cache: ModelCache

  public init(document: ResultsDocument, templatesDirectory: String? = nil, findingsPerObligation: Int? = nil,
              language: ReportLanguage = .en, digest: ResultDigest? = nil) {
    self.document = document
    self.templatesDirectory = templatesDirectory
    self.findingsPerObligation = findingsPerObligation
    self.language = language
    self.digest = digest
    cache = ModelCache(document, digest: digest, findingLimit: findingsPerObligation, messages: .of(language))
  }

  /// The report model of the document, built once.
  public var model: ReportModel { cache.model }

  /// The model as Mustache data (`TemplateData.context`), built once.
  public var templateData: [String: Any] { cache.templateData }
}

/// Lazily built, thread-safe values derived from one document.
private final class ModelCache: @unchecked Sendable {
  private let lock = NSLock()
  private let document: ResultsDocument
  private let digest: ResultDigest?
  private let findingLimit: Int?
  /// The catalogue the model's sentences and the template data are written with.
  private let messages: Messages
  private var builtModel: ReportModel?
  private var builtData: [String: Any]?

  init(_ document: ResultsDocument, digest: ResultDigest?, findingLimit: Int?, messages: Messages) {
    self.document = document
    self.digest = digest
    self.findingLimit = findingLimit
    self.messages = messages
  }

  var model: ReportModel {
    lock.lock()
    defer { lock.unlock() }
    return modelLocked()
  }

  var templateData: [String: Any] {
    lock.lock()
    defer { lock.unlock() }
    if let builtData { return builtData }
    let model = modelLocked()
    let data = Messages.$current.withValue(messages) { TemplateData.context(model) }
    builtData = data
    return data
  }

  private func modelLocked() -> ReportModel {
    if let builtModel { return builtModel }
    let model = Messages.$current.withValue(messages) { ReportModel(document, digest: digest, findingLimit: findingLimit) }
    builtModel = model
    return model
  }
}

/// A file a format produced, named relative to the output directory: bytes, or for a streamed
/// format the bytes around what it spooled during the run.
public struct ReportFile: Sendable {
  /// A piece of the file's bytes.
  public enum Part: Sendable {
    case bytes(Data)
    case spool(Spool)
  }

  public var name: String
  public var parts: [Part]
  /// Where the file goes; `ReportFormats.render` sets it from the format's `destination`.
  public var destination: ReportDestination

  public init(name: String, parts: [Part], destination: ReportDestination = .files) {
    self.name = name
    self.parts = parts
    self.destination = destination
  }

  public init(name: String, contents: Data, destination: ReportDestination = .files) {
    self.init(name: name, parts: [.bytes(contents)], destination: destination)
  }

  public init(name: String, text: String, destination: ReportDestination = .files) {
    self.init(name: name, contents: Data(text.utf8), destination: destination)
  }

  /// All the bytes at once (spools read back): for tests and small files.
  public var contents: Data {
    if parts.count == 1, case .bytes(let data) = parts[0] { return data }
    var all = Data(capacity: size)
    try? read { all.append($0) }
    return all
  }
}

/// Every format, by identifier. A new format is one new file and one line here.
public enum ReportFormats {
  public static let all: [any ReportFormat.Type] = [
    MarkdownReport.self,
    HTMLReport.self,
    JSONReport.self,
    SARIFReport.self,
    JUnitReport.self,
    CSVReport.self,
    OSCALReport.self,
    GitHubReport.self,
    PDFReport.self,
  ]

  /// What `audit run` writes when `--format` is not given.
  public static let defaults = ["markdown", "html", "json"]

  public static var identifiers: [String] { all.map { $0.identifier } }

  /// Renders several formats at once, one per core; files come back in format order.
  public static func render(_ formats: [any ReportFormat.Type], _ context: ReportContext) throws
    -> [ReportFile]
  {
    let outputs = parallelMap(Array(formats.indices)) { i in
      Swift.Result {
        try formats[i].init().render(context).map { file in
          var file = file
          file.destination = formats[i].destination
          return file
        }
      }
    }
    return try outputs.flatMap { try $0.get() }
  }

  public static func format(_ identifier: String) -> (any ReportFormat.Type)? {
    all.first { $0.identifier == identifier }
  }
}

/// Prints the report files meant for standard output (`--format github`); the files for the
/// output directory are written as one set by `OutputDirectory.write` (`ReportSetWriter`).
public enum ReportWriter {
  /// Prints the files whose destination is standard output, in order, to `handle`.
  public static func stream(_ files: [ReportFile], to handle: FileHandle = .standardOutput) {
    for file in files where file.destination == .standardOutput {
      try? file.read { handle.write($0) }
    }
  }
}
