import Testing

@testable import AuditCore

/// The loader is linear in the size of its input for every shape (the flow sequence of `[]` was
/// quadratic from a copy of the scratch array on every collection close, the stream of documents
/// from reserving storage for the whole input again for each document). The builder's work is
/// counted, not timed, so the test does not depend on how busy the machine is; `audit-bench
/// --shapes` times the same shapes.
@Suite struct YAMLLinearityTests {
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

  /// A bound per byte rather than a ratio of two sizes: the duplicate-key check's count depends
  /// on a hash seeded afresh for each process, so only a bound well above its mean is certain.
  @Test(arguments: 0..<shapes.count)
  func theBuildersWorkIsAtMostTwoStepsPerInputByte(shape: Int) {
    let (name, make) = Self.shapes[shape]
    let bytes = Array(make(16_000).utf8)
    let output = YAMLParser.parse(bytes, file: "f.yaml", limits: Self.unlimited)
    #expect(output.diagnostics.isEmpty)
    let counts = [
      ("elements moved", output.work.elementsMoved),
      ("key comparisons", output.work.keyComparisons),
      ("slots reserved", output.work.slotsReserved),
    ]
    // Linear work is at most half an element moved, a few hundredths of a key comparison and 4/3 of a
    // slot reserved per byte; quadratic work at 16,000 items is hundreds of times the input's size.
    for (counter, count) in counts {
      #expect(count <= 2 * bytes.count, "\(name): \(count) \(counter) for \(bytes.count) bytes")
    }
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
