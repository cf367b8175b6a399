import AuditCore
import Foundation

/// What a command asks to be written: the formats (each of which renders the command's document),
/// where files go, the templates and the language of the human reports.
public struct ReportRequest: Sendable {
  public var formats: [any ReportFormat.Type]
  /// The output directory (`--output`).
  public var directory: String
  /// A directory of templates that overrides the built-in ones (`--templates`).
  public var templatesDirectory: String?
  public var language: ReportLanguage
  /// How many findings per obligation the Markdown and HTML reports of a run list (`nil`: all).
  public var findingsPerObligation: Int?
  /// What the exit code counts (`--fail-on`, `--strict`), which JUnit's failures follow.
  public var gate = Gate()
  /// Which findings `audit run` lists on stderr (`--show`, `--show-unknown`).
  public var shown = TerminalFindings.Selection()

  public init(
    formats: [any ReportFormat.Type], directory: String, templatesDirectory: String? = nil,
    language: ReportLanguage = .en, findingsPerObligation: Int? = nil
  ) {
    self.formats = formats
    self.directory = directory
    self.templatesDirectory = templatesDirectory
    self.language = language
    self.findingsPerObligation = findingsPerObligation
  }

  /// The prefix from the output directory back to the current one, for links to manifest lines.
  public var linkBase: String? { toStandardOutput ? "" : ReportLinks.base(outputDirectory: directory) }

  /// `--output -`: the one format asked for goes to standard output, nothing to a directory.
  public static let standardOutputName = "-"

  public var toStandardOutput: Bool { directory == Self.standardOutputName }

  /// Fails before any work when the output directory cannot take files, or when the formats (or
  /// the formats they need) render through templates and `--templates` does not load.
  public func preflight() throws(DiagnosticError) {
    var problems: [Diagnostic] = []
    if !toStandardOutput, let problem = OutputDirectory.problem(directory) { problems.append(problem) }
    if let templatesDirectory, ReportFormats.useTemplates(formats) {
      do {
        _ = try Templates.load(overrides: templatesDirectory)
      } catch {
        problems += ReportPipeline.diagnostics(error)
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems, summary: "audit: nothing was read or written") }
  }
}

/// The commands' pipelines, one call each: `run` (load → stop rules → stream the results into
/// the formats → write the set), `diff` and `timeline`. Commands parse options, call one of
/// these, and print what it returns; every failure is a `DiagnosticError`.
public enum ReportPipeline {
  /// The files of `files` meant for the output directory written as the set `kind` (files of the
  /// earlier set of that kind that this one does not hold are removed or kept, and named in the
  /// notes returned), and those meant for standard output printed to `standardOutput`; returns
  /// the paths written and those notes.
  static func write(
    _ files: [ReportFile], _ output: ReportRequest, as kind: ReportSetKind, standardOutput: FileHandle
  ) throws(DiagnosticError) -> (written: [String], notes: [Diagnostic]) {
    if output.toStandardOutput {
      ReportWriter.stream(files.map { file in
        var file = file
        file.destination = .standardOutput
        return file
      }, to: standardOutput)
      return (["standard output"], [])
    }
    let result: (written: [String], notes: [Diagnostic])
    do {
      result = try OutputDirectory.write(files, to: output.directory, as: kind)
    } catch {
      throw DiagnosticError(diagnostics(error), summary: "audit: reports were not written")
    }
    ReportWriter.stream(files, to: standardOutput)
    return result
  }

  /// Runs `body`, turning whatever it throws into the one error type, with `summary` as its
  /// closing line unless it has one.
  static func attempt<T>(_ summary: String, _ body: () throws -> T) throws(DiagnosticError) -> T {
    do {
      return try body()
    } catch {
      throw DiagnosticError(diagnostics(error), summary: (error as? DiagnosticError)?.summary ?? summary)
    }
  }

  /// The diagnostics an error carries; an error that none of ours wrapped is named by its kind,
  /// never by a library's description.
  static func diagnostics(_ error: any Error) -> [Diagnostic] {
    if let failure = error as? DiagnosticError { return failure.diagnostics }
    return [Diagnostic(.error, file: "audit", "unexpected failure (\(String(describing: type(of: error))))",
      hint: "please report this with the command you ran")]
  }
}
