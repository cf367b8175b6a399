import AuditCore
import AuditTestSupport
import Foundation
import Testing

/// Paths and loaders for the files under `Tests/Fixtures`.
enum Fixtures {
  /// `Tests/Fixtures`, found from this source file so tests run from any directory.
  static var root: URL { TestPaths.fixtures }

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// Loads YAML text as one input file named `path`.
  static func workspace(_ yaml: String, path: String = "test.yaml") -> Workspace {
    Workspace.load(files: [SourceFile.parse(Array(yaml.utf8), path: path)])
  }

  /// Loads several named YAML texts as one set of inputs.
  static func workspace(_ files: [(String, String)]) -> Workspace {
    Workspace.load(files: files.map { SourceFile.parse(Array($0.1.utf8), path: $0.0) })
  }

  /// The diagnostics of loading `yaml`, rendered as `path:line:column: severity: message`.
  static func problems(_ yaml: String, path: String = "test.yaml") -> [String] {
    workspace(yaml, path: path).diagnostics.map(\.description)
  }
}
