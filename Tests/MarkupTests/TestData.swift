import Foundation
import Testing

/// The shared external test material (`../shared/testdata`), read in place.
enum SharedTestData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/testdata")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    /// The `.xml` files under each of `folders` (relative to ``root``), sorted by path within
    /// each folder, with their bytes.
    static func xmlFiles(in folders: [String]) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            let names = (FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".xml") }.sorted()
            for name in names { files.append((name, [UInt8](try Data(contentsOf: base.appendingPathComponent(name))))) }
        }
        return files
    }
}
