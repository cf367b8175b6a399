import Foundation

/// Where the package and its fixtures are, found from this source file so that tests run
/// from any directory.
public enum TestPaths {
  /// The package root.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `Tests/Fixtures`.
  public static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
}

/// Golden files under `Tests/Fixtures/golden`, compared byte for byte. With `AUDIT_RECORD=1`
/// (or `make golden`) a golden is rewritten and the check then fails with a message, so that
/// a recording run is never mistaken for a passing one; review the diff, then run the tests
/// again without it.
public enum Golden {
  /// Whether this run records goldens instead of comparing them.
  public static var recording: Bool { ProcessInfo.processInfo.environment["AUDIT_RECORD"] == "1" }

  /// Compares `actual` with the golden `name` (a path under `Tests/Fixtures/golden`); throws
  /// when they differ, when the golden is missing, and after recording.
  public static func check(_ actual: String, _ name: String) throws {
    let url = TestPaths.fixtures.appendingPathComponent("golden").appendingPathComponent(name)
    if recording {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      throw GoldenFailure(message: "recorded golden \(name); review 'git diff Tests/Fixtures/golden', then run the tests without AUDIT_RECORD")
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw GoldenFailure(message: "golden \(name) does not exist; record it with AUDIT_RECORD=1 (or make golden) and review it")
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard actual == expected else {
      throw GoldenFailure(message: "golden \(name) differs at line \(firstDifferentLine(actual, expected)); rerun with AUDIT_RECORD=1 (or make golden) and review the diff")
    }
  }

  private static func firstDifferentLine(_ a: String, _ b: String) -> Int {
    let (x, y) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
    for i in 0..<min(x.count, y.count) where x[i] != y[i] { return i + 1 }
    return min(x.count, y.count) + 1
  }
}

/// A golden that differs, is missing, or was just recorded.
public struct GoldenFailure: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
