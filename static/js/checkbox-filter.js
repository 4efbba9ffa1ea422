/* The filter box above a SectionedCheckboxes list (postbag/admin_widgets.py): shown only
   when this script runs (without it the whole list is there to tick); typing hides the
   choices whose label doesn't contain what she typed, and sections left with none. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFC").toLocaleLowerCase().trim();
  }

  function start(list) {
    var filter = list.querySelector(".sectioned-checkboxes__filter");
    var none = list.querySelector(".sectioned-checkboxes__none");
    var box = filter.querySelector("input");
    filter.hidden = false;
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // Enter filters; it doesn't save.
    });
    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      var shown = 0;
      list.querySelectorAll(".sectioned-checkboxes__group").forEach(function (group) {
        var inGroup = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var match = fold(item.textContent).indexOf(wanted) !== -1;
          item.hidden = !match;
          if (match) inGroup += 1;
        });
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      none.hidden = shown !== 0;
    });
  }

  function startAll() {
    document.querySelectorAll(".sectioned-checkboxes").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
