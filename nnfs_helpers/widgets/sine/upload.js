// The app's "upload a fit" button: a plain button that opens the browser's file dialog and
// sends the chosen file's bytes to the kernel (UploadButton in keeping.py). ipywidgets'
// FileUpload writes how many files it holds after its label, "(0)" once a fit is read.
// Loaded by UploadButton as an anywidget ES module; no build step.

function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-widgets jupyter-button widget-button";
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const show = () => {
    button.textContent = model.get("description");
    button.disabled = model.get("disabled");
    input.accept = model.get("accept");
  };
  button.addEventListener("click", () => {
    input.value = "";  // the same file chosen again is read again
    input.click();
  });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const content = await file.arrayBuffer();
    model.send({ kind: "upload", name: file.name }, undefined, [content]);
  });
  model.on("change", show);
  show();
  el.append(button, input);
  return () => model.off("change", show);
}

export default { render };
