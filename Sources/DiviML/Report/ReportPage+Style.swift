extension ReportPage {
    /// The page's styles.
    static let style = #"""
    :root { --fg: #1d2330; --muted: #5d6675; --line: #d9dde3; --panel: #f6f7f9; --accent: #1f5fbf; --crit: #111; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
    #page { max-width: 1600px; margin: 0 auto; padding: 16px 24px 48px; }
    h1 { font-size: 20px; margin: 4px 0 12px; }
    h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 14px; margin: 14px 0 4px; }
    .cards { display: flex; flex-wrap: wrap; gap: 10px; }
    .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 150px; }
    .card .k { color: var(--muted); font-size: 12px; }
    .card .v { font-size: 18px; font-weight: 600; }
    .card .s { color: var(--muted); font-size: 12px; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; }
    .toolbar input[type=search] { width: 260px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; }
    .toolbar button { padding: 3px 10px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
    .toolbar .info { color: var(--muted); font-size: 12px; }
    .chart { position: relative; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; user-select: none; }
    .chart svg { display: block; cursor: grab; }
    .chart svg.dragging { cursor: grabbing; }
    .lane-bg { fill: #f4f5f7; }
    .lane-bg.link { fill: #eef3f8; }
    .lane-label { font-size: 12px; fill: var(--fg); }
    .lane-label.link { fill: var(--muted); }
    .axis text { font-size: 11px; fill: var(--muted); }
    .axis line { stroke: #c4c9d0; }
    .bar { stroke: rgba(0,0,0,.35); stroke-width: .5; }
    .bar.critical { stroke: var(--crit); stroke-width: 1.2; }
    .crit-strip { fill: #d62728; pointer-events: none; }
    .transfer { fill: #7d8fa3; stroke: #4c5b6b; stroke-width: .5; }
    .transfer.critical { fill: #42536a; stroke: #d62728; stroke-width: 1.5; }
    .dim { opacity: .18; }
    .match { stroke: #e0007a; stroke-width: 2.5; }
    .bar-label { font-size: 10px; pointer-events: none; }
    .marker { stroke: #6b7280; stroke-dasharray: 4 3; }
    .marker-label { font-size: 10px; fill: #6b7280; }
    .bound-line { stroke: #c0392b; stroke-dasharray: 5 3; stroke-width: 1.5; }
    #tooltip { position: fixed; pointer-events: none; background: #1d2330; color: #fff; font-size: 12px; padding: 6px 8px;
               border-radius: 4px; max-width: 420px; white-space: pre-wrap; z-index: 10; display: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0; font-size: 12px; }
    .legend span.item { display: inline-flex; align-items: center; gap: 5px; cursor: pointer; }
    .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; border: 1px solid rgba(0,0,0,.3); }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); }
    th { color: var(--muted); font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .meter { position: relative; width: 160px; height: 12px; background: #eceef1; border-radius: 3px; overflow: hidden; }
    .meter > div { height: 100%; background: var(--accent); }
    .meter.over > div { background: #c0392b; }
    .explain p { margin: 3px 0; }
    .explain p.step { margin-left: 18px; font-family: ui-monospace, Menlo, monospace; font-size: 12px; color: #333; }
    ul.notes li { margin: 2px 0; }
    #errors { color: #b00020; background: #fff0f0; padding: 8px; }
    """#
}
