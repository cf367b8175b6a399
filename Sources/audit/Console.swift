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

/// A subcommand whose work returns the exit code that `ExitStatus` decided; failures are
/// thrown as a `DiagnosticError` and printed by `Audit.main`.
protocol AuditCommand: ParsableCommand {
  func execute() throws -> Int32
}

extension AuditCommand {
  func run() throws {
    let code = try execute()
    if code != ExitStatus.clean { throw ExitCode(code) }
  }
}
