/* Nothing typed is lost: a letter's or article's change form asks before the page is left
   with unsaved changes, and every few seconds (30 by default: data-autosave-seconds)
   posts its text fields, when they changed, to the autosave endpoint, which keeps them as
   a draft revision without saving the piece (postbag.revision_admin). The add form has no
   endpoint: it only asks before leaving. Without JavaScript nothing of this runs, and the
   form saves as it always has. */
(function () {
    "use strict";

    function start() {
        var config = document.getElementById("autosave-config");
        if (!config) {
            return;
        }
        var form = config.closest("form");
        var names = config.dataset.autosaveFields.split(" ").filter(Boolean);
        var url = config.dataset.autosaveUrl;
        var seconds = Number(config.dataset.autosaveSeconds) || 30;
        var status = document.getElementById("autosave-status");
        var submitting = false;
        var touched = false;  // another control (status, themes, a date) was changed by hand

        function texts() {
            var values = {};
            names.forEach(function (name) {
                var field = form.elements.namedItem(name);
                values[name] = field && "value" in field ? field.value : "";
            });
            return values;
        }

        // A form sent back with errors shows what was typed, not what is stored: it counts
        // as changed from the start, and its text is worth a draft.
        var refused = Boolean(form.querySelector(".errornote, .errorlist"));
        var saved = JSON.stringify(texts());
        var drafted = refused ? null : saved;
        touched = refused;

        form.addEventListener("change", function (event) {
            if (event.isTrusted && names.indexOf(event.target.name) === -1) {
                touched = true;
            }
        });
        form.addEventListener("submit", function (event) {
            submitting = true;
            // Another script may stop this submit (to ask something first): then leaving
            // must still ask. Its answer is known once every listener has run.
            window.setTimeout(function () {
                submitting = !event.defaultPrevented;
            }, 0);
        });
        window.addEventListener("beforeunload", function (event) {
            if (submitting || (!touched && JSON.stringify(texts()) === saved)) {
                return;
            }
            event.preventDefault();
            event.returnValue = "";  // older browsers need a value to ask
        });

        if (!url) {
            return;
        }
        var sending = false;

        function say(words, failed) {
            if (status) {
                status.textContent = words;
                status.classList.toggle("autosave-failed", Boolean(failed));
            }
        }

        function autosave() {
            var now = texts();
            var snapshot = JSON.stringify(now);
            if (sending || snapshot === drafted) {
                return;
            }
            var body = new FormData();
            body.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
            names.forEach(function (name) {
                if (form.elements.namedItem(name)) {
                    body.append(name, now[name]);
                }
            });
            sending = true;
            fetch(url, { method: "POST", body: body, credentials: "same-origin" })
                .then(function (response) {
                    // A refusal that isn't ours (a CSRF failure, a body too large) is a page.
                    return response.json().catch(function () {
                        return {};
                    }).then(function (answer) {
                        if (!response.ok) {
                            throw new Error(answer.error || "the server said no");
                        }
                        drafted = snapshot;
                        if (answer.saved) {
                            say("Draft saved " + answer.time);
                        }
                    });
                })
                .catch(function (error) {
                    var reason = error instanceof TypeError ? "no connection" : error.message;
                    say("Draft not saved (" + reason + "): it will be tried again.", true);
                })
                .finally(function () {
                    sending = false;
                });
        }

        window.setInterval(autosave, seconds * 1000);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
