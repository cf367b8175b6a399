import Foundation
import Testing

@testable import AuditCore

/// The loader is linear in the number of events for every shape: growing the input eightfold
/// must grow the time about eightfold, not sixty-four-fold (the flow sequence of `[]` and the long
/// block sequence were quadratic, from a copy of the scratch array on every collection close).
@Suite(.serialized) struct YAMLLinearityTests {
  /// Generators of shapes at `n` items.
  static let shapes: [(String, @Sendable (Int) -> String)] = [
    ("flow sequence of []", { "v: [" + String(repeating: "[],", count: $0) + "]\n" }),
    ("block sequence", { "v:\n" + String(repeating: "- a\n", count: $0) }),
    ("wide block mapping", { n in "v:\n" + (0..<n).map { "  k\($0): 1\n" }.joined() }),
    ("wide flow mapping", { n in "v: {" + (0..<n).map { "k\($0): 1," }.joined() + "}\n" }),
    ("deep and wide", { n in
      "v: [" + String(repeating: String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + ",", count: max(1, n / 100)) + "]\n"
    }),
    ("stream of documents", { String(repeating: "--- a\n", count: $0) }),
  ]

  private static let unlimited = YAMLLimits(maxFileBytes: .max, maxNodes: .max, maxExpandedNodes: .max)

  /// The best of three parses, in seconds.
  private func seconds(_ bytes: [UInt8]) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = ContinuousClock.now
      let output = YAMLParser.parse(bytes, file: "f.yaml", limits: Self.unlimited)
      let elapsed = ContinuousClock.now - start
      #expect(output.diagnostics.isEmpty)
      best = min(best, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
    }
    return best
  }

  @Test(arguments: 0..<shapes.count)
  func growingTheInputEightfoldGrowsTheTimeAboutEightfold(shape: Int) {
    let (name, make) = Self.shapes[shape]
    let small = seconds(Array(make(20_000).utf8))
    let large = seconds(Array(make(160_000).utf8))
    // Linear gives about 8; quadratic gives about 64. Leave room for a noisy shared machine.
    #expect(large / max(small, 1e-6) < 24, "\(name): \(small) s at 20k items, \(large) s at 160k")
  }

  @Test func nfcAndNfdKeysAreDifferentKeysWhateverTheMapSize() {
    let nfc = "caf\u{E9}"
    let nfd = "cafe\u{301}"
    for filler in [0, 40] {
      let text = (0..<filler).map { "k\($0): 1\n" }.joined() + "\(nfc): 1\n\(nfd): 2\n"
      let output = YAMLParser.parse(text, file: "f.yaml")
      #expect(output.diagnostics.isEmpty, "with \(filler) other keys")
      #expect(output.documents.first?.root[nfd]?.text == "2")
    }
    let duplicate = (0..<40).map { "k\($0): 1\n" }.joined() + "\(nfc): 1\n\(nfc): 2\n"
    #expect(YAMLParser.parse(duplicate, file: "f.yaml").diagnostics.map(\.message) == [
      "duplicate key '\(nfc)' (first at 41:1)"
    ])
  }
}
