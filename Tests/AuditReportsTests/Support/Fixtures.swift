import AuditCore
import AuditTestSupport
import Foundation
import Testing

/// Paths and loaders for the files under `Tests/Fixtures`.
enum Fixtures {
  /// `Tests/Fixtures`, found from this source file so tests run from any directory.
  static var root: URL { TestPaths.fixtures }

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
