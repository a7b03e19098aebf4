extension ReportPage {
    /// The page's script: reads the embedded report and builds every part of the page
    /// with DOM calls (strings go in as text only). Sets `data-status` on `<body>` to
    /// `rendered` when done, or `error` with the message in `#errors`.
    static let script = #"""
    "use strict";
    (function () {
      const NS = "http://www.w3.org/2000/svg";
      const errors = document.getElementById("errors");
      function fail(message) {
        errors.hidden = false;
        errors.textContent += message + "\n";
        document.body.dataset.status = "error";
      }
      window.addEventListener("error", function (e) { fail("script error: " + e.message); });

      function el(tag, attrs, text) {
        const node = document.createElement(tag);
        for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
        if (text !== undefined) node.textContent = text;
        return node;
      }
      function sv(tag, attrs, text) {
        const node = document.createElementNS(NS, tag);
        for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
        if (text !== undefined) node.textContent = text;
        return node;
      }
      function fmtS(t) {
        if (t === null || t === undefined) return "-";
        const a = Math.abs(t);
        if (a === 0) return "0";
        const short = function (v) { return Number(v.toPrecision(3)).toString(); };
        if (a >= 1) return short(t) + " s";
        if (a >= 1e-3) return short(t * 1e3) + " ms";
        return short(t * 1e6) + " µs";
      }
      function fmtB(b) {
        const units = ["B", "KiB", "MiB", "GiB", "TiB"];
        let v = b, i = 0;
        while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
        return (i === 0 ? String(v) : v.toFixed(1)) + " " + units[i];
      }
      function pct(x) { return (100 * x).toFixed(1) + "%"; }
      function niceStep(raw) {
        const p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
        return 10 * p;
      }
      function textColour(hex) {
        const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
        return (0.299 * r + 0.587 * g + 0.114 * b) > 140 ? "#111" : "#fff";
      }

      const report = JSON.parse(document.getElementById("report-data").textContent);
      const page = document.getElementById("page");
      const colours = {};
      for (const p of report.palette) colours[p.op] = p.colour;
      const tooltip = el("div", { id: "tooltip" });
      document.body.appendChild(tooltip);
      function showTip(event, lines) {
        tooltip.textContent = lines.join("\n");
        tooltip.style.display = "block";
        const x = Math.min(event.clientX + 14, window.innerWidth - 430);
        tooltip.style.left = x + "px";
        tooltip.style.top = (event.clientY + 14) + "px";
      }
      function hideTip() { tooltip.style.display = "none"; }

      function header() {
        page.appendChild(el("h1", {}, report.title));
        const cards = el("div", { class: "cards" });
        function card(k, v, s) {
          const c = el("div", { class: "card" });
          c.appendChild(el("div", { class: "k" }, k));
          c.appendChild(el("div", { class: "v" }, v));
          if (s) c.appendChild(el("div", { class: "s" }, s));
          cards.appendChild(c);
        }
        if (report.objective === "latency") card("makespan", fmtS(report.makespan));
        else card("period", fmtS(report.period), report.throughput ? report.throughput.toFixed(1) + " samples/s" : "");
        if (report.lowerBound !== undefined) card("lower bound", fmtS(report.lowerBound), report.boundSource || "");
        if (report.gap !== undefined) card("gap", pct(report.gap), "to the bound");
        card("solver", report.solver, report.status + ", " + fmtS(report.solveSeconds));
        card("platform", report.platform || "the problem's devices", report.model);
        page.appendChild(cards);
      }

      function gantt(timeline, index) {
        page.appendChild(el("h2", {}, "Timeline" + (report.timelines.length > 1 ? ": " + timeline.label : "")));
        const bar = el("div", { class: "toolbar" });
        const search = el("input", { type: "search", placeholder: "search node name or op type", "aria-label": "search" });
        const zoomIn = el("button", {}, "+"), zoomOut = el("button", {}, "−"), reset = el("button", {}, "reset zoom");
        const critical = el("input", { type: "checkbox", id: "crit" + index });
        const critLabel = el("label", { for: "crit" + index }, " critical path only");
        const info = el("span", { class: "info" });
        for (const n of [search, zoomIn, zoomOut, reset, critical, critLabel, info]) bar.appendChild(n);
        page.appendChild(bar);
        const box = el("div", { class: "chart" });
        page.appendChild(box);
        const legend = el("div", { class: "legend" });
        page.appendChild(legend);

        const labelWidth = 150, laneHeight = 30, rowHeight = 12, axisHeight = 26;
        const lanes = timeline.lanes.map(function (lane) {
          return { lane: lane, height: lane.kind === "device" ? laneHeight : Math.max(laneHeight, 6 + lane.rows * (rowHeight + 2)) };
        });
        let y = axisHeight;
        for (const l of lanes) { l.y = y; y += l.height + 4; }
        const height = y + 4;
        const span = Math.max(timeline.span, 1e-12);
        let t0 = 0, t1 = span;
        let query = "";
        const svg = sv("svg", { height: height });
        box.appendChild(svg);
        const defs = sv("defs");
        const clip = sv("clipPath", { id: "plot" + index });
        const clipRect = sv("rect", { x: labelWidth, y: 0, height: height });
        clip.appendChild(clipRect);
        defs.appendChild(clip);
        svg.appendChild(defs);
        const back = sv("g"), plot = sv("g", { "clip-path": "url(#plot" + index + ")" }), labels = sv("g"), axis = sv("g", { class: "axis" });
        svg.appendChild(back); svg.appendChild(plot); svg.appendChild(axis); svg.appendChild(labels);

        function width() { return Math.max(400, box.clientWidth || 1200); }
        function matches(name, op) {
          if (!query) return false;
          return name.toLowerCase().indexOf(query) >= 0 || op.toLowerCase().indexOf(query) >= 0;
        }
        function draw() {
          const w = width(), plotW = w - labelWidth - 10;
          svg.setAttribute("width", w);
          clipRect.setAttribute("width", plotW);
          const x = function (t) { return labelWidth + (t - t0) / (t1 - t0) * plotW; };
          for (const g of [back, plot, labels, axis]) while (g.firstChild) g.removeChild(g.firstChild);
          for (const l of lanes) {
            back.appendChild(sv("rect", { class: "lane-bg " + l.lane.kind, x: labelWidth, y: l.y, width: plotW, height: l.height }));
            const label = sv("text", { class: "lane lane-label " + l.lane.kind, x: 6, y: l.y + Math.min(l.height, laneHeight) / 2 + 4 }, l.lane.name);
            labels.appendChild(label);
          }
          const step = niceStep((t1 - t0) / Math.max(2, plotW / 110));
          for (let t = Math.ceil(t0 / step) * step; t <= t1 + step * 1e-9; t += step) {
            axis.appendChild(sv("line", { x1: x(t), x2: x(t), y1: axisHeight - 6, y2: height }));
            axis.appendChild(sv("text", { x: x(t) + 3, y: axisHeight - 10 }, fmtS(t)));
          }
          const onlyCritical = critical.checked;
          let shown = 0, found = 0;
          for (const b of timeline.bars) {
            const hit = matches(b.name, b.op);
            if (hit) found++;
            if (b.finish < t0 || b.start > t1) continue;
            const l = lanes[b.lane];
            const x0 = x(b.start), bw = Math.max(1, x(b.finish) - x0);
            let cls = "bar" + (b.critical ? " critical" : "");
            if (hit) cls += " match";
            else if ((query && anyMatch) || (onlyCritical && !b.critical)) cls += " dim";
            const r = sv("rect", { class: cls, x: x0, y: l.y + 3, width: bw, height: l.height - 6, fill: colours[b.op] || "#9e9e9e" });
            r.addEventListener("mousemove", function (e) {
              showTip(e, [b.name, b.op + " on " + l.lane.name + (b.replica !== undefined ? ", replica " + b.replica : ""),
                fmtS(b.start) + " → " + fmtS(b.finish) + "  (" + fmtS(b.finish - b.start) + ")"].concat(b.critical ? ["on the critical path"] : []));
            });
            r.addEventListener("mouseleave", hideTip);
            plot.appendChild(r);
            if (b.critical) plot.appendChild(sv("rect", { class: "crit-strip", x: x0, y: l.y + l.height - 3, width: bw, height: 3 }));
            shown++;
            if (bw > b.name.length * 6 + 6) {
              plot.appendChild(sv("text", { class: "bar-label", x: x0 + 3, y: l.y + l.height / 2 + 3, fill: textColour(colours[b.op] || "#9e9e9e") }, b.name));
            }
          }
          for (const t of timeline.transfers) {
            const hit = matches(t.from, "") || matches(t.to, "");
            if (t.finish < t0 || t.start > t1) continue;
            const l = lanes[t.lane];
            const x0 = x(t.start), tw = Math.max(1, x(t.finish) - x0);
            let cls = "transfer" + (t.critical ? " critical" : "");
            if (hit) cls += " match";
            else if ((query && anyMatch) || (onlyCritical && !t.critical)) cls += " dim";
            const r = sv("rect", { class: cls, x: x0, y: l.y + 3 + t.row * (rowHeight + 2), width: tw, height: rowHeight });
            r.addEventListener("mousemove", function (e) {
              showTip(e, [t.from + " → " + t.to, l.lane.name + (t.replica !== undefined ? ", replica " + t.replica : ""),
                fmtB(t.bytes) + " in " + fmtS(t.finish - t.start), fmtS(t.start) + " → " + fmtS(t.finish)].concat(t.critical ? ["on the critical path"] : []));
            });
            r.addEventListener("mouseleave", hideTip);
            plot.appendChild(r);
            if (tw > 60) {
              plot.appendChild(sv("text", { class: "bar-label", x: x0 + 3, y: l.y + 3 + t.row * (rowHeight + 2) + 9, fill: "#fff" }, fmtB(t.bytes)));
            }
          }
          for (const m of timeline.markers) {
            if (m.time < t0 || m.time > t1) continue;
            const line = sv("line", { class: "marker", x1: x(m.time), x2: x(m.time), y1: axisHeight - 4, y2: height });
            line.addEventListener("mousemove", function (e) { showTip(e, [m.label, "at " + fmtS(m.time)]); });
            line.addEventListener("mouseleave", hideTip);
            plot.appendChild(line);
          }
          info.textContent = "showing " + fmtS(t0) + " – " + fmtS(t1) + " · " + shown + " of " + timeline.bars.length + " nodes"
            + (query ? " · " + found + " match" + (found === 1 ? "" : "es") : "") + " · wheel to zoom, drag to pan, double-click to reset";
          box.dataset.lanes = String(lanes.length);
          box.dataset.bars = String(shown);
        }
        let anyMatch = false;
        function zoom(factor, at) {
          const len = Math.min(span, Math.max(span * 1e-6, (t1 - t0) * factor));
          let a = at - (at - t0) * len / (t1 - t0);
          a = Math.max(0, Math.min(a, span - len));
          t0 = a; t1 = a + len;
          draw();
        }
        function timeAt(clientX) {
          const rect = svg.getBoundingClientRect(), plotW = width() - labelWidth - 10;
          return t0 + Math.max(0, Math.min(1, (clientX - rect.left - labelWidth) / plotW)) * (t1 - t0);
        }
        svg.addEventListener("wheel", function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 0.8 : 1.25, timeAt(e.clientX)); }, { passive: false });
        let drag = null;
        svg.addEventListener("mousedown", function (e) { drag = { x: e.clientX, t0: t0, t1: t1 }; svg.classList.add("dragging"); });
        window.addEventListener("mouseup", function () { drag = null; svg.classList.remove("dragging"); });
        window.addEventListener("mousemove", function (e) {
          if (!drag) return;
          const plotW = width() - labelWidth - 10, dt = (e.clientX - drag.x) / plotW * (drag.t1 - drag.t0);
          const len = drag.t1 - drag.t0;
          t0 = Math.max(0, Math.min(drag.t0 - dt, span - len)); t1 = t0 + len;
          draw();
        });
        svg.addEventListener("dblclick", function () { t0 = 0; t1 = span; draw(); });
        zoomIn.addEventListener("click", function () { zoom(0.5, (t0 + t1) / 2); });
        zoomOut.addEventListener("click", function () { zoom(2, (t0 + t1) / 2); });
        reset.addEventListener("click", function () { t0 = 0; t1 = span; draw(); });
        critical.addEventListener("change", draw);
        search.addEventListener("input", function () {
          query = search.value.trim().toLowerCase();
          anyMatch = query !== "" && timeline.bars.some(function (b) { return matches(b.name, b.op); });
          draw();
        });
        window.addEventListener("resize", draw);
        // `#search=TEXT` in the address opens the page with that search applied.
        const preset = /^#search=(.*)$/.exec(window.location.hash);
        if (preset) {
          search.value = decodeURIComponent(preset[1]);
          query = search.value.trim().toLowerCase();
          anyMatch = query !== "" && timeline.bars.some(function (b) { return matches(b.name, b.op); });
        }

        const used = {};
        for (const b of timeline.bars) used[b.op] = true;
        for (const p of report.palette) {
          if (!used[p.op]) continue;
          const item = el("span", { class: "item", title: "highlight " + p.op });
          const chip = el("i");
          chip.style.background = p.colour;
          item.appendChild(chip);
          item.appendChild(document.createTextNode(p.op + " (" + p.count + ")"));
          item.addEventListener("click", function () { search.value = p.op; search.dispatchEvent(new Event("input")); });
          legend.appendChild(item);
        }
        const transferChip = el("span", { class: "item" });
        const tchip = el("i"); tchip.style.background = "#7d8fa3";
        transferChip.appendChild(tchip); transferChip.appendChild(document.createTextNode("transfer (on its link's lane)"));
        legend.appendChild(transferChip);
        const critChip = el("span", { class: "item" });
        const cchip = el("i"); cchip.style.background = "#d62728";
        critChip.appendChild(cchip); critChip.appendChild(document.createTextNode("critical path (red strip under its nodes, red outline on its transfers)"));
        legend.appendChild(critChip);
        draw();
      }

      function meter(value, over) {
        const m = el("div", { class: "meter" + (over ? " over" : "") });
        const fill = el("div");
        fill.style.width = Math.max(0, Math.min(100, 100 * value)) + "%";
        m.appendChild(fill);
        return m;
      }

      function devices() {
        page.appendChild(el("h2", {}, "Devices"));
        const table = el("table");
        const head = el("tr");
        const per = report.objective === "latency" ? "of the makespan" : "of the period";
        for (const h of ["device", "kind", "utilisation (" + per + ")", "", "busy", "nodes", "weights / memory", ""]) head.appendChild(el("th", {}, h));
        table.appendChild(head);
        for (const d of report.devices) {
          const row = el("tr");
          row.appendChild(el("td", {}, d.name));
          row.appendChild(el("td", {}, d.kind));
          const u = el("td"); u.appendChild(meter(d.utilisation, false)); row.appendChild(u);
          row.appendChild(el("td", { class: "num" }, pct(d.utilisation)));
          row.appendChild(el("td", { class: "num" }, fmtS(d.busySeconds)));
          row.appendChild(el("td", { class: "num" }, String(d.nodes)));
          const share = d.memoryBytes > 0 ? d.weightBytes / d.memoryBytes : 0;
          const m = el("td"); m.appendChild(meter(share, d.weightBytes > d.memoryBytes)); row.appendChild(m);
          row.appendChild(el("td", { class: "num" }, fmtB(d.weightBytes) + " of " + fmtB(d.memoryBytes)));
          table.appendChild(row);
        }
        page.appendChild(table);
      }

      function comparison() {
        const c = report.comparison;
        if (!c) return;
        page.appendChild(el("h2", {}, "Solvers against the bound"));
        page.appendChild(el("p", { class: "info" }, (report.objective === "latency" ? "Makespan" : "Effective period")
          + " of every solver against the largest lower bound any of them proved; shorter is better."));
        const rows = c.rows;
        const values = rows.map(function (r) { return r.seconds || 0; }).concat([c.bound || 0]);
        const max = Math.max.apply(null, values) || 1;
        const w = 900, left = 90, right = 220, rowH = 24, top = 8;
        const svg = sv("svg", { class: "compare", width: w, height: top + rows.length * rowH + 28 });
        const scale = function (v) { return left + v / max * (w - left - right); };
        rows.forEach(function (r, i) {
          const y = top + i * rowH;
          svg.appendChild(sv("text", { x: 4, y: y + 15, "font-size": 12 }, r.solver));
          if (r.seconds !== undefined) {
            const rect = sv("rect", { class: "solver-bar", x: left, y: y + 3, width: Math.max(1, scale(r.seconds) - left), height: rowH - 8,
              fill: r.solver === c.shown ? "#1f5fbf" : "#8aa6d1" });
            rect.addEventListener("mousemove", function (e) { showTip(e, [r.solver + ": " + fmtS(r.seconds), r.status, "solved in " + fmtS(r.solveSeconds)]); });
            rect.addEventListener("mouseleave", hideTip);
            svg.appendChild(rect);
            svg.appendChild(sv("text", { x: scale(r.seconds) + 6, y: y + 15, "font-size": 12 },
              fmtS(r.seconds) + (r.gap !== undefined ? "  (gap " + pct(r.gap) + ")" : "") + "  " + r.status));
          } else {
            svg.appendChild(sv("text", { x: left + 4, y: y + 15, "font-size": 12, fill: "#5d6675" }, "no plan: " + r.status));
          }
        });
        if (c.bound !== undefined) {
          const bx = scale(c.bound), bottom = top + rows.length * rowH;
          svg.appendChild(sv("line", { class: "bound-line", x1: bx, x2: bx, y1: top, y2: bottom }));
          svg.appendChild(sv("text", { x: bx + 4, y: bottom + 16, "font-size": 12, fill: "#c0392b" }, "lower bound " + fmtS(c.bound) + (c.boundSource ? " (" + c.boundSource + ")" : "")));
        }
        page.appendChild(svg);
        page.appendChild(el("p", { class: "info" }, "The timeline above shows " + c.shown + "'s plan, the best of these."));
      }

      function explanation() {
        page.appendChild(el("h2", {}, "Why this plan"));
        const box = el("div", { class: "explain" });
        for (const s of report.explanation.sections) {
          box.appendChild(el("h3", {}, s.title));
          for (const line of s.lines) {
            const indented = line.startsWith("  ");
            box.appendChild(el("p", { class: indented ? "step" : "" }, indented ? line.trim() : line));
          }
        }
        page.appendChild(box);
      }

      function notes() {
        if (!report.notes.length) return;
        page.appendChild(el("h2", {}, "Notes"));
        const list = el("ul", { class: "notes" });
        for (const n of report.notes) list.appendChild(el("li", {}, n));
        page.appendChild(list);
      }

      try {
        header();
        report.timelines.forEach(gantt);
        devices();
        comparison();
        explanation();
        notes();
        if (document.body.dataset.status !== "error") document.body.dataset.status = "rendered";
      } catch (e) {
        fail("script error: " + (e && e.stack ? e.stack : e));
      }
    })();
    """#
}
