/*
 * groklab's figure renderer for JupyterLab 4 and Notebook 7: a prebuilt ("federated") mime
 * extension, written by hand so that it needs no JupyterLab build tools. JupyterLab loads this file
 * with a script tag, calls init(shareScope) with the modules it shares, then get("./mimeExtension").
 *
 * It renders `application/vnd.groklab.plotly+json`, which every groklab figure carries: the figure
 * itself while a live figure is training, or {} with the figure in the same bundle's
 * application/vnd.plotly.v1+json. Unlike plotly's own renderer, it redraws on update_display_data
 * (Plotly.react), so a live figure follows its run. It is "safe" (it runs no code from the
 * notebook), so untrusted notebooks show interactive figures too. plotly.js is loaded once, from
 * this extension's own static folder, where scripts/setup.sh copies it.
 */
var _JUPYTERLAB;
(function () {
  "use strict";
  var NAME = "groklab-plotly";
  var MIME = "application/vnd.groklab.plotly+json";
  var PLOTLY_MIME = "application/vnd.plotly.v1+json";
  var script = document.currentScript;
  var staticUrl = script && script.src ? script.src.replace(/[^/]*$/, "") : "";
  var shareScope;
  var plotlyPromise;

  /** plotly.js, loaded once from this extension's folder (or the page's own, when it has one). */
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        var define = window.define;
        window.define = undefined; // a UMD wrapper must set window.Plotly, not register an AMD module
        s.src = staticUrl + "plotly.min.js";
        s.onload = function () {
          window.define = define;
          if (window.Plotly) resolve(window.Plotly);
          else reject(new Error(NAME + ": plotly.min.js loaded but set no window.Plotly"));
        };
        s.onerror = function () {
          window.define = define;
          plotlyPromise = undefined;
          reject(new Error(NAME + ": could not load " + s.src + " (run npm run setup in the groklab folder)"));
        };
        document.head.appendChild(s);
      });
    }
    return plotlyPromise;
  }

  /** The figure of an output bundle: in groklab's own entry (live frames) or plotly's. */
  function figureOf(data) {
    var own = data[MIME];
    if (own && own.figure) return own.figure;
    return data[PLOTLY_MIME];
  }

  /** The newest version of a module JupyterLab shares. */
  function sharedModule(name) {
    var versions = shareScope && shareScope[name];
    var keys = versions ? Object.keys(versions) : [];
    if (keys.length === 0) return Promise.reject(new Error(NAME + ": JupyterLab shares no " + name));
    keys.sort(function (a, b) {
      var x = a.split(/[.-]/).map(Number);
      var y = b.split(/[.-]/).map(Number);
      for (var i = 0; i < 3; i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0);
      return 0;
    });
    return Promise.resolve(versions[keys[keys.length - 1]].get()).then(function (factory) {
      return typeof factory === "function" ? factory() : factory;
    });
  }

  function makeExtension(widgets) {
    var Widget = widgets.Widget;

    class GroklabPlotly extends Widget {
      constructor() {
        super();
        this.addClass("groklab-plotly-output");
        this.node.style.width = "100%";
      }

      renderModel(model) {
        var figure = figureOf(model.data);
        var node = this.node;
        if (!figure || !Array.isArray(figure.data)) {
          node.textContent = "groklab: this output holds no figure";
          return Promise.resolve();
        }
        // plotly.js writes into the objects it is given; the model's data stays as it was.
        figure = JSON.parse(JSON.stringify(figure));
        var layout = figure.layout || {};
        node.style.minHeight = (typeof layout.height === "number" ? layout.height : 450) + "px";
        var config = Object.assign({ responsive: true }, figure.config || {});
        return loadPlotly().then(
          function (Plotly) {
            return Plotly.react(node, figure.data, layout, config).then(function () {
              node.setAttribute("data-groklab-draws", String(Number(node.getAttribute("data-groklab-draws") || 0) + 1));
            });
          },
          function (err) {
            node.textContent = String(err && err.message ? err.message : err);
          },
        );
      }

      onAfterAttach() {
        this.resize();
      }

      onAfterShow() {
        this.resize();
      }

      onResize() {
        this.resize();
      }

      resize() {
        if (window.Plotly && this.node._fullLayout && this.isVisible) window.Plotly.Plots.resize(this.node);
      }

      dispose() {
        if (window.Plotly && this.node._fullLayout) window.Plotly.purge(this.node);
        super.dispose();
      }
    }

    return [
      {
        id: "groklab-plotly:renderer",
        description: "Draws groklab's figures with plotly.js, live figures included.",
        rendererFactory: {
          safe: true,
          mimeTypes: [MIME],
          createRenderer: function () {
            return new GroklabPlotly();
          },
        },
        // before plotly's own renderer (rank 2) and HTML (50): it handles updates
        rank: 1,
        dataType: "json",
      },
    ];
  }

  _JUPYTERLAB = window._JUPYTERLAB = window._JUPYTERLAB || {};
  _JUPYTERLAB[NAME] = {
    init: function (scope) {
      shareScope = scope;
      return Promise.resolve();
    },
    get: function (module) {
      if (module !== "./mimeExtension") {
        return Promise.reject(new Error(NAME + ': module "' + module + '" does not exist in container'));
      }
      return sharedModule("@lumino/widgets").then(function (widgets) {
        var extension = makeExtension(widgets);
        return function () {
          return { __esModule: true, default: extension };
        };
      });
    },
  };
})();
