// swift-tools-version:6.0
import Foundation
import PackageDescription

/// libFuzzer targets, one per reader, kept out of the main package's build and `swift test`.
/// Build and run them with `Scripts/fuzz.sh TARGET SECONDS` (it passes
/// `--sanitize=fuzzer --sanitize=address`); libFuzzer supplies `main`, so each target is
/// compiled as a library (`-parse-as-library`) around its `LLVMFuzzerTestOneInput`.
let readers = ["html", "xml", "feed", "sitemap", "pptx", "docx"]

/// SwiftPM names a path dependency after its folder: the checkout's, whatever it is called.
/// (This package sits in `Fuzz/rus-fuzz`, not `Fuzz`, so that its own name cannot collide with
/// a checkout folder called `fuzz`.)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "rus-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "../..")],
    targets: readers.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: [.product(name: "Documents", package: root.lastPathComponent)]
                + (["pptx", "docx"].contains(name) ? ["OOXMLFuzzSupport"] : []),
            path: "Sources/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    } + [
        // What the .pptx and .docx targets share: CRC-32s of stored entries made right again.
        .target(name: "OOXMLFuzzSupport", path: "Sources/ooxml-support"),
    ],
    swiftLanguageModes: [.v6]
)
