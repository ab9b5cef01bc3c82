// The site's stand-in for ipympl's front end (module "jupyter-matplotlib").
// A matplotlib canvas is drawn by the kernel, and the notebooks store no
// picture of it; the site's build draws one from the explorer cell's code
// (site/series.py) and this view shows it where the canvas was.
define(["@jupyter-widgets/base", "module"], function (base, module) {
  "use strict";
  var pictures = module.uri.replace(/widgets\/[^/]*$/, "explorers/");

  class MPLCanvasModel extends base.DOMWidgetModel {}

  class MPLCanvasView extends base.DOMWidgetView {
    render() {
      this.el.classList.add("site-explorer-picture");
      var img = document.createElement("img");
      img.src = pictures + this.model.model_id + ".png";
      img.alt = "the explorer's plot as the notebook opens it";
      this.el.appendChild(img);
    }
  }

  class ToolbarModel extends base.DOMWidgetModel {}

  class ToolbarView extends base.DOMWidgetView {
    render() {
      this.el.hidden = true;
    }
  }

  return { MPLCanvasModel, MPLCanvasView, ToolbarModel, ToolbarView };
});
