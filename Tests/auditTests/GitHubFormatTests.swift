import AuditTestSupport
import Foundation
import Testing

/// `--format github` end to end: workflow commands on standard output, nothing in --output.
@Suite struct GitHubFormatTests {
  @Test func annotationsGoToStandardOutputOnly() throws {
    let scratch = try AuditBinary.Scratch()
    let out = scratch.url.appendingPathComponent("out")
    let run = try AuditBinary.run(["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02",
      "--format", "github", "--output", out.path, "--fail-on", "none"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 51, "at most 50 annotations, then the notice")
    for line in lines.dropLast() {
      #expect(line.hasPrefix("::error file=") || line.hasPrefix("::warning file="), "\(line)")
    }
    #expect(lines.last?.hasPrefix("::notice title=audit%3A ") == true, "\(lines.last ?? "")")
    let firstWarning = lines.firstIndex { $0.hasPrefix("::warning ") } ?? lines.count
    #expect(!lines[firstWarning...].contains { $0.hasPrefix("::error ") }, "fails and errors come first")
    #expect(lines.contains { $0.contains("file=manifests/cn/taobao/2021-11-29.yaml,line=") && $0.hasPrefix("::error ") })
    #expect(!FileManager.default.fileExists(atPath: out.path), "github writes no files")
    #expect(!run.stderr.contains("::"), "annotations only on stdout")
  }

  @Test func withFilesAnnotationsStillGoToStandardOutput() throws {
    let scratch = try AuditBinary.Scratch()
    let run = try AuditBinary.run(["run", "manifests/cn", "--rules", "Rules/cn-interop", "--as-of", "2021-12-02",
      "--format", "json,github", "--output", scratch.path, "--fail-on", "none"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("::"))
    let written = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
    #expect(written == [".audit-set-run.json", "results.json"])
    #expect(run.stderr.contains("wrote \(scratch.path)/results.json") && !run.stderr.contains("github-annotations"))
  }
}
