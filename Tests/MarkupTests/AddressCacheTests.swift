import Testing
@testable import Markup

/// ``AddressCache`` keeps the values of the strings at stable addresses (libxml2's dictionary
/// of names) in a table by address (open, at most half full, grown as it fills), and starts
/// over when it would hold more than ``AddressCache/maximumAddresses``. These tests check that
/// every lookup gives the value made for its own address, for names packed a few bytes apart
/// (as in libxml2's pools) and far apart, across the table's growth, and after it started over.
@Suite("AddressCache gives each address its own value")
struct AddressCacheTests {
    /// Names at stable addresses: `count` NUL-terminated strings `n0`, `n1`, …, `stride` bytes
    /// apart.
    final class Names {
        let base: UnsafeMutablePointer<UInt8>
        let stride: Int

        init(count: Int, stride: Int) {
            self.stride = stride
            base = .allocate(capacity: count * stride)
            base.initialize(repeating: 0, count: count * stride)
            for k in 0..<count {
                for (offset, byte) in "n\(k)".utf8.enumerated() { base[k * stride + offset] = byte }
            }
        }

        deinit { base.deallocate() }

        func pointer(_ k: Int) -> UnsafePointer<UInt8> { UnsafePointer(base + k * stride) }
    }

    /// Names `stride` bytes apart, looked up in steps: the names of each step's ranges in
    /// order, then how many values the cache has made in all.
    struct Scenario: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let count: Int
        let stride: Int
        let steps: [(ranges: [Range<Int>], madeAfter: Int)]
    }

    static let scenarios = [
        // Packed as in libxml2's pools (`n299` and its NUL are 5 bytes): the table grows from 64
        // slots to 1,024 as they come, and every name is found again without being made.
        Scenario(testDescription: "packed", count: 300, stride: 5, steps: [([0..<300], 300), ([0..<300], 300)]),
        // Far apart: addresses that differ only in their high bits still find their own slots.
        Scenario(testDescription: "far apart", count: 40, stride: 1 << 16, steps: [([0..<40], 40), ([39..<40, 0..<39], 40)]),
        // More names than it holds: it starts over at name 2,048, so the names from there on are
        // found, and the first is made again.
        Scenario(
            testDescription: "over the maximum", count: AddressCache<String>.maximumAddresses + 52, stride: 8,
            steps: [([0..<2100], 2100), ([2048..<2100], 2100), ([0..<1], 2101)]
        ),
    ]

    @Test("Every lookup gives its own address's value, and values are made only when not kept", arguments: scenarios)
    func ownValues(_ scenario: Scenario) {
        let names = Names(count: scenario.count, stride: scenario.stride)
        var cache = AddressCache<String>()
        var made = 0
        for step in scenario.steps {
            for k in step.ranges.joined() {
                let value = cache.value(names.pointer(k), keeps: { _ in true }) { pointer in
                    made += 1
                    return String(cString: pointer)
                }
                #expect(value == "n\(k)")
            }
            #expect(made == step.madeAfter)
        }
    }

    @Test("An address that may not be kept is made each time")
    func notKept() {
        let names = Names(count: 2, stride: 8)
        var cache = AddressCache<String>()
        var made = 0
        for _ in 0..<3 {
            let value = cache.value(names.pointer(0), keeps: { _ in false }) { pointer in
                made += 1
                return String(cString: pointer)
            }
            #expect(value == "n0")
        }
        #expect(made == 3)
        #expect(cache.isEmpty)
    }
}
