package io.chatterbox.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.rooms.RoomStore;

/**
 * The cluster's {@link RoomStore}: the rooms and room_members tables in PostgreSQL. Each committed change is told to
 * this node's listeners before the call returns.
 */
public class PgRooms implements RoomStore {

    private static final String ROOMS = "SELECT name, kind, topic, owner FROM rooms";
    private static final String MEMBERS = "SELECT room, username FROM room_members";
    private static final String CREATE = """
            INSERT INTO rooms (name, kind, topic, owner, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING""";
    private static final String ADD_MEMBER = """
            INSERT INTO room_members (room, username, joined_at) VALUES (?, ?, ?) ON CONFLICT (room, username) DO NOTHING""";
    private static final String REMOVE_MEMBER = "DELETE FROM room_members WHERE room = ? AND username = ?";

    private final Jdbc jdbc;
    private final List<Consumer<RoomChange>> listeners = new CopyOnWriteArrayList<>();

    public PgRooms(DataSource database) {
        this.jdbc = new Jdbc(database);
    }

    @Override
    public List<RoomInfo> loadAll() {
        return jdbc.inTransaction("load the rooms", connection -> {
            Map<String, Set<String>> members = new HashMap<>();
            Jdbc.list(connection, MEMBERS, statement -> {
            }, row -> members.computeIfAbsent(row.getString(1), room -> new HashSet<>()).add(row.getString(2)));
            return Jdbc.list(connection, ROOMS, statement -> {
            }, row -> new RoomInfo(row.getString(1), RoomInfo.Kind.of(row.getString(2)), row.getString(3), row.getString(4),
                    Set.copyOf(members.getOrDefault(row.getString(1), Set.of()))));
        });
    }

    @Override
    public boolean create(RoomInfo info) {
        boolean created = jdbc.inTransaction("create a room", connection -> {
            int rows = Jdbc.update(connection, CREATE, statement -> {
                statement.setString(1, info.id());
                statement.setString(2, info.kind().wire());
                statement.setString(3, info.topic());
                statement.setString(4, info.owner());
                statement.setLong(5, System.currentTimeMillis());
            });
            if (rows == 0) {
                return false;
            }
            for (String member : info.members()) {
                addMember(connection, info.id(), member);
            }
            return true;
        });
        if (created) {
            announce(new RoomChange.Created(info));
        }
        return created;
    }

    @Override
    public void addMember(String room, String username) {
        jdbc.inTransaction("add a member", connection -> {
            addMember(connection, room, username);
            PgReadMarkers.startAtNewest(connection, username, room);
            return null;
        });
        announce(new RoomChange.MemberAdded(room, username));
    }

    @Override
    public void removeMember(String room, String username) {
        jdbc.autocommit("remove a member", connection -> Jdbc.update(connection, REMOVE_MEMBER, statement -> {
            statement.setString(1, room);
            statement.setString(2, username);
        }));
        announce(new RoomChange.MemberRemoved(room, username));
    }

    @Override
    public void onChange(Consumer<RoomChange> listener) {
        listeners.add(listener);
    }

    private static void addMember(Connection connection, String room, String username) throws SQLException {
        Jdbc.update(connection, ADD_MEMBER, statement -> {
            statement.setString(1, room);
            statement.setString(2, username);
            statement.setLong(3, System.currentTimeMillis());
        });
    }

    private void announce(RoomChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }
}
