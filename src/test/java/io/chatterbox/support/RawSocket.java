package io.chatterbox.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket peer written by hand, for the misbehaviour a real client library will not produce: a client that
 * never reads, never answers pings, or never finishes its upgrade request.
 */
public final class RawSocket implements AutoCloseable {

    private final Socket socket;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects with a tiny receive window, so unread frames back up quickly on the server. */
    public static RawSocket open(URI base) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout((int) SocketClient.TIMEOUT.toMillis());
        return new RawSocket(socket);
    }

    /** Sends a complete upgrade request for /ws?token= and returns the status code of the answer. */
    public int upgrade(String token) throws IOException {
        send(upgradeRequest(token));
        return readStatus();
    }

    /** Sends only the first part of an upgrade request, and then nothing more. */
    public void startUpgradeAndStall(String token) throws IOException {
        String request = upgradeRequest(token);
        send(request.substring(0, request.length() / 2));
    }

    /**
     * Reads (and discards frames) until the server closes the TCP connection.
     *
     * @return the close code of the server's close frame, or -1 if the connection ended without one
     * @throws SocketTimeoutException if the server keeps the connection open past the timeout
     */
    public int awaitServerClose() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int closeCode = -1;
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                byte[] payload = in.readNBytes((int) payloadLength(in));
                if (opcode == 0x8 && payload.length >= 2) {
                    closeCode = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
        } catch (EOFException | java.net.SocketException end) {
            return closeCode;
        }
    }

    /** The server closed the connection (without any frames) within the timeout. */
    public boolean awaitEof() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard whatever the server sends (e.g. an error status) until it hangs up
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String upgradeRequest(String token) {
        return "GET /ws?token=" + token + " HTTP/1.1\r\n"
                + "Host: " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    private void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads the response head byte by byte, so no frame after it is consumed. */
    private int readStatus() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.write(b);
        }
        return Integer.parseInt(head.toString(StandardCharsets.US_ASCII).split(" ", 3)[1]);
    }

    private static long payloadLength(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte() & 0x7F; // server frames are never masked
        if (length == 126) {
            return in.readUnsignedShort();
        }
        if (length == 127) {
            return in.readLong();
        }
        return length;
    }
}
