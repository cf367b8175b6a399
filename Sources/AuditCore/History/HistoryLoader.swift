/// Reads a history's manifests without keeping them: the workspace is loaded keeping no version
/// (every file is still checked), and the sweep reads a version's file again when it comes
/// into force (the timeline, each platform's versions one after the other). Only the versions
/// in force and a batch of parse trees are in memory at once.
enum HistoryLoader {
  /// The versions of `workspace`, read from their files when asked for.
  static func catalogue(_ workspace: Workspace, limits: YAMLLimits) -> VersionCatalogue {
    let dates = workspace.versions
    let files = workspace.versionFiles
    return VersionCatalogue(dates: dates) { wanted in
      parallelMap(wanted.map { ($0.platform, dates[$0.platform]?[$0.index]) }) { item -> Manifest? in
        let (id, day) = item
        guard let day, let path = files[id]?[day] else { return nil }
        return Self.read(path, limits: limits).first { $0.id == id && $0.asOf == day }
      }.compactMap { $0 }
    }
  }

  /// The manifests of one file, decoded as the workspace decodes them.
  static func read(_ path: String, limits: YAMLLimits) -> [Manifest] {
    Workspace.load(files: [SourceFile.load(path, limits: limits)]).manifests
  }
}
