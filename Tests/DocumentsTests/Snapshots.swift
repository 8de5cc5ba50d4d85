import Foundation

/// Files of the region modules' bundled snapshots and test fixtures, read in place.
enum ProjectFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    static let sharedTestData = root.deletingLastPathComponent().appendingPathComponent("shared/testdata")
}
