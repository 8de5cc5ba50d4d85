import Testing
@testable import Markup

/// ``AddressCache`` keeps the values of the strings at stable addresses (libxml2's dictionary
/// of names): the first 32 in a list, then in a direct-mapped table of 256 slots by address,
/// where a later address with the same slot takes the slot over. A lookup looks in the table
/// first and then in the list. These tests check that every lookup gives the value made for
/// its own address, in every phase: while the list fills, once the table is used, and after
/// colliding addresses have replaced each other.
@Suite("AddressCache gives each address its own value")
struct AddressCacheTests {
    /// Names at stable addresses: `count` NUL-terminated strings `n0`, `n1`, …, `stride` bytes
    /// apart. Addresses 2,048 bytes apart share a table slot (the slot is bits 3–10 of the
    /// address).
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
        // After the list's 32, 268 addresses in consecutive slots: the last 12 take over the
        // slots of the first 12 in the table (32–43). The list's names are found without being
        // made again, and so is every address still in its slot (44–299).
        Scenario(testDescription: "list, then table", count: 300, stride: 8, steps: [([0..<300], 300), ([0..<32, 44..<300], 300)]),
        // Every name after the list in the same slot: the slot holds the last one, the others
        // after the list are made again, each with its own value, and the list's are still found.
        Scenario(testDescription: "collisions", count: 40, stride: 2048, steps: [([0..<40], 40), ([39..<40], 40), ([32..<40], 48), ([0..<32], 48)]),
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
