import AuditCore
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
