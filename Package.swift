// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "interop-audit",
  products: [
    .executable(name: "audit", targets: ["audit"]),
    .library(name: "AuditCore", targets: ["AuditCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
  ],
  targets: [
    // libyaml, used through its event API: Debian's libyaml-dev (the Makefile installs it when
    // missing) or Homebrew's libyaml on macOS.
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    // A C interface to Debian's libre2-dev (C++): `matches` runs in linear time on RE2.
    .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
    .target(
      name: "AuditCore",
      dependencies: ["CYAML", "CRE2", .product(name: "Crypto", package: "swift-crypto")]
    ),
    .target(
      name: "AuditReports",
      dependencies: [
        "AuditCore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      // The templates and message catalogues are compiled in (EmbeddedTemplates.swift, which
      // the EmbedResources plugin writes on each build that changed one), not a bundle.
      exclude: ["Resources/templates", "Resources/messages"],
      plugins: ["EmbedResources"]
    ),
    // Writes EmbeddedTemplates.swift from AuditReports' Resources; run by the plugin below.
    .executableTarget(name: "embed-resources"),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
    .executableTarget(
      name: "audit",
      dependencies: [
        "AuditCore", "AuditReports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "audit-bench", dependencies: ["AuditCore", "AuditReports", "CYAML"]),
    .executableTarget(name: "audit-fuzz", dependencies: ["AuditCore"]),
    // Goldens, fixture paths and runs of the built binary, shared by every test target.
    .target(name: "AuditTestSupport", path: "Tests/AuditTestSupport"),
    .testTarget(
      name: "AuditCoreTests",
      dependencies: [
        "AuditCore", "AuditTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "AuditReportsTests", dependencies: ["AuditReports", "AuditCore", "AuditTestSupport"]),
    .testTarget(name: "auditTests", dependencies: ["AuditCore", "AuditReports", "AuditTestSupport"]),
  ]
)
