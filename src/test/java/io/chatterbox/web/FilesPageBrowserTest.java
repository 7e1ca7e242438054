package io.chatterbox.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Files and images in the page: attach, drop, the outbox, thumbnails, the viewer, file cards and the limits. */
@QuarkusTest
class FilesPageBrowserTest extends BrowserTestBase {

    private static final Pattern UPLOAD = Pattern.compile("POST .*/api/rooms/[^/]+/files");
    private static final Pattern UPLOAD_URL = Pattern.compile(".*/api/rooms/[^/]+/files$");

    // Notes what the page puts in the message list as it happens: whether an upload showed its progress bar, and
    // the box of each thumbnail button at the moment it was inserted (before its image could have loaded).
    private static final String RECORDER = """
            () => {
              const seen = window.__files = { progress: false, thumbnails: [] };
              new MutationObserver((records) => {
                for (const record of records) {
                  const node = record.target;
                  if (record.type === 'attributes' && node.dataset.state === 'uploading'
                      && node.querySelector('[data-testid=upload-progress]')?.hidden === false) seen.progress = true;
                  for (const added of record.addedNodes) {
                    if (!(added instanceof Element)) continue;
                    for (const button of added.querySelectorAll('[data-testid=attachment-image]')) {
                      const box = button.getBoundingClientRect();
                      const img = button.querySelector('img');
                      seen.thumbnails.push({ width: box.width, height: box.height,
                        loaded: img.complete && img.naturalWidth > 0 });
                    }
                  }
                }
              }).observe(document.querySelector('[data-testid=message-list]'),
                  { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
            }""";

    // A drop of files onto the conversation, as the browser fires it for files dragged from the desktop.
    private static final String DROP = """
            ({ name, type, text, size }) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([text ?? new Uint8Array(size)], name, { type }));
              const zone = document.querySelector('[data-testid=conversation]');
              for (const kind of ['dragenter', 'dragover', 'drop']) {
                zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
              }
            }""";

    // A paste of an image alone, as the browser fires it for a screenshot on the clipboard.
    private static final String PASTE = """
            (input, base64) => {
              const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
              input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
            }""";

    @Test
    void anAttachedImageShowsItsProgressThenAThumbnailThatOthersSeeLiveAndOpenInTheViewer() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext(360, 740)) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = createPublicRoom(alicePage.token(), uniqueRoom("files"));
            join(bobPage.token(), room);
            alicePage.openRoom(room);
            bobPage.byTestId("sidebar-toggle").click(); // a phone: the room list is a drawer
            bobPage.openRoom(room);
            alicePage.page().evaluate(RECORDER);
            bobPage.page().evaluate(RECORDER);

            alicePage.byTestId("attach-button").focus(); // reachable from the keyboard
            alicePage.byTestId("file-input").setInputFiles(new FilePayload("cat.png", "image/png", png(800, 600)));
            assertThat(alicePage.byTestId("composer-file")).containsText("cat.png");
            String caption = "Our cat " + room;
            alicePage.byTestId("composer-input").fill(caption);
            alicePage.byTestId("composer-input").press("Enter");
            assertThat(alicePage.byTestId("composer-file")).hasCount(0);

            // Mine: the upload showed a progress bar, then the stored message has the thumbnail, its box reserved.
            Locator mine = alicePage.message(caption).getByTestId("attachment-thumbnail");
            assertThat(mine).hasAttribute("width", "320");
            assertThat(mine).hasAttribute("height", "240");
            assertThat(mine).hasAttribute("loading", "lazy");
            Assertions.assertThat(alicePage.page().evaluate("() => window.__files.progress")).as("progress shown")
                    .isEqualTo(true);
            awaitLoaded(alicePage, mine);
            assertThat(mine).hasAttribute("src", Pattern.compile("^/api/files/"));
            Map<String, Object> first = firstThumbnail(alicePage);
            Assertions.assertThat(first).as("inserted before it loaded, at its final size")
                    .containsEntry("loaded", false);
            Assertions.assertThat(number(first, "width")).isCloseTo(320, Assertions.within(1.0));
            Assertions.assertThat(number(first, "height")).isCloseTo(240, Assertions.within(1.0));

            // Bob, on a phone, sees it live, scaled to his screen with the same ratio, nothing wider than the screen.
            Locator his = bobPage.message(caption).getByTestId("attachment-thumbnail");
            awaitLoaded(bobPage, his);
            Map<String, Object> reserved = firstThumbnail(bobPage);
            Assertions.assertThat(reserved).containsEntry("loaded", false);
            Assertions.assertThat(number(reserved, "height") / number(reserved, "width")).as("4:3 before loading: %s", reserved)
                    .isCloseTo(0.75, Assertions.within(0.01));
            Assertions.assertThat(bobPage.page().evaluate("document.documentElement.scrollWidth")).isEqualTo(360);
            Assertions.assertThat(number(box(his), "width")).isCloseTo(number(reserved, "width"), Assertions.within(1.0));

            // The thumbnail is a button: Enter opens the viewer, Escape closes it, focus goes back.
            Locator open = bobPage.message(caption).getByTestId("attachment-image");
            assertThat(open).hasAttribute("aria-label", Pattern.compile("cat\\.png"));
            open.focus();
            open.press("Enter");
            Locator viewer = bobPage.byTestId("image-viewer");
            assertThat(viewer).isVisible();
            assertThat(bobPage.byTestId("viewer-name")).hasText("cat.png");
            Locator full = bobPage.byTestId("viewer-image");
            awaitLoaded(bobPage, full);
            Assertions.assertThat(full.evaluate("img => img.naturalWidth")).as("full size").isEqualTo(800);
            Assertions.assertThat(number(box(full), "width")).as("fits the phone").isLessThanOrEqualTo(360);
            bobPage.page().keyboard().press("Escape");
            assertThat(viewer).isHidden();
            assertThat(open).isFocused();
            // And with a click.
            alicePage.message(caption).getByTestId("attachment-image").click();
            assertThat(alicePage.byTestId("image-viewer")).isVisible();
            alicePage.page().keyboard().press("Escape");
            assertThat(alicePage.byTestId("image-viewer")).isHidden();
            assertThat(alicePage.message(caption).getByTestId("attachment-image")).isFocused();
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void aDroppedFileBecomesACardWithNameSizeAndDownloadAPastedImageJoinsItAndBothGoWithTheirMessage() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = sharedRoom(alicePage, bobPage);
            String content = "%PDF-1.4\n" + "x".repeat(3072 - 9);

            drop(alicePage, Map.of("name", "report.pdf", "type", "application/pdf", "text", content));
            assertThat(alicePage.byTestId("composer-file")).containsText("report.pdf");
            assertThat(alicePage.byTestId("composer-input")).isFocused();
            // A pasted screenshot joins it.
            alicePage.byTestId("composer-input").evaluate(PASTE, Base64.getEncoder().encodeToString(png(200, 100)));
            assertThat(alicePage.byTestId("composer-file")).hasCount(2);
            alicePage.byTestId("composer-input").press("Enter"); // no caption: the text may be empty

            for (ChatPage page : List.of(alicePage, bobPage)) {
                Locator card = page.shownMessages().getByTestId("attachment-file");
                assertThat(card).hasCount(1);
                assertThat(card.getByTestId("attachment-name")).hasText("report.pdf");
                assertThat(card.getByTestId("attachment-size")).hasText("3 KB");
                assertThat(card.getByTestId("attachment-download")).hasAttribute("href", Pattern.compile("^/api/files/"));
                assertThat(page.shownMessages().getByTestId("attachment-thumbnail")).hasAttribute("width", "200");
            }
            Locator download = bobPage.shownMessages().getByTestId("attachment-download");
            APIResponse fetched = bobPage.page().request().get(baseUrl + download.getAttribute("href").substring(1));
            Assertions.assertThat(fetched.status()).isEqualTo(200);
            Assertions.assertThat(fetched.body()).isEqualTo(content.getBytes(StandardCharsets.US_ASCII));

            // Deleting the message takes its card with it, for everyone.
            Locator aliceMessage = alicePage.shownMessages().filter(new Locator.FilterOptions()
                    .setHas(alicePage.page().getByTestId("attachments")));
            String id = aliceMessage.getAttribute("data-id");
            aliceMessage.getByTestId("delete-message").click();
            alicePage.byTestId("confirm-ok").click();
            for (ChatPage page : List.of(alicePage, bobPage)) {
                assertThat(page.messageById(id).getByTestId("message-tombstone")).isVisible();
                assertThat(page.messageById(id).getByTestId("attachments")).hasCount(0);
            }
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void anImageAttachedOfflineWaitsInTheOutboxAndGoesOnceWhenTheConnectionIsBack() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            SocketSpy.install(aliceContext);
            String alice = uniqueName("alice");
            ChatPage alicePage = signUp(aliceContext, alice);
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = sharedRoom(alicePage, bobPage);
            List<String> requests = recordRequests(alicePage.page());
            SocketSpy spy = SocketSpy.on(alicePage.page());

            spy.goOffline();
            assertThat(alicePage.byTestId("connection-state")).hasAttribute("data-state", "reconnecting");
            alicePage.byTestId("file-input").setInputFiles(new FilePayload("tunnel.png", "image/png", png(640, 480)));
            assertThat(alicePage.byTestId("composer-file")).hasCount(1);
            String caption = "Photo from the tunnel " + room;
            alicePage.byTestId("composer-input").fill(caption);
            alicePage.byTestId("composer-input").press("Enter");
            Locator waiting = alicePage.page().locator(".message--pending");
            assertThat(waiting).hasCount(1);
            assertThat(waiting.getByTestId("message-status")).hasText("Waiting for connection…");
            assertThat(waiting.getByTestId("upload")).containsText("tunnel.png");
            Assertions.assertThat(requests).as("nothing uploaded while offline").noneMatch(r -> UPLOAD.matcher(r).matches());

            spy.goOnline();
            alicePage.assertOnline(alice);
            assertThat(waiting).hasCount(0);
            assertThat(alicePage.message(caption)).hasCount(1);
            assertThat(bobPage.message(caption)).hasCount(1);
            awaitLoaded(bobPage, bobPage.message(caption).getByTestId("attachment-thumbnail"));
            // One more round trip: no late second copy turns up, and the image went up once.
            String after = "Out of the tunnel " + room;
            alicePage.sendAndAwaitAck(after);
            assertThat(bobPage.message(after)).isVisible();
            assertThat(bobPage.message(caption)).hasCount(1);
            assertThat(alicePage.message(caption)).hasCount(1);
            Assertions.assertThat(requests.stream().filter(r -> UPLOAD.matcher(r).matches())).hasSize(1);
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void anUploadTheServerRefusesShowsWhyAndOneUnderWayCanBeCancelled() {
        try (BrowserContext aliceContext = newContext(); BrowserContext bobContext = newContext()) {
            ChatPage alicePage = signUp(aliceContext, uniqueName("alice"));
            ChatPage bobPage = signUp(bobContext, uniqueName("bob"));
            String room = sharedRoom(alicePage, bobPage);

            // The first bytes of a PNG and nothing more: the server cannot decode it and says why.
            byte[] broken = Arrays.copyOf(png(400, 300), 60);
            alicePage.byTestId("file-input").setInputFiles(new FilePayload("broken.png", "image/png", broken));
            assertThat(alicePage.byTestId("composer-file")).hasCount(1);
            String caption = "Two tries " + room;
            alicePage.byTestId("composer-input").fill(caption);
            alicePage.byTestId("composer-input").press("Enter");
            Locator failed = alicePage.page().locator(".message--failed");
            assertThat(failed.getByTestId("message-status")).hasText("Not sent");
            Locator upload = failed.getByTestId("upload");
            assertThat(upload.getByTestId("upload-error")).hasText(Pattern.compile("\\w+ \\w+"));
            assertThat(upload.getByTestId("upload-error")).not().containsText("HTTP");
            assertThat(upload.getByTestId("upload-retry")).isVisible();
            // Without the file the caption goes out alone.
            upload.getByTestId("upload-cancel").press("Enter");
            assertThat(alicePage.message(caption)).hasCount(1);
            assertThat(bobPage.message(caption)).hasCount(1);
            assertThat(bobPage.message(caption).getByTestId("attachments")).hasCount(0);

            // An upload held on its way shows its progress bar; Cancel stops it, and the message (no caption) goes.
            List<Route> held = new CopyOnWriteArrayList<>();
            alicePage.page().route(UPLOAD_URL, held::add);
            alicePage.byTestId("file-input").setInputFiles(new FilePayload("slow.png", "image/png", png(320, 200)));
            assertThat(alicePage.byTestId("composer-file")).hasCount(1);
            alicePage.byTestId("composer-input").press("Enter");
            Locator uploading = alicePage.page().locator(".message--pending").getByTestId("upload");
            assertThat(uploading).hasAttribute("data-state", "uploading");
            assertThat(uploading.getByTestId("upload-progress")).isVisible();
            assertThat(uploading.getByTestId("upload-cancel")).hasText("Cancel");
            uploading.getByTestId("upload-cancel").click();
            assertThat(alicePage.page().locator(".message--pending, .message--failed")).hasCount(0);
            Assertions.assertThat(held).hasSize(1);
            String after = "After the cancel " + room;
            alicePage.sendAndAwaitAck(after);
            assertThat(bobPage.message(after)).isVisible();
            assertThat(bobPage.shownMessages().getByTestId("attachments")).hasCount(0);
            assertNoCspViolations(alicePage, bobPage);
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedInThePageWithoutUploading() {
        try (BrowserContext context = newContext()) {
            ChatPage page = signUp(context, uniqueName("alice"));
            long limit = ((Number) as(page.token()).get("/api/files/limits").then().statusCode(200)
                    .extract().path("maxFileSize")).longValue();
            List<String> requests = recordRequests(page.page());

            Map<String, Object> big = new HashMap<>();
            big.put("name", "huge.bin");
            big.put("type", "application/octet-stream");
            big.put("size", Math.toIntExact(limit + 1)); // Playwright passes no longs
            drop(page, big);
            Locator hint = page.byTestId("composer-hint");
            assertThat(hint).containsText("huge.bin is too large");
            assertThat(hint).hasClass(Pattern.compile("composer__hint--error"));
            assertThat(page.byTestId("composer-file")).hasCount(0);
            page.byTestId("composer-input").press("Enter");
            assertThat(hint).hasText("Type a message first.");
            assertThat(page.page().locator(".message--pending, .message--failed")).hasCount(0);
            Assertions.assertThat(requests).as("no upload was tried").noneMatch(r -> UPLOAD.matcher(r).matches());
            assertNoCspViolations(page);
        }
    }

    // ---- helpers ----

    /** A public room created by the first page's user and joined by the others; all of them open it. */
    private static String sharedRoom(ChatPage owner, ChatPage... others) {
        String room = createPublicRoom(owner.token(), uniqueRoom("files"));
        for (ChatPage other : others) {
            join(other.token(), room);
            other.openRoom(room);
        }
        owner.openRoom(room);
        return room;
    }

    private static void drop(ChatPage page, Map<String, Object> file) {
        Map<String, Object> arg = new HashMap<>(file);
        arg.putIfAbsent("text", null);
        arg.putIfAbsent("size", 0);
        page.page().evaluate(DROP, arg);
    }

    private static List<String> recordRequests(Page page) {
        List<String> requests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> requests.add(request.method() + " " + request.url()));
        return requests;
    }

    private static void awaitLoaded(ChatPage page, Locator img) {
        assertThat(img).isVisible();
        page.page().waitForFunction("img => img.complete && img.naturalWidth > 0", img.elementHandle());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstThumbnail(ChatPage page) {
        List<Map<String, Object>> seen = (List<Map<String, Object>>) page.page().evaluate("() => window.__files.thumbnails");
        Assertions.assertThat(seen).as("thumbnails inserted").isNotEmpty();
        return seen.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(Locator locator) {
        return (Map<String, Object>) locator.evaluate("n => { const b = n.getBoundingClientRect(); return { width: b.width, height: b.height }; }");
    }

    private static double number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    /** A PNG with a gradient, so it is a real image with something in it. */
    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(230, 120, 40), width, height, new Color(40, 90, 200)));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
