import Foundation

/// One entry of a results document's `results` array, decoded field by field from its bytes:
/// `audit diff` reads every result of two documents, and Foundation's `JSONDecoder` (a tree and
/// a container per value) cost it more than the run that wrote them. What it builds is what
/// `Result.init(from:)` builds from the same bytes, for results/1 (locations as objects) and
/// results/2 (locations `[input, line, column]` into the inputs table, defaults left out);
/// `ResultEntryDecoderTests` holds the two to the same values.
///
/// Each object is a loop over its keys with a `switch`: a new field is one `case`; a key this
/// build does not know is skipped (a later writer may add fields). The few values that are rare
/// and nested (a waiver, an upcoming duty, an affiliation) go through `JSONDecoder` on their own
/// bytes.
struct ResultEntryDecoder {
  /// Why an entry does not decode, and where in it: `checks[0].status`.
  struct Failure: Error {
    var path: [String]
    var what: String

    /// `checks[0].status`, or "" at the entry itself.
    var location: String {
      path.reversed().reduce(into: "") { out, part in out += part.hasPrefix("[") || out.isEmpty ? part : "." + part }
    }
  }

  /// The inputs table that results/2's locations point into.
  let inputs: [String]
  /// For the rare nested values, with the inputs table their locations need.
  let fallback: JSONDecoder

  init(inputs: [String]) {
    self.inputs = inputs
    fallback = JSONDecoder()
    let table = InputTable.Reading()
    table.paths = inputs
    fallback.userInfo[InputTable.userInfoKey] = table
  }

  /// The result in `bytes` (one entry, nothing after it but spaces).
  func result(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Result {
    var scanner = JSONScanner(bytes: bytes)
    let result = try result(&scanner)
    scanner.skipSpace()
    guard scanner.atEnd else { throw Failure(path: [], what: "text after the result") }
    return result
  }

  private func result(_ s: inout JSONScanner) throws(Failure) -> Result {
    var obligation: String?, pack: String?, platform: String?, status: Status?, severity: Severity?
    var reason: String?, message: Message?
    var r = Result(obligation: "", pack: "", platform: "", counterparty: nil, status: .pass, severity: .low,
      reason: "", location: nil)
    try s.object { key, s throws(Failure) in
      switch key {
      case "obligation": obligation = try s.string()
      case "pack": pack = try s.string()
      case "platform": platform = try s.string()
      case "counterparty": r.counterparty = try s.optional { s throws(Failure) in try s.string() }
      case "status": status = try s.optional { s throws(Failure) in try s.enumerated(Status.self) }
      case "severity": severity = try s.optional { s throws(Failure) in try s.enumerated(Severity.self) }
      case "reason": reason = try s.optional { s throws(Failure) in try s.string() }
      // A message this build does not know leaves the reason as written (`Result.init(from:)`).
      case "reason_message": message = Message(json: try s.tree())
      case "location": r.location = try s.optional { s throws(Failure) in try location(&s) }
      case "upcoming": r.upcoming = try s.optional { s throws(Failure) in try decoded(Upcoming.self, &s) }
      case "waiver": r.waiver = try s.optional { s throws(Failure) in try decoded(WaiverRecord.self, &s) }
      case "expired_waiver": r.expiredWaiver = try s.optional { s throws(Failure) in try decoded(WaiverRecord.self, &s) }
      case "checks": r.checks = try s.optional { s throws(Failure) in try s.array { s throws(Failure) in try check(&s) } } ?? []
      case "evidence": r.evidence = try s.optional { s throws(Failure) in try s.array { s throws(Failure) in try evidence(&s) } } ?? []
      case "evidence_strength": r.evidenceStrength = try s.optional { s throws(Failure) in try s.enumerated(EvidenceStrength.self) }
      case "evidence_observed": r.evidenceObserved = try s.optional { s throws(Failure) in try s.day() }
      case "evidence_source": r.evidenceSource = try s.optional { s throws(Failure) in try s.string() }
      case "evidence_shortfall": r.evidenceShortfall = try s.optional { s throws(Failure) in try s.string() }
      default: try s.skipValue()
      }
    }
    r.obligation = try required(obligation, "obligation")
    r.pack = try required(pack, "pack")
    r.platform = try required(platform, "platform")
    r.status = try required(status, "status")
    r.severity = try required(severity, "severity")
    if let reason {
      r.reasonMessage = message.flatMap { $0.english == reason ? $0 : nil } ?? .verbatim(reason)
    } else if let message {
      r.reasonMessage = message
    } else {
      throw Failure(path: [], what: "missing 'reason' (and no 'reason_message' this build knows)")
    }
    // What results/2 leaves out (a check's platform, its message when it is the reason, an
    // evidence strength of none), filled in as `Result.init(from:)` fills it in.
    r.fillDefaults()
    return r
  }

  private func check(_ s: inout JSONScanner) throws(Failure) -> Check {
    var path: String?, state: Check.State?, required: String?, status: Status?
    var c = Check(path: "", platform: "", state: .value, found: nil, required: "", status: .pass, location: nil)
    try s.object { key, s throws(Failure) in
      switch key {
      case "path": path = try s.string()
      case "platform": c.platform = try s.optional { s throws(Failure) in try s.string() } ?? ""
      case "state": state = try s.optional { s throws(Failure) in try s.enumerated(Check.State.self) }
      case "found": c.found = try s.optional { s throws(Failure) in try s.string() }
      case "required": required = try s.optional { s throws(Failure) in try s.string() }
      case "status": status = try s.optional { s throws(Failure) in try s.enumerated(Status.self) }
      case "location": c.location = try s.optional { s throws(Failure) in try location(&s) }
      case "phase": c.phase = try s.optional { s throws(Failure) in try s.string() }.map { $0 == "when" ? .condition : .phase($0) }
      case "message": c.message = try s.optional { s throws(Failure) in try s.string() }
      case "wildcard": c.wildcard = try s.optional { s throws(Failure) in try s.bool() } ?? false
      case "method": c.method = try s.optional { s throws(Failure) in try s.enumerated(Evidence.Method.self) }
      case "observed": c.observed = try s.optional { s throws(Failure) in try s.day() }
      case "source": c.source = try s.optional { s throws(Failure) in try s.string() }
      case "incidental": c.incidental = try s.optional { s throws(Failure) in try s.bool() }
      case "relation": c.relation = try s.optional { s throws(Failure) in try decoded(Affiliation.self, &s) }
      default: try s.skipValue()
      }
    }
    c.path = try self.required(path, "path")
    // results/2 leaves out the state of a value read.
    c.state = state ?? .value
    c.required = try self.required(required, "required")
    c.status = try self.required(status, "status")
    return c
  }

  private func evidence(_ s: inout JSONScanner) throws(Failure) -> Evidence {
    var path: String?, source: String?, location: SourceLocation?
    var e = Evidence(path: "", source: "", location: SourceLocation(file: "", line: 0, column: 0))
    try s.object { key, s throws(Failure) in
      switch key {
      case "path": path = try s.string()
      case "source": source = try s.string()
      case "observed": e.observed = try s.optional { s throws(Failure) in try s.day() }
      case "method": e.method = try s.optional { s throws(Failure) in try s.enumerated(Evidence.Method.self) }
      case "note": e.note = try s.optional { s throws(Failure) in try s.string() }
      case "location": location = try self.location(&s)
      default: try s.skipValue()
      }
    }
    e.path = try required(path, "path")
    e.source = try required(source, "source")
    e.location = try required(location, "location")
    return e
  }

  /// `{file, line, column}` or `[input, line, column]` (input: an index into the inputs table, or
  /// the path of a file that is not an input), as `SourceLocation.init(from:)` reads them.
  private func location(_ s: inout JSONScanner) throws(Failure) -> SourceLocation {
    if s.peek == UInt8(ascii: "{") {
      var file: String?, line: Int?, column: Int?
      try s.object { key, s throws(Failure) in
        switch key {
        case "file": file = try s.string()
        case "line": line = try s.integer()
        case "column": column = try s.integer()
        default: try s.skipValue()
        }
      }
      return SourceLocation(file: try required(file, "file"), line: try required(line, "line"),
        column: try required(column, "column"))
    }
    var file = "", line = 0, column = 0, index = 0
    _ = try s.array { s throws(Failure) in
      defer { index += 1 }
      switch index {
      case 0:
        if s.peek == UInt8(ascii: "\"") {
          file = try s.string()
        } else {
          let input = try s.integer()
          guard inputs.indices.contains(input) else { throw Failure(path: [], what: "input \(input) is not in the inputs table") }
          file = inputs[input]
        }
      case 1: line = try s.integer()
      case 2: column = try s.integer()
      default: try s.skipValue()
      }
    }
    guard index >= 3 else { throw Failure(path: [], what: "a location is [input, line, column]") }
    return SourceLocation(file: file, line: line, column: column)
  }

  /// A rare nested value, through `JSONDecoder` on its bytes.
  private func decoded<T: Decodable>(_ type: T.Type, _ s: inout JSONScanner) throws(Failure) -> T {
    let bytes = try s.valueBytes()
    do {
      return try fallback.decode(T.self, from: Data(bytes))
    } catch {
      throw Failure(path: [], what: "not a \(T.self)")
    }
  }

  private func required<T>(_ value: T?, _ key: String) throws(Failure) -> T {
    guard let value else { throw Failure(path: [], what: "missing '\(key)'") }
    return value
  }
}

/// A cursor over the bytes of one JSON value, reading what `ResultEntryDecoder` asks for.
/// Strings are checked as `JSONDecoder` checks them: valid UTF-8, no raw control characters,
/// escapes including `\uXXXX` surrogate pairs (a lone surrogate is an error).
struct JSONScanner {
  typealias Failure = ResultEntryDecoder.Failure
  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var i = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  var atEnd: Bool { i >= bytes.count }

  /// The next byte that is not a space (0 at the end).
  var peek: UInt8 {
    mutating get {
      skipSpace()
      return i < bytes.count ? bytes[i] : 0
    }
  }

  mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  private func fail(_ what: String) -> Failure { Failure(path: [], what: what) }

  private mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(Failure) {
    guard peek == byte else { throw fail(what()) }
    i += 1
  }

  /// Each key of an object, with the scanner at its value; `body` must read or skip the value.
  /// A failure inside a value is given the key's name.
  mutating func object(_ body: (String, inout JSONScanner) throws(Failure) -> Void) throws(Failure) {
    try expect(UInt8(ascii: "{"), "expected an object")
    if peek == UInt8(ascii: "}") {
      i += 1
      return
    }
    while true {
      guard peek == UInt8(ascii: "\"") else { throw fail("expected a key") }
      let key = try string()
      try expect(UInt8(ascii: ":"), "expected ':' after '\(key)'")
      do {
        try body(key, &self)
      } catch {
        var failure = error
        failure.path.append(key)
        throw failure
      }
      switch peek {
      case UInt8(ascii: ","): i += 1
      case UInt8(ascii: "}"):
        i += 1
        return
      default: throw fail("expected ',' or '}' after '\(key)'")
      }
    }
  }

  /// The entries of an array, each read by `body`; a failure inside one is given its index.
  mutating func array<T>(_ body: (inout JSONScanner) throws(Failure) -> T) throws(Failure) -> [T] {
    try expect(UInt8(ascii: "["), "expected an array")
    var items: [T] = []
    if peek == UInt8(ascii: "]") {
      i += 1
      return items
    }
    while true {
      do {
        items.append(try body(&self))
      } catch {
        var failure = error
        failure.path.append("[\(items.count)]")
        throw failure
      }
      switch peek {
      case UInt8(ascii: ","): i += 1
      case UInt8(ascii: "]"):
        i += 1
        return items
      default: throw fail("expected ',' or ']'")
      }
    }
  }

  /// `nil` for `null`, else what `body` reads (as `decodeIfPresent` does).
  mutating func optional<T>(_ body: (inout JSONScanner) throws(Failure) -> T) throws(Failure) -> T? {
    if peek == UInt8(ascii: "n") {
      try literal("null")
      return nil
    }
    return try body(&self)
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("expected \(word)") }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
    i += n
  }

  mutating func bool() throws(Failure) -> Bool {
    switch peek {
    case UInt8(ascii: "t"): try literal("true"); return true
    case UInt8(ascii: "f"): try literal("false"); return false
    default: throw fail("expected true or false")
    }
  }

  mutating func integer() throws(Failure) -> Int {
    skipSpace()
    let start = i
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    var value = 0
    var digits = 0
    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int(bytes[i] - 0x30))
      guard !o1, !o2 else { throw fail("integer out of range") }
      value = sum
      digits += 1
      i += 1
    }
    guard digits > 0 else { throw fail("expected an integer") }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      throw fail("expected an integer")
    }
    return bytes[start] == UInt8(ascii: "-") ? -value : value
  }

  mutating func enumerated<T: RawRepresentable>(_ type: T.Type) throws(Failure) -> T where T.RawValue == String {
    let text = try string()
    guard let value = T(rawValue: text) else { throw fail("'\(text)' is not a \(T.self)") }
    return value
  }

  mutating func day() throws(Failure) -> Day {
    let text = try string()
    guard let day = Day(text) else { throw fail("expected YYYY-MM-DD, found '\(text)'") }
    return day
  }

  /// A string, unescaped.
  mutating func string() throws(Failure) -> String {
    try expect(UInt8(ascii: "\""), "expected a string")
    let start = i
    // Most strings have no escape and are ASCII: one pass finds the end, and only text with
    // other bytes is validated as UTF-8.
    var high: UInt8 = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        defer { i += 1 }
        if high < 0x80 { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) }
        return try text(start..<i)
      }
      high |= byte
      if byte == UInt8(ascii: "\\") { break }
      guard byte >= 0x20 else { throw fail("a control character in a string") }
      i += 1
    }
    var out = Array(bytes[start..<i])
    while i < bytes.count {
      let byte = bytes[i]
      i += 1
      switch byte {
      case UInt8(ascii: "\""):
        return try out.withUnsafeBufferPointer { (buffer) throws(Failure) -> String in
          guard let s = String(validating: buffer, as: UTF8.self) else { throw fail("a string that is not UTF-8") }
          return s
        }
      case UInt8(ascii: "\\"):
        guard i < bytes.count else { throw fail("an unfinished escape") }
        let escaped = bytes[i]
        i += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): try unicodeEscape(into: &out)
        default: throw fail("an unknown escape")
        }
      default:
        guard byte >= 0x20 else { throw fail("a control character in a string") }
        out.append(byte)
      }
    }
    throw fail("an unfinished string")
  }

  private func text(_ range: Range<Int>) throws(Failure) -> String {
    guard let s = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
      throw fail("a string that is not UTF-8")
    }
    return s
  }

  /// `\uXXXX` after its `\u`, or a surrogate pair `\uD83D\uDE00`, appended as UTF-8.
  private mutating func unicodeEscape(into out: inout [UInt8]) throws(Failure) {
    var scalar = try hex4()
    if (0xD800...0xDBFF).contains(scalar) {
      guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
        throw fail("a lone surrogate escape")
      }
      i += 2
      let low = try hex4()
      guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate escape") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(scalar) {
      throw fail("a lone surrogate escape")
    }
    guard let unicode = Unicode.Scalar(scalar) else { throw fail("an invalid escape") }
    out.append(contentsOf: Array(String(Character(unicode)).utf8))
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("an unfinished \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[i]
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x41 + 10
      case 0x61...0x66: digit = byte - 0x61 + 10
      default: throw fail("an invalid \\u escape")
      }
      value = value << 4 | UInt32(digit)
      i += 1
    }
    return value
  }

  /// Any value as the tree that `Message(json:)` reads (as `DecodedJSON.init(from:)` builds it):
  /// a number that is not an integer, a boolean and `null` are `.other`.
  mutating func tree() throws(Failure) -> DecodedJSON {
    switch peek {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "{"):
      var fields: [String: DecodedJSON] = [:]
      try object { key, s throws(Failure) in fields[key] = try s.tree() }
      return .object(fields)
    case UInt8(ascii: "["): return .array(try array { s throws(Failure) in try s.tree() })
    case UInt8(ascii: "-"), 0x30...0x39:
      let start = i
      if let n = try? integer() { return .number(n) }
      i = start
      try skipValue()
      return .other
    default:
      try skipValue()
      return .other
    }
  }

  /// Passes over one value of any kind, checking its syntax.
  mutating func skipValue() throws(Failure) {
    switch peek {
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "{"): try object { _, s throws(Failure) in try s.skipValue() }
    case UInt8(ascii: "["): _ = try array { s throws(Failure) in try s.skipValue() }
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), 0x30...0x39:
      let start = i
      while i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: ".")
        || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || (bytes[i] >= 0x30 && bytes[i] <= 0x39)
      {
        i += 1
      }
      guard Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) != nil else {
        throw fail("an invalid number")
      }
    default: throw fail("expected a value")
    }
  }

  /// The bytes of the next value, passed over.
  mutating func valueBytes() throws(Failure) -> UnsafeBufferPointer<UInt8> {
    skipSpace()
    let start = i
    try skipValue()
    return UnsafeBufferPointer(rebasing: bytes[start..<i])
  }
}
