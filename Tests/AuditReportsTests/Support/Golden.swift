import AuditCore
import Foundation
import Testing

/// Paths and loaders for the files under `Tests/Fixtures`.
enum Fixtures {
  /// `Tests/Fixtures`, found from this source file so tests run from any directory.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The YAML files under `Tests/Fixtures/<directory>`, parsed and named as from the package
  /// root (`Tests/Fixtures/...`), so that outputs do not depend on where the checkout lives.
  static func files(_ directory: String) throws -> [SourceFile] {
    let base = root.appendingPathComponent(directory)
    let enumerator = FileManager.default.enumerator(atPath: base.path)
    let names = (enumerator?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return try names.map { name in
      let bytes = try Data(contentsOf: base.appendingPathComponent(name))
      return SourceFile.parse([UInt8](bytes), path: "Tests/Fixtures/\(directory)/\(name)")
    }
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
