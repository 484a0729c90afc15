/// The text of the progress bar a terminal shows for the stage under way, as a pure function of
/// what is known, so it can be checked without a terminal.
///
/// ```text
/// [#########               ]  38%  bootstrap stability, k = 4  12 s, about 19 s left
/// [                        ]   ?%  final fit  3.2 s
/// ```
///
/// The estimate comes from the stage's own pace (`StageProgress.remainingSeconds(fractionDone:elapsed:)`):
/// none before any of the stage is done, and none when the stage cannot tell its fraction. The
/// line never reaches the terminal's last column, so redrawing it with a carriage return never
/// wraps onto a new line.
enum ProgressBar {
    /// The bar line for `title` with `fraction` of the stage done (nil: unknown), `elapsed`
    /// seconds into the stage and `remaining` seconds estimated left (nil: no estimate), cut to
    /// fit `width` columns.
    static func line(_ title: String, fraction: Double?, elapsed: Double, remaining: Double?, width: Int) -> String {
        let barWidth = max(10, min(30, width / 4))
        let shown = fraction.map { min(max($0, 0), 1) }
        let filled = shown.map { Int(($0 * Double(barWidth)).rounded(.down)) } ?? 0
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: barWidth - filled) + "]"
        let percent = shown.map { String(Int(($0 * 100).rounded(.down))) + "%" } ?? "?%"
        var text = bar + " " + String(repeating: " ", count: max(0, 4 - percent.count)) + percent
            + "  " + Terminal.escaped(title) + "  " + Format.seconds(elapsed)
        if let remaining, shown.map({ $0 < 1 }) == true {
            text += ", about " + Format.seconds(remaining) + " left"
        }
        return String(text.prefix(max(0, width - 1)))
    }

    /// The line a finished stage leaves: its title and wall time ("gap statistic: 8.41 s").
    static func finished(_ title: String, seconds: Double) -> String {
        Terminal.escaped(title) + ": " + Format.seconds(seconds)
    }
}
