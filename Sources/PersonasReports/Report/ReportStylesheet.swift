/// The report's one stylesheet, inlined in `<head>`: system fonts only, readable on screen and
/// in print. Kept free of `<`, `>` and `&` so the page stays well-formed XML.
enum ReportStylesheet {
    static let css = """
        :root { color-scheme: light; --ink: #1D2330; --muted: #5B6577; --line: #E1E5EB; --panel: #FFFFFF; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #EEF0F4; color: var(--ink); line-height: 1.5; font-size: 15px;
          font-family: \(SVGDocument.fontFamily); }
        main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 56px; }
        header.report, section { background: var(--panel); border-radius: 10px; padding: 22px 28px;
          box-shadow: 0 1px 3px rgba(29, 35, 48, 0.08); }
        section { margin-top: 22px; }
        h1 { font-size: 28px; margin: 0 0 4px; line-height: 1.25; }
        h2 { font-size: 21px; margin: 0 0 6px; }
        h3 { font-size: 17px; margin: 0; line-height: 1.3; }
        p { margin: 6px 0 10px; }
        .lede { font-size: 17px; color: #2E3646; max-width: 62em; }
        .muted, figcaption { color: var(--muted); }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px 22px;
          margin: 18px 0 6px; }
        dl.facts div { border-left: 3px solid #C9D1DC; padding-left: 10px; }
        dl.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
        dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .choice { background: #F4F6F9; border-radius: 8px; padding: 10px 14px; margin-top: 14px; }
        .warnings { background: #FFF6E0; border-left: 4px solid #E69F00; border-radius: 6px; padding: 10px 14px;
          margin-top: 14px; }
        .warnings ul { margin: 4px 0 0; padding-left: 20px; }
        nav.contents { margin-top: 16px; font-size: 14px; }
        nav.contents a { color: #1F4E79; margin-right: 14px; text-decoration: none; white-space: nowrap; }
        nav.contents a:hover { text-decoration: underline; }
        a { color: #1F4E79; }
        table.summary a { color: var(--ink); text-decoration: none; }
        table.summary a:hover { text-decoration: underline; }
        figure { margin: 14px 0 4px; }
        figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
        figcaption { font-size: 13px; margin-top: 6px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; margin-top: 12px; }
        th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; font-weight: 600; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px;
          vertical-align: baseline; }
        .swatch.circle { border-radius: 50%; }
        .swatch.diamond { transform: rotate(45deg) scale(0.85); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 18px; margin-top: 14px; }
        .card { border: 1px solid var(--line); border-top: 6px solid var(--segment); border-radius: 8px; padding: 14px 16px; }
        .card .meta { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
        .card .badges { margin: 6px 0; }
        .badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 10px; padding: 1px 9px;
          margin-right: 6px; background: #EEF0F4; }
        .card p.narrative { font-size: 14px; }
        .card table { font-size: 13px; margin-top: 6px; }
        .card td.index { font-weight: 600; }
        .over { color: #B2182B; }
        .under { color: #2166AC; }
        footer { color: var(--muted); font-size: 13px; margin-top: 26px; text-align: center; }
        @media print {
          body { background: #FFFFFF; }
          main { padding: 0; }
          header.report, section { box-shadow: none; break-inside: avoid; }
          nav.contents { display: none; }
        }
        """
}
