// The chat widget: talks to Rasa's socket.io channel (credentials.yml), shows every message as
// text (never as HTML; the clinic's numbers in the bot's texts and banners as tel: links), lays
// each reply out as one card (its first line as the headline, the disclaimer framed, further
// advice from the payload folded under "More advice"), turns the triage payload into a banner,
// and keeps the conversation in localStorage so a page reload shows it again and continues the
// same Rasa session.
(function () {
  "use strict";
  var config = window.TRIAGE_CHAT || {};
  var STORE = "triage-chat";
  var REPLY_TIMEOUT_MS = config.replyTimeoutMs || 20000;
  // The clinic's settings (scripts/serve_web.py); the fallbacks are for a config.js written by hand.
  var clinic = config.clinic || {};
  var EMERGENCY_NUMBER = clinic.emergencyNumber || "your local emergency number";
  var CLINIC_TO_CALL = clinic.toCall || "your clinic";
  var UNREACHABLE = "The assistant cannot be reached right now. If you are worried, contact " +
    CLINIC_TO_CALL + ". In an emergency, call " + EMERGENCY_NUMBER + ".";
  var BANNERS = {
    urgent: "Please contact " + CLINIC_TO_CALL + " or a doctor today.",
    emergency: "Call " + EMERGENCY_NUMBER + " now.",
  };
  // Only settings with digits are numbers: the neutral "your local emergency number" is not.
  var NUMBERS = [clinic.emergencyNumber, clinic.phone, clinic.outOfHoursPhone].filter(function (n) {
    return typeof n === "string" && /\d/.test(n);
  }).sort(function (a, b) { return b.length - a.length; });  // the longer first where one contains another
  var NUMBER = NUMBERS.length ? new RegExp(NUMBERS.map(function (n) {
    return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("|"), "g") : null;

  var log = document.getElementById("log");
  var banner = document.getElementById("banner");
  var status = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var state = load();
  var replyTimer = null;

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE));
      if (saved && Array.isArray(saved.items)) return saved;
    } catch (e) { /* a broken store starts a new conversation */ }
    return { sessionId: null, items: [], level: null };
  }
  function save() { localStorage.setItem(STORE, JSON.stringify(state)); }

  // The text as text nodes, with each of the clinic's numbers an <a href="tel:..."> (never HTML).
  function withCallLinks(text) {
    var fragment = document.createDocumentFragment();
    var done = 0, match;
    while (NUMBER && (match = NUMBER.exec(text))) {
      var end = match.index + match[0].length;
      if (/\d/.test(text.charAt(match.index - 1) + text.charAt(end))) continue;  // part of another number
      fragment.appendChild(document.createTextNode(text.slice(done, match.index)));
      var link = document.createElement("a");
      link.href = "tel:" + match[0].replace(/[^\d+]/g, "");
      link.textContent = match[0];
      fragment.appendChild(link);
      done = end;
    }
    fragment.appendChild(document.createTextNode(text.slice(done)));
    return fragment;
  }
  function showText(element, text) { element.textContent = ""; element.appendChild(withCallLinks(text)); }

  var card = null;  // the reply being laid out: the bot's texts until the patient speaks or is asked

  function render(item) {
    if (item.kind === "choices") { card = null; return renderChoices(item); }
    if (item.kind === "more") return renderMore(item);
    if (item.kind !== "bot" || !card) {
      var li = document.createElement("li");
      li.className = "msg msg--" + item.kind;
      log.appendChild(li);
      card = item.kind === "bot" ? li : null;
      // The patient's own text: plain, no links.
      if (!card) { li.textContent = item.text; li.scrollIntoView({ block: "end" }); return; }
    }
    var p = document.createElement("p");
    p.className = card.childNodes.length ? (item.disclaimer ? "msg__disclaimer" : "msg__line") : "msg__headline";
    showText(p, item.text);
    card.appendChild(p);
    card.scrollIntoView({ block: "end" });
  }

  function renderMore(item) {
    if (!card) return;
    var details = document.createElement("details");
    details.className = "msg__more";
    var summary = document.createElement("summary");
    summary.textContent = "More advice";
    details.appendChild(summary);
    item.texts.forEach(function (text) {
      var p = document.createElement("p");
      showText(p, text);
      details.appendChild(p);
    });
    var disclaimer = card.querySelector(".msg__disclaimer");
    card.insertBefore(details, disclaimer);  // before the disclaimer, which closes the card
  }

  function renderChoices(item) {
    var list = document.createElement("ul");
    list.className = "choices";
    list.setAttribute("aria-label", "Quick answers");
    item.choices.forEach(function (choice) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.title;
      button.disabled = !!item.used;
      button.addEventListener("click", function () {
        item.used = true;
        Array.prototype.forEach.call(list.querySelectorAll("button"), function (b) { b.disabled = true; });
        send(choice.payload, choice.title);
        input.focus();
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    log.appendChild(list);
  }

  function add(item) { state.items.push(item); save(); render(item); }

  function showLevel(level) {
    if (!BANNERS[level]) return;
    state.level = level;
    save();
    banner.hidden = false;
    banner.className = "chat__banner chat__banner--" + level;
    showText(banner, BANNERS[level]);
  }

  function setStatus(text) { showText(status, text || ""); }

  var socket = io(config.server, { transports: ["websocket"], reconnectionDelayMax: 5000 });

  socket.on("connect", function () {
    setStatus("");
    socket.emit("session_request", { session_id: state.sessionId });
  });
  var waiting = [];  // typed before the session was confirmed: Rasa drops a message without one
  socket.on("session_confirm", function (sessionId) {
    state.sessionId = typeof sessionId === "string" ? sessionId : (sessionId && sessionId.session_id);
    save();
    waiting.splice(0).forEach(emit);
  });
  socket.on("connect_error", function () { setStatus(UNREACHABLE); });
  socket.on("disconnect", function () { setStatus(UNREACHABLE); });

  socket.on("bot_uttered", function (message) {
    clearTimeout(replyTimer);
    setStatus("");
    if (!message) return;
    if (typeof message.text === "string" && message.text) {
      add({ kind: "bot", text: message.text, disclaimer: isDisclaimer(message.text) });
    }
    if (Array.isArray(message.quick_replies) && message.quick_replies.length) {
      add({ kind: "choices", choices: message.quick_replies.map(function (r) {
        return { title: String(r.title), payload: String(r.payload) };
      }) });
    }
    var custom = message.custom || {};
    if (Array.isArray(custom.more_advice) && custom.more_advice.length) {
      add({ kind: "more", texts: custom.more_advice.map(String) });
    }
    var triage = custom.triage;
    if (triage && typeof triage.level === "string") showLevel(triage.level);
  });

  function isDisclaimer(text) { return /not a diagnosis/i.test(text); }

  function send(payload, shown) {
    if (!payload.trim()) return;
    add({ kind: "user", text: shown || payload });
    clearTimeout(replyTimer);
    replyTimer = setTimeout(function () { setStatus(UNREACHABLE); }, REPLY_TIMEOUT_MS);
    if (!socket.connected) { setStatus(UNREACHABLE); return; }
    if (state.sessionId) emit(payload); else waiting.push(payload);
  }

  function emit(payload) {
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId,
                                  metadata: { clinic_id: config.clinicId || null } });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });

  state.items.forEach(render);
  if (state.level) showLevel(state.level);
  input.focus();
})();
