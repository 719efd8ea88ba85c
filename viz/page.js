/* cancu citation graph: hover card, chain highlight, search, filters and legend over pyvis's vis-network.
   Every text from the data reaches the DOM through textContent, never as HTML. */
(function () {
  "use strict";
  window.cancuStartedAt = performance.now();
  const DATA = JSON.parse(document.getElementById("cancu-data").textContent);
  const N = DATA.nodes;
  const E = DATA.edges;
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };

  const outChain = N.map(() => []);
  const inChain = N.map(() => []);
  E.forEach(([s, t, , chain], i) => {
    if (chain) {
      outChain[s].push([i, t]);
      inChain[t].push([i, s]);
    }
  });
  const state = { layout: DATA.layout, size: DATA.size, chain: null, hidden: new Set(), hiddenEdges: new Set() };

  const fold = (s) =>
    String(s || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .replace(/\s+/g, "")
      .toLowerCase();

  const describeType = (n) => {
    if (n.type === "task") return n.doctype === "duty" ? "duty" : "task";
    if (n.type === "agency") return n.doctype === "group" ? "group of agencies" : "agency";
    const known = n.ingested ? "" : n.catalogued ? " · catalogued" : " · reference only (not ingested)";
    const type = n.typeName ? n.typeName + " (" + n.doctype + ")" : n.doctype || "document";
    return type + known;
  };

  const depthText = (n) => (n.depth === null || n.depth === undefined ? "none" : String(n.depth));

  /* The chain: every node reached up the chain edges, stopping at central documents. */
  function chainOf(start) {
    const seen = new Set([start]);
    const edgesIn = new Set();
    const tops = [];
    const stops = [];
    const queue = [start];
    while (queue.length) {
      const v = queue.shift();
      if (v !== start && N[v].level === "central") {
        tops.push(v);
        continue;
      }
      if (v !== start && outChain[v].length === 0) stops.push(v);
      for (const [e, w] of outChain[v]) {
        edgesIn.add(e);
        if (!seen.has(w)) {
          seen.add(w);
          queue.push(w);
        }
      }
    }
    return { start, nodes: seen, edges: edgesIn, tops, stops, paths: pathsOf(start, 12) };
  }

  function pathsOf(start, limit) {
    const paths = [];
    const walk = (v, path) => {
      if (paths.length >= limit) return;
      const onward = v !== start && N[v].level === "central" ? [] : outChain[v].filter(([, w]) => !path.includes(w));
      if (!onward.length) {
        if (path.length > 1) paths.push(path);
        return;
      }
      for (const [, w] of onward) walk(w, path.concat([w]));
    };
    walk(start, [start]);
    return paths;
  }

  /* The highlight is drawn over the frame: a veil over everything, then the chain drawn again on top.
     Nothing in the data sets changes, so lighting a chain costs one frame whatever the graph's size. */
  network.on("afterDrawing", (ctx) => {
    const chain = state.chain;
    if (!chain) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255, 255, 255, 0.82)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    const body = network.body;
    const shown = [...chain.edges].map((e) => body.edges[e]).filter((e) => e && !state.hiddenEdges.has(e.id));
    shown.forEach((e) => e.draw(ctx));
    if (DATA.large) shown.forEach((e) => arrowhead(ctx, e));
    else shown.forEach((e) => e.drawArrows(ctx));
    const labels = [];
    for (const v of chain.nodes) {
      const node = body.nodes[v];
      if (!node || state.hidden.has(v)) continue;
      const drawn = node.draw(ctx);
      if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
    }
    labels.forEach((draw) => draw());
  });

  /* A big graph is drawn without arrowheads (they cost most of a frame); a lit chain gets them back. */
  function arrowhead(ctx, edge) {
    const from = edge.from;
    const to = edge.to;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    if (!length) return;
    const ux = dx / length;
    const uy = dy / length;
    const tipX = to.x - ux * (to.options.size + 2);
    const tipY = to.y - uy * (to.options.size + 2);
    const size = 6 + 2 * edge.options.width;
    ctx.beginPath();
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - ux * size * 1.6 - uy * size, tipY - uy * size * 1.6 + ux * size);
    ctx.lineTo(tipX - ux * size * 1.6 + uy * size, tipY - uy * size * 1.6 - ux * size);
    ctx.closePath();
    ctx.fillStyle = DATA.edgeKinds[E[edge.id][2]].color;
    ctx.fill();
  }

  function highlight(id) {
    state.chain = chainOf(id);
    network.selectNodes([id], false);
    showInfo(state.chain);
    network.redraw();
    return state.chain;
  }

  function clear() {
    state.chain = null;
    $("cancu-info").hidden = true;
    network.unselectAll();
    network.redraw();
  }

  function detailRows(n) {
    const rows = [
      ["type", describeType(n)],
      ["level", n.level],
      ["date", n.date],
      ["issuer", n.issuer],
      ["province", n.province],
    ];
    if (n.type === "document") {
      rows.push(["cited by", n.cited], ["PageRank", n.pagerank], ["chain hops to a central document", depthText(n)]);
    }
    return rows.filter(([, v]) => v !== "" && v !== null && v !== undefined);
  }

  function showInfo(chain) {
    const n = N[chain.start];
    const body = $("cancu-info-body");
    body.replaceChildren();
    body.appendChild(el("h3", n.label));
    if (n.title) body.appendChild(el("p", n.title));
    const dl = el("ul");
    for (const [k, v] of detailRows(n)) dl.appendChild(el("li", k + ": " + v));
    body.appendChild(dl);
    const names = (ids) => ids.map((i) => N[i].label).join(", ");
    if (chain.tops.length) {
      body.appendChild(el("p", "Reaches central: " + names(chain.tops), "cancu-tops"));
    } else if (n.level === "central") {
      body.appendChild(el("p", "A central document.", "cancu-tops"));
    } else {
      body.appendChild(el("p", "Reaches no central document.", "cancu-break"));
    }
    for (const s of chain.stops) {
      const why = N[s].ingested || N[s].catalogued ? "names no basis" : "not ingested";
      body.appendChild(el("p", "Chain breaks at " + N[s].label + " (" + why + ")", "cancu-break"));
    }
    if (chain.paths.length) {
      const ol = el("ol", null, "cancu-paths");
      for (const p of chain.paths) ol.appendChild(el("li", p.map((i) => N[i].label).join(" → ")));
      body.appendChild(ol);
    }
    const below = inChain[chain.start].length;
    if (below) body.appendChild(el("p", "Carried out by " + below + " document(s) or task(s) below.", "cancu-note"));
    $("cancu-info").hidden = false;
  }

  /* Hover card, positioned at the mouse. */
  const card = $("cancu-card");
  let mouse = { x: 0, y: 0 };
  document.getElementById("mynetwork").addEventListener("mousemove", (ev) => {
    mouse = { x: ev.clientX, y: ev.clientY };
    if (!card.hidden) placeCard();
  });
  function placeCard() {
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    card.style.left = Math.min(mouse.x + 14, window.innerWidth - w - 4) + "px";
    card.style.top = Math.min(mouse.y + 14, window.innerHeight - h - 4) + "px";
  }
  function showCard(parts) {
    card.replaceChildren(...parts);
    card.hidden = false;
    placeCard();
  }
  network.on("hoverNode", (p) => {
    const n = N[p.node];
    const parts = [el("div", n.label, "symbol"), el("div", describeType(n) + " · " + n.level, "meta")];
    if (n.date) parts.push(el("div", n.date, "meta"));
    if (n.issuer) parts.push(el("div", n.issuer));
    if (n.province) parts.push(el("div", n.province, "meta"));
    if (n.title) parts.push(el("div", n.title.length > 300 ? n.title.slice(0, 300) + "…" : n.title));
    if (n.type === "document") {
      parts.push(el("div", "cited by " + n.cited + " · PageRank " + n.pagerank + " · hops to central: " + depthText(n), "meta"));
    }
    showCard(parts);
  });
  network.on("hoverEdge", (p) => {
    const [s, t, kind] = E[p.edge];
    showCard([el("div", N[s].label + " → " + N[t].label, "symbol"), el("div", DATA.edgeKinds[kind].label, "meta")]);
  });
  network.on("blurNode", () => (card.hidden = true));
  network.on("blurEdge", () => (card.hidden = true));
  network.on("dragStart", () => (card.hidden = true));

  network.on("click", (p) => {
    if (p.nodes.length) highlight(p.nodes[0]);
    else if (!p.edges.length) clear();
  });
  $("cancu-clear").addEventListener("click", clear);

  /* Search by symbol. */
  const symbols = $("cancu-symbols");
  const seenLabels = new Set();
  N.forEach((n) => {
    if (n.type === "document" && !seenLabels.has(n.label)) {
      seenLabels.add(n.label);
      const o = document.createElement("option");
      o.value = n.label;
      symbols.appendChild(o);
    }
  });
  function find(query) {
    const q = fold(query);
    if (!q) return [];
    const docs = N.map((n, i) => i).filter((i) => N[i].type === "document");
    const exact = docs.filter((i) => fold(N[i].label) === q);
    return exact.length ? exact : docs.filter((i) => fold(N[i].label).includes(q));
  }
  function search(query) {
    const found = find(query);
    const status = $("cancu-search-status");
    if (!found.length) {
      status.textContent = query.trim() ? "No document matches “" + query.trim() + "”." : "";
      return null;
    }
    const id = found[0];
    if (state.hidden.has(id)) resetFilters();
    status.textContent = found.length === 1 ? "" : found.length + " documents match; showing " + N[id].label + ".";
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    return id;
  }
  const input = $("cancu-search");
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") search(input.value);
  });
  input.addEventListener("change", () => search(input.value));

  /* Layout and size. */
  function setLayout(name) {
    const pos = DATA.layouts[name];
    state.layout = name;
    nodes.update(N.map((_, i) => ({ id: i, x: pos[i][0], y: pos[i][1] })));
    $("cancu-layout").value = name;
    network.fit({ animation: false });
  }
  function setSize(name) {
    const sizes = DATA.sizes[name];
    state.size = name;
    nodes.update(N.map((_, i) => ({ id: i, size: sizes[i] })));
    $("cancu-size").value = name;
  }
  $("cancu-layout").value = state.layout;
  $("cancu-size").value = state.size;
  $("cancu-layout").addEventListener("change", (ev) => setLayout(ev.target.value));
  $("cancu-size").addEventListener("change", (ev) => setSize(ev.target.value));

  network.on("beforeDrawing", (ctx) => {
    const g = DATA.guides[state.layout];
    if (!g || !g.years) return;
    ctx.save();
    ctx.strokeStyle = "#e5e8e8";
    ctx.fillStyle = "#808b96";
    ctx.font = "28px sans-serif";
    ctx.lineWidth = 2;
    for (const y of g.years) {
      ctx.beginPath();
      ctx.moveTo(y.x, -120);
      ctx.lineTo(y.x, g.bottom);
      ctx.stroke();
      ctx.fillText(y.label, y.x + 6, -90);
    }
    ctx.fillText("undated", g.undated_x - 120, -90);
    for (const b of g.bands) ctx.fillText(b.label, g.undated_x - 360, b.y + 10);
    ctx.restore();
  });

  /* Filters: level, type, province, year, edge kind. */
  const facets = [
    ["level", "Level", (n) => n.level],
    ["type", "Type", (n) => (n.doctype ? (n.doctype + " " + n.typeName).trim() : "(unknown type)")],
    ["province", "Province", (n) => n.province || "(none)"],
  ];
  const unchecked = { level: new Set(), type: new Set(), province: new Set(), kind: new Set(DATA.hiddenKinds) };
  E.forEach(([, , k], i) => unchecked.kind.has(k) && state.hiddenEdges.add(i));
  const years = N.map((n) => n.year).filter((y) => y);
  const yearRange = { from: years.length ? Math.min(...years) : null, to: years.length ? Math.max(...years) : null, undated: true };
  const filters = $("cancu-filters");

  function checkboxGroup(key, title, counts, swatch, display = (v) => v) {
    const box = el("div", null, "cancu-filter");
    box.dataset.facet = key;
    box.appendChild(el("h3", title));
    for (const [value, count] of [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(b[0]))) {
      const label = el("label");
      const cb = document.createElement("input");
      cb.type = "checkbox";
      cb.checked = !unchecked[key].has(value);
      cb.value = value;
      cb.addEventListener("change", () => {
        if (cb.checked) unchecked[key].delete(value);
        else unchecked[key].add(value);
        applyFilters();
      });
      label.appendChild(cb);
      if (swatch) label.appendChild(swatch(value));
      label.appendChild(el("span", display(value)));
      label.appendChild(el("span", count, "count"));
      box.appendChild(label);
    }
    filters.appendChild(box);
  }
  const levelSwatch = (v) => {
    const s = el("span", null, "cancu-swatch");
    s.style.background = DATA.levels[v] || DATA.levels.unknown;
    return s;
  };
  for (const [key, title, get] of facets) {
    const counts = new Map();
    N.forEach((n) => counts.set(get(n), (counts.get(get(n)) || 0) + 1));
    checkboxGroup(key, title, counts, key === "level" ? levelSwatch : null);
  }
  if (years.length || N.length) {
    const box = el("div", null, "cancu-filter cancu-years");
    box.appendChild(el("h3", "Year"));
    const row = el("label");
    const from = document.createElement("input");
    const to = document.createElement("input");
    for (const [inp, key] of [[from, "from"], [to, "to"]]) {
      inp.type = "number";
      inp.id = "cancu-year-" + key;
      if (yearRange[key] !== null) inp.value = yearRange[key];
      inp.addEventListener("change", () => {
        yearRange[key] = inp.value === "" ? null : Number(inp.value);
        applyFilters();
      });
    }
    row.append(el("span", "from"), from, el("span", "to"), to);
    box.appendChild(row);
    const undatedLabel = el("label");
    const undated = document.createElement("input");
    undated.type = "checkbox";
    undated.checked = true;
    undated.id = "cancu-year-undated";
    undated.addEventListener("change", () => {
      yearRange.undated = undated.checked;
      applyFilters();
    });
    undatedLabel.append(undated, el("span", "undated"));
    box.appendChild(undatedLabel);
    filters.appendChild(box);
  }
  const kindCounts = new Map();
  E.forEach(([, , k]) => kindCounts.set(k, (kindCounts.get(k) || 0) + 1));
  checkboxGroup("kind", "Edges", kindCounts, null, (k) => DATA.edgeKinds[k].label);

  function nodeVisible(n) {
    for (const [key, , get] of facets) if (unchecked[key].has(get(n))) return false;
    if (!n.year) return yearRange.undated;
    if (yearRange.from !== null && n.year < yearRange.from) return false;
    if (yearRange.to !== null && n.year > yearRange.to) return false;
    return true;
  }
  function applyFilters() {
    const nodeChanges = [];
    N.forEach((n, i) => {
      const hide = !nodeVisible(n);
      if (hide !== state.hidden.has(i)) {
        if (hide) state.hidden.add(i);
        else state.hidden.delete(i);
        nodeChanges.push({ id: i, hidden: hide });
      }
    });
    const edgeChanges = [];
    E.forEach(([s, t, k], i) => {
      const hide = unchecked.kind.has(k) || state.hidden.has(s) || state.hidden.has(t);
      if (hide !== state.hiddenEdges.has(i)) {
        if (hide) state.hiddenEdges.add(i);
        else state.hiddenEdges.delete(i);
        edgeChanges.push({ id: i, hidden: hide });
      }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    summarise();
  }
  function resetFilters() {
    for (const set of Object.values(unchecked)) set.clear();
    filters.querySelectorAll("input[type=checkbox]").forEach((cb) => (cb.checked = true));
    yearRange.from = years.length ? Math.min(...years) : null;
    yearRange.to = years.length ? Math.max(...years) : null;
    yearRange.undated = true;
    for (const key of ["from", "to"]) {
      const inp = $("cancu-year-" + key);
      if (inp) inp.value = yearRange[key] === null ? "" : yearRange[key];
    }
    applyFilters();
  }

  /* Legend. */
  const legend = $("cancu-legend");
  const usedLevels = new Set(N.map((n) => n.level));
  legend.appendChild(el("h3", "Colour: level of the issuer"));
  for (const [level] of Object.entries(DATA.levels)) {
    if (!usedLevels.has(level)) continue;
    const row = el("div");
    row.append(levelSwatch(level), el("span", level));
    legend.appendChild(row);
  }
  const GLYPH = { triangle: "▲", diamond: "◆", square: "■", triangleDown: "▼", dot: "●", star: "★", hexagon: "⬢" };
  const usedShapes = new Set(N.map((n) => n.shape));
  legend.appendChild(el("h3", "Shape: type"));
  for (const s of DATA.shapes) {
    if (!usedShapes.has(s.group)) continue;
    const row = el("div");
    row.append(el("span", GLYPH[s.shape] || "●", "cancu-glyph"), el("span", s.label));
    legend.appendChild(row);
  }
  const refRow = el("div");
  refRow.append(el("span", "◌", "cancu-glyph"), el("span", "dashed outline: reference only, not ingested"));
  legend.appendChild(refRow);
  legend.appendChild(el("h3", "Size: times cited or PageRank"));
  legend.appendChild(el("h3", "Edges"));
  for (const [kind, style] of Object.entries(DATA.edgeKinds)) {
    if (!kindCounts.has(kind)) continue;
    const row = el("div");
    const line = el("span", null, "cancu-line");
    line.style.borderTopColor = style.color;
    line.style.borderTopStyle = style.dashes === false || DATA.large ? "solid" : style.dashes[0] <= 2 ? "dotted" : "dashed";
    row.append(line, el("span", style.label));
    legend.appendChild(row);
  }

  function summarise() {
    const count = (type) => N.filter((n) => n.type === type).length;
    const shown = N.length - state.hidden.size;
    let text = count("document") + " documents, " + E.length + " edges";
    if (count("task")) text += ", " + count("task") + " tasks";
    if (count("agency")) text += ", " + count("agency") + " agencies";
    if (state.hidden.size) text += " · showing " + shown + " of " + N.length + " nodes";
    $("cancu-summary").textContent = N.length ? text : "No documents.";
  }
  summarise();

  window.cancu = {
    network,
    highlight,
    clear,
    search,
    setLayout,
    setSize,
    applyFilters,
    resetFilters,
    idsOf: (symbol) => find(symbol),
    highlighted: () =>
      state.chain ? { nodes: [...state.chain.nodes], edges: [...state.chain.edges], tops: state.chain.tops } : null,
    counts: () => ({ nodes: nodes.length, edges: edges.length, data: [N.length, E.length] }),
    hiddenCount: () => state.hidden.size,
  };
  function finish() {
    network.once("afterDrawing", () => {
      window.cancuReadyAt = performance.now();
      document.body.dataset.ready = "1";
    });
    network.fit({ animation: false });
    network.redraw();
  }
  if (DATA.physics) {
    /* A small graph: refine the precomputed layout with a short simulation, then keep it still. */
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      const pos = network.getPositions();
      DATA.layouts.clusters = N.map((_, i) => [pos[i].x, pos[i].y]);
      nodes.update(N.map((_, i) => ({ id: i, x: pos[i].x, y: pos[i].y })));
      finish();
    });
    network.setOptions({ physics: DATA.physics });
    network.stabilize(DATA.physics.stabilization.iterations);
  } else {
    finish();
  }
})();
