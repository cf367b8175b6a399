import AuditCore
import Foundation
import Testing

/// Paths and loaders for the files under `Tests/Fixtures`.
enum Fixtures {
  /// `Tests/Fixtures`, found from this source file so tests run from any directory.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

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

/// Golden files under `Tests/Fixtures/golden`, compared byte for byte; `AUDIT_RECORD=1` rewrites them.
enum Golden {
  static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = Fixtures.root.appendingPathComponent("golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["AUDIT_RECORD"] == "1" {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "golden \(name) differs; rerun with AUDIT_RECORD=1 and review the diff", sourceLocation: sourceLocation)
  }
}
