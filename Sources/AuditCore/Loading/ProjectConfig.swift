import Foundation

/// `.interop-audit.yaml`: a repository's own defaults, so that `audit check`, `audit test` and
/// `audit run` need no arguments there (the pre-commit hook runs `audit check` bare). Every key
/// is optional; an option on the command line wins over its key. Paths are relative to the
/// file's directory, so the file means the same from any working directory.
public struct ProjectConfig: Sendable, Equatable {
  /// The name looked up in the current directory when `--config` is not given.
  public static let fileName = ".interop-audit.yaml"
  /// Every key, in the order `audit schema config` and the README list them.
  public static let keys = ["paths", "rules", "waivers", "as_of", "fail_on", "strict", "lang", "formats", "output", "allow"]

  /// The file read.
  public var file: String
  /// Manifest (and other input) files or directories, for `run` and `check`.
  public var paths: [String]?
  /// Rule pack files or directories, or names of installed packs (`cn-interop`).
  public var rules: [String]?
  public var waivers: [String]?
  public var asOf: Day?
  public var failOn: FailThreshold?
  /// `--strict` of run, check and test.
  public var strict: Bool?
  public var lang: String?
  /// `--format` of run, lowercased; each one of the names the caller allowed.
  public var formats: [String]?
  public var output: String?
  /// Warning codes not to report (`allow:`), for the warnings policy to consume; not checked
  /// here, since the codes belong to that policy.
  public var allowedWarningCodes: [String] = []

  public init(file: String) { self.file = file }
}

extension ProjectConfig {
  /// Reads and decodes a config file. `formats` and `languages` are the names its `formats` and
  /// `lang` may take (lowercase), so that a typo there is reported at its line and column with
  /// the nearest name. Returns `nil` with the diagnostics when the file has errors.
  public static func load(_ path: String, formats: [String], languages: [String]) -> (config: ProjectConfig?, diagnostics: [Diagnostic]) {
    let source = SourceFile.load(path)
    guard !source.diagnostics.contains(where: { $0.severity == .error }) else { return (nil, source.diagnostics) }
    guard source.documents.count == 1, let root = source.documents.first?.root else {
      return (nil, source.diagnostics + [Diagnostic(.error, file: path, "a config file holds one YAML document, found \(source.documents.count)",
        hint: "keep one mapping of: \(keys.joined(separator: ", "))")])
    }
    let context = DecodeContext()
    let config = decode(root, file: path, formats: formats, languages: languages, context: context)
    let diagnostics = source.diagnostics + context.diagnostics
    return (diagnostics.hasErrors ? nil : config, diagnostics)
  }

  static func decode(_ node: YAMLNode, file: String, formats: [String], languages: [String], context: DecodeContext) -> ProjectConfig {
    var config = ProjectConfig(file: file)
    guard let map = context.mapping(node, keys: keys, what: Noun.configFile) else { return config }
    let base = (file as NSString).deletingLastPathComponent
    config.paths = map.strings("paths")?.map { relative($0, to: base) }
    config.rules = map.strings("rules")?.map { rulesEntry($0, base: base) }
    config.waivers = map.strings("waivers")?.map { relative($0, to: base) }
    config.asOf = map.day("as_of")
    config.failOn = map.choice("fail_on", as: FailThreshold.self)
    config.strict = map.bool("strict")
    config.output = map.string("output").map { $0 == "-" ? $0 : relative($0, to: base) }
    config.allowedWarningCodes = map.strings("allow") ?? []
    if let node = map.value("lang"), let text = context.string(node, field: "lang") {
      config.lang = word(text, node: node, field: "lang", allowed: languages, context: context)
    }
    if let node = map.value("formats") {
      if node.kind != .sequence {
        context.error(node, "'formats' must be a list, found \(node.kindDescription)",
          hint: node.kind == .scalar ? "write [\(node.text ?? "")]" : nil)
      }
      config.formats = node.elements.compactMap { item in
        context.string(item, field: "formats").flatMap { word($0, node: item, field: "formats", allowed: formats, context: context) }
      }
    }
    return config
  }

  /// A name out of `allowed`, compared without case; an error with the nearest name otherwise.
  private static func word(_ text: String, node: YAMLNode, field: String, allowed: [String], context: DecodeContext) -> String? {
    let lowered = text.lowercased()
    if allowed.contains(lowered) { return lowered }
    context.error(node, "unknown \(field == "lang" ? "language" : "format") '\(Bounded.quote(text))' in '\(field)'",
      hint: Suggestion.hint(for: text, in: allowed))
    return nil
  }

  /// A path of the file made relative to the current directory: absolute paths and paths in a
  /// config of the current directory stay as written.
  public static func relative(_ path: String, to base: String) -> String {
    guard !base.isEmpty, base != ".", !path.hasPrefix("/") else { return path }
    return (base as NSString).appendingPathComponent(path)
  }

  /// A `rules` entry: a path beside the config when one exists there, else a bare name stays a
  /// name for the pack lookup (`RulePackLocator`), else the path relative to the config.
  static func rulesEntry(_ entry: String, base: String) -> String {
    let path = relative(entry, to: base)
    if FileManager.default.fileExists(atPath: path) || entry.contains("/") { return path }
    return entry
  }
}
