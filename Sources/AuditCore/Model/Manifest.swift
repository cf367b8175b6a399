import Foundation

/// One platform's observed capabilities at one point in time (`kind: platform`).
public struct Manifest: Sendable {
  /// The fields, in one box shared by every copy until one is changed: the engine hands the
  /// subject and its counterparty to each evaluation, and a copy is then one reference instead
  /// of each string, list and tree retained.
  private var storage: Storage

  /// Safe to share: a box is changed only through `unique`, when no other manifest holds it.
  private final class Storage: @unchecked Sendable {
    var id: String
    var name: String?
    var nameEn: String?
    var operatorName: String?
    var categories: [String]
    var jurisdictions: [String]
    var asOf: Day
    var version: String?
    var capabilities: YAMLNode?
    var evidence: [Evidence]
    var evidenceIndex: EvidenceIndex
    var notes: String?
    var location: SourceLocation
    var scopeLocations: [String: SourceLocation] = [:]

    init(
      id: String, name: String?, nameEn: String?, operatorName: String?, categories: [String],
      jurisdictions: [String], asOf: Day, version: String?, capabilities: YAMLNode?, evidence: [Evidence],
      evidenceIndex: EvidenceIndex, notes: String?, location: SourceLocation, scopeLocations: [String: SourceLocation]
    ) {
      self.id = id
      self.name = name
      self.nameEn = nameEn
      self.operatorName = operatorName
      self.categories = categories
      self.jurisdictions = jurisdictions
      self.asOf = asOf
      self.version = version
      self.capabilities = capabilities
      self.evidence = evidence
      self.evidenceIndex = evidenceIndex
      self.notes = notes
      self.location = location
      self.scopeLocations = scopeLocations
    }

    func copy() -> Storage {
      Storage(id: id, name: name, nameEn: nameEn, operatorName: operatorName, categories: categories,
        jurisdictions: jurisdictions, asOf: asOf, version: version, capabilities: capabilities, evidence: evidence,
        evidenceIndex: evidenceIndex, notes: notes, location: location, scopeLocations: scopeLocations)
    }
  }

  /// The box, copied first when another manifest shares it.
  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }

  public var id: String {
    get { storage.id }
    _modify { yield &unique().id }
  }
  public var name: String? {
    get { storage.name }
    _modify { yield &unique().name }
  }
  public var nameEn: String? {
    get { storage.nameEn }
    _modify { yield &unique().nameEn }
  }
  public var operatorName: String? {
    get { storage.operatorName }
    _modify { yield &unique().operatorName }
  }
  public var categories: [String] {
    get { storage.categories }
    _modify { yield &unique().categories }
  }
  public var jurisdictions: [String] {
    get { storage.jurisdictions }
    _modify { yield &unique().jurisdictions }
  }
  /// The date these capabilities were observed or announced.
  public var asOf: Day {
    get { storage.asOf }
    _modify { yield &unique().asOf }
  }
  public var version: String? {
    get { storage.version }
    _modify { yield &unique().version }
  }
  /// The free-form capability tree that rule paths are rooted in; `nil` when absent.
  public var capabilities: YAMLNode? {
    get { storage.capabilities }
    _modify { yield &unique().capabilities }
  }
  public var evidence: [Evidence] {
    get { storage.evidence }
    set {
      let storage = unique()
      storage.evidence = newValue
      storage.evidenceIndex = EvidenceIndex(newValue)
    }
  }
  /// `evidence` sorted by path, for finding the entries that support a path without a scan.
  public var evidenceIndex: EvidenceIndex { storage.evidenceIndex }
  public var notes: String? {
    get { storage.notes }
    _modify { yield &unique().notes }
  }
  /// Where the manifest starts.
  public var location: SourceLocation {
    get { storage.location }
    _modify { yield &unique().location }
  }
  /// Where each category and jurisdiction is written (keyed `category:VALUE`,
  /// `jurisdiction:VALUE`), so a warning about one points at its line; the manifest's start
  /// when it came from defaults.
  public var scopeLocations: [String: SourceLocation] {
    get { storage.scopeLocations }
    _modify { yield &unique().scopeLocations }
  }

  /// Where a category (`kind` "category") or jurisdiction is written.
  public func location(of kind: String, _ value: String) -> SourceLocation {
    scopeLocations["\(kind):\(value)"] ?? location
  }

  public init(
    id: String, name: String? = nil, nameEn: String? = nil, operatorName: String? = nil,
    categories: [String] = [], jurisdictions: [String] = [], asOf: Day, version: String? = nil,
    capabilities: YAMLNode?, evidence: [Evidence] = [], notes: String? = nil,
    location: SourceLocation
  ) {
    storage = Storage(
      id: id, name: name, nameEn: nameEn, operatorName: operatorName, categories: categories,
      jurisdictions: jurisdictions, asOf: asOf, version: version, capabilities: capabilities, evidence: evidence,
      evidenceIndex: EvidenceIndex(evidence), notes: notes, location: location, scopeLocations: [:])
  }

  public var file: String { location.file }

  /// A name for people: "微信 (WeChat)", or the id.
  public var displayName: String {
    switch (name, nameEn) {
    case (let n?, let e?) where n != e: "\(n) (\(e))"
    case (let n?, _): n
    case (nil, let e?): e
    default: id
    }
  }
}

/// Why a claim in a manifest is believed: its source, date and method.
public struct Evidence: Sendable, Hashable, Codable {
  /// How a claim was established.
  public enum Method: String, Codable, CaseIterable, Sendable {
    case test, announcement, report, filing
  }

  /// Dotted path into `capabilities` that this evidence supports.
  public var path: String
  public var source: String
  public var observed: Day?
  public var method: Method?
  public var note: String?
  public var location: SourceLocation

  public init(
    path: String, source: String, observed: Day? = nil, method: Method? = nil, note: String? = nil,
    location: SourceLocation
  ) {
    self.path = path
    self.source = source
    self.observed = observed
    self.method = method
    self.note = note
    self.location = location
  }

  /// Whether this evidence speaks for the value at `path`: the same path, a parent or a child.
  public func supports(_ path: String) -> Bool {
    Self.isPrefix(self.path, of: path) || Self.isPrefix(path, of: self.path)
  }

  /// Whether `prefix` equals `path` or names one of its ancestors (`a.b` of `a.b.c`).
  static func isPrefix(_ prefix: String, of path: String) -> Bool {
    var p = prefix.utf8.makeIterator()
    var q = path.utf8.makeIterator()
    while let a = p.next() {
      guard let b = q.next(), a == b else { return false }
    }
    guard let next = q.next() else { return true }
    return next == UInt8(ascii: ".")
  }
}

/// A manifest's evidence sorted by path (byte order), so that the entries supporting a path —
/// the same path, an ancestor or a descendant — are found by binary search: O(depth · log n + k)
/// per path instead of a scan of every entry for every result.
public struct EvidenceIndex: Sendable {
  private let keys: [[UInt8]]
  /// Positions in the manifest's `evidence`, in the order of `keys`.
  private let positions: [Int]

  init(_ evidence: [Evidence]) {
    let paths = evidence.map { Array($0.path.utf8) }
    let order = evidence.indices.sorted { Self.compare(paths[$0], paths[$1][...]) < 0 }
    keys = order.map { paths[$0] }
    positions = order
  }

  /// Byte order, as `lexicographicallyPrecedes` gives it, by `memcmp`: the generic comparison
  /// of an array with a slice went byte by byte and was most of what a lookup cost.
  private static func compare(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Int {
    let common = min(a.count, b.count)
    let order = a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common)) }
    }
    return order != 0 ? order : a.count - b.count
  }

  /// The first index whose key is not less than `key`, counting each key it compares in `examined`.
  private func lowerBound(_ key: ArraySlice<UInt8>, examined: inout Int) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
      let mid = (low + high) / 2
      examined += 1
      if Self.compare(keys[mid], key) < 0 { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Positions (in `evidence`) of the entries that support `path`, as `Evidence.supports` decides.
  public func supporting(_ path: String) -> [Int] {
    var examined = 0
    return supporting(path, examined: &examined)
  }

  /// The same, adding to `examined` every entry the lookup looked at: tests check that it grows
  /// with the logarithm of the index and the entries found, not with the index, which a timing
  /// cannot show reliably on a busy machine.
  func supporting(_ path: String, examined: inout Int) -> [Int] {
    let bytes = Array(path.utf8)
    var found: [Int] = []
    // Ancestors and the path itself: each prefix that ends before a dot, looked up exactly.
    for end in bytes.indices where bytes[end] == UInt8(ascii: ".") {
      found += equal(bytes[..<end], examined: &examined)
    }
    found += equal(bytes[...], examined: &examined)
    // Descendants: keys that start with "path." form one run in byte order.
    let prefix = bytes + [UInt8(ascii: ".")]
    var i = lowerBound(prefix[...], examined: &examined)
    while i < keys.count {
      examined += 1
      guard keys[i].starts(with: prefix) else { break }
      found.append(positions[i])
      i += 1
    }
    return found
  }

  private func equal(_ key: ArraySlice<UInt8>, examined: inout Int) -> [Int] {
    var i = lowerBound(key, examined: &examined)
    var out: [Int] = []
    while i < keys.count {
      examined += 1
      guard keys[i].count == key.count, Self.compare(keys[i], key) == 0 else { break }
      out.append(positions[i])
      i += 1
    }
    return out
  }
}
