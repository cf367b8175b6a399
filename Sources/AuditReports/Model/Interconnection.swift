import AuditCore

/// Platforms × platforms for one `{counterparty}` path on a scale: how the row platform treats
/// the column platform, and a reciprocity verdict for every pair.
public struct Interconnection: Sendable {
  /// How one platform treats another.
  public struct Cell: Sendable {
    public var platform: String
    public var counterparty: String
    /// The value, "unknown", "not recorded" or "—" on the diagonal.
    public var text: String
    /// Where the value sits on the scale: `worst`, `mid`, `best`, `off` (not on the scale),
    /// `unknown` (no value) or `self`.
    public var tone: String
    public var wildcard: Bool
    public var location: SourceLocation?
    /// How the row platform's company holds the column platform, when it does: such cells are
    /// marked (`Interconnection.affiliateMark`) so self-preferencing shows at a glance.
    public var affiliation: Affiliation? = nil
  }

  /// The mark of a cell whose column platform the row platform's company controls or holds a
  /// stake in; reports explain it in a legend (a symbol, not colour alone).
  public static let affiliateMark = "◆"

  /// One row: how `platform` treats every other platform.
  public struct Row: Sendable {
    public var platform: ReportModel.PlatformInfo
    public var cells: [Cell]
  }

  /// The verdict on one unordered pair, with both sides' values.
  public struct Pair: Sendable {
    public var a: String
    public var b: String
    public var verdict: Matrix.Pair.Verdict
    /// How `a` treats `b`, and `b` treats `a`.
    public var aToB: String
    public var bToA: String
    public var label: String { verdict.label(a: a, b: b) }
  }

  public var id: String
  public var title: String
  public var titleEn: String?
  public var pack: String
  public var path: String
  public var scale: String
  public var levels: [String]
  public var obligation: String?
  public var columns: [ReportModel.PlatformInfo]
  public var rows: [Row]
  public var pairs: [Pair]
  public var omitted: Int
  /// Platforms left out as rows because they record nothing at the path about anyone.
  public var idleRows: [ReportModel.PlatformInfo] = []
  /// Platforms left out as columns because no platform records anything about them.
  public var idleColumns: [ReportModel.PlatformInfo] = []
  /// Whether any cell is marked as affiliated, so reports show the legend.
  public var hasAffiliates: Bool { rows.contains { $0.cells.contains { $0.affiliation != nil } } }

  /// Pairs whose verdict could be reached, and the number that could not.
  public var judgedPairs: [Pair] { pairs.filter { $0.verdict != .unknown } }
  public var unjudgedPairs: [Pair] { pairs.filter { $0.verdict == .unknown } }

  init(_ matrix: Matrix, directory: Directory) {
    var index: [String: Matrix.Cell] = [:]
    index.reserveCapacity(matrix.cells.count)
    for cell in matrix.cells { index["\(cell.platform)\u{0}\(cell.counterparty)"] = cell }
    let top = max(0, matrix.levels.count - 1)
    func cell(_ a: String, _ b: String) -> Cell {
      guard a != b else {
        return Cell(platform: a, counterparty: b, text: "—", tone: "self", wildcard: false, location: nil)
      }
      guard let found = index["\(a)\u{0}\(b)"] else {
        return Cell(platform: a, counterparty: b, text: Messages.current["notRecorded"], tone: "unknown", wildcard: false, location: nil)
      }
      let (text, tone): (String, String)
      switch found.state {
      case .value:
        text = found.value ?? Messages.current["presentValue"]
        if let rank = found.rank { tone = rank == 0 ? "worst" : rank >= top ? "best" : "mid" } else { tone = "off" }
      case .null: (text, tone) = (Messages.current["unknownValue"], "unknown")
      case .missing: (text, tone) = (Messages.current["notRecorded"], "unknown")
      case .blocked: (text, tone) = (Messages.current["cannotBeRead"], "off")
      }
      return Cell(platform: a, counterparty: b, text: text, tone: tone, wildcard: found.wildcard,
        location: found.location)
    }
    id = matrix.id
    title = matrix.title
    titleEn = matrix.titleEn
    pack = matrix.pack
    path = matrix.path
    scale = matrix.scale
    levels = matrix.levels
    obligation = matrix.obligation
    omitted = matrix.omitted
    let ordered = directory.ordered(matrix.platforms)
    // A row or column that records nothing (every cell off the diagonal "not recorded") says
    // nothing; it is left out and named in one line.
    func records(_ a: String, _ b: String) -> Bool {
      a != b && index["\(a)\u{0}\(b)"].map { $0.state != .missing } == true
    }
    let rowIDs = ordered.filter { a in ordered.contains { b in records(a, b) } }
    let columnIDs = ordered.filter { b in ordered.contains { a in records(a, b) } }
    idleRows = ordered.filter { !rowIDs.contains($0) }.map(directory.platform)
    idleColumns = ordered.filter { !columnIDs.contains($0) }.map(directory.platform)
    columns = columnIDs.map(directory.platform)
    rows = rowIDs.map { a in
      let info = directory.platform(a)
      return Row(platform: info, cells: columnIDs.map { b in
        var c = cell(a, b)
        c.affiliation = a == b ? nil : info.affiliation(with: b)
        return c
      })
    }
    pairs = matrix.pairs.map { pair in
      Pair(a: pair.a, b: pair.b, verdict: pair.verdict, aToB: cell(pair.a, pair.b).text,
        bToA: cell(pair.b, pair.a).text)
    }
  }
}
