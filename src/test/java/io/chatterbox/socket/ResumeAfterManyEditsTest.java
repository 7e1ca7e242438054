package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A resume replays up to resume-limit (1,000) missed edits, as many frames as the send-queue limit allows: they come
 * in one burst, and only what the client has not taken may count against that limit, or every reconnect after a
 * flood of edits would be dropped as "too slow".
 */
@QuarkusTest
class ResumeAfterManyEditsTest extends SocketTestBase {

    private static final int EDITED = 1_500;

    @Test
    void aResumeAfterFifteenHundredEditsGetsTheLatestThousandAndStaysConnected() {
        ChatUser author = ChatUser.register("editor");
        ChatUser reader = ChatUser.register("reader");
        SocketClient writer = sockets.v2Ready(base, author);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < EDITED; i++) {
            writer.sendJson(Chat.message(RoomInfo.GENERAL, "draft " + i, "draft-" + i));
        }
        while (ids.size() < EDITED) {
            JsonNode echo = writer.nextMatching(f -> Chat.isType(f, "message") && f.path("clientId").asText().startsWith("draft-"));
            ids.add(echo.get("id").asLong());
        }
        long seen = ids.get(ids.size() - 1);
        for (long id : ids) {
            writer.sendJson(Chat.frame("edit", RoomInfo.GENERAL, "id", id, "text", "edited " + id));
        }
        long last = ids.get(ids.size() - 1);
        writer.nextMatching(f -> Chat.isType(f, "edit") && f.get("id").asLong() == last);

        SocketClient resumed = sockets.v2(base, reader, "since=" + seen);

        int edits = 0;
        JsonNode frame;
        while (!Chat.isType(frame = resumed.next(), "presence")) {
            edits += Chat.isType(frame, "edit") ? 1 : 0;
        }
        assertThat(edits).as("the latest resume-limit edits").isEqualTo(1_000);
        assertThat(resumed.isClosed()).isFalse();
        writer.sendJson(Chat.message(RoomInfo.GENERAL, "still there?", "after-resume"));
        assertThat(resumed.nextMatching(f -> "after-resume".equals(f.path("clientId").asText()))).isNotNull();
    }
}
