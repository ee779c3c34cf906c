// The inline stylesheet of the HTML report: system fonts only (nothing fetched), tables that turn
// into one block per row on a phone, and print rules so the report fits A4 with charts kept whole.

enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; }
    body { font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111; line-height: 1.4; }
    h1 { font-size: 1.5rem; margin-bottom: .5rem; }
    h2 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; border-bottom: 1px solid #999; }
    dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; margin: 0; }
    dl.meta dt { font-weight: 600; }
    dl.meta dd { margin: 0; overflow-wrap: anywhere; }
    table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
    section.table { padding: 0 1px; }  /* a full-width table's collapsed outer border reaches half a pixel past its box */
    th, td { border: 1px solid #bbb; padding: .2rem .4rem; }
    th { background: #eee; text-align: left; }
    thead th { font-size: .85em; }
    th.short { white-space: nowrap; }
    tbody th { min-width: 8em; }  /* long activity names wrap to a few lines, not one word a line */
    td.num, th.num { text-align: right; }
    tr.total td, tr.total th, td.total { font-weight: 600; background: #f6f6f6; }
    .mark { color: #7a4b00; }
    figure.chart { margin: .5rem 0 1.5rem; max-width: 34rem; }
    figure.chart figcaption { font-weight: 600; margin-bottom: .2rem; }
    svg.plot { display: block; width: 100%; height: auto; }
    svg.plot text { fill: #111; }
    svg.plot .grid { stroke: #ccc; stroke-width: 1; }
    svg.plot .hidden-mark { font-weight: 700; fill: #7a4b00; }
    ul.legend { list-style: none; padding: 0; margin: .3rem 0 0; font-size: .9rem; }
    ul.legend li { display: flex; gap: .4rem; align-items: flex-start; margin: .1rem 0; }
    ul.legend svg.swatch { flex: none; margin-top: .2em; }
    p.chart-empty { border: 1px dashed #999; padding: .6rem .8rem; margin: .2rem 0; }
    footer dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; }
    footer dt { font-weight: 600; }
    footer dd { margin: 0; }
    @media screen {
      section.table { overflow-x: auto; }
    }
    @media screen and (max-width: 48rem) {
      body { margin: 1rem auto; }
      dl.meta { grid-template-columns: minmax(0, 1fr); gap: 0; }
      dl.meta dd { margin-bottom: .3rem; }
      table, tbody, tr, th, td { display: block; }
      table { border: none; }
      thead { display: none; }
      tbody tr { border: 1px solid #bbb; margin: 0 0 .5rem; }
      tbody th, tbody td { border: none; }
      tbody td { display: flex; justify-content: space-between; gap: 1rem; border-top: 1px solid #ddd; overflow-wrap: anywhere; }
      tbody td::before { content: attr(data-label); text-align: left; font-weight: 400; color: #333; }
    }
    @page { size: A4 portrait; margin: 15mm; }
    @media print {
      body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
      h2 { break-after: avoid; }
      figure.chart, tr, p.chart-empty { break-inside: avoid; }
      table, section.table { break-inside: avoid; }
      thead { display: table-header-group; }
      th, tr.total td, tr.total th, td.total { background: none; }
      .mark, svg.plot .hidden-mark { color: #000; fill: #000; }
    }
    """
}
