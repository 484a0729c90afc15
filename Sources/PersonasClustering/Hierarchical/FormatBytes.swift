import Foundation

/// A byte count for messages: "1.5 GiB", "640.0 MiB".
func formatBytes(_ bytes: Int) -> String {
    let gib = 1_073_741_824.0, mib = 1_048_576.0
    let value = Double(bytes)
    if value >= gib { return String(format: "%.1f GiB", value / gib) }
    if value >= mib { return String(format: "%.1f MiB", value / mib) }
    return "\(bytes) bytes"
}
