package io.chatterbox.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * What is done to decoded pixels: turning them upright, shrinking them into a box, telling whether any is
 * see-through, and drawing them onto a plain sRGB canvas that every encoder takes. All in memory; nothing here reads
 * or writes a file.
 */
final class Pixels {

    private static final int TILE = 64;

    private Pixels() {
    }

    /**
     * The image turned upright after its EXIF {@code orientation}: 2 mirrored, 3 turned half round, 4 flipped, 5
     * transposed, 6 turned a quarter clockwise, 7 transversed, 8 a quarter anticlockwise. For 5 to 8 width and height
     * swap. 1 (or anything else) gives the image back unchanged. Exact: pixels are moved, not resampled.
     */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Where destination pixel (dx, dy) comes from: sx = a·dx + b·dy + c, sy = d·dx + e·dy + f.
        int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
        switch (orientation) {
            case 2 -> { a = -1; c = w - 1; e = 1; }
            case 3 -> { a = -1; c = w - 1; e = -1; f = h - 1; }
            case 4 -> { a = 1; e = -1; f = h - 1; }
            case 5 -> { b = 1; d = 1; }
            case 6 -> { b = 1; d = -1; f = h - 1; }
            case 7 -> { b = -1; c = w - 1; d = -1; f = h - 1; }
            default -> { b = -1; c = w - 1; d = 1; } // 8
        }
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        // As offsets into the source's pixel array (rows back to back): per step right, per step down, at (0, 0).
        long stepX = (long) d * w + a;
        long stepY = (long) e * w + b;
        long origin = (long) f * w + c;
        if (packedBgr(image)) { // what JPEG decoders give: move 3 bytes a pixel, no conversion
            BufferedImage upright = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
            byte[] in = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            byte[] out = ((DataBufferByte) upright.getRaster().getDataBuffer()).getData();
            forEachTile(dw, dh, (dx, dy) -> {
                int from = (int) (origin + stepX * dx + stepY * dy) * 3;
                int to = (dy * dw + dx) * 3;
                out[to] = in[from];
                out[to + 1] = in[from + 1];
                out[to + 2] = in[from + 2];
            });
            return upright;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        int[] in = ints(canvas(image, alpha));
        BufferedImage upright = new BufferedImage(dw, dh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] out = ints(upright);
        forEachTile(dw, dh, (dx, dy) -> out[dy * dw + dx] = in[(int) (origin + stepX * dx + stepY * dy)]);
        return upright;
    }

    private interface PixelMove {
        void move(int dx, int dy);
    }

    /**
     * Every destination pixel, 64 × 64 at a time: a quarter turn reads the source down its columns, and in small
     * tiles those rows stay in the cache.
     */
    private static void forEachTile(int width, int height, PixelMove move) {
        for (int ty = 0; ty < height; ty += TILE) {
            int yEnd = Math.min(height, ty + TILE);
            for (int tx = 0; tx < width; tx += TILE) {
                int xEnd = Math.min(width, tx + TILE);
                for (int dy = ty; dy < yEnd; dy++) {
                    for (int dx = tx; dx < xEnd; dx++) {
                        move.move(dx, dy);
                    }
                }
            }
        }
    }

    /** TYPE_3BYTE_BGR with its pixels back to back from the start of one array (as decoders and constructors make it). */
    private static boolean packedBgr(BufferedImage image) {
        Raster raster = image.getRaster();
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getSampleModel() instanceof ComponentSampleModel layout
                && layout.getPixelStride() == 3 && layout.getScanlineStride() == 3 * image.getWidth()
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getDataBuffer().getNumBanks() == 1 && raster.getDataBuffer().getOffset() == 0
                && raster.getDataBuffer() instanceof DataBufferByte;
    }

    /**
     * The image shrunk to fit in a {@code box}×{@code box} square, aspect kept, or null when it already fits (never
     * enlarged). Halves with bilinear filtering until within twice the target, then takes one last step: a single big
     * bilinear step would skip most source pixels and alias.
     */
    static BufferedImage fit(BufferedImage image, int box, boolean opaque) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= box && h <= box) {
            return null;
        }
        double scale = Math.min((double) box / w, (double) box / h);
        int tw = (int) Math.max(1, Math.min(box, Math.round(w * scale)));
        int th = (int) Math.max(1, Math.min(box, Math.round(h * scale)));
        BufferedImage current = image;
        int cw = w;
        int ch = h;
        while (cw / 2 >= tw && ch / 2 >= th) {
            cw /= 2;
            ch /= 2;
            current = scaled(current, cw, ch, opaque);
        }
        return cw == tw && ch == th && current != image ? current : scaled(current, tw, th, opaque);
    }

    /** Whether every pixel is fully opaque (an alpha channel that is 255 everywhere counts as opaque). */
    static boolean opaque(BufferedImage image) {
        if (image.getColorModel().getTransparency() == java.awt.Transparency.OPAQUE) {
            return true;
        }
        int w = image.getWidth();
        int[] row = new int[w];
        Raster alpha = image.getAlphaRaster();
        if (alpha != null) {
            int max = (1 << alpha.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < image.getHeight(); y++) {
                alpha.getSamples(0, y, w, 1, 0, row);
                for (int a : row) {
                    if (a != max) {
                        return false;
                    }
                }
            }
            return true;
        }
        for (int y = 0; y < image.getHeight(); y++) { // indexed colours with a transparent entry
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                if (argb >>> 24 != 0xFF) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The image if its colours are plain sRGB or grey in a layout the JDK encoders know (so they write no colour
     * profile and no extra channels); otherwise drawn onto an 8-bit sRGB canvas, converting its colours.
     */
    static BufferedImage standard(BufferedImage image, boolean keepAlpha) {
        ColorSpace space = image.getColorModel().getColorSpace();
        boolean plainSpace = space.isCS_sRGB() || space == ColorSpace.getInstance(ColorSpace.CS_GRAY);
        return plainSpace && image.getType() != BufferedImage.TYPE_CUSTOM ? image : canvas(image, keepAlpha);
    }

    /** What a JPEG encoder takes: 8-bit RGB or grey, no alpha (see-through parts become white). */
    static BufferedImage forJpeg(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        return canvas(image, false);
    }

    /** A new 8-bit sRGB copy, with or without alpha; without, on white. */
    static BufferedImage canvas(BufferedImage image, boolean alpha) {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static BufferedImage scaled(BufferedImage image, int w, int h, boolean opaque) {
        BufferedImage smaller = new BufferedImage(w, h, opaque ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smaller.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return smaller;
    }

    /** The pixel array of an image this class created (TYPE_INT_RGB or _ARGB: one int per pixel, rows back to back). */
    private static int[] ints(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
