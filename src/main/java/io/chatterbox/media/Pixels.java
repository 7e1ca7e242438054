package io.chatterbox.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * What is done to decoded pixels: turning them upright, shrinking them into a box, telling whether any is
 * see-through, and drawing them onto a plain sRGB canvas that every encoder takes. All in memory; nothing here reads
 * or writes a file.
 */
final class Pixels {

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
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage source = canvas(image, alpha);
        int w = source.getWidth();
        int h = source.getHeight();
        int[] in = ints(source);
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        BufferedImage upright = new BufferedImage(dw, dh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] out = ints(upright);
        for (int dy = 0; dy < dh; dy++) {
            int row = dy * dw;
            for (int dx = 0; dx < dw; dx++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - dx; sy = dy; }
                    case 3 -> { sx = w - 1 - dx; sy = h - 1 - dy; }
                    case 4 -> { sx = dx; sy = h - 1 - dy; }
                    case 5 -> { sx = dy; sy = dx; }
                    case 6 -> { sx = dy; sy = h - 1 - dx; }
                    case 7 -> { sx = w - 1 - dy; sy = h - 1 - dx; }
                    default -> { sx = w - 1 - dy; sy = dx; } // 8
                }
                out[row + dx] = in[sy * w + sx];
            }
        }
        return upright;
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
