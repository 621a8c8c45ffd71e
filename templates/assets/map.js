/* Pan and zoom for the Trellis network map. The map is a plain SVG and reads without
   this script; with it, drag to pan, scroll or use the buttons to zoom. It re-attaches
   on every page material's instant navigation loads (document$), and once otherwise. */
(function () {
  "use strict";

  function setup(figure) {
    var svg = figure.querySelector("svg.trellis-map__svg");
    if (!svg || figure.getAttribute("data-trellis-ready")) return;
    figure.setAttribute("data-trellis-ready", "1");
    var box = svg.viewBox.baseVal;
    var home = { x: box.x, y: box.y, w: box.width, h: box.height };
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };

    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(1); }).join(" "));
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(Math.max(view.w * factor, home.w / 40), home.w * 1.5);
      var f = w / view.w;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) * f;
      view.y = cy - (cy - view.y) * f;
      view.w *= f;
      view.h *= f;
      apply();
    }
    function at(evt) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (evt.clientX - r.left) / r.width * view.w, y: view.y + (evt.clientY - r.top) / r.height * view.h };
    }

    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var p = at(evt);
      zoom(evt.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });

    var drag = null, dragged = false;
    svg.addEventListener("pointerdown", function (evt) {
      if (evt.button !== 0) return;
      drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
      dragged = true;
      view.x = drag.vx - dx / r.width * view.w;
      view.y = drag.vy - dy / r.height * view.h;
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    // a node with a page opens it on click or Enter; a drag that ends on a node is no click
    function follow(node) {
      window.location.assign(new URL(node.getAttribute("data-href"), window.location.href).href);
    }
    svg.addEventListener("click", function (evt) {
      if (dragged) { evt.preventDefault(); evt.stopPropagation(); dragged = false; return; }
      var node = evt.target.closest && evt.target.closest("[data-href]");
      if (node) follow(node);
    }, true);
    svg.addEventListener("keydown", function (evt) {
      var node = evt.target.closest && evt.target.closest("[data-href]");
      if (node && (evt.key === "Enter" || evt.key === " ")) { evt.preventDefault(); follow(node); }
    });

    // a label beside the pointer (or the focused node), read from the node's <title>
    var tip = document.createElement("div");
    tip.className = "trellis-map__tip";
    tip.setAttribute("role", "status");
    tip.hidden = true;
    figure.appendChild(tip);
    function show(node, x, y) {
      var title = node.querySelector("title");
      if (!title) return;
      var box = figure.getBoundingClientRect();
      tip.textContent = title.textContent;
      tip.style.left = (x - box.left + 12) + "px";
      tip.style.top = (y - box.top + 12) + "px";
      tip.hidden = false;
    }
    svg.addEventListener("pointerover", function (evt) {
      var node = evt.target.closest && evt.target.closest(".trellis-map__node");
      if (node) show(node, evt.clientX, evt.clientY); else tip.hidden = true;
    });
    svg.addEventListener("pointerleave", function () { tip.hidden = true; });
    svg.addEventListener("focusin", function (evt) {
      var node = evt.target.closest && evt.target.closest(".trellis-map__node");
      if (!node) return;
      var r = node.getBoundingClientRect();
      show(node, r.right, r.top);
    });
    svg.addEventListener("focusout", function () { tip.hidden = true; });

    var controls = document.createElement("div");
    controls.className = "trellis-map__controls";
    [["+", "Zoom in", function () { zoom(1 / 1.4); }],
     ["\u2212", "Zoom out", function () { zoom(1.4); }],
     ["\u21ba", "Reset the view", function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    figure.insertBefore(controls, svg);
    figure.classList.add("trellis-map--interactive");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-trellis-map]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
