import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A restartable source of bytes: a file read with `read(2)` (no mapping, so memory stays at one
/// block), or bytes already in memory.
final class ByteStream {
    enum Origin {
        case file(path: String)
        case memory([UInt8])
    }

    let origin: Origin
    let displayName: String
    private var descriptor: Int32 = -1
    private var memoryOffset = 0

    init(origin: Origin, displayName: String) throws(DataError) {
        self.origin = origin
        self.displayName = displayName
        try openSource()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The total size in bytes, when known.
    var size: Int? {
        switch origin {
        case .memory(let bytes): return bytes.count
        case .file:
            var info = stat()
            return fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
        }
    }

    private func openSource() throws(DataError) {
        switch origin {
        case .memory:
            memoryOffset = 0
        case .file(let path):
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                throw DataError(file: displayName, kind: .cannotRead(reason: "it is a directory"))
            }
            let fd = systemOpen(path)
            if fd < 0 {
                throw DataError(file: displayName, kind: .cannotRead(reason: String(cString: strerror(errno))))
            }
            descriptor = fd
        }
    }

    /// Starts again from the first byte.
    func rewind() throws(DataError) {
        switch origin {
        case .memory:
            memoryOffset = 0
        case .file:
            if lseek(descriptor, 0, SEEK_SET) < 0 {
                throw DataError(file: displayName, kind: .cannotRead(reason: String(cString: strerror(errno))))
            }
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        switch origin {
        case .memory(let bytes):
            let count = Swift.min(buffer.count, bytes.count - memoryOffset)
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.baseAddress!.copyMemory(from: source.baseAddress! + memoryOffset, byteCount: count)
                }
                memoryOffset += count
            }
            return count
        case .file:
            while true {
                let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw DataError(file: displayName, kind: .cannotRead(reason: String(cString: strerror(errno))))
            }
        }
    }
}

/// A growable window over a ``ByteStream``: the unread tail of one block plus the next.
struct BlockBuffer: ~Copyable {
    private(set) var storage: UnsafeMutableBufferPointer<UInt8>
    private(set) var filled = 0
    private(set) var atEOF = false
    /// Bytes dropped from the front so far: `discarded + position` is the offset in the stream.
    private(set) var discarded = 0
    var position = 0

    init(capacity: Int) {
        storage = .allocate(capacity: Swift.max(capacity, 64))
    }

    deinit { storage.deallocate() }

    /// The bytes read so far and not yet discarded.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[0..<filled])
    }

    /// Discards consumed bytes, grows when one record fills the whole buffer, and reads more.
    mutating func refill(from stream: ByteStream) throws(DataError) {
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 {
                UnsafeMutableRawPointer(storage.baseAddress!)
                    .copyMemory(from: storage.baseAddress! + position, byteCount: remaining)
            }
            filled = remaining
            discarded += position
            position = 0
        }
        if filled == storage.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: storage.count * 2)
            _ = larger.initialize(fromContentsOf: storage)
            storage.deallocate()
            storage = larger
        }
        while filled < storage.count && !atEOF {
            let count = try stream.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: storage[filled...])))
            if count == 0 { atEOF = true } else { filled += count }
        }
    }

    /// Skips a UTF-8 byte-order mark at the current position.
    mutating func skipByteOrderMark() {
        if filled - position >= 3 && storage[position] == 0xEF && storage[position + 1] == 0xBB
            && storage[position + 2] == 0xBF {
            position += 3
        }
    }
}
