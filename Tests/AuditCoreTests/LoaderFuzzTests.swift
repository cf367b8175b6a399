import Foundation
import Testing

@testable import AuditCore

/// Mutation fuzzing of the loader and the engine: real files, damaged at random, must give
/// diagnostics that point inside the file, and never a crash or a hang.
@Suite struct LoaderFuzzTests {
  /// The seed corpus: the shipped samples and the fixtures.
  static let corpus: [(String, [UInt8])] = {
    let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    var files: [(String, [UInt8])] = []
    for directory in ["Rules", "manifests", "Tests/Fixtures/e2e"] {
      let base = root.appendingPathComponent(directory)
      guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
      for case let name as String in walker where name.hasSuffix(".yaml") {
        if let data = FileManager.default.contents(atPath: base.appendingPathComponent(name).path) {
          files.append(("\(directory)/\(name)", [UInt8](data)))
        }
      }
    }
    return files.sorted { $0.0 < $1.0 }
  }()

  /// A small deterministic generator.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(max(bound, 1)))
    }
  }

  static let tokens: [[UInt8]] = [
    "{", "}", "[", "]", ":", ": ", "- ", "&a ", "*a", "!!str ", "'", "\"", "\n", "\t", "#", "|",
    ">", "~", "null", "<<: *a", "? ", "---\n", "...", "\\", "%YAML 1.2\n", "{counterparty}",
  ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80], [0x00], [0xEF, 0xBB, 0xBF]]

  /// Damages `bytes` in one of several ways.
  static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
    var out = bytes
    for _ in 0..<(1 + random.next(4)) {
      let at = random.next(out.count + 1)
      switch random.next(6) {
      case 0 where !out.isEmpty: out[min(at, out.count - 1)] ^= UInt8(1 << random.next(8))
      case 1: out.insert(contentsOf: tokens[random.next(tokens.count)], at: at)
      case 2 where !out.isEmpty: out.removeSubrange(at..<min(out.count, at + 1 + random.next(40)))
      case 3: out = Array(out.prefix(at))
      case 4:
        let end = min(out.count, at + random.next(200))
        out.insert(contentsOf: out[at..<end], at: random.next(out.count + 1))
      default: out.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: random.next(9)), at: at)
      }
    }
    return out
  }

  @Test(arguments: 0..<8)
  func damagedFilesGiveDiagnosticsInsideTheFileNeverACrash(shard: Int) throws {
    try #require(!Self.corpus.isEmpty)
    try #require(!Self.packs.isEmpty && Self.packs.contains { !$0.obligations.isEmpty }, "the real packs do not load")
    var random = Random(state: UInt64(20211129 + shard))
    var evaluated = 0
    for _ in 0..<250 {
      let (name, original) = Self.corpus[random.next(Self.corpus.count)]
      let damaged = Self.mutate(original, &random)
      let file = SourceFile.parse(damaged, path: name)
      let workspace = Workspace.load(files: [file])
      let lines = damaged.split(separator: 0x0A, omittingEmptySubsequences: false).count
      for diagnostic in workspace.diagnostics {
        #expect(diagnostic.file == name, "\(diagnostic)")
        if let location = diagnostic.location {
          #expect(location.line >= 1 && location.line <= lines + 1, "\(diagnostic)")
          #expect(location.column >= 1, "\(diagnostic)")
        }
        #expect(!diagnostic.message.isEmpty)
      }
      // Whatever loaded must evaluate without trouble, against the real packs.
      if !workspace.manifests.isEmpty {
        let evaluation = Engine(packs: Self.packs, asOf: Day("2021-12-02") ?? .epoch)
          .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
        evaluated += evaluation.results.count
        // A pass rests on values that hold: the checks it rests on are passes (or values read
        // only for comparison), never a fail, an unknown or an error.
        for result in evaluation.results where result.status == .pass {
          let decisive = result.checks.filter(\.decisive)
          #expect(!decisive.isEmpty, "\(result.key) passes on nothing")
          for check in decisive {
            #expect(check.status == .pass || check.status == .notApplicable, "\(result.key): \(check.sentence)")
          }
        }
      }
      if !workspace.packs.isEmpty { _ = ExampleRunner.run(workspace.packs) }
    }
    // Damaged files that still load must be evaluated, or the invariants above say nothing.
    #expect(evaluated > 100, "only \(evaluated) results evaluated in shard \(shard)")
  }

  static let packs: [RulePack] = {
    let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    return Workspace.load([root.appendingPathComponent("Rules").path]).packs
  }()

  @Test func randomBytesNeverCrashTheParser() {
    var random = Random(state: 7)
    for _ in 0..<2_000 {
      let bytes = (0..<random.next(300)).map { _ in UInt8(random.next(256)) }
      let output = YAMLParser.parse(bytes, file: "r.yaml")
      for diagnostic in output.diagnostics { #expect(diagnostic.severity == .error) }
    }
  }
}
