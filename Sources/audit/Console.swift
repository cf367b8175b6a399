import ArgumentParser
import AuditCore
import AuditReports
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes to the standard streams: stdout only for requested output, stderr for the rest.
enum FileHandleOutput {
  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  static func standardError(_ text: String) {
    guard !text.isEmpty else { return }
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Prints diagnostics, one per line, in `path:line:column: severity: message` form.
  static func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    standardError(diagnostics.map(\.description).joined(separator: "\n"))
  }

  /// Whether stderr is a terminal, so progress lines are worth printing.
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

/// Progress on long runs, to stderr, only when it is a terminal.
struct Progress {
  let enabled: Bool

  init(workItems: Int) {
    enabled = FileHandleOutput.stderrIsTerminal && workItems >= 500
  }

  func step(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
  }

  func done() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

extension Array where Element == Diagnostic {
  /// "2 errors, 1 warning".
  var tally: String {
    let errors = filter { $0.severity == .error }.count
    let warnings = filter { $0.severity == .warning }.count
    return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
  }
}

/// A command that stopped after argument parsing: the diagnostics that say why (printed by
/// `Audit.main`, the one place failures are printed), an optional closing line, and the exit
/// code, which is always `ExitStatus.badInput`.
struct CommandFailure: Error {
  var diagnostics: [Diagnostic]
  var summary: String?

  init(_ diagnostics: [Diagnostic], summary: String? = nil) {
    self.diagnostics = diagnostics
    self.summary = summary
  }

  /// Prints the failure to stderr.
  func report() {
    FileHandleOutput.report(diagnostics)
    if let summary { FileHandleOutput.standardError(summary) }
  }
}

/// A subcommand whose work returns the exit code that `ExitStatus` decided; failures are
/// thrown as `CommandFailure` (or a `Diagnostic`) and printed by `Audit.main`.
protocol AuditCommand: ParsableCommand {
  func execute() throws -> Int32
}

extension AuditCommand {
  func run() throws {
    let code = try execute()
    if code != ExitStatus.clean { throw ExitCode(code) }
  }
}

/// Writing and rendering reports, with every failure turned into a `CommandFailure`.
enum ReportOutput {
  /// Writes `files` into `directory` as the set `kind`, naming on stderr any file of an earlier
  /// set that was removed or kept; a failure is a located diagnostic.
  static func write(_ files: [ReportFile], to directory: String, as kind: ReportSetKind) throws -> String {
    do {
      let (written, notes) = try OutputDirectory.write(files, to: directory, as: kind)
      FileHandleOutput.report(notes)
      return written.joined(separator: ", ")
    } catch let error as DiagnosticError {
      throw CommandFailure(error.diagnostics, summary: "audit: reports were not written")
    }
  }

  /// Renders through `body`, turning template failures into diagnostics.
  static func render<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as TemplateError {
      throw CommandFailure([error.diagnostic], summary: "audit: nothing was written")
    }
  }
}
