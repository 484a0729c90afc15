// PersonasProfiles: from a labelled customer table to what people act on.
//
// - Profile/: each segment described on the original columns (sizes, value shares, numeric and
//   categorical statistics, index vs total, Welch and chi-square tests with Benjamini–Hochberg
//   adjustment, effect sizes), its distinguishing traits, a deterministic name and a narrative.
// - Targeting/: the Customer Value Matrix, tiers and channel rules (rules are data, not code).
// - TypingTool/: CART trees on the questions a rep can ask, cost-complexity pruning, the
//   question budget, validation, and exports (JSON, Markdown, SQL, CSV scoring sheet).
//
// Input is any labelling (k-means, hierarchical, or a file) plus a `DataTable` from PersonasData;
// identifiers and free text never reach a profile, a narrative or a tree.
