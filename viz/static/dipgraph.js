// dipgraph network page: draws the embedded view with vis-network and fills the side panel.
// Every string from the data goes into the page through textContent, never as HTML.
(function () {
  "use strict";

  var ARTICLE_URL = "/api/v1/articles/";
  var ACTOR_PAGE = "/viz/actor/";
  var state = { firstDrawMs: null, stabilizationMs: null, settledMs: null, network: null, ready: false };
  window.dipgraph = state;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(text, href) {
    var a = el("a", text);
    a.setAttribute("href", href);
    return a;
  }

  function field(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(el("dt", name));
    list.appendChild(el("dd", value));
  }

  function readData() {
    var holder = document.getElementById("view-data");
    return holder ? JSON.parse(holder.textContent) : { network: null, view: null };
  }

  function index(items) {
    var byId = {};
    items.forEach(function (item) { byId[item.id] = item; });
    return byId;
  }

  function nodeTooltip(node) {
    var box = el("div", null, "tip");
    box.appendChild(el("strong", node.name));
    box.appendChild(el("div", node.type + " · " + node.articles + " articles · degree " + node.degree));
    return box;
  }

  function edgeTooltip(edge, nodes) {
    var box = el("div", null, "tip");
    var src = nodes[edge.source], dst = nodes[edge.target];
    box.appendChild(el("strong", src.name + " " + edge.type + " " + dst.name));
    var first = edge.evidences[0];
    if (first) box.appendChild(el("div", (first.date || "undated") + " · " + first.modality));
    if (edge.evidences.length > 1) box.appendChild(el("div", edge.evidences.length + " evidences"));
    return box;
  }

  function clearPanel() {
    var panel = document.getElementById("panel");
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    return panel;
  }

  function showNode(node, view, nodes) {
    var panel = clearPanel();
    panel.appendChild(el("h2", node.name, "panel-title"));
    var facts = el("dl");
    field(facts, "Type", node.type);
    field(facts, "Articles", node.articles);
    field(facts, "Degree", node.degree);
    field(facts, "Id", node.id);
    panel.appendChild(facts);
    panel.appendChild(link("Ego network of this actor", ACTOR_PAGE + encodeURIComponent(node.id)));
    var list = el("ul", null, "relations");
    view.edges.forEach(function (edge) {
      if (edge.source !== node.id && edge.target !== node.id) return;
      var other = nodes[edge.source === node.id ? edge.target : edge.source];
      var arrow = !edge.directed ? " – " : edge.source === node.id ? " → " : " ← ";
      list.appendChild(el("li", edge.type + arrow + other.name + " (" + edge.evidences.length + ")"));
    });
    panel.appendChild(list);
  }

  function evidenceItem(ev) {
    var item = el("li", null, "evidence");
    var facts = el("dl");
    field(facts, "Date", ev.date || "undated");
    field(facts, "Place", ev.place);
    field(facts, "Modality", ev.modality);
    field(facts, "According to", ev.attributed_to);
    field(facts, "Confidence", ev.confidence.toFixed(2));
    item.appendChild(facts);
    item.appendChild(el("blockquote", ev.evidence));
    if (ev.article_id) {
      item.appendChild(link(ev.article_title || ev.article_id, ARTICLE_URL + encodeURIComponent(ev.article_id)));
    }
    return item;
  }

  function showEdge(edge, nodes) {
    var panel = clearPanel();
    var src = nodes[edge.source], dst = nodes[edge.target];
    panel.appendChild(el("h2", src.name + " " + edge.type + " " + dst.name, "panel-title"));
    panel.appendChild(el("p", edge.evidences.length + " evidence" + (edge.evidences.length === 1 ? "" : "s")));
    var list = el("ol", null, "evidences");
    edge.evidences.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
    panel.appendChild(list);
  }

  function visData(network, view) {
    var nodes = index(view.nodes), edges = index(view.edges);
    network.nodes.forEach(function (n) { n.title = nodeTooltip(nodes[n.id]); });
    network.edges.forEach(function (e) { e.title = edgeTooltip(edges[e.id], nodes); });
    return { nodes: new vis.DataSet(network.nodes), edges: new vis.DataSet(network.edges) };
  }

  function onClick(params, view) {
    var nodes = index(view.nodes), edges = index(view.edges);
    if (params.nodes.length) showNode(nodes[params.nodes[0]], view, nodes);
    else if (params.edges.length) showEdge(edges[params.edges[0]], nodes);
  }

  function watchTimes(network, physics) {
    network.once("afterDrawing", function () {
      state.firstDrawMs = performance.now();
      if (!physics) state.settledMs = state.firstDrawMs;
    });
    if (!physics) return;
    // The stabilization pass draws nothing and converges fast; once it ends, stop the
    // simulation so the view holds still (dragging a node restarts it). Animating the rest
    // costs a full redraw per physics tick, which took minutes at 200 nodes.
    // Settled: the first frame drawn after that, which no later tick changes.
    network.once("stabilizationIterationsDone", function () {
      state.stabilizationMs = performance.now();
      network.stopSimulation();
      network.once("afterDrawing", function () { state.settledMs = performance.now(); });
      network.redraw();
    });
  }

  function draw(data) {
    var container = document.getElementById("network");
    if (state.network) { state.network.destroy(); state.network = null; }
    var empty = document.getElementById("empty");
    var drawable = data.network && data.view && data.view.nodes.length && container;
    if (empty) empty.hidden = !!drawable;
    if (!drawable) {
      state.ready = true;
      return;
    }
    state.firstDrawMs = null;
    var legend = document.getElementById("legend");
    if (legend) legend.hidden = false;
    var network = new vis.Network(container, visData(data.network, data.view), data.network.options);
    state.network = network;
    state.view = data.view;
    watchTimes(network, data.view.physics);
    network.on("click", function (params) { onClick(params, data.view); });
    // Hooks for tests and the bench: select a node or show an edge as a click would.
    state.select = function (id) {
      network.selectNodes([id]);
      onClick({ nodes: [id], edges: [] }, data.view);
    };
    state.showEdge = function (id) { onClick({ nodes: [], edges: [id] }, data.view); };
    state.ready = true;
  }

  // The Cypher page runs nothing on load: its form posts the query as JSON (which no <img>,
  // link or cross-site form can send) and draws the answer.
  function setText(id, text) {
    var node = document.getElementById(id);
    if (!node) {
      node = el("p", null, id === "message" ? "message" : "counts");
      node.id = id;
      document.getElementById("heading").insertAdjacentElement("afterend", node);
    }
    node.textContent = text || "";
    node.hidden = !text;
  }

  function formQuery(form) {
    var checked = function (name) {
      return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (box) { return box.value; });
    };
    return {
      query: form.querySelector("textarea[name=q]").value,
      type: checked("type"),
      modality: checked("modality"),
      date_from: form.querySelector("input[name=date_from]").value || null,
      date_to: form.querySelector("input[name=date_to]").value || null,
      size: form.querySelector("select[name=size]").value
    };
  }

  function runCypher(event) {
    event.preventDefault();
    state.ready = false;
    setText("message", "Running…");
    fetch("/viz/cypher.json", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(formQuery(event.target)),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok) {
        setText("message", answer.body.error ? answer.body.error.message : "The query failed.");
        setText("counts", "");
        draw({ network: null, view: null });
        return;
      }
      setText("message", answer.body.message);
      setText("counts", answer.body.counts);
      draw(answer.body);
    }).catch(function () {
      setText("message", "The server did not answer.");
      state.ready = true;
    });
  }

  function start() {
    var form = document.getElementById("filters");
    if (document.body.classList.contains("kind-cypher") && form) {
      form.addEventListener("submit", runCypher);
    }
    draw(readData());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
