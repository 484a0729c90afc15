import Foundation

/// The memory a run may use, and a check that refuses a run before it starts when its estimate
/// does not fit, instead of letting the kernel kill it half-way (which loses the work and, for a
/// pipeline, leaves the analyst guessing).
///
/// Available memory is the smaller of the kernel's `MemAvailable` (free plus reclaimable cache)
/// and the room left under the cgroup's limit (containers, CI runners), falling back to the
/// physical memory where neither can be read. `PERSONAS_MEMORY_LIMIT` (bytes, or with a K, M or G
/// suffix) overrides it, so a shared machine can cap a run and the check can be tested.
public enum MemoryBudget {
    /// Bytes the process may still allocate.
    public static func available() -> Int {
        if let text = ProcessInfo.processInfo.environment["PERSONAS_MEMORY_LIMIT"], let limit = parseBytes(text) {
            return limit
        }
        var candidates: [Int] = []
        if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") {
            candidates.append(kilobytes * 1024)
        }
        if let maximum = cgroupValue("memory.max"), let current = cgroupValue("memory.current") {
            candidates.append(max(0, maximum - current))
        }
        return candidates.min() ?? Int(ProcessInfo.processInfo.physicalMemory)
    }

    /// Throws ``MemoryBudgetError`` when `bytes` exceed what is available.
    /// - Parameters:
    ///   - bytes: The memory the work needs.
    ///   - task: What needs the memory ("k-means on 10,000,000 rows × 64 features").
    ///   - kind: Which work it is, so the message can say what to do instead and a caller (a
    ///     command line) can add its own advice.
    public static func require(_ bytes: Int, for task: String, kind: MemoryBudgetError.Kind) throws(MemoryBudgetError) {
        let free = available()
        guard bytes > free else { return }
        throw MemoryBudgetError(kind: kind, task: task, neededBytes: bytes, availableBytes: free)
    }

    /// The product of sizes (rows, columns, bytes per element…), or `Int.max` when it overflows.
    ///
    /// Sizes come from input (a `.npy` header, a table's width, a command-line k), so an estimate
    /// built from them must not trap: a product too large to count saturates, and ``require(_:for:kind:)``
    /// then refuses it like any other estimate that does not fit. Factors must not be negative.
    public static func product(_ factors: Int...) -> Int {
        var result = 1
        for factor in factors {
            precondition(factor >= 0, "a size cannot be negative")
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return factors.contains(0) ? 0 : Int.max }
            result = next
        }
        return result
    }

    /// The sum of byte counts, saturating at `Int.max` like ``product(_:)``.
    public static func sum(_ terms: Int...) -> Int {
        var result = 0
        for term in terms {
            let (next, overflow) = result.addingReportingOverflow(term)
            if overflow { return Int.max }
            result = next
        }
        return result
    }

    /// "1.5 GB", "640 MB": decimal units, as system monitors show. The one byte-size formatter of
    /// the libraries and the CLI (memory refusals, input sizes, the distance matrix's limit).
    public static func describe(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.0f MB", value / 1e6) }
        return String(format: "%.0f KB", value / 1e3)
    }

    static func parseBytes(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        if let last = trimmed.last, let unit = units[last], let number = Double(trimmed.dropLast()) {
            return Int(number * unit)
        }
        return Int(trimmed)
    }

    /// A cgroup v2 memory file of this process's group, in bytes ("max" reads as no limit).
    private static func cgroupValue(_ name: String) -> Int? {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return nil }
        let group = line.dropFirst(3)
        guard let text = try? String(contentsOfFile: "/sys/fs/cgroup\(group)/\(name)", encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A run whose memory estimate exceeds the memory available.
///
/// ``kind`` says which work was refused, so a caller can switch on it (a command line adds the
/// options that shrink that work); ``description`` says what to do without naming any option.
public struct MemoryBudgetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The work that did not fit.
    public enum Kind: Sendable, Equatable {
        /// Reading a table into memory.
        case readingTable
        /// A principal-component analysis of the prepared features.
        case principalComponents
        /// The whole segmentation pipeline on a table.
        case segmentation
        /// A feature matrix loaded whole for a clustering algorithm.
        case featureMatrix
        /// One batch of a mini-batch fit.
        case miniBatch
    }

    public var kind: Kind
    /// What needs the memory ("k-means on 10,000,000 rows × 64 features").
    public var task: String
    public var neededBytes: Int
    public var availableBytes: Int

    public init(kind: Kind, task: String, neededBytes: Int, availableBytes: Int) {
        self.kind = kind
        self.task = task
        self.neededBytes = neededBytes
        self.availableBytes = availableBytes
    }

    public var description: String {
        "\(task) needs about \(MemoryBudget.describe(neededBytes)) of memory, but only "
            + "\(MemoryBudget.describe(availableBytes)) is available; \(remedy)"
    }

    /// What to do instead, in the library's words.
    public var remedy: String {
        switch kind {
        case .readingTable:
            "mark the columns you do not need as \"ignore\" in a schema, or split the file"
        case .principalComponents:
            "prepare fewer feature columns, or no PCA"
        case .segmentation:
            "segment fewer columns, or a seeded sample of the rows and assign the rest with the saved model"
        case .featureMatrix:
            "use single precision (half the matrix), fewer columns, or mini-batch k-means on a .npy (one batch in memory)"
        case .miniBatch:
            "use smaller batches"
        }
    }
}
