/// Excel's rules for a sheet name, and any text made into a valid, unique one.
///
/// Excel refuses a workbook whose sheet name is empty, longer than 31 characters, holds one of
/// `[ ] : * ? / \`, starts or ends with an apostrophe, or is "History" (reserved); two names that
/// differ only in case are the same sheet. A persona's name can be anything an analyst typed, so
/// the names of sheets made from it go through ``unique(_:)``.
public enum WorkbookSheetName {
    /// Excel's longest sheet name, in UTF-16 code units (as Excel counts characters).
    public static let maximumLength = 31
    /// The characters Excel refuses in a sheet name.
    public static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Whether Excel accepts `name` as a sheet name (not considering the workbook's other names).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf16.count <= maximumLength && !name.contains(where: forbidden.contains)
            && !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            && !name.hasPrefix("'") && !name.hasSuffix("'") && name.lowercased() != "history"
    }

    /// One valid sheet name per text, in order, no two alike regardless of case: forbidden and
    /// control characters become spaces, runs of spaces one space, outer spaces and apostrophes
    /// go, the text is cut to 31 characters (never inside a character), an empty or reserved
    /// name becomes "Sheet", and a name already given gets " (2)", " (3)", … within the 31.
    public static func unique(_ proposed: [String]) -> [String] {
        var taken = Set<String>(), names: [String] = []
        for text in proposed {
            let base = cleaned(text)
            var name = base, n = 1
            while taken.contains(name.lowercased()) {
                n += 1
                let suffix = " (\(n))"
                name = trimmed(cut(base, to: maximumLength - suffix.utf16.count)) + suffix
            }
            taken.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    /// `text` as a valid sheet name on its own.
    static func cleaned(_ text: String) -> String {
        var name = ""
        for character in text {
            let replaced = forbidden.contains(character)
                || character.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
            let next: Character = replaced ? " " : character
            if next == " ", name.last == " " || name.isEmpty { continue }
            name.append(next)
        }
        name = cut(trimmed(name), to: maximumLength)
        name = trimmed(name)
        return name.isEmpty || name.lowercased() == "history" ? "Sheet" : name
    }

    /// `text` without outer spaces and apostrophes.
    private static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let first = text.first, first == " " || first == "'" { text.removeFirst() }
        while let last = text.last, last == " " || last == "'" { text.removeLast() }
        return String(text)
    }

    /// The longest prefix of whole characters of `text` within `length` UTF-16 code units.
    private static func cut(_ text: String, to length: Int) -> String {
        var prefix = "", count = 0
        for character in text {
            count += character.utf16.count
            if count > length { break }
            prefix.append(character)
        }
        return prefix
    }
}
