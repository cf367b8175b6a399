import Dispatch

/// Takes a run's results as the engine produces them (`Engine.stream`), batch by batch, in the
/// order of the results document: pack, obligation, platform, counterparty. Writers encode a
/// batch on any core (`prepare`) and append it in order (`consume`), so that no run holds all
/// of its results at once.
///
/// A consumer is shared by the cores: `prepare` may run on several batches at once and must
/// read only what does not change during the run; `consume` is called for one batch at a time,
/// in order, with what `prepare` returned for it (typed: nothing is cast back), and may change
/// the consumer.
public protocol ResultConsumer: AnyObject, Sendable {
  /// What `prepare` makes of a batch (`Void` when the consumer does all its work in `consume`).
  associatedtype Prepared: Sendable = Void
  /// Work on one batch that can be done on any core, in any order (encoding it, say).
  func prepare(_ batch: [Result]) -> Prepared
  /// The batch again, in run order, with what `prepare` returned for it.
  func consume(_ batch: [Result], prepared: Prepared) throws
}

extension ResultConsumer where Prepared == Void {
  public func prepare(_ batch: [Result]) {}
}

extension ResultConsumer {
  /// Prepares a batch on this core; the staged batch consumes it, in order, on the writer's.
  public func stage(_ batch: [Result]) -> StagedBatch {
    let prepared = prepare(batch)
    return StagedBatch { try self.consume(batch, prepared: prepared) }
  }
}

/// A batch that one consumer has prepared, waiting to be consumed in run order.
public struct StagedBatch: Sendable {
  private let body: @Sendable () throws -> Void

  init(_ body: @escaping @Sendable () throws -> Void) { self.body = body }

  /// Consumes the batch (on the writer, in run order).
  public func commit() throws { try body() }
}

/// A streamed run in its three phases, each a value of its own: what the results document says
/// before its first result (`begin`), the results batch by batch (`consume`), and what it says
/// after its last (`finish`). `AuditRun.evaluate(_:request:into:)` drives it.
public protocol ResultSink: ResultConsumer {
  /// Before the first result.
  func begin(_ header: RunHeader) throws
  /// After the last result.
  func finish(_ summary: RunSummary) throws
}

/// Keeps every result: what `Engine.evaluate` returns, so that each side of `audit diff` and
/// the tests hold their results. `audit run` streams instead (`AuditRun.evaluate(_:request:into:)`).
public final class ResultCollector: ResultConsumer, @unchecked Sendable {
  public private(set) var results: [Result] = []

  public init() {}

  public func consume(_ batch: [Result], prepared: Void) {
    results += batch
  }
}

/// The counts of a run's summary, kept as the results go by.
public struct ResultTally: Sendable, Hashable {
  public var results = 0
  public var byStatus = StatusCounts()
  public var failuresBySeverity = SeverityCounts()
  /// Unknown results by severity, for `--strict` exit codes.
  public var unknownsBySeverity = SeverityCounts()
  public var byEvidence = EvidenceCounts()
  public var passesByEvidence = EvidenceCounts()

  public init() {}

  public init(_ results: some Sequence<Result>) {
    for result in results { add(result) }
  }

  public mutating func add(_ result: Result) {
    results += 1
    byStatus[result.status] += 1
    if result.status == .fail { failuresBySeverity[result.severity] += 1 }
    if result.status == .unknown { unknownsBySeverity[result.severity] += 1 }
    if let strength = result.evidenceStrength {
      byEvidence[strength] += 1
      if result.status == .pass { passesByEvidence[strength] += 1 }
    }
  }
}

extension Engine {
  /// A platform in force (its index), or the id of one whose newest manifest failed to load.
  enum Subject: Sendable {
    case platform(Int)
    case broken(String, BrokenManifest)
  }

  /// A piece of work: one obligation for a run of consecutive subjects.
  struct Unit: Sendable {
    var obligation: Int
    var subjects: Range<Int>
  }

  /// About how many results a unit of work produces: enough that a unit's overhead does not
  /// show, few enough that the batches in flight (three windows of units, each result with its
  /// checks, messages and encodings) stay small beside the corpus. Larger units made no run
  /// faster, and with 2,048 a run of 33,000 results had nearly all of them in flight at once.
  static let resultsPerUnit = 256

  /// Evaluates every obligation against the versions in force on `asOf` and hands the results to
  /// `consumers`, in document order, a batch at a time; only the batches in flight are held.
  /// Returns everything else of the evaluation (its `results` are empty) with the summary's counts.
  /// A platform whose newest manifest failed to load (`broken`, with --keep-going) gets `error`
  /// results naming that file. Throws what a consumer throws, after the work in flight ends.
  public func stream(
    manifests: [Manifest], waivers: [Waiver] = [], broken: [BrokenManifest] = [],
    to consumers: [any ResultConsumer]
  ) throws -> Evaluation {
    try stream(manifests: manifests, waivers: waivers, broken: broken) { _ in consumers }
  }

  /// The same, with consumers made once the platforms in force and the matrices are known:
  /// `makeConsumers` gets the evaluation before its first result (no results, waivers or tally).
  public func stream(
    manifests: [Manifest], waivers: [Waiver] = [], broken: [BrokenManifest] = [],
    consumers makeConsumers: (Evaluation) throws -> [any ResultConsumer]
  ) throws -> Evaluation {
    let selected = Engine.select(manifests, asOf: asOf)
    let failing = Engine.failing(broken, selected: selected, asOf: asOf)
    let platforms = selected.filter { failing[$0.id] == nil }
    let obligations = packs.flatMap(\.obligations).sorted { ($0.pack, $0.id) < ($1.pack, $1.id) }
    let asOf = self.asOf
    let entities = self.entities
    // Who each obligation is checked against is the same for every subject: find it once.
    let counterparties = obligations.map { Engine.counterpartyIndices(of: $0, in: platforms) }
    // The reason of every out-of-scope result of an obligation is the same: build it once.
    let outOfScope = obligations.map(Engine.outOfScopeReason)
    // A subject's affiliates are the same for every obligation: find them once.
    let affiliates = parallelMap(platforms) { entities.affiliates(of: $0.id, on: asOf) }
    // Subjects in id order, the platforms that failed to load among them.
    var subjects = platforms.indices.map { (platforms[$0].id, Subject.platform($0)) }
    subjects += failing.map { ($0.key, Subject.broken($0.key, $0.value)) }
    subjects.sort { $0.0 < $1.0 }
    let order = subjects.map(\.1)

    // Units: per obligation, runs of subjects sized by the results each subject gives.
    var units: [Unit] = []
    for (o, obligation) in obligations.enumerated() {
      let perSubject = obligation.per == .platform ? 1 : max(1, counterparties[o].count)
      let step = max(1, Engine.resultsPerUnit / perSubject)
      for start in stride(from: 0, to: order.count, by: step) {
        units.append(Unit(obligation: o, subjects: start..<min(order.count, start + step)))
      }
    }

    var evaluation = Evaluation(
      asOf: asOf, platforms: platforms, results: [], waivers: [],
      matrices: MatrixBuilder.matrices(packs: packs, platforms: platforms), diagnostics: [], entities: entities)
    let consumers = try makeConsumers(evaluation)
    let waiverIndex = WaiverIndex(waivers, asOf: asOf)
    let state = StreamState(waivers: waivers.count)
    let queue = DispatchQueue(label: "interop-audit.results")
    // At most two windows wait for the writer: the cores run ahead, memory stays bounded.
    let inFlight = DispatchSemaphore(value: 2)
    let window = max(2, activeCores * 4)
    for start in stride(from: 0, to: units.count, by: window) {
      if state.failed { break }
      let batches = parallelMap(Array(units[start..<min(units.count, start + window)])) { unit in
        var results: [Result] = []
        let obligation = obligations[unit.obligation]
        for s in unit.subjects {
          switch order[s] {
          case .platform(let p):
            let subject = platforms[p]
            ReadingMemo.$current.withValue(affiliates[p].isEmpty ? nil : ReadingMemo(subject: subject.id)) {
              Engine.results(for: subject, obligation: obligation, counterparties: counterparties[unit.obligation],
                platforms: platforms, asOf: asOf, affiliates: affiliates[p],
                scopeReason: outOfScope[unit.obligation], into: &results)
            }
          case .broken(let id, let file):
            results.append(Result(
              obligation: obligation.id, pack: obligation.pack, platform: id, counterparty: nil, status: .error,
              severity: obligation.severity,
              reason: "", location: SourceLocation(file: file.file, line: 1, column: 1)))
            results[results.count - 1].reasonMessage = Message(.brokenManifest, ["platform": .platform(id), "file": .text(file.file)])
          }
        }
        let usage = waiverIndex.apply(to: &results)
        return PreparedBatch(results: results, waivers: usage, parts: consumers.map { $0.stage(results) })
      }
      inFlight.wait()
      queue.async {
        defer { inFlight.signal() }
        state.consume(batches)
      }
    }
    queue.sync {}
    if let error = state.error { throw error }
    (evaluation.waivers, evaluation.diagnostics) = waiverIndex.usage(matched: state.matched, applied: state.applied)
    evaluation.tally = state.tally
    return evaluation
  }

  /// All results of one obligation about one subject platform, appended to `results`.
  static func results(
    for subject: Manifest, obligation: Obligation, counterparties: [Int], platforms: [Manifest], asOf: Day,
    affiliates: [Affiliation], scopeReason: Message, into results: inout [Result]
  ) {
    if let outside = outOfScope(obligation, subject: subject, location: subject.location, reason: scopeReason) {
      results.append(outside)
      return
    }
    switch obligation.per {
    case .platform:
      results.append(ObligationEvaluator.evaluate(
        obligation, subject: subject, counterparty: nil, asOf: asOf, affiliates: affiliates))
    case .counterparty, .pair:
      let relation = obligation.counterparties
      let affiliated = relation?.relation == nil ? [] : Set(affiliates.map(\.platform))
      for index in counterparties where platforms[index].id != subject.id
        && relation?.matches(affiliated: affiliated.contains(platforms[index].id)) ?? true
      {
        results.append(ObligationEvaluator.evaluate(
          obligation, subject: subject, counterparty: platforms[index], asOf: asOf, affiliates: affiliates))
      }
    }
  }
}

/// One unit's results, their waivers' counts and what each consumer prepared of them.
private struct PreparedBatch: Sendable {
  var results: [Result]
  var waivers: WaiverIndex.Usage
  var parts: [StagedBatch]
}

/// What the writer thread keeps: the tally, the waivers' counts, and the first error.
private final class StreamState: @unchecked Sendable {
  private let lock = DispatchSemaphore(value: 1)
  var tally = ResultTally()
  var matched: [Int]
  var applied: [Int]
  private var firstError: (any Error)?

  init(waivers: Int) {
    matched = Array(repeating: 0, count: waivers)
    applied = Array(repeating: 0, count: waivers)
  }

  var failed: Bool {
    lock.wait()
    defer { lock.signal() }
    return firstError != nil
  }

  var error: (any Error)? {
    lock.wait()
    defer { lock.signal() }
    return firstError
  }

  /// Runs on the writer queue only.
  func consume(_ batches: [PreparedBatch]) {
    guard !failed else { return }
    do {
      for batch in batches {
        for result in batch.results { tally.add(result) }
        for (i, m, a) in batch.waivers {
          matched[i] += m
          applied[i] += a
        }
        for part in batch.parts { try part.commit() }
      }
    } catch {
      lock.wait()
      firstError = firstError ?? error
      lock.signal()
    }
  }
}
