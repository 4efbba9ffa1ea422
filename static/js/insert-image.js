/*
 * "Insert image" by each Markdown editor (django-markdownx) in the admin.
 *
 * The button opens a small dialog: an image file, its alt text (required) and an optional
 * caption. The file goes to the editor's own upload endpoint (the textarea's
 * data-markdownx-upload-urls-path, the same hardened path markdownx's drop-and-paste
 * uses); the answer's `url` is written into the text at the cursor as
 * ![alt](url "caption"), in a paragraph of its own so the page shows it as a figure.
 * A refused file shows the server's message in the dialog, keeping what was typed.
 *
 * Without JavaScript there is no button (this script makes it): the Images list in the
 * admin uploads the same way and shows the Markdown line to copy.
 */
(function () {
  "use strict";

  var dialog = null;
  var target = null; // the textarea the dialog inserts into

  // The same rule as postbag.images.image_markdown (tests/test_image_admin.py runs both on
  // the same strings): in the alt text, plain text, every character Markdown would read as
  // syntax is escaped; in the caption (the link title, inline Markdown) backslashes and
  // quotes; line breaks become spaces (a blank line would end the paragraph).
  function oneLine(text) {
    return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
  }
  function escapedAlt(text) {
    return oneLine(text)
      .replace(/([\\\[\]*_`<])/g, "\\$1")
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, "\\&");
  }
  function escapedCaption(text) {
    return oneLine(text).replace(/([\\"])/g, "\\$1");
  }

  function imageMarkdown(url, alt, caption) {
    var title = escapedCaption(caption || "");
    return "![" + escapedAlt(alt) + "](" + url + (title ? ' "' + title + '")' : ")");
  }
  window.postbagImageMarkdown = imageMarkdown; // for tests/test_image_admin.py

  function insertAtCursor(textarea, markdown) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    // Blank lines around it: alone in its paragraph, an image with a caption is a figure.
    var prefix = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var suffix = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    textarea.focus();
    textarea.setRangeText(prefix + markdown + suffix, start, end, "end");
    // markdownx refreshes its preview on "input"; so do word counts and change warnings.
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function field(id, label, input, hint) {
    var row = element("div", { class: "insert-image__field" });
    row.appendChild(element("label", { for: id }, label));
    input.id = id;
    row.appendChild(input);
    if (hint) {
      input.setAttribute("aria-describedby", id + "-hint");
      row.appendChild(element("p", { id: id + "-hint", class: "help" }, hint));
    }
    return row;
  }

  function buildDialog() {
    var box = element("dialog", { class: "insert-image", "aria-labelledby": "insert-image-title" });
    var form = element("form", { method: "dialog", class: "insert-image__form" });
    form.appendChild(element("h2", { id: "insert-image-title" }, "Insert image"));
    var error = element("p", { class: "insert-image__error errornote", role: "alert" });
    error.hidden = true;
    form.appendChild(error);
    var file = element("input", {
      type: "file",
      name: "image",
      required: "",
      accept: "image/jpeg,image/png,image/gif,image/webp",
    });
    form.appendChild(field("insert-image-file", "Image file", file, "JPEG, PNG, GIF or WebP."));
    var alt = element("input", { type: "text", name: "alt", required: "", maxlength: "500" });
    form.appendChild(
      field("insert-image-alt", "Alt text", alt, "Describe the image for someone who can't see it.")
    );
    var caption = element("input", { type: "text", name: "caption", maxlength: "500" });
    form.appendChild(
      field("insert-image-caption", "Caption (optional)", caption, "Shown under the image on the page.")
    );
    var buttons = element("div", { class: "insert-image__buttons" });
    var submit = element("button", { type: "submit", class: "default" }, "Upload and insert");
    var cancel = element("button", { type: "button", class: "insert-image__cancel" }, "Cancel");
    buttons.appendChild(submit);
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    box.appendChild(form);
    // Outside the admin's own form: forms can't nest.
    document.body.appendChild(box);

    function showError(message) {
      error.textContent = message;
      error.hidden = false;
    }

    cancel.addEventListener("click", function () {
      box.close();
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity() || !target) return;
      var data = new FormData();
      data.append("image", file.files[0]);
      // Stored with the image too, so the Images list shows what it is.
      data.append("alt", alt.value);
      data.append("caption", caption.value);
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      submit.disabled = true;
      submit.textContent = "Uploading…";
      fetch(target.getAttribute("data-markdownx-upload-urls-path"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": token ? token.value : "",
          "X-Requested-With": "XMLHttpRequest",
        },
      })
        .then(function (response) {
          return response.json().then(
            function (body) {
              return { ok: response.ok, body: body };
            },
            function () {
              return { ok: false, body: {} };
            }
          );
        })
        .then(function (answer) {
          if (answer.ok && answer.body.url) {
            insertAtCursor(target, imageMarkdown(answer.body.url, alt.value, caption.value));
            form.reset();
            error.hidden = true;
            box.close();
          } else {
            showError(
              (answer.body.image || ["The image could not be uploaded. Try another file."]).join(" ")
            );
          }
        })
        .catch(function () {
          showError("The image could not be uploaded: the site did not answer. Try again.");
        })
        .finally(function () {
          submit.disabled = false;
          submit.textContent = "Upload and insert";
        });
    });
    return box;
  }

  function addButtons() {
    document.querySelectorAll(".markdownx").forEach(function (editor) {
      var textarea = editor.querySelector("textarea");
      if (!textarea || !textarea.hasAttribute("data-markdownx-upload-urls-path")) return;
      if (textarea.name.indexOf("__prefix__") !== -1) return; // an inline's empty template
      if (editor.previousElementSibling && editor.previousElementSibling.matches(".insert-image-bar")) {
        return;
      }
      var bar = element("div", { class: "insert-image-bar" });
      bar.appendChild(element("button", { type: "button", class: "insert-image-button" }, "Insert image"));
      editor.parentNode.insertBefore(bar, editor);
    });
  }

  // One listener for every button, including those of inline forms added later.
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".insert-image-button");
    if (!button) return;
    var editor = button.parentNode.nextElementSibling;
    target = editor && editor.querySelector("textarea");
    if (!target) return;
    dialog = dialog || buildDialog();
    dialog.querySelector(".insert-image__error").hidden = true;
    dialog.showModal();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();
