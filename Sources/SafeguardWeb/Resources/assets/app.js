// Suggestions as the call handler types (rule 1). The page works without this: "Find matches" posts the form.
// For each party section, typing in a matching field asks /calls/matches and swaps that party's choices in place.
(function () {
  "use strict";
  var timers = {};
  function refresh(section) {
    var party = section.getAttribute("data-party");
    var params = new URLSearchParams({ party: party });
    section.querySelectorAll("input[data-match]").forEach(function (input) { params.append(input.name, input.value); });
    var slot = section.querySelector(".matches-slot");
    var chosen = section.querySelector("input[type=radio]:checked");
    fetch("/calls/matches?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html) { return; }
        slot.innerHTML = html;
        if (chosen) {
          var again = slot.querySelector("input[value='" + chosen.value.replace(/'/g, "") + "']");
          if (again) { again.checked = true; }
        }
      })
      .catch(function () { /* the handler can still press "Find matches" */ });
  }
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-match")) { return; }
    var section = input.closest("[data-party]");
    if (!section) { return; }
    var party = section.getAttribute("data-party");
    clearTimeout(timers[party]);
    timers[party] = setTimeout(function () { refresh(section); }, 250);
  });
})();
