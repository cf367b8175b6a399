import AuditCore
import Foundation

/// JSON written straight to bytes, one value a line without spaces: the entries of a pretty
/// document's array that `OrderedJSONEncoder(compactBelow:)` writes on one line each (SARIF's
/// results, OSCAL's observations and findings), without a Codable container per value, which
/// was most of what those formats cost. Its escapes are the encoder's (RFC 8259 plus
/// U+2028/U+2029), and the models that write themselves here do so in their `CodingKeys` order
/// leaving out `nil`, so both ways give the same bytes.
struct CompactJSON {
  private(set) var bytes: [UInt8] = []
  /// Whether the next key or value is the first of its container, so takes no comma; true too
  /// right after a key, whose value takes none.
  private var first = true

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// The bytes written, as `Data`.
  var data: Data { Data(bytes) }

  /// Starts an entry of an array whose entries sit `depth` containers deep in a pretty document:
  /// its comma, a newline and its indent (what `OrderedJSONEncoder.encodeEntries` writes).
  mutating func entry(depth: Int) {
    bytes.append(0x2C)
    bytes.append(0x0A)
    bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    first = true
  }

  mutating func beginObject() { open(0x7B) }
  mutating func endObject() { close(0x7D) }
  mutating func beginArray() { open(0x5B) }
  mutating func endArray() { close(0x5D) }

  /// `"name":`, the key of the value written next.
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    bytes.append(0x3A)
    first = true
  }

  /// A field whose key is not known until run time (a dictionary's).
  mutating func field(named name: String, _ value: String) {
    string(name)
    bytes.append(0x3A)
    first = true
    string(value)
  }

  mutating func string(_ s: String) {
    separate()
    var s = s
    s.withUTF8 { JSONEscape.quote($0, into: &self) }
    first = false
  }

  mutating func integer(_ value: Int) {
    separate()
    appendDecimal(value)
    first = false
  }

  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  /// The field, or nothing when `value` is `nil` (as a synthesized `encode(to:)` leaves it out).
  mutating func field(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    field(name, value)
  }

  mutating func field(_ name: StaticString, _ value: Int?) {
    guard let value else { return }
    key(name)
    integer(value)
  }

  /// An array of strings under `name`; nothing when `nil`.
  mutating func field(_ name: StaticString, _ values: [String]?) {
    guard let values else { return }
    key(name)
    beginArray()
    for value in values { string(value) }
    endArray()
  }

  /// An object: `{`, what `body` writes into it, `}`.
  mutating func object(_ body: (inout CompactJSON) -> Void) {
    beginObject()
    body(&self)
    endObject()
  }

  /// A value that writes itself under `name`; nothing when `nil`.
  mutating func field<Value: CompactJSONWritable>(_ name: StaticString, _ value: Value?) {
    guard let value else { return }
    key(name)
    value.write(to: &self)
  }

  /// An array of values that write themselves under `name`; nothing when `nil`.
  mutating func field<Value: CompactJSONWritable>(_ name: StaticString, _ values: [Value]?) {
    guard let values else { return }
    key(name)
    beginArray()
    for value in values { value.write(to: &self) }
    endArray()
  }

  /// A string map under `name`, its keys in byte order (a synthesized `encode(to:)` would
  /// write them in hash order, which changes from run to run).
  mutating func field(_ name: StaticString, _ map: [String: String]) {
    key(name)
    beginObject()
    for (key, value) in map.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { field(named: key, value) }
    endObject()
  }

  private mutating func separate() {
    if !first { bytes.append(0x2C) }
  }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    first = true
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    first = false
  }
}

/// A value that writes itself on one line of `CompactJSON`, its fields in `CodingKeys` order and
/// without the `nil` ones, as its synthesized `encode(to:)` would.
protocol CompactJSONWritable {
  func write(to json: inout CompactJSON)
}

/// CompactJSON's strings go through AuditCore's escape, so they are the encoder's bytes.
extension CompactJSON: JSONByteSink {
  /// Grows by doubling: `reserveCapacity` alone grows to exactly what is asked, so asking a
  /// little more for each string would copy the buffer once a string.
  mutating func reserve(_ extra: Int) {
    guard bytes.count + extra > bytes.capacity else { return }
    bytes.reserveCapacity(max(bytes.count + extra, bytes.capacity * 2))
  }
  mutating func append(_ byte: UInt8) { bytes.append(byte) }
  mutating func append(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }
}
