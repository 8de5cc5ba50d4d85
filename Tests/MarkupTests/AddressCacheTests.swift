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
    /// Names at stable addresses: `count` NUL-terminated strings, `stride` bytes apart.
    /// Addresses 2,048 bytes apart share a table slot (the slot is bits 3–10 of the address).
    final class Names {
        let base: UnsafeMutablePointer<UInt8>
        let count: Int
        let stride: Int

        init(count: Int, stride: Int) {
            self.count = count
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

    /// Looks up `k` in `cache`, counting the values made.
    static func lookUp(_ k: Int, in cache: inout AddressCache<String>, names: Names, made: inout Int) -> String {
        cache.value(names.pointer(k), keeps: { _ in true }) { pointer in
            made += 1
            return String(cString: pointer)
        }
    }

    @Test("Every lookup gives its own address's value, while the list fills and after")
    func valuesInEveryPhase() {
        // 8 bytes apart: after the list's 32, 268 addresses in consecutive slots, so the last 12
        // take over the slots of the first 12 in the table (32–43).
        let names = Names(count: 300, stride: 8)
        var cache = AddressCache<String>()
        var made = 0
        for k in 0..<300 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 300)
        // The list's names are found without being made again, and so is every address still
        // in its slot (44–299).
        for k in 0..<32 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 300)
        for k in 44..<300 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 300)
    }

    @Test("Colliding addresses replace each other in the table and are made again, never confused")
    func collisions() {
        // 2,048 bytes apart: every name after the list lands in the same slot.
        let names = Names(count: 40, stride: 2048)
        var cache = AddressCache<String>()
        var made = 0
        for k in 0..<40 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 40)
        // The slot holds the last one; the others after the list are made again, each with
        // its own value, and the list's are still found.
        #expect(Self.lookUp(39, in: &cache, names: names, made: &made) == "n39")
        #expect(made == 40)
        for k in 32..<40 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 48)
        for k in 0..<32 {
            #expect(Self.lookUp(k, in: &cache, names: names, made: &made) == "n\(k)")
        }
        #expect(made == 48)
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
