import Foundation
import Documents

/// `rus-bench --dump-outlines FILE`: every page's complete `PageOutline` (title, language,
/// canonical URL, every section, block, line, link and locator), one page after another, so that
/// a change meant to make the reader faster can be checked to give exactly the same result:
/// dump before, dump after, `cmp` the two files.
enum OutlineDumpCheck {
    /// Writes the dump of the trafilatura pages (when present) and of the generated page.
    static func write(to path: String, pages: [String], generatedPage: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot write \(path)")
        }
        defer { try? handle.close() }
        func dump(_ name: String, _ bytes: [UInt8]) {
            let text: String
            do {
                let outline = try HTMLPageReader().read(bytes, url: "https://example.com/" + name)
                text = String(reflecting: outline)
            } catch {
                text = "error: \(error)"
            }
            handle.write(Data("== \(name)\n\(text)\n".utf8))
        }
        for path in pages {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            dump((path as NSString).lastPathComponent, [UInt8](data))
        }
        dump("generated-page", generatedPage)
    }
}
