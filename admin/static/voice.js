// The voice simulator: one call at a time. Each answer of the real /voice endpoint is shown as the prompts it
// plays (id and text) or the text it reads; the flow's state comes back with it and goes out with the next keys.
// Text goes in with textContent only: never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("voice-simulator");
  if (!root) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var numberField = document.getElementById("voice-msisdn");
  var input = document.getElementById("voice-input");
  var log = document.getElementById("voice-log");
  var status = document.getElementById("voice-status");
  var keysShown = document.getElementById("voice-keys");
  var ringing = document.getElementById("voice-ringing");
  var call = null; // {token, direction, state, collect} while a call is up: the token names the call, signed

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    var actAsReal = document.getElementById("voice-act-as-real");
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

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showTurn(data, pressed) {
    var turn = element("li", "turn");
    if (pressed !== null) turn.appendChild(element("div", "pressed", pressed === "" ? "(no key)" : "pressed " + pressed));
    data.said.forEach(function (item) {
      var line = element("div", "said");
      if (item.kind === "play") {
        line.appendChild(element("code", "", "recording " + item.language + "/" + item.prompt));
        line.appendChild(element("span", "", "▶ " + item.text));
      } else {
        line.appendChild(element("code", "", "voice " + item.voice + " (" + item.language + ")"));
        line.appendChild(element("span", "", item.text));
      }
      turn.appendChild(line);
    });
    if (data.rejected) {
      turn.appendChild(element("div", "text-muted", "(missed call: rejected at once, free for the caller; no voice or recordings speak their language)"));
      if (data.sms) turn.appendChild(element("div", "said", "SMS sent instead: " + data.sms));
    }
    turn.appendChild(element("div", "text-muted small", data.ended ? "(the call hangs up)" :
      data.collect === "key" ? "(waiting for one key)" : "(waiting for a number, then #)"));
    log.appendChild(turn);
    turn.scrollIntoView({ block: "nearest" });
  }

  function took(data, pressed) {
    showTurn(data, pressed);
    if (data.ended) {
      call = null;
      status.textContent = "ended";
      keysShown.textContent = "Call ended. Press the green key to call again.";
    } else {
      call = { token: data.call, direction: data.direction, state: data.state, collect: data.collect };
      status.textContent = data.direction === "Outbound" ? "answered" : "in call";
      keysShown.textContent = data.collect === "key" ? "Press a key." : "Type the number, then #.";
    }
    input.value = "";
    refreshRinging();
  }

  function failed(error) {
    keysShown.textContent = "Error: " + error.message;
  }

  function dial() {
    log.textContent = "";
    status.textContent = "calling…";
    post(root.dataset.dialUrl, { msisdn: numberField.value }).then(function (data) { took(data, null); }, failed);
  }

  function send(keys) {
    if (call === null) return;
    post(root.dataset.pressUrl, { call: call.token, state: call.state, keys: keys })
      .then(function (data) { took(data, keys); }, failed);
  }

  function hangUp() {
    if (call === null) return;
    var fields = { call: call.token };
    call = null;
    status.textContent = "ended";
    keysShown.textContent = "You hung up.";
    post(root.dataset.hangupUrl, fields).then(refreshRinging, failed);
  }

  function answer(callId) {
    log.textContent = "";
    post(root.dataset.answerUrl, { call_id: callId, msisdn: numberField.value }).then(function (data) { took(data, null); }, failed);
  }

  function refreshRinging() {
    var url = root.dataset.ringingUrl + "?msisdn=" + encodeURIComponent(numberField.value);
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        ringing.textContent = "";
        if (!data.calls.length) ringing.appendChild(element("li", "text-muted", "none"));
        data.calls.forEach(function (item) {
          var line = element("li", "", item.kind + " call about " + item.ref + ": " + item.status +
                             (item.status === "scheduled" ? " (due " + item.due + ")" : "") + " ");
          if (item.status === "placed") {
            var button = element("button", "btn btn-sm btn-success", "Answer");
            button.type = "button";
            button.addEventListener("click", function () { answer(item.id); });
            line.appendChild(button);
          }
          ringing.appendChild(line);
        });
      });
  }

  document.getElementById("voice-call").addEventListener("click", function () {
    if (call === null) dial();
    else send(input.value.trim());
  });
  document.getElementById("voice-end").addEventListener("click", hangUp);
  document.getElementById("voice-clear").addEventListener("click", function () { input.value = ""; });
  root.querySelectorAll(".keypad .key").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.dataset.key;
      if (call !== null && call.collect === "key") return send(key);
      if (call !== null && key === "#") return send(input.value.trim() + "#");
      input.value += key;
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") document.getElementById("voice-call").click();
  });
  numberField.addEventListener("change", refreshRinging);
  refreshRinging();
  setInterval(refreshRinging, 5000);
})();
