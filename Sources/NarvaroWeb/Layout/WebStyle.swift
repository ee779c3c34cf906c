// The one stylesheet: system fonts, readable on a phone (390 px) and a desk PC, large type on the
// visitor screen; marks are words and symbols, colour only adds to them. Chart classes match SVGChart.

enum WebStyle {
    static let css = """
    :root { color-scheme: light; --ink: #111; --muted: #555; --line: #bbb; --accent: #0b5394; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; margin: 0; color: var(--ink); line-height: 1.4; background: #fff; }
    header.top { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: #f3f6fa; }
    header.top nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
    header.top .who { margin-left: auto; color: var(--muted); font-size: .9rem; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f0a000; outline-offset: 1px; }
    main { max-width: 62rem; margin: 0 auto; padding: .5rem 1rem 2rem; }
    h1 { font-size: 1.4rem; margin: .6rem 0; }
    h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid var(--line); }
    .scroll { max-width: 100%; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; overflow-wrap: anywhere; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.total td, tr.total th { font-weight: 700; border-top: 2px solid var(--ink); }
    .greeting { font-size: 2rem; font-weight: 700; margin: .6rem 0; padding: .6rem .8rem; background: #e8f3e8; border-left: 6px solid #2a7a2a; overflow-wrap: anywhere; }
    .greeting .activity { display: block; font-size: 1.1rem; font-weight: 400; color: var(--muted); }
    .greeting.empty { background: #f4f4f4; border-left-color: var(--line); font-weight: 400; font-size: 1.2rem; }
    .visitor-screen main { max-width: none; }
    .visitor-screen .greeting { font-size: clamp(2.5rem, 9vw, 7rem); text-align: center; margin-top: 20vh; border: 0; background: none; }
    .visitor-screen .greeting .activity { font-size: clamp(1.2rem, 4vw, 3rem); }
    .alert { padding: .5rem .8rem; margin: .6rem 0; border: 2px solid #b45f06; background: #fff4e5; font-weight: 600; }
    .notice { padding: .5rem .8rem; margin: .6rem 0; border: 2px solid #2a7a2a; background: #eef8ee; }
    .error { color: #a00; font-weight: 600; }
    .mark-unknown { color: #8a4b00; font-weight: 700; }
    .mark-revoked { color: #a00; font-weight: 700; }
    .mark-duplicate { color: var(--muted); }
    form.stack { display: grid; gap: .6rem; max-width: 30rem; }
    form.stack label { display: grid; gap: .15rem; font-weight: 600; }
    form.inline { display: flex; flex-wrap: wrap; gap: .4rem; align-items: end; }
    form.inline label { display: grid; gap: .1rem; }
    input, select, button { font: inherit; padding: .35rem .5rem; max-width: 100%; }
    button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; }
    button.danger { background: #a00; border-color: #a00; }
    .hint { font-weight: 400; color: var(--muted); font-size: .9rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    ul.links { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; }
    svg.chart { max-width: 100%; height: auto; font-size: 11px; }
    svg.chart .grid { stroke: #ccc; stroke-width: 1; }
    svg.chart .chart-title { font-weight: 600; font-size: 13px; }
    svg.chart .tick, svg.chart .value { fill: #333; }
    @media (max-width: 480px) { .greeting { font-size: 1.5rem; } th, td { padding: .2rem .25rem; } dl.facts { grid-template-columns: minmax(0, 1fr); } dl.facts dd { margin-bottom: .3rem; } }
    """
}
