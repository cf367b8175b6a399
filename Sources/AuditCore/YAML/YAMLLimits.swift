/// Bounds that turn hostile or runaway YAML into a clear error instead of a hang or a crash.
public struct YAMLLimits: Sendable, Hashable {
  /// Largest file read, in bytes.
  public var maxFileBytes: Int
  /// Deepest nesting of sequences and mappings.
  public var maxDepth: Int
  /// Most distinct nodes in one file.
  public var maxNodes: Int
  /// Most nodes once every alias is expanded (stops "billion laughs").
  public var maxExpandedNodes: Int

  public init(
    maxFileBytes: Int = 16 << 20, maxDepth: Int = 200, maxNodes: Int = 1_000_000,
    maxExpandedNodes: Int = 1_000_000
  ) {
    self.maxFileBytes = maxFileBytes
    self.maxDepth = maxDepth
    self.maxNodes = maxNodes
    self.maxExpandedNodes = maxExpandedNodes
  }

  public static let `default` = YAMLLimits()
}
