import Foundation
import PackagePlugin

/// Compiles the target's `Resources/templates/*.mustache` and `Resources/messages/*.json` into
/// `EmbeddedTemplates.swift` on every build that changed one of them, so the binary needs no
/// resource bundle and no one regenerates a file by hand.
@main struct EmbedResources: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    // `directoryURL` needs tools 6.1; the package declares 6.0.
    let resources = URL(fileURLWithPath: target.directory.string).appendingPathComponent("Resources")
    let templates = resources.appendingPathComponent("templates")
    let messages = resources.appendingPathComponent("messages")
    let inputs = try [templates, messages].flatMap { directory in
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        .filter { $0.hasSuffix(".mustache") || $0.hasSuffix(".json") }
        .map { directory.appendingPathComponent($0) }
    }
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedTemplates.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) templates and catalogues",
        executable: try context.tool(named: "embed-resources").url,
        arguments: [templates.path, messages.path, output.path],
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
