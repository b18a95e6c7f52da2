// The invitation's code travels in the URL's fragment, which no server
// sees: read it, post it once, and drop it from the address bar.
"use strict";
(function () {
  const form = document.getElementById("join");
  const code = document.getElementById("code");
  const message = document.getElementById("join-message");

  async function join() {
    const body = { code: code.value.trim(), csrf: document.getElementById("csrf").value };
    let reply;
    try {
      reply = await fetch("/api/join", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
    } catch (e) {
      message.textContent = e.message;
      return;
    }
    if (reply.ok) {
      location.replace("/");
      return;
    }
    const data = await reply.json().catch(() => ({}));
    message.textContent = data.error || reply.statusText;
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); join(); });
  function fromHash() {
    if (location.hash.length <= 1) return;
    code.value = decodeURIComponent(location.hash.substring(1));
    history.replaceState(null, "", "/join");
    join();
  }
  // a second link opened in the same tab changes only the fragment
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
