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

// The live queue (rules 5 and 6) updates itself: every few seconds the list alone is fetched and swapped in place,
// so nothing moves under a keyboard or screen-reader user the way a full-page refresh would. Without JavaScript the
// page's "Refresh now" link does the same. A changed count is announced once, politely.
(function () {
  "use strict";
  var slot = document.querySelector("[data-live-queue]");
  if (!slot) { return; }
  var every = Math.max(5, parseInt(slot.getAttribute("data-every"), 10) || 20) * 1000;
  var announce = document.getElementById("queue-announce");
  function count(root) {
    var status = root.querySelector("[data-count]");
    return status ? status.getAttribute("data-count") : null;
  }
  var last = count(slot);
  function poll() {
    if (document.hidden) { return; }
    // Someone typing or choosing inside the list keeps what they are doing; the next round catches up.
    if (slot.contains(document.activeElement) && document.activeElement !== document.body) { return; }
    fetch(slot.getAttribute("data-live-queue"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html) { return; }
        slot.innerHTML = html;
        var now = count(slot);
        if (announce && now !== null && now !== last) {
          announce.textContent = now === "1" ? "1 alert waiting." : now + " alerts waiting.";
        }
        last = now;
      })
      .catch(function () { /* the supervisor can still press "Refresh now" */ });
  }
  setInterval(poll, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(); } });
})();
