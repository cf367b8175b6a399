import Foundation

/// Reads files of a git revision from the object database (`git ls-tree`, `git cat-file`),
/// never from or into the work tree, so `audit diff HEAD~1:manifests manifests` is safe to run
/// on a checkout with local changes.
public struct GitReader: Sendable {
  /// A file in a revision: its path relative to the current directory, and its bytes.
  public struct File: Sendable {
    public var path: String
    public var bytes: [UInt8]
  }

  /// The directory git runs in (its paths are relative to it); `nil` for the current one.
  public var directory: String?

  /// A reader that runs git in `directory` (the current directory when `nil`).
  public init(directory: String? = nil) { self.directory = directory }

  /// The regular files under `path` (a file or a directory, relative to the current directory)
  /// in revision `rev`, sorted; symbolic links and submodules are skipped.
  public func files(rev: String, path: String) throws -> [File] {
    guard !rev.hasPrefix("-"), !rev.isEmpty else {
      throw DiagnosticError(Diagnostic(.error, file: "\(rev):\(path)", "'\(rev)' is not a git revision"))
    }
    let commit = try run(["rev-parse", "--verify", "--quiet", "\(rev)^{commit}"], what: "\(rev):\(path)")
    let sha = String(decoding: commit, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !sha.isEmpty else {
      throw DiagnosticError(Diagnostic(.error, file: "\(rev):\(path)", "unknown git revision '\(rev)'",
        hint: "name a commit, branch or tag, e.g. HEAD~1:manifests"))
    }
    let listing = try run(["ls-tree", "-r", "-z", sha, "--", path.isEmpty ? "." : path], what: "\(rev):\(path)")
    var entries: [(path: String, object: String)] = []
    for record in listing.split(separator: 0) {
      let line = String(decoding: record, as: UTF8.self)
      guard let tab = line.firstIndex(of: "\t") else { continue }
      let fields = line[..<tab].split(separator: " ")
      guard fields.count == 3, fields[1] == "blob", fields[0] == "100644" || fields[0] == "100755"
      else { continue }
      entries.append((String(line[line.index(after: tab)...]), String(fields[2])))
    }
    entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    let contents = try readObjects(entries.map(\.object), what: "\(rev):\(path)")
    return zip(entries, contents).map { File(path: $0.path, bytes: $1) }
  }

  /// Reads blobs with one `git cat-file --batch`.
  private func readObjects(_ objects: [String], what: String) throws -> [[UInt8]] {
    guard !objects.isEmpty else { return [] }
    let input = Data((objects.joined(separator: "\n") + "\n").utf8)
    let output = [UInt8](try run(["cat-file", "--batch"], input: input, what: what))
    var blobs: [[UInt8]] = []
    var i = 0
    while blobs.count < objects.count {
      guard let newline = output[i...].firstIndex(of: 10) else { break }
      let header = String(decoding: output[i..<newline], as: UTF8.self).split(separator: " ")
      guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
        throw DiagnosticError(Diagnostic(.error, file: what, "git cat-file answered '\(header.joined(separator: " "))'"))
      }
      blobs.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
      i = newline + 1 + size + 1
    }
    guard blobs.count == objects.count else {
      throw DiagnosticError(Diagnostic(.error, file: what, "git cat-file returned \(blobs.count) of \(objects.count) files"))
    }
    return blobs
  }

  /// Runs git; a failure becomes a diagnostic that quotes git's own message.
  private func run(_ arguments: [String], input: Data? = nil, what: String) throws -> Data {
    let outcome: Subprocess.Outcome
    do {
      outcome = try Subprocess.run("/usr/bin/env", ["git"] + arguments, input: input, directory: directory,
        environment: ["GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"])
    } catch {
      throw DiagnosticError(Diagnostic(.error, file: what, "cannot run git", hint: "install git, or diff results files instead"))
    }
    if outcome.status == 0 { return outcome.output }
    if arguments.first == "rev-parse", outcome.status == 1 { return Data() }
    let message = String(decoding: outcome.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    throw DiagnosticError(Diagnostic(.error, file: what, "git \(arguments.first ?? "") failed: \(message.isEmpty ? "exit status \(outcome.status)" : message)"))
  }
}

/// Runs a program to completion, feeding its standard input and collecting both outputs
/// without deadlocking on full pipes.
enum Subprocess {
  struct Outcome {
    var status: Int32
    var output: Data
    var errors: Data
  }

  static func run(
    _ executable: String, _ arguments: [String], input: Data?, directory: String?,
    environment: [String: String]
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    // A child that exits before reading all its input must not kill us with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
    // Own threads, not the shared dispatch pool: a pool that is busy (two cores, or tests
    // running in parallel) would start the writer late and the child would wait for its input.
    let group = DispatchGroup()
    let errors = Collected()
    group.enter()
    Thread.detachNewThread {
      errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    Thread.detachNewThread {
      if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
      try? stdin.fileHandleForWriting.close()
      group.leave()
    }
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, output: output, errors: errors.data)
  }

  /// Data that a reader thread fills before `group.wait()` returns.
  private final class Collected: @unchecked Sendable {
    var data = Data()
  }
}
