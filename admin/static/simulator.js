// The phone simulator: a USSD session kept here (session id + inputs so far), each step posted to the staff app,
// which hands the gateway's fields to the real /ussd endpoint. Text goes in with textContent only: never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("simulator");
  if (!root) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var screenText = document.getElementById("screen-text");
  var input = document.getElementById("screen-input");
  var numberField = document.getElementById("msisdn");
  var inbox = document.getElementById("inbox");
  var session = null; // {id, inputs: []} while a USSD session is open

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    var actAsReal = document.getElementById("act-as-real");
    if (actAsReal && actAsReal.checked) body.set("act_as_real", "1");
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
        return data;
      });
    });
  }

  function show(text) {
    screenText.textContent = text;
    document.getElementById("screen-number").textContent = numberField.value;
  }

  function hangUp(message) {
    session = null;
    root.classList.remove("in-session");
    input.value = root.dataset.ussdCode;
    if (message) show(message);
  }

  function step(text) {
    return post(root.dataset.ussdUrl, { msisdn: numberField.value, session_id: session.id, text: text })
      .then(function (data) {
        var reply = data.reply || "";
        if (reply.indexOf("CON ") === 0 || reply === "CON") {
          show(reply.slice(4));
          input.value = "";
          input.focus();
        } else {
          hangUp(reply.indexOf("END ") === 0 ? reply.slice(4) : reply);
          root.classList.add("session-ended");
        }
        refreshInbox();
      })
      .catch(function (error) {
        hangUp("Network error: " + error.message);
      });
  }

  function call() {
    root.classList.remove("session-ended");
    if (session === null) {
      if (input.value.trim() !== root.dataset.ussdCode) {
        show("Dial " + root.dataset.ussdCode + " to open the menu.");
        return;
      }
      session = { id: "SIM" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8), inputs: [] };
      root.classList.add("in-session");
      show("Running USSD code…");
      return step("");
    }
    session.inputs.push(input.value.trim());
    return step(session.inputs.join("*"));
  }

  function refreshInbox() {
    var url = root.dataset.inboxUrl + "?msisdn=" + encodeURIComponent(numberField.value);
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        inbox.textContent = "";
        data.messages.forEach(function (message) {
          var item = document.createElement("li");
          item.className = "sms sms-" + message.status;
          var meta = document.createElement("small");
          meta.textContent = message.at + " · " + message.kind + " · " + message.status;
          var body = document.createElement("div");
          body.className = "sms-text";
          body.textContent = message.text;
          item.appendChild(body);
          item.appendChild(meta);
          inbox.appendChild(item);
        });
        if (!data.messages.length) {
          var none = document.createElement("li");
          none.className = "text-muted";
          none.textContent = "No SMS for this number yet.";
          inbox.appendChild(none);
        }
      });
  }

  document.getElementById("key-call").addEventListener("click", call);
  document.getElementById("key-end").addEventListener("click", function () { hangUp("Call ended."); });
  document.getElementById("key-clear").addEventListener("click", function () {
    input.value = input.value.slice(0, -1);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); call(); }
  });
  root.querySelectorAll("[data-key]").forEach(function (key) {
    key.addEventListener("click", function () { input.value += key.dataset.key; input.focus(); });
  });
  root.querySelectorAll("[data-number]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      numberField.value = link.dataset.number === "new"
        ? "+8559770" + String(Math.floor(10000 + Math.random() * 89999))
        : link.dataset.number;
      hangUp("Dial " + root.dataset.ussdCode + " and press the green key.");
      refreshInbox();
    });
  });
  numberField.addEventListener("change", function () { hangUp(); refreshInbox(); });
  document.getElementById("sms-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var status = document.getElementById("sms-status");
    var text = document.getElementById("sms-text");
    status.textContent = "Sending…";
    post(root.dataset.smsUrl, { msisdn: numberField.value, text: text.value })
      .then(function () { status.textContent = "Sent."; text.value = ""; return refreshInbox(); })
      .catch(function (error) { status.textContent = error.message; });
  });
  setInterval(refreshInbox, 3000); // replies are queued and sent by the worker, so they arrive a moment later
  show(screenText.textContent);
  refreshInbox();
})();
