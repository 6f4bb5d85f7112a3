// What okrworkshop serve adds to textual-serve's terminal page (see screens/web/serve.py):
// a font from this server (never from another host) before the terminal measures it, a text
// size that fits a phone, the keyboard in the terminal as soon as the app draws, and a plain
// message when the session ends. It runs after textual.js, which has set window.onload to the
// function that builds the terminal and connects; that start is delayed until the font is
// ready. No user text passes through this script: messages are set with textContent.
(() => {
  "use strict";

  const FONT = '"Roboto Mono"';
  const FONT_WAIT_MS = 2000; // after this, start with the system's monospace font
  const SLOW_START_MS = 4000;
  const PROBE_WAIT_MS = 4000;
  // Terminal text size by the width of the window, in CSS pixels: at 14 px a column of Roboto
  // Mono is about 8 px, so a 360 px phone gets 45 columns and a 414 px one 51 (46 at 16 px).
  // Wider windows keep textual-serve's 16 px. An explicit ?fontsize= wins.
  const NARROW = [
    [600, 14],
  ];
  // Textual's web driver starts its app as if the page did not have the keyboard (it blurs
  // itself just after starting), so a focus sent early is undone and the box being typed in
  // looks inactive until the first key. Once the first screen is drawn (nothing more arrives
  // for QUIET_MS, or SETTLE_MS after the first bytes at the latest), the page says it again.
  const QUIET_MS = 120;
  const SETTLE_MS = 1500;
  const SERVER_STOPPED = 1001; // what okrworkshop serve sends when it stops (going away)
  const FULL = 1013; // past --max-sessions (try again later)

  const MESSAGES = {
    ended: {
      heading: "Your session has ended",
      lines: ["Your drafts are saved.", "To carry on where you left off, join again."],
      button: "Join again",
    },
    stopped: {
      heading: "The workshop server has stopped",
      lines: [
        "Your drafts are saved.",
        "To carry on, ask the facilitator for the new link: each time the server starts, it " +
          "hands out a new one.",
      ],
    },
    restarted: {
      heading: "The workshop server was restarted",
      lines: [
        "Your drafts are saved.",
        "This link no longer works: ask the facilitator for the new one.",
      ],
    },
    lost: {
      heading: "The connection to the workshop was lost",
      lines: [
        "Your drafts are saved.",
        "If the workshop is still on, try again. If the facilitator stopped the server, ask " +
          "them for the new link.",
      ],
      button: "Try again",
    },
    full: {
      heading: "The workshop is full",
      lines: [
        "As many people as the facilitator allowed are connected.",
        "Try again in a minute, or ask the facilitator to let more people in.",
      ],
      button: "Try again",
    },
  };

  function chooseFontSize(terminal) {
    if (new URLSearchParams(window.location.search).has("fontsize")) {
      return;
    }
    for (const [below, size] of NARROW) {
      if (window.innerWidth < below) {
        terminal.dataset.fontSize = String(size);
        return;
      }
    }
  }

  function fontReady() {
    if (!document.fonts || !document.fonts.load) {
      return Promise.resolve();
    }
    const wait = new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS));
    return Promise.race([document.fonts.load(`16px ${FONT}`).catch(() => {}), wait]);
  }

  // Focus the terminal's input once the app has drawn, so typing works without a click.
  function focusOnFirstDraw() {
    const body = document.body;
    const focus = () => {
      const input = document.querySelector(".xterm-helper-textarea");
      if (input && !body.classList.contains("-ended")) {
        input.focus({ preventScroll: true });
      }
    };
    if (body.classList.contains("-first-byte")) {
      focus();
      return;
    }
    const watch = new MutationObserver(() => {
      if (body.classList.contains("-first-byte")) {
        watch.disconnect();
        focus();
      }
    });
    watch.observe(body, { attributes: true, attributeFilter: ["class"] });
    setTimeout(() => {
      const status = document.getElementById("splash-status");
      if (status && !body.classList.contains("-first-byte")) {
        status.textContent =
          "Still opening: when many people join at once this can take a few seconds.";
      }
    }, SLOW_START_MS);
  }

  // Is the server still there for this browser? "up" (the page would load), "restarted" (it
  // answers but no longer knows this browser's link) or "gone" (no answer).
  async function probe() {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), PROBE_WAIT_MS);
    try {
      const response = await fetch(window.location.pathname, {
        method: "HEAD",
        cache: "no-store",
        credentials: "same-origin",
        redirect: "manual",
        signal: abort.signal,
      });
      return response.status === 403 ? "restarted" : "up";
    } catch (error) {
      return "gone";
    } finally {
      clearTimeout(timer);
    }
  }

  function show(kind) {
    const message = MESSAGES[kind];
    document.getElementById("ended-heading").textContent = message.heading;
    const text = document.getElementById("ended-text");
    text.replaceChildren(
      ...message.lines.map((line) => {
        const paragraph = document.createElement("p");
        paragraph.textContent = line;
        return paragraph;
      }),
    );
    const button = document.getElementById("ended-button");
    button.hidden = !message.button;
    button.textContent = message.button || "";
    document.body.dataset.ended = kind;
    document.body.classList.add("-ended");
    if (message.button) {
      button.focus();
    }
  }

  async function whyItEnded(code) {
    if (code === SERVER_STOPPED) {
      return "stopped";
    }
    if (code === FULL) {
      return "full";
    }
    const server = await probe();
    return server === "up" ? "ended" : server === "restarted" ? "restarted" : "lost";
  }

  async function retry() {
    const server = await probe();
    if (server === "up") {
      window.location.reload();
    } else {
      show(server === "restarted" ? "restarted" : "stopped");
    }
  }

  // After the app's first screen, tell it again that it has the keyboard (see QUIET_MS). On a
  // busy machine the app may blur itself after the first quiet spell, so the page says it after
  // every quiet spell of its first LISTEN_MS (saying it twice does no harm).
  const LISTEN_MS = 15000;
  function focusOnceDrawn(socket) {
    let firstAt = null;
    let timer = null;
    const settle = () => {
      if (Date.now() - firstAt > LISTEN_MS) {
        socket.removeEventListener("message", onMessage);
      }
      const input = document.querySelector(".xterm-helper-textarea");
      const hasKeyboard = input && document.activeElement === input && document.hasFocus();
      if (hasKeyboard && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(["focus"]));
      }
    };
    const onMessage = (event) => {
      if (typeof event.data === "string") {
        return;
      }
      const now = Date.now();
      firstAt = firstAt === null ? now : firstAt;
      clearTimeout(timer);
      const untilSettle = firstAt + SETTLE_MS - now;
      timer = setTimeout(settle, untilSettle > 0 ? Math.min(QUIET_MS, untilSettle) : QUIET_MS);
    };
    socket.addEventListener("message", onMessage);
  }

  let ended = false;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      focusOnceDrawn(this);
      this.addEventListener("close", async (event) => {
        if (!ended) {
          ended = true;
          show(await whyItEnded(event.code));
        }
      });
    }
  };

  const start = window.onload;
  window.onload = null;
  window.addEventListener("load", (event) => {
    document.getElementById("ended-button").addEventListener("click", retry);
    const terminal = document.getElementById("terminal");
    chooseFontSize(terminal);
    focusOnFirstDraw();
    fontReady().then(() => start && start.call(window, event));
  });
})();
