/// Assigns a dense code to each distinct byte string, without making a `String` per lookup.
///
/// Hand-written because `Dictionary` needs an owned key per lookup (a `String` or an array per
/// cell), which is what a fast reader must avoid. Open addressing with linear probing over an
/// arena of bytes; codes are handed out in order of first appearance. Each slot holds the code
/// and 32 more bits of the hash, so a probe touches one cache line unless the fingerprints
/// match: an identifier column (a million distinct values) costs one cache miss per row, not three.
struct ByteInterner {
    private(set) var arena: [UInt8] = []
    /// Start of each entry in `arena`; entry `i` spans `offsets[i]..<offsets[i + 1]`.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot → (upper 32 bits of the hash) << 32 | (code + 1); 0 when empty. Capacity is a power
    /// of two, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)

    /// While every value so far was greater than the one before (shorter first, then bytewise),
    /// all are distinct without a lookup: identifier columns exported in key order (a million
    /// distinct values) then cost no hash-table probe, each a cache miss, per row. The table is
    /// built from the arena at the first value out of order.
    private var ascending = true

    var count: Int { offsets.count - 1 }

    /// The code of `bytes`, adding it when new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (code: Int32, isNew: Bool) {
        if ascending {
            if followsLast(bytes) {
                arena.append(contentsOf: bytes)
                offsets.append(arena.count)
                return (Int32(count - 1), true)
            }
            buildTable()
        }
        let hash = ByteInterner.hash(bytes)
        let mask = slots.count - 1
        let fingerprint = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == fingerprint {
                let code = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if hashes[Int(code)] == hash && equals(Int(code), bytes) { return (code, false) }
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        slots[slot] = fingerprint | UInt64(code + 1)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        if count * 2 > slots.count { grow() }
        return (code, true)
    }

    /// The bytes of entry `code`.
    func bytes(_ code: Int) -> ArraySlice<UInt8> {
        arena[offsets[code]..<offsets[code + 1]]
    }

    /// Byte length of entry `code`.
    func length(_ code: Int) -> Int { offsets[code + 1] - offsets[code] }

    private func equals(_ code: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[code], end = offsets[code + 1]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            bytes.count == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// Whether `bytes` sorts after the last entry (by length, then bytes); true when empty.
    @inline(__always)
    private func followsLast(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = count
        guard n > 0 else { return true }
        let start = offsets[n - 1], length = offsets[n] - start
        if bytes.count != length { return bytes.count > length }
        guard length > 0 else { return false }
        return arena.withUnsafeBufferPointer { a in memcmp(bytes.baseAddress!, a.baseAddress! + start, length) > 0 }
    }

    /// Leaves the ascending mode: hashes every entry into a table at most half full.
    private mutating func buildTable() {
        ascending = false
        var capacity = 64
        while capacity < 2 * (count + 1) { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        hashes = []
        hashes.reserveCapacity(count)
        let mask = capacity - 1
        arena.withUnsafeBufferPointer { a in
            for code in 0..<count {
                let entry = UnsafeBufferPointer(rebasing: a[offsets[code]..<offsets[code + 1]])
                let hash = ByteInterner.hash(entry)
                hashes.append(hash)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
            }
        }
    }

    private mutating func grow() {
        var newSlots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for code in 0..<count {
            let hash = hashes[code]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
        }
        slots = newSlots
    }

    /// A fast 64-bit hash of a short byte string (8 bytes per multiply; not cryptographic).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        // The last 0-7 bytes without a loop: two overlapping loads that stay inside the bytes
        // (4-7 left), or the first, middle and last byte (1-3 left); the length is already in `h`.
        let left = bytes.count - i
        var tail: UInt64 = 0
        if left >= 4 {
            let low = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)
            let high = raw.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)
            tail = UInt64(low) | UInt64(high) << 32
        } else if left > 0 {
            tail = UInt64(base[i]) | UInt64(base[i + left / 2]) << 8 | UInt64(base[bytes.count - 1]) << 16
        }
        h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
