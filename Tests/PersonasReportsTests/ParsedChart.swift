import Foundation
import FoundationXML

extension XMLElement {
    /// An attribute's value. (`attribute(forName:)` misses attributes of elements in a default
    /// namespace in swift-corelibs-foundation, so look through the list.)
    func value(of attribute: String) -> String? {
        attributes?.first { $0.name == attribute }?.stringValue
    }

    /// The attribute as a number (NaN when absent or not a number).
    func number(_ attribute: String) -> Double {
        value(of: attribute).flatMap(Double.init) ?? .nan
    }

    /// Whether the element's class list holds `name`.
    func hasClass(_ name: String) -> Bool {
        (value(of: "class") ?? "").split(separator: " ").contains { $0 == name }
    }

    /// The element and everything under it, in document order.
    var descendants: [XMLElement] {
        var result: [XMLElement] = []
        var stack = [self]
        while let element = stack.popLast() {
            result.append(element)
            stack.append(contentsOf: (element.children ?? []).compactMap { $0 as? XMLElement }.reversed())
        }
        return result
    }
}

/// An SVG chart (or the XHTML-compatible report) parsed back, to check what was drawn: parsing
/// fails on anything not well-formed, such as unescaped text.
struct ParsedChart {
    let document: XMLDocument

    init(_ markup: String) throws {
        document = try XMLDocument(xmlString: markup, options: [])
    }

    /// Every element, in document order.
    var elements: [XMLElement] { document.rootElement()?.descendants ?? [] }

    /// Elements whose class is exactly `name`.
    func elements(class name: String) -> [XMLElement] {
        elements.filter { $0.value(of: "class") == name }
    }

    /// Elements whose class list holds `name`.
    func elements(withClass name: String) -> [XMLElement] {
        elements.filter { $0.hasClass(name) }
    }

    /// The plot frame, `<rect class="plot-area">`, as (x, y, width, height).
    var plotArea: (x: Double, y: Double, width: Double, height: Double)? {
        guard let rect = elements(class: "plot-area").first else { return nil }
        return (rect.number("x"), rect.number("y"), rect.number("width"), rect.number("height"))
    }
}
