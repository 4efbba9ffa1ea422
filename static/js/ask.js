/* The ask form, with a little help while writing: a live count of words and characters
   under the letter, and the answered letters most like it, looked up as the reader pauses
   (POSTed to the form's data-url, never in a URL; the server keeps nothing of it). Without
   JavaScript the limit is stated in the field's help and enforced on sending, and "Find
   letters like mine" is a step of the form. */
(function () {
    "use strict";

    var PAUSE_MS = 900;  // a look-up after the reader stops typing this long, not per key
    var MIN_CHANGE = 20;  // ...and only when the letter has changed by this many characters

    function plural(n, one, many) {
        return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many);
    }

    function countWords(text) {
        var words = text.trim().split(/\s+/).filter(Boolean);
        return words.length;
    }

    function startCount(letter) {
        var max = Number(letter.dataset.maxLength) || 0;  // no maxlength: it would cut a paste short
        var count = document.createElement("p");
        count.className = "field__count";
        count.id = letter.id + "_count";
        letter.insertAdjacentElement("afterend", count);
        var described = letter.getAttribute("aria-describedby");
        letter.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);

        function update() {
            var text = letter.value.trim();
            var words = countWords(text);
            var said = plural(words, "word", "words") + " · " + text.length.toLocaleString("en-GB");
            if (max) {
                said += " of " + max.toLocaleString("en-GB") + " characters";
                if (text.length > max) {
                    said += ": " + plural(text.length - max, "character", "characters") + " too many";
                }
            } else {
                said += " characters";
            }
            count.textContent = said;
            count.classList.toggle("field__count--over", max > 0 && text.length > max);
        }
        letter.addEventListener("input", update);
        update();
    }

    function startLettersLike(form, letter, section) {
        var url = section.dataset.url;
        var results = document.getElementById("letters-like-results");
        var token = form.elements.namedItem("csrfmiddlewaretoken");
        if (!url || !results || !token) {
            return;
        }
        // Beside the letter, where the reader is looking, rather than after the form; the
        // list now follows the letter by itself, and the button would become the form's
        // first (the one Enter presses), so it goes.
        var find = section.querySelector(".letters-like__find");
        if (find) {
            find.remove();
        }
        letter.closest(".field").insertAdjacentElement("afterend", section);
        var timer = null;
        var asked = "";
        var pending = null;

        function ask() {
            var text = letter.value.trim();
            if (Math.abs(text.length - asked.length) < MIN_CHANGE && text.slice(0, 40) === asked.slice(0, 40)) {
                return;
            }
            asked = text;
            if (pending) {
                pending.abort();
            }
            pending = new AbortController();
            var body = new FormData();
            body.append("csrfmiddlewaretoken", token.value);
            body.append("letter", text);
            fetch(url, {method: "POST", body: body, credentials: "same-origin", signal: pending.signal})
                .then(function (response) {
                    return response.ok || response.status === 429 ? response.text() : null;
                })
                .then(function (html) {
                    if (html !== null) {
                        results.innerHTML = html;
                    }
                })
                .catch(function () {});  // offline or aborted: the button still works
        }

        letter.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, PAUSE_MS);
        });
        if (letter.value.trim() && !results.textContent.trim()) {
            ask();
        }
    }

    function start() {
        var form = document.getElementById("ask-form");
        var letter = form && form.elements.namedItem("letter");
        if (!letter) {
            return;
        }
        startCount(letter);
        var section = document.getElementById("letters-like");
        if (section) {
            startLettersLike(form, letter, section);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
