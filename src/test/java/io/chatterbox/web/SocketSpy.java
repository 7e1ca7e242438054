package io.chatterbox.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Test-only instrumentation, injected before the page's own scripts: records every WebSocket the page opens
 * and lets a test simulate a bad link on the first one: frames lost, sends lost, then a drop. Sockets opened
 * after a drop deliver every frame twice, to prove the page de-duplicates. It can also take the page offline
 * (new sockets fail to connect until allowed again) and make the server refuse what the page sends.
 */
final class SocketSpy {

    private static final String SCRIPT = """
            (() => {
              const spy = { sockets: [], doubleNext: false, blocked: false, misroute: false };
              window.__spy = spy;
              const NativeWebSocket = window.WebSocket;
              window.WebSocket = class extends NativeWebSocket {
                constructor(url, protocols) {
                  // Offline: a path with no socket behind it (same origin, so the CSP allows it) fails every upgrade.
                  super(spy.blocked ? String(url).replace('/ws?', '/offline?') : url, protocols);
                  spy.sockets.push(this);
                  const doubled = spy.sockets.length > 1 && spy.doubleNext;
                  // Registered before the page's own listener, so it runs first.
                  this.addEventListener('message', (event) => {
                    if (this.muted) event.stopImmediatePropagation();
                    else if (doubled && event.isTrusted) this.dispatchEvent(new MessageEvent('message', { data: event.data }));
                  });
                }
                send(data) {
                  if (this.dropSends) return;
                  if (spy.misroute) {
                    // Messages go to a room that does not exist: the server refuses each with its clientId.
                    const frame = JSON.parse(data);
                    if (frame.type === 'message') frame.room = 'no_such_room_' + frame.room.length;
                    data = JSON.stringify(frame);
                  }
                  super.send(data);
                }
              };
            })();
            """;

    private final Page page;

    private SocketSpy(Page page) {
        this.page = page;
    }

    /** Instruments every page the context opens from now on. */
    static void install(BrowserContext context) {
        context.addInitScript(SCRIPT);
    }

    static SocketSpy on(Page page) {
        return new SocketSpy(page);
    }

    /** The first socket stops delivering frames to the page; later sockets deliver each frame twice. */
    void muteFirstSocket() {
        page.evaluate("() => { window.__spy.sockets[0].muted = true; window.__spy.doubleNext = true; }");
    }

    /** What the page sends on the first socket is silently lost. */
    void dropSendsOnFirstSocket() {
        page.evaluate("() => { window.__spy.sockets[0].dropSends = true; }");
    }

    void closeFirstSocket() {
        page.evaluate("() => window.__spy.sockets[0].close()");
    }

    /** Drops the current connection, and every reconnect fails until {@link #goOnline()}. */
    void goOffline() {
        page.evaluate("() => { const spy = window.__spy; spy.blocked = true; spy.sockets[spy.sockets.length - 1].close(); }");
    }

    /** Reconnects may succeed again; tells the page the network is back (as the browser's 'online' event does). */
    void goOnline() {
        page.evaluate("() => { window.__spy.blocked = false; window.dispatchEvent(new Event('online')); }");
    }

    /** While on, every message the page sends is addressed to a room that does not exist. */
    void misrouteMessages(boolean on) {
        page.evaluate("on => { window.__spy.misroute = on; }", on);
    }

    /** Waits for the page to open its second socket and returns that socket's URL. */
    String awaitReconnectUrl() {
        page.waitForFunction("() => window.__spy.sockets.length === 2");
        return (String) page.evaluate("() => window.__spy.sockets[1].url");
    }
}
