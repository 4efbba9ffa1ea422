/* The Markdown editors in the admin (postbag/admin_widgets.py CountedMarkdownxWidget):
   - the word count under each editor, and the column's length under the reply, kept up to
     date as she types (the server wrote them on page load: this only refreshes them);
   - the preview, side by side with the text at >= 1200px (admin-editor.css), scrolled to
     the part of the text where the caret is, so what she types stays in view.
   countWords is the rule of postbag/words.py, pattern for pattern: keep them in step
   (tests/test_editor_layout.py runs both on the same strings). */
(function () {
  "use strict";

  var MARKUP = [
    [/!\[[^\]]*\]\([^)]*\)/g, " "],
    [/\[([^\]]*)\]\([^)]*\)/g, "$1"],
    [/\[([^\]]*)\]\[[^\]]*\]/g, "$1"],
    [/^ {0,3}\[[^\]]+\]:.*$/gm, " "],
    [/<[^>\n]*>/g, " "],
    [/(?:https?:\/\/|www\.)\S+/g, " "],
    [/&#?\w+;/g, " "]
  ];
  var WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;

  function countWords(markdown) {
    var text = markdown || "";
    MARKUP.forEach(function (rule) { text = text.replace(rule[0], rule[1]); });
    return (text.match(WORD) || []).length;
  }

  function wordsPhrase(count) {
    return count === 1 ? "1 word" : count + " words";
  }

  window.postbagCountWords = countWords;

  function refreshCounts() {
    document.querySelectorAll("[data-word-count-of]").forEach(function (line) {
      var editor = document.getElementById(line.dataset.wordCountOf);
      if (editor) line.textContent = wordsPhrase(countWords(editor.value));
    });
    document.querySelectorAll("[data-column-length-of]").forEach(function (line) {
      var count = 0;
      line.dataset.columnLengthOf.split(" ").forEach(function (id) {
        var editor = document.getElementById(id);
        if (editor) count += countWords(editor.value);
      });
      var low = Number(line.dataset.low), high = Number(line.dataset.high);
      var state = count < low ? "under" : count > high ? "over" : "within";
      var sentence = "Letter and reply: " + wordsPhrase(count) +
        " \u2014 the column aims for " + low + "\u2013" + high + ".";
      if (state !== "within") sentence += " " + line.dataset[state];
      line.textContent = sentence;
      line.className = "column-length column-length--" + state;
    });
  }

  // The preview shows the same share of itself as the text before the caret is of the text.
  function followCaret(editor) {
    var box = editor.closest(".markdownx");
    var preview = box && box.querySelector(".markdownx-preview");
    if (!preview || preview.scrollHeight <= preview.clientHeight) return;
    var before = editor.value.slice(0, editor.selectionStart).split("\n").length - 1;
    var lines = Math.max(1, editor.value.split("\n").length - 1);
    preview.scrollTop = (before / lines) * (preview.scrollHeight - preview.clientHeight);
  }

  function start() {
    document.querySelectorAll(".counted-markdownx textarea").forEach(function (editor) {
      ["input", "keyup", "click"].forEach(function (type) {
        editor.addEventListener(type, function () { followCaret(editor); });
      });
      editor.addEventListener("input", refreshCounts);
      // markdownx fills the preview a moment after the typing: follow again then.
      editor.closest(".markdownx").addEventListener("markdownx.update", function () {
        followCaret(editor);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
