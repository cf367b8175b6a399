import AuditCore
import Foundation

/// `results.json`: the machine contract, schema `interop-audit/results/2`. Streamed: each batch
/// of results is encoded on the core that evaluated it, one result a line with its locations
/// pointing into the header's inputs table (every input is loaded before the first result), and
/// the document is written around them.
public struct JSONReport: StreamingReportFormat {
  public static let identifier = "json"
  public static let summary = "results.json, the versioned machine contract (interop-audit/results/2)."
  public static let name = "results.json"
  public static let documents: Set<ReportDocumentKind> = [.results, .diff, .timeline, .history]
  public static func fileName(for document: ReportDocumentKind) -> String {
    document == .results ? name : "\(document.rawValue).json"
  }

  public init() {}

  public func stream(_ header: RunHeader, spools: SpoolStore) throws -> any ReportStream {
    let encoder = ResultsDocument.resultEncoder(inputs: header.inputs)
    return try ChannelStream(spools: spools, separators: [1],
      encode: { [try encoder.encodeEntries($0, depth: 2)] },
      assemble: { context, channels in
        var document = context.document
        document.results = []
        guard let splice = JSONSplice(try document.encoded(), key: "results", depth: 1) else {
          throw DiagnosticError([Diagnostic(.error, file: Self.name, "the document has no single 'results' array to write the results into",
            hint: "please report this with the command you ran")])
        }
        return [ReportFile(name: Self.name, parts: splice.parts(with: channels[0]))]
      })
  }

  /// A diff's or a timeline's own JSON. A diff's entries wait in a temporary file (in memory
  /// when `TMPDIR` cannot take one) until the set is written: a diff.json can be several times
  /// the size of what its reports list.
  public func render(_ context: DocumentContext) throws -> [ReportFile] {
    if case .diff(let report) = context.document {
      let spools = (try? SpoolStore.temporary()) ?? .memory
      return [ReportFile(name: Self.fileName(for: context.kind), parts: try report.jsonParts(spools: spools))]
    }
    return [ReportFile(name: Self.fileName(for: context.kind), contents: try context.page.json())]
  }
}
