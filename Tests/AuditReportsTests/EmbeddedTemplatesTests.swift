import Foundation
import Testing

@testable import AuditReports

/// The templates and catalogues compiled into the binary are exactly the files in Resources/templates
/// and Resources/messages, as the EmbedResources plugin wrote them on this build (it runs again
/// whenever one of them changes).
@Suite struct EmbeddedTemplatesTests {
  @Test func theEmbeddedTemplatesMatchTheFiles() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/AuditReports/Resources/templates")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
    #expect(Set(names.map { String($0.dropLast(".mustache".count)) }) == Set(EmbeddedTemplates.all.keys))
    for name in names {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      #expect(EmbeddedTemplates.all[String(name.dropLast(".mustache".count))] == text, "\(name) differs from what was compiled in")
    }
  }

  @Test func theEmbeddedCataloguesMatchTheFiles() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/AuditReports/Resources/messages")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
    #expect(Set(names.map { String($0.dropLast(".json".count)) }) == Set(EmbeddedTemplates.messages.keys))
    for name in names {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      #expect(EmbeddedTemplates.messages[String(name.dropLast(".json".count))] == text, "\(name) differs from what was compiled in")
    }
  }
}
