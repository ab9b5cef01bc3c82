// Set up before the widget manager (embed-amd.js) and MathJax load.
(function () {
  // Where RequireJS finds the widget front ends the notebooks use: beside this
  // file. anywidget's is its PyPI package's own (nbextension/index.js); the one
  // for matplotlib canvases is the site's stand-in, which shows a picture.
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.require.config({
    paths: {
      "anywidget": here + "anywidget",
      "jupyter-matplotlib": here + "jupyter-matplotlib",
      // Not loaded (embed-amd.js defines them) but the folder their styles take
      // their fonts from.
      "@jupyter-widgets": here + "jupyter-widgets",
    },
  });

  // ipywidgets typesets a widget's label with MathJax 2's `MathJax.Hub.Queue`
  // whenever a `MathJax` exists; the site serves MathJax 3, which has no Hub.
  // This Hub typesets with MathJax 3, once it has started.
  var pending = [];
  var hub = {
    Queue: function (job) {
      var element = job && job[2];
      if (!element) return;
      if (window.MathJax && window.MathJax.typesetPromise) {
        window.MathJax.typesetPromise([element]).catch(function () {});
      } else {
        pending.push(element);
      }
    },
  };
  // Added to the page's MathJax settings (Sphinx's come first), not in their place.
  var settings = window.MathJax || {};
  settings.Hub = hub;
  settings.startup = Object.assign({}, settings.startup, {
    ready: function () {
      window.MathJax.startup.defaultReady();
      window.MathJax.Hub = hub;
      window.MathJax.startup.promise.then(function () {
        if (pending.length) return window.MathJax.typesetPromise(pending.splice(0));
      });
    },
  });
  window.MathJax = settings;
})();
