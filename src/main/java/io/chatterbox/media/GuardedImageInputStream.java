package io.chatterbox.media;

import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A file's bytes as a decoder reads them, with two guards against files made to be slow:
 * <ul>
 * <li><b>A time limit.</b> Every read after the deadline fails, so a decoder stuck on a crafted file gives up at its
 * next read instead of holding an image worker.</li>
 * <li><b>Optional zero padding.</b> After the last byte come {@code padding} zero bytes, then a failure (not an end
 * of file). The TwelveMonkeys WebP lossless decoder reads its bits eight bytes ahead; within the last eight bytes of
 * a file each bit it reads costs a caught end-of-file exception and a seek, so a 40-byte file declaring millions of
 * pixels coded in zero bits each took about 8 µs a pixel (minutes for 50 megapixels). With padding it reads zeros at
 * full speed, and a file whose data really ends early fails once the padding is used up.</li>
 * </ul>
 * Without padding, the end of the file is an ordinary end of file.
 */
final class GuardedImageInputStream extends ImageInputStreamImpl {

    private final ImageInputStream file;
    private final long length;
    private final int padding;
    private final long deadline;
    private final byte[] one = new byte[1];

    private GuardedImageInputStream(ImageInputStream file, long length, int padding, long deadline) {
        this.file = file;
        this.length = length;
        this.padding = padding;
        this.deadline = deadline;
    }

    /**
     * @param padding zero bytes that follow the file's last byte
     * @param deadline {@link System#nanoTime()} after which every read fails
     */
    static GuardedImageInputStream open(Path source, int padding, long deadline) throws IOException {
        ImageInputStream file = ImageIO.createImageInputStream(source.toFile());
        if (file == null) {
            throw new IIOException("No stream for " + source);
        }
        try {
            long length = file.length();
            if (length < 0) {
                throw new IIOException("The length of " + source + " is unknown");
            }
            return new GuardedImageInputStream(file, length, padding, deadline);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (System.nanoTime() - deadline > 0) {
            throw new IIOException("The image took too long to decode");
        }
        if (len == 0) {
            return 0;
        }
        bitOffset = 0;
        int n = 0;
        if (streamPos < length && file.getStreamPosition() != streamPos) {
            file.seek(streamPos);
        }
        while (n < len && streamPos < length) { // as much as asked for: callers such as readInt read only once
            int read = file.read(b, off + n, (int) Math.min(len - n, length - streamPos));
            if (read <= 0) {
                break;
            }
            n += read;
            streamPos += read;
        }
        if (n == len || streamPos < length || padding == 0) {
            return n > 0 ? n : -1;
        }
        // Past the last byte: zeros, in the same call.
        long left = length + padding - streamPos;
        if (left <= 0) {
            throw new IIOException("The image data ends before the image does");
        }
        int zeros = (int) Math.min(len - n, left);
        java.util.Arrays.fill(b, off + n, off + n + zeros, (byte) 0);
        streamPos += zeros;
        return n + zeros;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        super.close();
        file.close();
    }
}
