import AuditCore
import Foundation

/// One output format: turns a document — a run's results, a diff, a chronology — into files, or
/// into text for a stream. Each format is a small stateless type in its own file, listed once in
/// `ReportFormats.all`, and it declares what the commands and the set writer need to know: which
/// documents it renders, the file it writes for each (or standard output), whether it renders
/// through templates, and which other formats' output it reads. A format that writes something
/// per result conforms to `StreamingReportFormat` instead, so that `audit run` hands it the
/// results as they come; one that renders a summary (Markdown, HTML) reads `ReportContext.model`,
/// which a streamed run builds from its digest.
public protocol ReportFormat: Sendable {
  /// The name users pass to `--format`.
  static var identifier: String { get }
  /// One line for `--help`.
  static var summary: String { get }
  /// Where the rendered output goes: files in the output directory (the default), or standard
  /// output (GitHub's workflow commands, which the runner reads from the step's log).
  static var destination: ReportDestination { get }
  /// The documents it renders (default: a run's results); the commands accept it for these only.
  static var documents: Set<ReportDocumentKind> { get }
  /// Whether it renders through the templates, so that `--templates` is loaded before any work.
  static var usesTemplates: Bool { get }
  /// The formats whose files it reads (PDF: the HTML it prints, and the JSON whose hash its footer
  /// names); they are rendered for it even when not asked for, and written only when asked for.
  static var needs: [any ReportFormat.Type] { get }
  /// The file it writes for a document, relative to the output directory; for a format whose
  /// destination is a stream, the name that tests know its output by.
  static func fileName(for document: ReportDocumentKind) -> String
  init()
  /// What this format writes for a run; `context.needed` holds the files of `needs`.
  func render(_ context: ReportContext) throws -> [ReportFile]
  /// What this format writes for a diff or a timeline (one of `documents`).
  func render(_ context: DocumentContext) throws -> [ReportFile]
}

extension ReportFormat {
  /// Most formats write files.
  public static var destination: ReportDestination { .files }
  /// Most formats render a run's results only.
  public static var documents: Set<ReportDocumentKind> { [.results] }
  public static var usesTemplates: Bool { false }
  public static var needs: [any ReportFormat.Type] { [] }

  /// A format that declares no diff or timeline rendering is never asked for one by the commands,
  /// which check `documents`; a direct call says so.
  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    throw ReportFormats.unsupported(Self.self, context.kind)
  }
}

/// The documents that formats render. `audit check`'s machine format (issue 18) adds its
/// document here and lists it in the `documents` of the formats that render it.
public enum ReportDocumentKind: String, Sendable, CaseIterable {
  /// A run's results (`audit run`): `report.md`, `results.json`, …
  case results
  /// How two sets of results differ (`audit diff`): `diff.md`, `diff.json`, …
  case diff
  /// A chronology (`audit timeline`): `timeline.md`, `timeline.json`, …
  case timeline
  /// Status over time (`audit history`): `history.md`, `history.json`, …
  case history

  /// The stem of the human reports' file names: `report`, `diff`, `timeline`, `history`.
  public var baseName: String { self == .results ? "report" : rawValue }
}

/// Where a format's output goes.
public enum ReportDestination: Sendable, Equatable {
  /// Files in the output directory, replaced as a set.
  case files
  /// Standard output, as the format renders it; nothing is written to the output directory.
  case standardOutput
}

/// The files of the formats a format needs, by format, as the registry rendered them.
public struct FormatOutputs: Sendable {
  private var files: [String: [ReportFile]] = [:]

  public init() {}

  /// Records a format's files.
  mutating func record(_ format: any ReportFormat.Type, _ rendered: [ReportFile]) {
    files[format.identifier] = rendered
  }

  /// Whether a format's files are here.
  func has(_ format: any ReportFormat.Type) -> Bool { files[format.identifier] != nil }

  /// The files of a format, in the order it rendered them.
  public func files(of format: any ReportFormat.Type) -> [ReportFile] { files[format.identifier] ?? [] }

  /// The first file of a needed format; a diagnostic when it was not rendered.
  public func file(of format: any ReportFormat.Type, for user: any ReportFormat.Type) throws -> ReportFile {
    guard let file = files[format.identifier]?.first else {
      throw DiagnosticError([Diagnostic(.error, file: user.fileName(for: .results),
        "the \(user.identifier) format needs the \(format.identifier) output, which was not rendered",
        hint: "list \(format.identifier) in the needs of \(user.identifier)")])
    }
    return file
  }
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
  /// The files of the formats that the rendering format needs (`ReportFormat.needs`).
  public var needed = FormatOutputs()
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

  /// What a command writes when `--format` is not given.
  public static let defaults = ["markdown", "html", "json"]

  public static var identifiers: [String] { all.map { $0.identifier } }

  /// Other names `--format` and a config's `formats` take for a format (compared lowercased).
  public static let aliases = ["md": "markdown", "htm": "html"]

  /// The formats that can go whole to standard output (`--output -`): one text stream each.
  /// HTML and PDF cannot (they link or embed other files), nor OSCAL (it names results.json).
  public static let standardOutputCapable = ["json", "csv", "sarif", "junit", "markdown", "github"]

  /// The identifier a name given by a user stands for: itself or an alias, without case.
  public static func canonical(_ name: String) -> String {
    let lowered = name.lowercased()
    return aliases[lowered] ?? lowered
  }

  /// The formats that render a document, in registry order.
  public static func formats(for document: ReportDocumentKind) -> [any ReportFormat.Type] {
    all.filter { $0.documents.contains(document) }
  }

  /// The identifiers that `--format` accepts for a document.
  public static func identifiers(for document: ReportDocumentKind) -> [String] {
    formats(for: document).map { $0.identifier }
  }

  /// The files that formats can write into the output directory for a document: a new run drops
  /// those it did not write this time, so the set never mixes formats from two runs.
  public static func fileNames(for document: ReportDocumentKind) -> Set<String> {
    Set(formats(for: document).filter { $0.destination == .files }.map { $0.fileName(for: document) })
  }

  /// The failure of asking a format for a document it does not render.
  public static func unsupported(_ format: any ReportFormat.Type, _ document: ReportDocumentKind) -> DiagnosticError {
    DiagnosticError([Diagnostic(.error, file: "--format", "the \(format.identifier) format does not render a \(document.rawValue) document",
      hint: "use one of: \(identifiers(for: document).joined(separator: ", "))")])
  }

  public static func format(_ identifier: String) -> (any ReportFormat.Type)? {
    all.first { $0.identifier == identifier }
  }

  /// The formats asked for and every format they need, needs first, each once.
  package static func closure(_ formats: [any ReportFormat.Type]) -> [any ReportFormat.Type] {
    var out: [any ReportFormat.Type] = []
    func add(_ format: any ReportFormat.Type, depth: Int) {
      guard depth < all.count, !out.contains(where: { $0 == format }) else { return }
      for need in format.needs { add(need, depth: depth + 1) }
      if !out.contains(where: { $0 == format }) { out.append(format) }
    }
    for format in formats { add(format, depth: 0) }
    return out
  }

  /// Whether any of the formats, or a format they need, renders through the templates.
  package static func useTemplates(_ formats: [any ReportFormat.Type]) -> Bool {
    closure(formats).contains { $0.usesTemplates }
  }

  /// Renders a run's formats, one per core, each after the formats it needs (rendered too, but
  /// returned only when asked for); `done` holds formats already rendered (streamed). Files come
  /// back in the order of `formats`.
  public static func render(_ formats: [any ReportFormat.Type], _ context: ReportContext, done: FormatOutputs = FormatOutputs())
    throws -> [ReportFile]
  {
    try render(formats, done: done) { format, needed in
      var context = context
      context.needed = needed
      return try format.init().render(context)
    }
  }

  /// Renders a diff's or a timeline's formats the same way, in the document's language.
  public static func render(_ formats: [any ReportFormat.Type], _ context: DocumentContext) throws -> [ReportFile] {
    try Messages.$current.withValue(.of(context.page.language)) {
      let messages = Messages.current
      return try render(formats, done: FormatOutputs()) { format, needed in
        var context = context
        context.needed = needed
        return try Messages.$current.withValue(messages) { try format.init().render(context) }
      }
    }
  }

  /// Renders in rounds: each round the formats whose needs are met, one per core.
  private static func render(
    _ formats: [any ReportFormat.Type], done: FormatOutputs,
    _ body: @escaping @Sendable (any ReportFormat.Type, FormatOutputs) throws -> [ReportFile]
  ) throws -> [ReportFile] {
    var outputs = done
    var pending = closure(formats).filter { !outputs.has($0) }
    while !pending.isEmpty {
      let ready = pending.filter { format in format.needs.allSatisfy { outputs.has($0) } }
      let round = ready.isEmpty ? [pending[0]] : ready
      let needed = outputs
      let rendered = parallelMap(Array(round.indices)) { i in
        Swift.Result {
          try body(round[i], needed).map { file in
            var file = file
            file.destination = round[i].destination
            return file
          }
        }
      }
      for (format, files) in zip(round, rendered) { outputs.record(format, try files.get()) }
      pending.removeAll { format in round.contains { $0 == format } }
    }
    return formats.flatMap { outputs.files(of: $0) }
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
