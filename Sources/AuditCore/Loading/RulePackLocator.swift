import Foundation

/// Finds rule packs by name (`--rules cn-interop`), so that the packs shipped with the tool work
/// from any repository without a path into the install. The search path, in order:
/// `$AUDIT_RULES_PATH` (directories separated by colons), the installed packs beside the real
/// executable (`PREFIX/lib/interop-audit/audit` → `PREFIX/share/interop-audit/rules`), and in a
/// build tree the repository's `Rules/` next to `.build`. A pack is a directory in one of these;
/// its name is the directory's; the first directory of a name wins.
public struct RulePackLocator: Sendable {
  /// One pack found on the search path.
  public struct Pack: Sendable, Equatable {
    public var name: String
    public var path: String
  }

  /// The directories searched, in order, each with where it came from ("AUDIT_RULES_PATH").
  public var searchPath: [(directory: String, origin: String)]

  public init(searchPath: [(directory: String, origin: String)]) { self.searchPath = searchPath }

  /// The search path of a process: its environment and the real path of its executable.
  public static func standard(environment: [String: String], executable: String?) -> RulePackLocator {
    var path: [(String, String)] = (environment["AUDIT_RULES_PATH"] ?? "").split(separator: ":").map { (String($0), "AUDIT_RULES_PATH") }
    if let executable {
      let real = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
      path.append((real.appendingPathComponent("../../share/interop-audit/rules").standardizedFileURL.path, "installed"))
      var dir = real
      while dir.path != "/" {
        if dir.lastPathComponent == ".build" {
          path.append((dir.deletingLastPathComponent().appendingPathComponent("Rules").path, "build tree"))
          break
        }
        dir = dir.deletingLastPathComponent()
      }
    }
    return RulePackLocator(searchPath: path)
  }

  /// Every pack on the search path, each name once (the first found), sorted by name.
  public func packs() -> [Pack] {
    var found: [String: Pack] = [:]
    for (directory, _) in searchPath {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") && found[name] == nil {
        let path = (directory as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
          found[name] = Pack(name: name, path: path)
        }
      }
    }
    return found.values.sorted { $0.name < $1.name }
  }

  /// Whether a `--rules` value is a name to look up: no such path exists, and it has no slash.
  public static func isName(_ value: String) -> Bool {
    !value.contains("/") && !FileManager.default.fileExists(atPath: value)
  }

  /// The `--rules` values with each name replaced by its pack's directory; paths stay as given.
  /// An unknown name is an error that lists the packs found and the nearest name.
  public func resolve(_ values: [String], option: String = "--rules") throws(DiagnosticError) -> [String] {
    var problems: [Diagnostic] = []
    var resolved: [String] = []
    lazy var known = packs()
    for value in values {
      guard Self.isName(value) else {
        resolved.append(value)
        continue
      }
      if let pack = known.first(where: { $0.name == value }) {
        resolved.append(pack.path)
      } else {
        problems.append(unknown(value, known: known, option: option))
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems, summary: "audit: nothing was read or written") }
    return resolved
  }

  private func unknown(_ name: String, known: [Pack], option: String) -> Diagnostic {
    let searched = searchPath.map { "\($0.directory) (\($0.origin))" }.joined(separator: ", ")
    let list = known.isEmpty ? "no pack was found in: \(searched.isEmpty ? "nothing (set AUDIT_RULES_PATH)" : searched)"
      : "packs found: \(known.map { "\($0.name) (\($0.path))" }.joined(separator: ", "))"
    let guess = Suggestion.closest(to: name, in: known.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
    return Diagnostic(.error, file: option, "'\(Bounded.quote(name))' is neither a file or directory nor the name of a rule pack",
      hint: guess + list)
  }
}
