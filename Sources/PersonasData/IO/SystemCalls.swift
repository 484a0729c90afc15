#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The two system calls the readers use (`ByteStream` for CSV, `NPYInputFile` for .npy): plain
// `read(2)` into the caller's buffer, no mapping, so memory stays at what the caller allocates.
// Named once here because Glibc and Darwin spell the module differently.

/// `read(2)`: bytes read, 0 at the end, -1 with `errno` set on failure.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

/// `open(2)` for reading, closed on exec: a descriptor, or -1 with `errno` set.
func systemOpen(_ path: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, O_RDONLY | O_CLOEXEC)
    #else
    Darwin.open(path, O_RDONLY | O_CLOEXEC)
    #endif
}
