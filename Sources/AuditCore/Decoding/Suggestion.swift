/// "Did you mean" for misspelt keys and values: the closest candidate by edit distance.
public enum Suggestion {
  /// The candidate nearest to `word`, if it is near enough to be a likely typo.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    var cells = 0
    return closest(to: word, in: candidates, cells: &cells)
  }

  /// The same, adding to `cells` the work done: characters looked at and edit-distance cells
  /// filled. Lengths are compared first (an edit distance is at least the difference of the
  /// lengths), so a word of 100,000 characters costs its length once, not once per candidate.
  static func closest(to word: String, in candidates: some Sequence<String>, cells: inout Int) -> String? {
    let lowered = word.lowercased()
    let wordLength = lowered.unicodeScalars.count
    cells += wordLength
    // Beyond this, no near name is a typo of it: only an exact (case-insensitive) match counts.
    let comparable = wordLength <= maxComparedLength
    var best: (String, Int)?
    for candidate in candidates {
      let lower = candidate.lowercased()
      let length = lower.unicodeScalars.count
      cells += length
      if length == wordLength, lower == lowered { return candidate }
      guard comparable else { continue }
      let longer = max(wordLength, length)
      let allowed = min(max(1, longer / 3), min(wordLength, length) - 1, (best?.1 ?? Int.max) - 1)
      guard abs(wordLength - length) <= allowed else { continue }
      let distance = editDistance(lowered, lower)
      cells += wordLength * length
      if distance <= allowed { best = (candidate, distance) }
    }
    return best?.0
  }

  /// The longest word that is compared by edit distance (ids and keys are far shorter).
  static let maxComparedLength = 200

  /// Most edit distances that one `Memo` computes; names met after that get no suggestion.
  static let comparisonBudget = 40_000

  /// Suggestions remembered per name, with a bound on the work, so a file of thousands of
  /// misspelt names never costs names × candidates edit distances.
  struct Memo {
    private var closest: [String: String?] = [:]
    /// Candidates handed to `Suggestion.closest` so far (an edit distance each at most): the
    /// budget's meter, and what tests read to check that it is bounded.
    private(set) var comparisons = 0
    /// The work those comparisons did (`closest(to:in:cells:)`), for tests.
    private(set) var cells = 0

    mutating func closest(to word: String, in candidates: [String]) -> String? {
      if let known = closest[word] { return known }
      guard comparisons + candidates.count <= Suggestion.comparisonBudget else { return nil }
      comparisons += candidates.count
      let found = Suggestion.closest(to: word, in: candidates, cells: &cells)
      closest[word] = .some(found)
      return found
    }

    mutating func hint(for word: String, in candidates: [String]) -> String {
      if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
      if candidates.count > 20 { return "expected one of \(candidates.count) ids, e.g. \(candidates.prefix(5).joined(separator: ", "))" }
      return "expected one of: \(candidates.joined(separator: ", "))"
    }
  }

  /// "did you mean 'x'?" or a list of what is allowed.
  static func hint(for word: String, in candidates: [String]) -> String {
    if let match = closest(to: word, in: candidates) { return "did you mean '\(match)'?" }
    return "expected one of: \(candidates.joined(separator: ", "))"
  }

  /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
  /// (optimal string alignment), over Unicode scalars.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
