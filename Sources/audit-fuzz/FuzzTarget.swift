import AuditCore
import Foundation

/// Runs the number parser and the `matches` engine on arbitrary bytes, then loads them as one
/// input file and evaluates whatever loads against the shipped rule packs. Anything but a
/// diagnostic (a crash, a trap, a hang) is a bug.
enum FuzzTarget {
  static let packs: [RulePack] = Workspace.load(["Rules"]).packs
  static let asOf = Day(year: 2021, month: 12, day: 2) ?? .epoch

  static func run(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    // The number parser on every line, as a plain scalar: exact, never trapping.
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
      _ = Scalar.resolve(String(line), style: .plain, tag: nil).number?.description
    }
    // The regex operator: the first line as the pattern, the rest as the text searched.
    if let newline = text.firstIndex(of: "\n") {
      _ = Matches.probe(pattern: String(text[..<newline]), text: String(text[text.index(after: newline)...]))
    }
    let workspace = Workspace.load(files: [SourceFile.parse(bytes, path: "fuzz.yaml")])
    let packs = workspace.packs.isEmpty ? Self.packs : workspace.packs
    if !workspace.manifests.isEmpty {
      let evaluation = Engine(packs: packs, asOf: asOf, entities: workspace.entities)
        .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
      _ = try? ResultsDocument(workspace: workspace, evaluation: evaluation).encoded()
    }
    if !workspace.packs.isEmpty { _ = ExampleRunner.run(workspace.packs) }
  }
}

#if FUZZING
  /// libFuzzer's entry point (`make fuzz` builds with `-sanitize=fuzzer -DFUZZING`).
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
  @_cdecl("audit_fuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
  }
#else
  /// Without libFuzzer: replays the files given (a crash reproducer, or a corpus) once each.
  @main
  struct FuzzReplay {
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        FuzzTarget.run([UInt8](data))
      }
    }
  }
#endif
