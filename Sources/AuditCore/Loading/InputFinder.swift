import Foundation

/// Finds the YAML files under the paths a user gave: files as named, directories recursively
/// (`*.yaml`, `*.yml`, hidden entries skipped), each file once, in sorted order.
public enum InputFinder {
  public static func find(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
    var found: [String: String] = [:]  // real path -> path as shown
    var diagnostics: [Diagnostic] = []
    var visited = Set<String>()
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diagnostics.append(Diagnostic(.error, file: path, "no such file or directory",
          hint: "check the path; directories are searched for *.yaml and *.yml"))
        continue
      }
      if isDirectory.boolValue {
        walk(path, found: &found, visited: &visited, diagnostics: &diagnostics)
      } else {
        let real = realPath(path)
        if found[real] == nil { found[real] = path }
      }
    }
    let files = Array(Set(found.values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return (files, diagnostics)
  }

  private static func walk(
    _ directory: String, found: inout [String: String], visited: inout Set<String>,
    diagnostics: inout [Diagnostic]
  ) {
    let real = realPath(directory)
    guard visited.insert(real).inserted else { return }  // a symlink loop, or seen already
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      diagnostics.append(Diagnostic(.error, file: directory, "cannot read directory: \(error.localizedDescription)"))
      return
    }
    for name in entries.sorted() where !name.hasPrefix(".") {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diagnostics.append(.init(.warning, file: path, "broken symbolic link; skipped"))
        continue
      }
      if isDirectory.boolValue {
        walk(path, found: &found, visited: &visited, diagnostics: &diagnostics)
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        let realFile = realPath(path)
        if found[realFile] == nil { found[realFile] = path }
      }
    }
  }

  private static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
