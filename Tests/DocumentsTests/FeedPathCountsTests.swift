import Testing
import Markup
@testable import Documents

/// ``FeedPath`` keeps the children's counts of all open elements in one list, level after
/// level, written over when an element closes: its locators are held against the rule written
/// out (a dictionary of counts per open element, kept apart), for random documents with more
/// than ``FeedPath/maximumCountedNames`` names under one parent, prefixes, default namespaces
/// (counted together) and elements opened and closed at every depth, read one after the other
/// with one path.
@Suite("Feed path: children's counts")
struct FeedPathCountsTests {
    struct Level {
        var part: String
        var counts: [String: Int] = [:]
        var elementChildren = 0
    }

    /// The locator the rule gives for the open `levels`, and whether it waits for a sibling.
    static func locator(_ levels: [Level], positions: [Int]) -> (String, Bool) {
        var path = ""
        for (level, position) in zip(levels, positions) { path += "/" + level.part + (position > 1 ? "[\(position)]" : "") }
        return (path, levels.count > 1 && positions.last == 1)
    }

    @Test func locatorsFollowTheRule() {
        var seed: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            // A fixed sequence (xorshift), so that a failure can be read again.
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(n))
        }
        let localNames = (0..<22).map { "n\($0)" }
        let names = FeedNames()
        var path = FeedPath(names: names)
        for document in 0..<300 {
            path.restart()
            var levels: [Level] = []
            var positions: [Int] = []
            var steps = 0
            repeat {
                steps += 1
                if !levels.isEmpty, levels.count >= 7 || next(3) == 0 {
                    levels.removeLast()
                    positions.removeLast()
                    path.end()
                    continue
                }
                // A name from a pool larger than the short list: in no namespace, with a prefix, or
                // in a default namespace (written `*`, counted with all the element children).
                let local = localNames[next(document % 3 == 0 ? 3 : localNames.count)]
                let kind = next(4)
                let element = XMLStreamElement(
                    localName: local, prefix: kind == 1 ? "p" : nil,
                    namespaceURI: kind == 1 ? "urn:p" : kind == 2 ? "urn:d" : nil
                )
                let part = kind == 2 ? "*" : (kind == 1 ? "p:" : "") + local
                var position = 1
                if !levels.isEmpty {
                    if kind == 2 {
                        position = levels[levels.count - 1].elementChildren + 1
                    } else {
                        position = levels[levels.count - 1].counts[part, default: 0] + 1
                        levels[levels.count - 1].counts[part] = position
                    }
                    levels[levels.count - 1].elementChildren += 1
                }
                levels.append(Level(part: part))
                positions.append(position)
                path.start(FeedReplayedTag(element, names: names))
                let (locator, pending) = path.current()
                let (expected, waits) = Self.locator(levels, positions: positions)
                #expect(locator == expected, "document \(document), step \(steps)")
                #expect((pending != nil) == waits, "document \(document), step \(steps)")
                if let pending { #expect(pending.parentDepth == levels.count - 1) }
            } while !levels.isEmpty && steps < 400
        }
    }
}
