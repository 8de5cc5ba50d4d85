/// The HTML report's inline style sheet and its one small script.
///
/// Neither loads anything: system fonts, no `url(…)`, no `@import`. Both are written without
/// `<` and `&`, so the page stays well-formed XML as well as HTML.
enum HTMLStyle {
    static let css = """
    :root {
      --ink: #1f2328; --muted: #59636e; --faint: #8c959f; --rule: #d0d7de; --wash: #f6f8fa;
      --accent: #0b5cad; --unknown: #9a6700; --added: #1a7f37; --removed: #cf222e; --renamed: #8250df;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
      font-size: 15px; line-height: 1.5; color: var(--ink); background: #fff;
    }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1240px; padding: 28px 32px 48px; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4em; letter-spacing: -.01em; }
    h2 { font-size: 1.35rem; margin: 2.2em 0 .5em; padding-bottom: .25em; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 1.05rem; margin: 1.4em 0 .4em; }
    h4 { font-size: .95rem; margin: 1em 0 .3em; color: var(--muted); }
    p { margin: .4em 0 .8em; max-width: 78ch; }
    a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
    code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; }
    .lede { font-size: 1.05rem; }
    .explain { color: var(--muted); font-size: .93rem; }
    .note { color: var(--muted); font-style: italic; }
    .ok { color: var(--added); }
    .badge { font-size: .7rem; font-weight: 600; vertical-align: middle; color: var(--muted); border: 1px solid var(--rule); border-radius: 10px; padding: 1px 8px; margin-left: .4em; white-space: nowrap; }
    header.page { border-bottom: 1px solid var(--rule); padding-bottom: 1em; }
    nav.toc ol { list-style: none; padding: 0; margin: .8em 0 0; display: flex; flex-wrap: wrap; gap: 6px 8px; }
    nav.toc a { display: inline-block; padding: 3px 10px; border: 1px solid var(--rule); border-radius: 14px; text-decoration: none; font-size: .88rem; background: var(--wash); }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--rule); }
    thead th { background: var(--wash); border-bottom: 2px solid var(--rule); font-weight: 600; }
    tbody th { font-weight: 600; white-space: nowrap; color: var(--ink); }
    td.num, th.num, .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.side td { width: calc((100% - 11em) / var(--columns)); }
    table.side tbody th { width: 11em; white-space: normal; }
    table.profile tbody th { width: 14em; white-space: normal; }
    table.profile td.num { text-align: left; }
    td.unknown, span.unknown { color: var(--unknown); font-style: italic; }
    td.unknown { background: repeating-linear-gradient(135deg, #fff8e6 0 6px, #fff 6px 12px); }
    ul.items { margin: 0; padding-left: 1.1em; }
    ul.items li { margin: 0 0 .15em; }
    p.caption { margin: 0 0 .2em; font-weight: 600; }
    .ev, .marker { display: inline-block; font-size: .72rem; font-weight: 600; line-height: 1.3; padding: 0 5px; border-radius: 8px; background: #ddf4ff; color: var(--accent); text-decoration: none; vertical-align: 1px; white-space: nowrap; }
    a.ev:hover { background: var(--accent); color: #fff; }
    .evidence { margin: .3em 0 .2em; padding: .3em .6em; border-left: 3px solid var(--rule); font-size: .82rem; color: var(--muted); word-break: break-word; }
    .evidence blockquote { margin: 0; color: var(--ink); font-style: italic; }
    .evidence blockquote::before { content: "“"; }
    .evidence blockquote::after { content: "”"; }
    .evidence .where { font-size: .75rem; }
    .evidence .where code { font-size: .7rem; word-break: break-all; }
    .evidence .label { color: var(--faint); }
    ol.levels { list-style: none; margin: 0; padding: 0; }
    ol.levels li { padding-left: 0; }
    ol.levels li + li::before { content: "↳ "; color: var(--faint); }
    .count { font-weight: 600; font-variant-numeric: tabular-nums; }
    .term { color: var(--muted); font-style: italic; }
    figure.chart { margin: .6em 0 1em; }
    figcaption { margin-top: .3em; }
    svg { font-family: inherit; max-width: 100%; height: auto; }
    svg text { font-size: 13px; fill: var(--ink); }
    svg .region { font-weight: 600; }
    svg .code.depth-1, svg .code.depth-2, svg .code.depth-3 { fill: var(--muted); }
    svg .stripe { fill: #fafbfc; }
    svg .branch { fill: none; stroke: var(--faint); stroke-width: 1; }
    svg .rule { stroke: var(--rule); stroke-width: 1; }
    svg rect.cell { stroke: #c8d1da; stroke-width: 1; }
    svg a:hover rect.cell, svg a:focus rect.cell { stroke: var(--ink); stroke-width: 2; }
    svg .value { font-weight: 700; font-variant-numeric: tabular-nums; }
    svg .value.dark, svg .value.dark tspan { fill: #fff; }
    svg .value.none { fill: var(--faint); font-weight: 400; }
    svg .share { font-weight: 400; font-size: 11px; }
    svg .plus { font-weight: 400; font-size: 11px; }
    svg .total-label { fill: var(--muted); font-style: italic; }
    svg .total { fill: var(--muted); font-variant-numeric: tabular-nums; }
    svg .year { fill: var(--muted); font-size: 12px; }
    svg rect.item { stroke: rgba(0,0,0,.25); stroke-width: .5; }
    svg a:hover rect.item { stroke: var(--ink); stroke-width: 1.5; }
    svg .bar-bg { fill: #eaeef2; }
    svg .bar { fill: #54aeff; }
    svg .bar.mutual { fill: var(--accent); }
    svg .amount { font-size: 12px; fill: var(--muted); }
    svg.score, svg.amount { vertical-align: -1px; max-width: none; }
    svg .undated { stroke: var(--faint); stroke-width: 1; stroke-dasharray: 3 3; }
    ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: .3em 0; font-size: .82rem; color: var(--muted); }
    .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0,0,0,.12); }
    .swatch.outline { border-color: #c8d1da; }
    details { margin: .3em 0; }
    details > summary { cursor: pointer; }
    details.cell-list { border: 1px solid var(--rule); border-radius: 6px; padding: .35em .7em; }
    details.cell-list[open] { background: #fcfdfe; }
    details.cell-list:target, details.cell-list:has(:target) { outline: 2px solid var(--accent); }
    .cell-lists { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 6px 10px; align-items: start; font-size: .9rem; }
    ul.statements { margin: .4em 0 .2em; padding-left: 1.1em; }
    ul.statements li { margin-bottom: .5em; }
    .kind { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
    td.kind { white-space: nowrap; }
    .via { font-size: .8rem; color: var(--muted); font-style: italic; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
    .card { border: 1px solid var(--rule); border-radius: 8px; padding: .2em 1em .6em; }
    .card h3 { margin-top: .6em; }
    ul.gaps { padding-left: 1.1em; margin: .2em 0; }
    ul.gaps li { margin-bottom: .35em; }
    .covered-by { font-size: .85rem; color: var(--muted); }
    ul.chips { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
    .chip { display: inline-block; font-size: .8rem; padding: 1px 8px 1px 6px; border-radius: 10px; background: var(--wash); border: 1px solid var(--rule); white-space: nowrap; }
    .chip .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 5px; vertical-align: 0; }
    .stem { display: inline-block; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .78rem; padding: 0 5px; background: #fff8c5; border-radius: 3px; }
    details.pair, details.coding { border-top: 1px solid var(--rule); padding-top: .3em; }
    details.pair > summary, details.coding > summary { font-size: 1rem; padding: .2em 0; }
    .pair-name { font-weight: 600; }
    td.score-cell { white-space: nowrap; width: 11em; padding-right: 14px; }
    td.score-cell .mutual { display: inline-block; width: 1em; }
    .mutual { color: var(--accent); font-weight: 700; }
    table.alignment td:nth-child(2), table.alignment td:nth-child(3) { width: 34%; }
    p.versions { font-size: .95rem; }
    p.versions .arrow { color: var(--faint); padding: 0 .3em; }
    article.diff { margin-bottom: 1.2em; }
    table.changes { table-layout: fixed; }
    table.changes th:first-child { width: 8em; }
    table.changes th:last-child { width: 7em; }
    table.changes td.none { color: var(--faint); }
    .tag { display: inline-block; font-size: .7rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 0 6px; border-radius: 4px; border: 1px solid currentColor; white-space: nowrap; font-style: normal; }
    .tag.kept { color: var(--muted); }
    .tag.renamed { color: var(--renamed); }
    .tag.added { color: var(--added); }
    .tag.removed { color: var(--removed); }
    .tag.manual { color: #bc4c00; }
    .tag.not-compared { color: var(--unknown); }
    tr.removed td:nth-child(2) .text, tr.removed td:nth-child(2) { color: var(--muted); }
    .callout { border: 1px solid #d4a72c; background: #fff8c5; border-radius: 6px; padding: .7em 1em; margin: .6em 0 1em; max-width: 78ch; }
    table.funding .reason { font-size: .85rem; }
    table.funding .record { font-weight: 600; font-size: .85rem; }
    .record-id code { color: var(--faint); font-size: .75rem; }
    details.table { margin: .8em 0; }
    details.table > summary { color: var(--accent); }
    .date { font-variant-numeric: tabular-nums; color: var(--muted); font-size: .85rem; }
    .none { color: var(--faint); font-style: italic; }
    ul.assignments { list-style: none; padding: 0; margin: 0; }
    ul.assignments li { margin-bottom: .25em; }
    .matches code { display: inline-block; font-size: .75rem; color: var(--muted); margin-right: .4em; }
    li.overruled s .chip { opacity: .55; }
    li.overruled { color: var(--muted); }
    .note-text { font-size: .85rem; font-style: italic; }
    .detail { font-size: .82rem; color: var(--muted); margin-top: .15em; }
    table.coding td:first-child { width: 9em; }
    table.coding td:last-child { width: 42%; }
    table.sources td.url { overflow-wrap: anywhere; }
    table.sources td.sha code { font-size: .72rem; word-break: break-all; }
    table.sources td.ref { width: 4em; }
    footer { margin-top: 3em; }
    pre.citation { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--wash); border: 1px solid var(--rule); border-radius: 6px; padding: 1em; font-size: .8rem; }
    @media print {
      :root { font-size: 10.5pt; }
      body { max-width: none; padding: 0; }
      nav.toc { display: none; }
      h2 { break-after: avoid; }
      tr, .card, figure.chart, details.cell-list { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      .ev { background: none; border: 1px solid #999; color: #000; }
      details::details-content { content-visibility: visible; display: block; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """

    /// Opens the `<details>` a link points into, and all of them before printing.
    static let script = """
    (function () {
      function openTo(id) {
        if (!id) { return; }
        var node = document.getElementById(id);
        for (; node; node = node.parentElement) {
          if (node.tagName === "DETAILS") { node.open = true; }
        }
      }
      function fromHash() { openTo(decodeURIComponent(location.hash.slice(1))); }
      window.addEventListener("hashchange", fromHash);
      fromHash();
      window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details").forEach(function (d) { d.open = true; });
      });
    })();

    """
}
