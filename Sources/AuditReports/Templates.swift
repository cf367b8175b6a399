import AuditCore
import Foundation
import Mustache

/// The Mustache templates that reports render with: the built-in ones shipped as resources,
/// each replaceable by a file of the same name in a `--templates` directory (an agency's
/// letterhead on the same data).
public struct Templates: Sendable {
  private let library: MustacheLibrary
  /// The names of the templates that the `--templates` directory replaced or added.
  public let overridden: Set<String>

  /// Loads the built-in templates, then the overrides in `directory` (if given). Every problem
  /// is a `TemplateError` carrying a located `Diagnostic`, never the library's own description.
  public static func load(overrides directory: String?) throws -> Templates {
    TextEscaping.registerContentTypes()
    var library = MustacheLibrary()
    var overridden: Set<String> = []
    if let builtIn = Bundle.module.url(forResource: "templates", withExtension: nil) {
      _ = try register(from: builtIn.path, into: &library)
    }
    if let directory {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
        throw TemplateError(Diagnostic(.error, file: directory, "no such templates directory",
          hint: "give --templates a directory of *.mustache files, or leave it out for the built-in ones"))
      }
      guard isDirectory.boolValue else {
        throw TemplateError(Diagnostic(.error, file: directory, "--templates is a file, not a directory",
          hint: "give a directory of *.mustache files"))
      }
      overridden = try register(from: directory, into: &library)
    }
    return Templates(library: library, overridden: overridden)
  }

  /// Renders `object` (dictionaries, arrays, strings, numbers, booleans) with a named template.
  public func render(_ object: Any, template name: String) throws -> String {
    guard let output = library.render(object, withTemplate: name) else {
      throw TemplateError(Diagnostic(.error, file: "\(name).mustache", "no template named '\(name)'",
        hint: "the built-in templates are missing from this installation; reinstall audit"))
    }
    return output
  }

  /// Registers every `*.mustache` file under `directory`, named by its path without the
  /// extension; returns the names registered.
  private static func register(from directory: String, into library: inout MustacheLibrary) throws -> Set<String> {
    let root = URL(fileURLWithPath: directory)
    guard FileManager.default.isReadableFile(atPath: directory),
      let enumerator = FileManager.default.enumerator(atPath: directory)
    else {
      throw TemplateError(Diagnostic(.error, file: directory, "cannot read templates directory",
        hint: "check its permissions"))
    }
    let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.sorted()
    var names: Set<String> = []
    for file in files {
      let path = root.appendingPathComponent(file).path
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TemplateError(Diagnostic(.error, file: path, "cannot read template", hint: "check its permissions"))
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw TemplateError(Diagnostic(.error, file: path, "template is not UTF-8 text", hint: "save it as UTF-8"))
      }
      let name = String(file.dropLast(".mustache".count))
      names.insert(name)
      do {
        try library.register(text, named: name)
      } catch let error as MustacheTemplate.ParserError {
        let location = SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber + 1)
        throw TemplateError(Diagnostic(.error, at: location, "template does not parse: \(Self.words(error.error))",
          hint: "fix the Mustache tag there, or remove the file to use the built-in template"))
      } catch {
        throw TemplateError(Diagnostic(.error, file: path, "template does not parse",
          hint: "fix the Mustache syntax, or remove the file to use the built-in template"))
      }
    }
    return names
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

/// A template that is missing or does not parse, as a located diagnostic.
public struct TemplateError: Error, CustomStringConvertible {
  public var diagnostic: Diagnostic

  public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

  public var description: String { diagnostic.description }
}
