/// Colours for categories (clusters), safe for the common forms of colour blindness.
enum QualitativePalette {
    /// Okabe & Ito's palette without its yellow and black (too faint, and too close to the grey
    /// and the axis on white), then Paul Tol's wine: readable as thin lines on white. Categories
    /// beyond these repeat the colours.
    static let colours = [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#882255", // wine
    ]

    /// For what is not in any category (links above a cut).
    static let neutral = "#A0A0A0"

    /// The colour of category `index` (0-based).
    static func colour(_ index: Int) -> String { colours[index % colours.count] }
}
