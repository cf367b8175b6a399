import AuditCore
import Foundation
import Mustache

/// The Mustache templates that reports render with: the built-in ones compiled into the binary,
/// each replaceable by a file of the same name in a `--templates` directory (an agency's
/// letterhead on the same data).
public struct Templates: Sendable {
  private let library: MustacheLibrary
  /// The names of the templates that the `--templates` directory replaced or added.
  public let overridden: Set<String>

  /// Loads the built-in templates, then the overrides in `directory` (if given). Every problem
  /// is a `DiagnosticError` carrying a located `Diagnostic`, never the library's own description.
  public static func load(overrides directory: String?) throws -> Templates {
    TextEscaping.registerContentTypes()
    var library = try builtIn.get()
    var overridden: [String: Override] = [:]
    if let directory {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
        throw DiagnosticError([Diagnostic(.error, file: directory, "no such templates directory",
          hint: "give --templates a directory of *.mustache files, or leave it out for the built-in ones")])
      }
      guard isDirectory.boolValue else {
        throw DiagnosticError([Diagnostic(.error, file: directory, "--templates is a file, not a directory",
          hint: "give a directory of *.mustache files")])
      }
      overridden = try register(from: directory, into: &library)
    }
    try checkIncludes(overrides: overridden)
    return Templates(library: library, overridden: Set(overridden.keys))
  }

  /// The built-in templates, compiled into the binary (so a copied `audit` never looks for a
  /// resource bundle) and parsed once: a run checks that its templates load, then renders
  /// Markdown and HTML, and each would parse them all again.
  private static let builtIn = Swift.Result<MustacheLibrary, any Error> {
    TextEscaping.registerContentTypes()
    var library = MustacheLibrary()
    for (name, text) in EmbeddedTemplates.all.sorted(by: { $0.key < $1.key }) {
      do {
        try library.register(text, named: name)
      } catch {
        throw DiagnosticError([Diagnostic(.error, file: "\(name).mustache", "built-in template does not parse",
          hint: "rebuild audit; the EmbedResources plugin compiles the templates in")])
      }
    }
    return library
  }

  /// Renders `object` (dictionaries, arrays, strings, numbers, booleans) with a named template.
  /// With override templates, every list iteration counts against a `RenderBudget`, so that the
  /// output of a template is bounded by a few passes over the data.
  public func render(_ object: Any, template name: String) throws -> String {
    var budget: RenderBudget?
    var object = object
    if !overridden.isEmpty { (object, budget) = RenderBudget.wrap(object) }
    guard let output = library.render(object, withTemplate: name) else {
      throw DiagnosticError([Diagnostic(.error, file: "\(name).mustache", "no template named '\(name)'",
        hint: "the built-in templates are missing from this installation; reinstall audit")])
    }
    if let budget, budget.exceeded {
      throw DiagnosticError([Diagnostic(.error, file: "\(name).mustache",
        "the templates render more than \(budget.limit) list items for this data; nothing was written",
        hint: "a section nested in a section over the same list repeats it for every item; render each list once")])
    }
    return output
  }

  /// Registers every `*.mustache` file under `directory`, named by its path without the
  /// extension; returns the names registered, with the text and path of each.
  private static func register(from directory: String, into library: inout MustacheLibrary) throws -> [String: Override] {
    let root = URL(fileURLWithPath: directory)
    guard FileManager.default.isReadableFile(atPath: directory),
      let enumerator = FileManager.default.enumerator(atPath: directory)
    else {
      throw DiagnosticError([Diagnostic(.error, file: directory, "cannot read templates directory",
        hint: "check its permissions")])
    }
    let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.sorted()
    var names: [String: Override] = [:]
    for file in files {
      let path = root.appendingPathComponent(file).path
      guard let data = FileManager.default.contents(atPath: path) else {
        throw DiagnosticError([Diagnostic(.error, file: path, "cannot read template", hint: "check its permissions")])
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw DiagnosticError([Diagnostic(.error, file: path, "template is not UTF-8 text", hint: "save it as UTF-8")])
      }
      let name = String(file.dropLast(".mustache".count))
      names[name] = Override(path: path, text: text)
      do {
        try library.register(text, named: name)
      } catch let error as MustacheTemplate.ParserError {
        let location = SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber + 1)
        throw DiagnosticError([Diagnostic(.error, at: location, "template does not parse: \(Self.words(error.error))",
          hint: "fix the Mustache tag there, or remove the file to use the built-in template")])
      } catch {
        throw DiagnosticError([Diagnostic(.error, file: path, "template does not parse",
          hint: "fix the Mustache syntax, or remove the file to use the built-in template")])
      }
    }
    return names
  }

  /// An override template: where it was read from, and its text.
  private struct Override {
    var path: String
    var text: String
  }

  /// Refuses templates that include themselves (directly or through other partials), which would
  /// recurse until the stack overflows, and partial chains that expand past
  /// `TemplateIncludes.maxExpandedBytes` of template text.
  private static func checkIncludes(overrides: [String: Override]) throws {
    guard !overrides.isEmpty else { return }
    var texts = EmbeddedTemplates.all
    for (name, override) in overrides { texts[name] = override.text }
    let graph = texts.mapValues(TemplateIncludes.names(in:))
    func file(_ name: String) -> String { overrides[name]?.path ?? "\(name).mustache" }
    if var cycle = TemplateIncludes.cycle(in: graph) {
      // Start the cycle at an override (the user's file; the first by name), at its include of the next one.
      if let start = cycle.dropLast().indices.filter({ overrides[cycle[$0]] != nil }).min(by: { cycle[$0] < cycle[$1] }) {
        cycle = Array(cycle[start..<(cycle.count - 1)] + cycle[..<start]) + [cycle[start]]
      }
      let include = TemplateIncludes.includes(in: texts[cycle[0]] ?? "").first { $0.name == cycle[1] }
      let location = SourceLocation(file: file(cycle[0]), line: include?.line ?? 1, column: include?.column ?? 1)
      throw DiagnosticError([Diagnostic(.error, at: location,
        "templates include each other in a cycle: \(cycle.map { "'\($0)'" }.joined(separator: " → "))",
        hint: "a partial must not include itself, directly or through another; remove one of these includes")])
    }
    let sizes = TemplateIncludes.expandedSizes(graph, sizes: texts.mapValues(\.utf8.count))
    if let (name, _) = sizes.filter({ $0.value > TemplateIncludes.maxExpandedBytes }).min(by: { $0.key < $1.key }) {
      throw DiagnosticError([Diagnostic(.error, file: file(name),
        "template '\(name)' expands through its partials to more than \(TemplateIncludes.maxExpandedBytes >> 20) MiB of template text",
        hint: "include each partial fewer times; the built-in templates expand to about 100 KB")])
    }
  }

  /// A Mustache parse error in words.
  private static func words(_ error: any Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return "invalid Mustache" }
    switch error {
    case .sectionCloseNameIncorrect: return "a closing tag does not match the section it closes"
    case .unfinishedName: return "a tag is not closed"
    case .expectedSectionEnd: return "a section is not closed"
    case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
    case .transformAppliedToInheritanceSection: return "a transform is applied to an inherited section"
    case .illegalTokenInsideInheritSection: return "a tag is not allowed inside an inherited section"
    case .textInsideInheritSection: return "text is not allowed inside an inherited section"
    case .invalidConfigVariableSyntax: return "a config variable tag is malformed"
    case .unrecognisedConfigVariable: return "unknown config variable"
    @unknown default: return "invalid Mustache"
    }
  }
}
