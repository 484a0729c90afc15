import Foundation

/// The simplest decimal number in a half-open interval: how the typing tool chooses the threshold
/// it prints and stores, so a rep reads "≤ 0.57" rather than "≤ 0.5673913" and the training rows
/// still fall on the same sides.
///
/// For a split with `lo`, the largest training value going left, and `hi`, the smallest going
/// right, every `t` with `lo <= t < hi` sends the training rows where the fitted threshold sent
/// them (`x <= t` goes left). Among those numbers the rule picks, in order:
/// 1. the fewest significant digits (0 counts as the simplest of all);
/// 2. the coarsest last significant place (100 before 50, 0.6 before 0.55): the roundest;
/// 3. a last significant digit 5, then an even one, then an odd one (0.55 before 0.56 before 0.57);
/// 4. the one closest to `near` (the fitted threshold), then the smaller.
///
/// Rules 1 and 2 together make the answer a number on the coarsest decimal grid that meets the
/// interval (rounding any simplest number towards another one on a coarser grid stays inside
/// the interval and never adds a digit). There is no cap on the digits: when the interval is
/// narrow, the number needs as many digits as it takes (at most 17), because the partition wins.
public enum SimpleThreshold {
    /// The simplest `t` with `lo <= t < hi` (see the type's rule), or nil when there is none
    /// (`lo >= hi`, or a bound not finite).
    public static func between(_ lo: Double, _ hi: Double, near: Double? = nil) -> Double? {
        guard lo.isFinite, hi.isFinite, lo < hi else { return nil }
        if lo <= 0 && 0 < hi { return 0 }
        let target = near ?? lo / 2 + hi / 2
        let magnitude = Swift.max(Swift.abs(lo), Swift.abs(hi))
        let top = Int(log10(magnitude).rounded(.down)) + 1
        // The coarsest grid 10^e holding a number of the interval; 17 significant digits name any double.
        for e in stride(from: top, through: top - 20, by: -1) {
            guard let step = Double("1e\(e)"), step > 0, step.isFinite else { continue }
            let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
            guard first.isFinite, last.isFinite, Swift.abs(first) < 1e17, Swift.abs(last) < 1e17 else { continue }
            // The divisions round, so look one step beyond each end and check each candidate exactly.
            var candidates: [(m: Int64, t: Double)] = []
            for m in (Int64(first) - 1)...(Int64(last) + 1) where m != 0 {
                guard let t = Double("\(m)e\(e)"), lo <= t, t < hi else { continue }
                candidates.append((m, t))
            }
            guard !candidates.isEmpty else { continue }
            return candidates.min { a, b in
                let ka = (digits(a.m), roundness(a.m)), kb = (digits(b.m), roundness(b.m))
                if ka != kb { return ka < kb }
                let da = Swift.abs(a.t - target), db = Swift.abs(b.t - target)
                return da != db ? da < db : a.t < b.t
            }!.t
        }
        return lo
    }

    /// Significant digits of `m × 10^e`: the digits of |m| without its trailing zeros.
    public static func significantDigits(_ value: Double) -> Int {
        guard value != 0, value.isFinite else { return value == 0 ? 1 : 17 }
        // Swift prints the shortest text that reads back as the same double.
        var text = "\(Swift.abs(value))".lowercased()
        if let e = text.firstIndex(of: "e") { text = String(text[..<e]) }
        var digits = text.filter(\.isNumber).drop { $0 == "0" }
        while digits.last == "0" { digits = digits.dropLast() }
        return Swift.max(digits.count, 1)
    }

    private static func digits(_ m: Int64) -> Int {
        var m = m.magnitude
        while m % 10 == 0 { m /= 10 }
        return String(m).count
    }

    /// 0 for a last significant digit 5, 1 for an even one, 2 for an odd one.
    private static func roundness(_ m: Int64) -> Int {
        var m = m.magnitude
        while m % 10 == 0 { m /= 10 }
        let last = m % 10
        return last == 5 ? 0 : (last % 2 == 0 ? 1 : 2)
    }
}
