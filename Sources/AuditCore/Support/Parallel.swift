import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Maps `items` on every core, keeping their order. The work of each item must be independent.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
  let count = items.count
  guard count > 1, activeCores > 1 else { return items.map(transform) }
  let slots = Slots<R>(count: count)
  let chunks = min(count, activeCores * 8)
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    for i in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
      slots.store(transform(items[i]), at: i)
    }
  }
  return slots.values()
}

/// The number of cores this process may use.
let activeCores: Int = {
  #if canImport(Glibc)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}()

/// A fixed set of slots that distinct threads fill, each slot once, before anyone reads them.
private final class Slots<Value>: @unchecked Sendable {
  private let pointer: UnsafeMutablePointer<Value?>
  private let count: Int

  init(count: Int) {
    self.count = count
    pointer = .allocate(capacity: count)
    pointer.initialize(repeating: nil, count: count)
  }

  deinit {
    pointer.deinitialize(count: count)
    pointer.deallocate()
  }

  func store(_ value: Value, at index: Int) { pointer[index] = value }

  func values() -> [Value] { (0..<count).compactMap { pointer[$0] } }
}
