import AuditCore
import Foundation

/// A small world of rules, manifests and waivers written inline, evaluated on a date.
struct Scenario {
  var files: [(String, String)]

  init(_ files: [(String, String)]) { self.files = files }

  var workspace: Workspace { Fixtures.workspace(files) }

  /// Evaluates as of `date`; the inputs must load without errors.
  func evaluate(asOf date: String) throws -> Evaluation {
    let workspace = self.workspace
    guard !workspace.diagnostics.hasErrors else { throw DiagnosticError(workspace.diagnostics) }
    guard let day = Day(date) else { throw DiagnosticError([]) }
    return Engine(packs: workspace.packs, asOf: day, entities: workspace.entities)
      .evaluate(manifests: workspace.manifests, waivers: workspace.waivers)
  }

  /// The results of one obligation as "platform→counterparty: status".
  func statuses(_ obligation: String, asOf date: String) throws -> [String] {
    try evaluate(asOf: date).results.filter { $0.obligation == obligation }.map {
      "\($0.platform)\($0.counterparty.map { "→\($0)" } ?? ""): \($0.status.rawValue)"
    }
  }

  /// A manifest file with the given capabilities (YAML flow style).
  static func platform(
    _ id: String, asOf: String = "2021-11-29", categories: String = "[instant-messaging]",
    capabilities: String, extra: String = ""
  ) -> (String, String) {
    ("m/\(id)-\(asOf).yaml", """
      kind: platform
      id: \(id)
      categories: \(categories)
      jurisdictions: [CN]
      as_of: \(asOf)
      capabilities: \(capabilities)
      \(extra)
      """)
  }

  /// A rule pack file with a `link_access` scale and the given obligations (YAML block text).
  static func rules(_ obligations: String) -> (String, String) {
    ("r/rules.yaml", """
      kind: rules
      pack: test
      scales:
        link_access: [blocked, copy_token, interstitial, direct]
      obligations:
      \(obligations)
      """)
  }
}
