// The inline stylesheet of the HTML report: system fonts only (nothing fetched), and print rules
// so the report fits A4 with tables and charts kept whole.

enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; }
    body { font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111; line-height: 1.4; }
    h1 { font-size: 1.5rem; margin-bottom: .5rem; }
    h2 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; border-bottom: 1px solid #999; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
    dl.meta dt { font-weight: 600; }
    dl.meta dd { margin: 0; }
    table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #bbb; padding: .2rem .5rem; }
    th { background: #eee; text-align: left; }
    td.num, th.num { text-align: right; }
    tr.total td, tr.total th, td.total { font-weight: 600; background: #f6f6f6; }
    .mark { color: #7a4b00; }
    .chart { max-width: 40rem; display: block; margin: .5rem 0 1.5rem; }
    .chart text { font-size: 11px; fill: #111; }
    .chart .chart-title { font-size: 13px; font-weight: 600; }
    .chart .grid { stroke: #ccc; stroke-width: 1; }
    footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
    footer dt { font-weight: 600; }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { margin: 0; max-width: none; font-size: 10pt; }
      h2 { break-after: avoid; }
      table, .chart, section.table { break-inside: avoid; }
      th, tr.total td, tr.total th, td.total { background: none; }
      .mark { color: #000; }
    }
    """
}
