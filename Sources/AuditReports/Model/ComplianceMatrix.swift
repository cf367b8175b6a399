import AuditCore

/// Platforms × obligations of one pack; each cell holds the worst status over the cell's
/// results (one per counterparty, or one), with counts, and every row and column has totals.
public struct ComplianceMatrix: Sendable {
  /// An obligation as a column.
  public struct Column: Sendable {
    public var obligation: ResultsDocument.ObligationInfo
    public var totals: StatusCounts
  }

  /// One platform × one obligation.
  public struct Cell: Sendable {
    public var obligation: String
    public var counts: StatusCounts
    /// The weakest evidence behind the cell's passes; `nil` when it has none.
    public var weakestPass: EvidenceStrength? = nil
    /// The weakest evidence behind the cell's passes (filing, report, announcement, no
    /// evidence) when it is less than a test, for the matrix's mark; `nil` otherwise.
    public var weakPass: EvidenceStrength? { weakestPass.flatMap { $0 < .test ? $0 : nil } }
    /// The worst status over the cell's results; `nil` when there is none.
    public var status: Status? { counts.worst }

    /// "✘ fail (2 of 10)", "✔ pass", or "" for an empty cell.
    public var label: String {
      guard let status else { return "" }
      let total = counts.total
      return total > 1 ? "\(status.label) " + Messages.current.format("cellCount", ["count": counts[status], "total": total]) : status.label
    }
  }

  /// One platform's cells, with its totals.
  public struct Row: Sendable {
    public var platform: ReportModel.PlatformInfo
    public var cells: [Cell]
    public var totals: StatusCounts
    /// The band this row opens, when it is the first of its controlling company (or the first
    /// without one) and the run knows companies; `nil` otherwise.
    public var band: String?
  }

  public var pack: ResultsDocument.Pack
  public var columns: [Column]
  /// Platforms with at least one result other than `not_applicable` in this pack.
  public var rows: [Row]
  /// Platforms for which every obligation of the pack is `not_applicable`.
  public var notApplicable: [ReportModel.PlatformInfo]
  public var totals: StatusCounts

  /// One matrix per pack, in the document's pack order.
  static func build(_ document: ResultsDocument, digest: ResultDigest, directory: Directory) -> [ComplianceMatrix] {
    // (pack, obligation, platform) → counts, and the weakest evidence behind a pass.
    let counts = digest.cells
    let weakest = digest.weakestPass
    return document.packs.map { pack in
      let obligations = document.obligations.filter { $0.pack == pack.id }
      let byObligation = counts[pack.id] ?? [:]
      var rows: [Row] = []
      var notApplicable: [ReportModel.PlatformInfo] = []
      var columnTotals = [StatusCounts](repeating: StatusCounts(), count: obligations.count)
      var total = StatusCounts()
      for id in directory.ordered(document.platforms.map(\.id)) {
        var cells: [Cell] = []
        var rowTotals = StatusCounts()
        for (i, obligation) in obligations.enumerated() {
          let cellCounts = byObligation[obligation.id]?[id] ?? StatusCounts()
          cells.append(Cell(obligation: obligation.id, counts: cellCounts,
            weakestPass: weakest["\(obligation.id)|\(id)"]))
          rowTotals.add(cellCounts)
          columnTotals[i].add(cellCounts)
        }
        total.add(rowTotals)
        let info = directory.platform(id)
        if rowTotals.total == rowTotals.notApplicable {
          notApplicable.append(info)
        } else {
          rows.append(Row(platform: info, cells: cells, totals: rowTotals))
        }
      }
      if directory.hasGroups {
        var previous: String??
        for i in rows.indices {
          let name = rows[i].platform.groupName
          if previous != .some(name) { rows[i].band = name ?? Messages.current["noControllingCompany"] }
          previous = .some(name)
        }
      }
      let columns = zip(obligations, columnTotals).map { Column(obligation: $0, totals: $1) }
      return ComplianceMatrix(pack: pack, columns: columns, rows: rows, notApplicable: notApplicable,
        totals: total)
    }
  }
}
