/// The pieces formulas are made of: cell references, numbers and text literals, spelled as
/// Excel and LibreOffice read them in an .xlsx file.
enum FormulaText {
    /// Excel's longest formula, in characters.
    static let maximumLength = 8_192
    /// Excel's deepest nesting of functions.
    static let maximumNesting = 64

    /// A text as a string literal: in double quotes, each double quote doubled, so no text can end
    /// the literal early and become formula (`"; DROP` is the literal `"""; DROP"`).
    static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A finite number as the shortest text that reads back as the same double (`0.57`, `1E-05`).
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "formula numbers are checked finite by WorkbookDescription.validate()")
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text.uppercased()
    }

    /// The letters of a 0-based column (0 → A, 26 → AA).
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The A1 reference of a 0-based cell; `absolute` pins row and column (`$B$5`).
    static func cell(row: Int, column: Int, absolute: Bool) -> String {
        absolute ? "$\(self.column(column))$\(row + 1)" : "\(self.column(column))\(row + 1)"
    }

    /// An absolute range on another sheet (`Lists!$A$2:$A$9`); sheet names here need no quotes.
    static func range(sheet: String, firstRow: Int, lastRow: Int, column: Int) -> String {
        "\(sheet)!\(cell(row: firstRow, column: column, absolute: true)):\(cell(row: lastRow, column: column, absolute: true))"
    }

    /// The deepest parenthesis nesting outside string literals (an upper bound on function nesting).
    static func nesting(_ formula: String) -> Int {
        var depth = 0, deepest = 0, inLiteral = false
        for character in formula {
            if character == "\"" { inLiteral.toggle(); continue }
            guard !inLiteral else { continue }
            if character == "(" { depth += 1; deepest = max(deepest, depth) } else if character == ")" { depth -= 1 }
        }
        return deepest
    }
}
