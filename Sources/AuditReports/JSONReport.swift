import AuditCore
import Foundation

/// `results.json`: the machine contract, schema `interop-audit/results/1`. Streamed: each batch
/// of results is encoded on the core that evaluated it, and the document is written around them.
public struct JSONReport: StreamingReportFormat {
  public static let identifier = "json"
  public static let summary = "results.json, the versioned machine contract (interop-audit/results/1)."
  public static let name = "results.json"

  public init() {}

  public func stream(_ context: ReportContext, spools: SpoolStore) throws -> any ReportStream {
    try ChannelStream(spools: spools, separators: [1],
      encode: { [try OrderedJSONEncoder().encodeEntries($0, depth: 2)] },
      assemble: { context, channels in
        var document = context.document
        document.results = []
        guard let splice = JSONSplice(try document.encoded(), key: "results", depth: 1) else {
          throw ReportError(message: "results.json: the document has no single 'results' array to write the results into", hint: nil)
        }
        return [ReportFile(name: Self.name, parts: splice.parts(with: channels[0]))]
      })
  }
}
