import AuditCore
import AuditReports
import CYAML
import Foundation

/// `audit-bench [PLATFORMS] [--versions V] [--only bare|loader|engine]` (or `audit-bench [SIZE]
/// --shapes` for the pathological YAML shapes and the hostile patterns for `matches`): times a
/// bare libyaml event loop, the loader and a whole audit on the same synthetic files, and prints
/// the ratios that the issues ask for.
/// `--only bare|loader|engine` runs just that phase, for profiles and `valgrind --tool=callgrind`.
/// `--write DIR PLATFORMS VERSIONS [mixed|output]` only writes the corpus (DIR/manifests,
/// DIR/rules; `output` is the shape where writing the results dominates), and
/// `--floor DIR` only runs the bare event loop over DIR's files on one core, for
/// `scripts/bench/bench.py`, which times whole processes.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--write", (4...5).contains(arguments.count), let p = Int(arguments[2]), let v = Int(arguments[3]),
  let shape = arguments.count == 5 ? SyntheticCorpus.Shape(rawValue: arguments[4]) : .mixed
{
  _ = try SyntheticCorpus(platforms: p, versions: v, shape: shape).write(to: URL(fileURLWithPath: arguments[1]))
  exit(0)
}
if arguments.first == "--floor", arguments.count == 2 {
  var events = 0
  for name in try FileManager.default.contentsOfDirectory(atPath: arguments[1]).sorted() where name.hasSuffix(".yaml") {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: arguments[1]).appendingPathComponent(name)))
    events &+= bareEventLoop(bytes)
  }
  print("floor: \(events) events")
  exit(0)
}
let platforms = arguments.first.flatMap(Int.init) ?? 2_500
let only = arguments.firstIndex(of: "--only").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
let versions = arguments.firstIndex(of: "--versions").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2
let repeats = only == nil ? 5 : 1
/// What `audit run` lists per obligation in Markdown and HTML unless told otherwise.
let findingsPerObligation = 200

var sink = 0
if arguments.contains("--shapes") {
  // Pathological shapes: the loader must stay within a small factor of the bare event loop.
  let size = arguments.first.flatMap(Int.init) ?? 400_000
  print("pathological shapes, \(size) items each (loader vs bare libyaml event loop, best of \(repeats)):")
  for shape in PathologicalShape.all(size: size) {
    let bare = best { sink &+= bareEventLoop(shape.bytes) }
    let loader = best {
      sink &+= YAMLParser.parse(shape.bytes, file: "f", limits: YAMLLimits(maxFileBytes: .max, maxNodes: .max, maxExpandedNodes: .max)).documents.count
    }
    print(String(
      format: "  %@ %6.1f MB  bare %7.3f s  loader %7.3f s  %5.2f×",
      shape.name.padding(toLength: 46, withPad: " ", startingAt: 0), Double(shape.bytes.count) / 1_048_576, bare,
      loader, loader / max(bare, 1e-9)))
  }
  // Hostile patterns for `matches`: RE2 must take about one pass over the text, not explode.
  print("hostile patterns for 'matches' (RE2, best of \(repeats)):")
  for hostile in HostilePattern.all(size: size) {
    let search = best { sink &+= Matches.probe(pattern: hostile.pattern, text: hostile.text) == true ? 1 : 0 }
    print(String(
      format: "  %@ %6.1f MB  search %7.3f s",
      hostile.name.padding(toLength: 46, withPad: " ", startingAt: 0), Double(hostile.text.utf8.count) / 1_048_576, search))
  }
  // Checks that were quadratic: each whole load must take well under a second.
  print("hostile inputs (Workspace.load of parsed files: decode and checks, best of \(repeats)):")
  for input in HostileInputs.all() {
    let load = best { sink &+= Workspace.load(files: input.files).diagnostics.count }
    print(String(format: "  %@  load %7.3f s", input.name.padding(toLength: 46, withPad: " ", startingAt: 0), load))
  }
  exit(0)
}
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-bench-\(platforms)")
try? FileManager.default.removeItem(at: directory)
let (manifestDir, rulesDir) = try SyntheticCorpus(platforms: platforms, versions: versions).write(to: directory)
let paths = try FileManager.default.contentsOfDirectory(atPath: manifestDir.path).sorted()
  .map { manifestDir.appendingPathComponent($0).path }
let contents = try paths.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
let totalBytes = contents.reduce(0) { $0 + $1.count }
print("corpus: \(paths.count) manifests, \(String(format: "%.1f", Double(totalBytes) / 1_048_576)) MB, \(platforms) platforms × \(versions) versions")

/// The best of `repeats` runs, in seconds.
func best(_ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }
  return times.min() ?? 0
}

/// libyaml's own event loop with nothing built: the floor.
func bareEventLoop(_ bytes: [UInt8]) -> Int {
  var events = 0
  bytes.withUnsafeBufferPointer { buffer in
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    while yaml_parser_parse(&parser, &event) == 1 {
      let done = event.type == YAML_STREAM_END_EVENT
      yaml_event_delete(&event)
      events += 1
      if done { break }
    }
    yaml_parser_delete(&parser)
  }
  return events
}

if only == "engine" {
  let workspace = Workspace.load([manifestDir.path, rulesDir.path])
  for _ in 0..<5 {
    sink &+= Engine(packs: workspace.packs, asOf: Day(year: 2021, month: 12, day: 2) ?? .epoch, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests).results.count
  }
  print("engine: five evaluations (checksum \(sink % 10))")
  exit(0)
}
if let only {
  for bytes in contents {
    sink &+= only == "bare" ? bareEventLoop(bytes) : YAMLParser.parse(bytes, file: "f").documents.count
  }
  print("\(only): one pass over \(contents.count) files (checksum \(sink % 10))")
  exit(0)
}
let bare = best { for bytes in contents { sink &+= bareEventLoop(bytes) } }
let loader = best { for bytes in contents { sink &+= YAMLParser.parse(bytes, file: "f").documents.count } }
let hashed = best {
  for (path, bytes) in zip(paths, contents) { sink &+= SourceFile.parse(bytes, path: path).documents.count }
}
let loadAll = best { sink &+= Workspace.load([manifestDir.path, rulesDir.path]).manifests.count }
let workspace = Workspace.load([manifestDir.path, rulesDir.path])
precondition(!workspace.diagnostics.hasErrors, "the synthetic corpus must load cleanly")
let asOf = Day("2021-12-02") ?? .epoch
var evaluation: Evaluation?
let evaluate = best { evaluation = Engine(packs: workspace.packs, asOf: asOf, entities: workspace.entities).evaluate(manifests: workspace.manifests) }
let results = evaluation?.results.count ?? 0
var document: ResultsDocument?
let assemble = best { document = evaluation.map { ResultsDocument(workspace: workspace, evaluation: $0) } }
var timings: [(String, Double)] = []
// PDF is left out: it times Chromium, not the renderers.
let inProcessFormats = ReportFormats.all.filter { $0.identifier != PDFReport.identifier }
for format in inProcessFormats {
  guard let document else { break }
  let context = ReportContext(document: document, findingsPerObligation: findingsPerObligation)
  timings.append((format.identifier, try best { sink &+= try format.init().render(context).count }))
}
let defaultFormats = try best {
  guard let document else { return }
  let formats = ReportFormats.defaults.compactMap(ReportFormats.format)
  sink &+= try ReportFormats.render(
    formats, ReportContext(document: document, findingsPerObligation: findingsPerObligation)
  ).count
}
let allFormats = try best {
  guard let document else { return }
  sink &+= try ReportFormats.render(
    inProcessFormats, ReportContext(document: document, findingsPerObligation: findingsPerObligation)
  ).count
}
let whole = loadAll + evaluate + assemble + defaultFormats
let wholeAll = loadAll + evaluate + assemble + allFormats

func line(_ name: String, _ seconds: Double, _ base: Double? = nil) {
  let ratio = base.map { String(format: "  %5.2f× bare parse", seconds / $0) } ?? ""
  print(String(format: "  %-44@ %8.3f s%@", name as NSString, seconds, ratio))
}
print("one core:")
line("bare libyaml event loop", bare)
line("YAMLParser.parse (document tree, locations)", loader, bare)
line("+ SHA-256 of each file", hashed, bare)
print("both cores (\(ProcessInfo.processInfo.activeProcessorCount)):")
line("Workspace.load (read, hash, parse, decode)", loadAll, bare)
line("Engine.evaluate (\(results) results)", evaluate)
line("ResultsDocument", assemble)
for (name, seconds) in timings { line("render \(name) (alone)", seconds) }
line("render \(ReportFormats.defaults.joined(separator: ",")) (concurrently)", defaultFormats)
line("render all formats (concurrently)", allFormats)
line("whole audit, default formats", whole, bare)
line("whole audit, all seven formats", wholeAll, bare)
print("(best of \(repeats); corpus in \(directory.path); checksum \(sink % 10))")
