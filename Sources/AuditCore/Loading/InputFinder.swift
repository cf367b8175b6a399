import Foundation

/// Finds the YAML files under the paths a user gave: files as named, directories recursively
/// (`*.yaml`, `*.yml`, hidden entries skipped), each file once (by device and inode, so a file
/// reached through a link or named twice is read once), in sorted order.
///
/// Nothing outside the given roots is read: a symbolic link is followed only when it resolves
/// inside one of them (otherwise a warning names the link). FIFOs, devices and sockets are skipped
/// with a warning and never opened. Names that are not UTF-8 are errors, not silently dropped.
public enum InputFinder {
  public static func find(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
    var state = Walk()
    state.roots = paths.compactMap { realPath($0) }
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else {
        state.diagnostics.append(Diagnostic(.error, file: path, "no such file or directory",
          hint: "check the path; directories are searched for *.yaml and *.yml"))
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: state.walk(path)
      case S_IFREG: state.add(path, info)
      default: state.diagnostics.append(notRegular(path, info.st_mode))
      }
    }
    let files = Array(Set(state.found.values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return (files, state.diagnostics)
  }

  /// The canonical absolute path of an existing file (symlinks resolved), or nil.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func notRegular(_ path: String, _ mode: mode_t) -> Diagnostic {
    let what: String
    switch mode & S_IFMT {
    case S_IFIFO: what = "a FIFO"
    case S_IFSOCK: what = "a socket"
    case S_IFCHR, S_IFBLK: what = "a device"
    default: what = "not a regular file"
    }
    return Diagnostic(.warning, file: path, "\(what), not a regular file; skipped without opening it", code: .notRegularFile)
  }

  struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  private struct Walk {
    var roots: [String] = []
    /// File (device and inode, what its real path names) → the path as shown: a file reached
    /// twice is read once, without resolving every path.
    var found: [FileID: String] = [:]
    var visited = Set<String>()
    var diagnostics: [Diagnostic] = []

    mutating func add(_ path: String, _ info: stat) {
      let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
      if found[id] == nil { found[id] = path }
    }

    func insideRoots(_ real: String) -> Bool {
      roots.contains { root in real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
    }

    mutating func walk(_ directory: String) {
      guard let real = InputFinder.realPath(directory), visited.insert(real).inserted else { return }
      guard let handle = opendir(directory) else {
        diagnostics.append(Diagnostic(.error, file: directory, "cannot read directory: \(String(cString: strerror(errno)))"))
        return
      }
      var names: [[UInt8]] = []
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          Array(raw.prefix { $0 != 0 })
        }
        if name.first != UInt8(ascii: ".") { names.append(name) }
      }
      closedir(handle)
      for bytes in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
        visit(directory, bytes)
      }
    }

    private mutating func visit(_ directory: String, _ bytes: [UInt8]) {
      let prefix = directory.hasSuffix("/") ? directory : directory + "/"
      guard let name = String(validating: bytes, as: UTF8.self) else {
        let shown = prefix + String(decoding: bytes, as: UTF8.self)
        if isYAMLName(bytes) || isDirectory(prefix, bytes) {
          diagnostics.append(Diagnostic(.error, file: shown, "the file name is not valid UTF-8; it was not read",
            hint: "rename it to UTF-8 (e.g. with convmv)"))
        }
        return
      }
      let path = prefix + name
      var link = stat()
      guard lstat(path, &link) == 0 else { return }
      var info = link
      if link.st_mode & S_IFMT == S_IFLNK {
        guard stat(path, &info) == 0, let target = InputFinder.realPath(path) else {
          diagnostics.append(.init(.warning, file: path, "broken symbolic link; skipped", code: .brokenLink))
          return
        }
        guard insideRoots(target) else {
          if info.st_mode & S_IFMT == S_IFDIR || isYAMLName(bytes) {
            diagnostics.append(.init(.warning, file: path,
              "symbolic link to a file outside the input paths; skipped, nothing of it was read",
              hint: "pass the target's directory as an input to read it", code: .linkOutsideInputs))
          }
          return
        }
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: walk(path)
      case S_IFREG where isYAMLName(bytes): add(path, info)
      case S_IFREG: break
      default: if isYAMLName(bytes) { diagnostics.append(InputFinder.notRegular(path, info.st_mode)) }
      }
    }

    private func isYAMLName(_ bytes: [UInt8]) -> Bool {
      bytes.reversed().starts(with: Array(".yaml".utf8).reversed())
        || bytes.reversed().starts(with: Array(".yml".utf8).reversed())
    }

    private func isDirectory(_ prefix: String, _ bytes: [UInt8]) -> Bool {
      var info = stat()
      let path = Array(prefix.utf8) + bytes + [0]
      return path.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in chars.baseAddress.map { stat($0, &info) == 0 } ?? false }
      } && info.st_mode & S_IFMT == S_IFDIR
    }
  }
}
