import ArgumentParser
import AuditCore
import Foundation

/// `audit init`: a starting layout that already passes `audit check`, `audit test --strict` and
/// `audit run`, so that a newcomer edits something that works instead of starting from a blank
/// page. Nothing in it is a fact about a real platform: the manifest and the obligation are
/// placeholders that say so.
struct InitCommand: AuditCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starting layout: a rule pack with one obligation and its examples, a manifest, and .interop-audit.yaml.",
    discussion: """
      Writes into DIR (default: the current directory) \(InitCommand.layout.map(\.path).joined(separator: ", ")). \
      Refuses, writing nothing, when any of them exists. Afterwards, in DIR, 'audit check', \
      'audit test --strict' and 'audit run' need no arguments.
      """)

  @Argument(help: ArgumentHelp("The directory to write into; created when missing (default: the current directory).", valueName: "dir"),
    completion: .directory)
  var directory = "."

  /// One file of the layout.
  struct File {
    var path: String
    var text: String
  }

  /// The files written, relative to DIR.
  static var layout: [File] {
    [
      File(path: ProjectConfig.fileName, text: """
        # interop-audit settings for this repository; an option on the command line overrides
        # each key. Paths are relative to this file. Keys: \(ProjectConfig.keys.joined(separator: ", ")).
        paths: [manifests]
        rules: [rules]
        fail_on: low
        formats: [markdown, html, json]
        output: reports

        """),
      File(path: "rules/my-rules/my-rules.yaml", text: """
        # A rule pack: obligations that every manifest in their scope is checked against.
        # 'audit explain EXAMPLE-DATA-EXPORT' prints this obligation in words; 'audit list
        # operators' lists what 'require' can test. Replace the placeholder with a duty you can
        # cite: put its instrument, date and address in 'basis'.
        kind: rules
        pack: my-rules
        title: My obligations (placeholder)
        version: "0.1"
        obligations:
          - id: EXAMPLE-DATA-EXPORT
            title: Users can export their data themselves (placeholder obligation)
            severity: medium
            applies_to: {categories: [example-category]}
            require: {path: account.data_export, in: [self_service]}
            remediation_en: Offer a self-service export.
            examples:
              - {name: self-service export, status: pass, manifest: {capabilities: {account: {data_export: self_service}}}}
              - {name: export on request only, status: fail, manifest: {capabilities: {account: {data_export: on_request}}}}

        """),
      File(path: "manifests/example-platform.yaml", text: """
        # A platform manifest: what was observed on one platform on one date. This one is a
        # placeholder, not an observation: replace it with a real platform and cite each value
        # in 'evidence'. A later observation is a new file with a later as_of.
        kind: platform
        id: example-platform
        name: Example platform (placeholder)
        categories: [example-category]
        as_of: 2000-01-01
        capabilities:
          account:
            data_export: self_service

        """),
    ]
  }

  func execute() throws -> Int32 {
    let files = Self.layout.map { File(path: ProjectConfig.relative($0.path, to: directory), text: $0.text) }
    let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
    guard existing.isEmpty else {
      throw DiagnosticError(existing.map { Diagnostic(.error, file: $0, "already exists; audit init does not overwrite files",
        hint: "move it aside, or run 'audit init' in another directory") }, summary: "audit: nothing was written")
    }
    for file in files {
      do {
        try FileManager.default.createDirectory(atPath: (file.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: file.path), options: .withoutOverwriting)
      } catch {
        throw DiagnosticError([Diagnostic(.error, file: file.path, "cannot write the file (\(String(describing: type(of: error))))",
          hint: "check that the directory is writable")], summary: "audit: the layout is incomplete")
      }
    }
    let into = directory == "." ? "" : "  cd \(directory)\n"
    FileHandleOutput.standardOutput("""
      wrote \(files.map(\.path).joined(separator: ", "))
      next:
      \(into)  audit check          # validate the pack and the manifest
        audit test --strict  # run the obligation's pass and fail examples
        audit run            # evaluate the manifest; reports go to reports/
      then replace the placeholders with a duty you can cite and a platform you observed.
      """)
    return ExitStatus.clean
  }
}
