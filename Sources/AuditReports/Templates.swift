import Foundation
import Mustache

/// The Mustache templates that reports render with: the built-in ones compiled into the binary,
/// each replaceable by a file of the same name in a `--templates` directory (an agency's
/// letterhead on the same data).
public struct Templates: Sendable {
  private let library: MustacheLibrary

  /// Loads the built-in templates, then the overrides in `directory` (if given).
  public static func load(overrides directory: String?) throws -> Templates {
    TextEscaping.registerContentTypes()
    var library = MustacheLibrary()
    // Built in: compiled into the binary, so a copied `audit` never looks for a resource bundle.
    for (name, text) in EmbeddedTemplates.all.sorted(by: { $0.key < $1.key }) {
      do {
        try library.register(text, named: name)
      } catch {
        throw TemplateError(message: "built-in template '\(name)': error: template does not parse: \(error)")
      }
    }
    if let directory {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
      else { throw TemplateError(message: "\(directory): error: no such templates directory") }
      try register(from: directory, into: &library)
    }
    return Templates(library: library)
  }

  /// Renders `object` (dictionaries, arrays, strings, numbers, booleans) with a named template.
  public func render(_ object: Any, template name: String) throws -> String {
    guard let output = library.render(object, withTemplate: name) else {
      throw TemplateError(message: "error: no template named '\(name)'")
    }
    return output
  }

  /// Registers every `*.mustache` file under `directory`, named by its path without the extension.
  private static func register(from directory: String, into library: inout MustacheLibrary) throws {
    let root = URL(fileURLWithPath: directory)
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
    let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.sorted()
    for file in files {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      do {
        try library.register(text, named: String(file.dropLast(".mustache".count)))
      } catch {
        throw TemplateError(message: "\(root.appendingPathComponent(file).path): error: template does not parse: \(error)")
      }
    }
  }
}

/// A template that is missing or does not parse.
public struct TemplateError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
