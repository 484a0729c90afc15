import PersonasData
import Testing

/// Issue 18, escaping: data text in Personas' Markdown reads as the same text, never as markup.
@Suite("Markdown text escaping")
struct MarkdownTextTests {
    // Fails on main before this change: there was no escaping (personas.md escaped `|` only).
    @Test("HTML becomes entities, so no tag, script or handler survives")
    func html() {
        #expect(MarkdownText.escaped("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(MarkdownText.escaped("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(MarkdownText.escaped("R&D &amp;") == "R&amp;D &amp;amp;")
    }

    // Fails on main before this change, as above.
    @Test("inline Markdown gets backslashes: emphasis, code, links, table cells, strikethrough, math")
    func inline() {
        #expect(MarkdownText.escaped("a*b*_c_`d`") == #"a\*b\*\_c\_\`d\`"#)
        #expect(MarkdownText.escaped("[x](javascript:alert(1))") == #"\[x\](javascript:alert(1))"#)
        #expect(MarkdownText.escaped("![i](x)") == #"!\[i\](x)"#)
        #expect(MarkdownText.escaped(#"a|b ~~c~~ $x$ \n"#) == #"a\|b \~\~c\~\~ \$x\$ \\n"#)
    }

    // Fails on main before this change, as above.
    @Test("text that would open a block at the start of a line is escaped there only")
    func blocks() {
        #expect(MarkdownText.escaped("# title") == "\\# title")
        #expect(MarkdownText.escaped("- item") == #"\- item"#)
        #expect(MarkdownText.escaped("+ item") == #"\+ item"#)
        #expect(MarkdownText.escaped("===") == #"\==="#)
        #expect(MarkdownText.escaped("12. item") == #"12\. item"#)
        #expect(MarkdownText.escaped("3) item") == #"3\) item"#)
        #expect(MarkdownText.escaped("7.") == #"7\."#)
        // Mid-text, or not a list marker: unchanged.
        #expect(MarkdownText.escaped("a # b - c + d = e") == "a # b - c + d = e")
        #expect(MarkdownText.escaped("12.5 mg (daily)!") == "12.5 mg (daily)!")
    }

    // Fails on main before this change: a level holding a newline ended the table row.
    @Test("a line break or control character becomes a space: a table row stays one line")
    func lineBreaks() {
        #expect(MarkdownText.escaped("one\ntwo\r\nthree\u{2028}four\tfive\u{1B}") == "one two  three four five ")
    }

    /// A guard (this passed on main too): plain text and non-ASCII are unchanged.
    @Test("ordinary names are unchanged")
    func plain() {
        for text in ["Oncology, high monthly prescriptions", "Müller and Söhne",
                     "≥ 0.85 highly stable", "Segment 3 (suppressed)", "GP"] {
            #expect(MarkdownText.escaped(text) == text)
        }
    }
}
