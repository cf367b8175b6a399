import AuditCore

/// `results.json`: the machine contract, schema `interop-audit/results/1`.
public struct JSONReport: ReportFormat {
  public static let identifier = "json"
  public static let summary = "results.json, the versioned machine contract (interop-audit/results/1)."

  public init() {}

  public func render(_ context: ReportContext) throws -> [ReportFile] {
    [ReportFile(name: "results.json", contents: try context.document.encoded())]
  }
}
