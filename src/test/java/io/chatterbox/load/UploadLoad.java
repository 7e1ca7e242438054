package io.chatterbox.load;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Upload load: registers and logs in U accounts, then runs P uploaders that each send one file after another to
 * {@code POST /api/rooms/{room}/files} (multipart, part {@code file}, bearer token) for a count or a duration, and
 * reports uploads/s, MB/s, the latency of each upload (request start to the whole answer; with {@code --rate}, from the
 * intended start, so a stalled server shows as latency), failures by HTTP status, and the server's CPU (with
 * {@code --pid}). The body is streamed in 64 KiB chunks with a Content-Length: random bytes (incompressible, and
 * unique per upload, so every upload is hashed and stored as a new blob), or a generated photo (JPEG) or picture (PNG),
 * made once and given a unique comment per upload; either is made before the upload's clock starts. Uploader i uses account i % users, so a user has at most
 * ceil(P / U) uploads in flight (the server allows {@code chatterbox.files.concurrent-uploads-per-user}, 4 by default).
 * Run with {@code --help} for the options; docs/performance.md (round 9) has the method and the figures.
 */
public final class UploadLoad {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CHUNK = 64 * 1024;

    /** The command-line options ({@code --name value}); see {@link #USAGE}. */
    record Options(URI url, int users, int parallel, long count, Duration duration, long warmup, long size, String kind,
            int width, int height, double rate, String room, String pid, String json, String password,
            int httpConcurrency) {

        static final String USAGE = """
                Chatterbox upload load: P parallel uploaders send files to POST /api/rooms/{room}/files, one after
                another each, and report uploads/s, MB/s, latency per upload, failures by status and the server's CPU.

                  --url URL                 server base URL (default http://127.0.0.1:8080)
                  --users U                 accounts to register and log in; uploader i uses account i % U (default 25)
                  --parallel P              uploaders, each with one upload in flight (default 100)
                  --count N                 measured uploads in all (default 1000; 0 = until --duration has passed)
                  --duration D              measured time when --count is 0, e.g. 30s, 2m (default 30s)
                  --warmup N                uploads before measuring, not recorded (default 0)
                  --size S                  bytes per random upload, suffixes K and M (1M = 1,048,576; default 1M)
                  --kind K                  random: incompressible random bytes of --size, new for every upload;
                                            jpeg: a generated photo of --width x --height (noise over gradients,
                                            quality 0.92); png: the same as an opaque PNG (default random)
                  --width W, --height H     image size in pixels (default 4000 x 3000 for jpeg, 1000 x 1000 for png)
                  --rate R                  offer R uploads/s in all on a fixed schedule (open loop; still at most P
                                            in flight); latency then counts from each upload's intended start
                                            (default 0: every uploader sends its next file as soon as one is answered)
                  --room ROOM               room to upload to (default general, which everyone is in)
                  --pid PID[,PID…]          server process(es) to sample CPU and RSS of (/proc/PID; optional)
                  --json FILE               also write the results as JSON
                  --password P              password of the generated accounts (default: a fixed, uncommon one)
                  --http-concurrency C      registrations and logins in flight (default 16)

                Start the server with the upload limits raised for this (per user: uploads-per-minute,
                concurrent-uploads-per-user, quota-per-user) and the per-address registration limit raised.
                Exit status: 0 every upload answered 201; 2 any upload failed; 1 the run could not be set up.
                """;

        static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument: " + arg);
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                values.put(name, value);
            }
            String kind = values.getOrDefault("kind", "random").toLowerCase(Locale.ROOT);
            if (!List.of("random", "jpeg", "png").contains(kind)) {
                throw new IllegalArgumentException("--kind must be random, jpeg or png");
            }
            Options options = new Options(
                    URI.create(values.getOrDefault("url", "http://127.0.0.1:8080")),
                    Integer.parseInt(values.getOrDefault("users", "25")),
                    Integer.parseInt(values.getOrDefault("parallel", "100")),
                    Long.parseLong(values.getOrDefault("count", "1000")),
                    LoadOptions.duration(values.get("duration"), "30s"),
                    Long.parseLong(values.getOrDefault("warmup", "0")),
                    bytes(values.getOrDefault("size", "1M")),
                    kind,
                    Integer.parseInt(values.getOrDefault("width", kind.equals("png") ? "1000" : "4000")),
                    Integer.parseInt(values.getOrDefault("height", kind.equals("png") ? "1000" : "3000")),
                    Double.parseDouble(values.getOrDefault("rate", "0")),
                    values.getOrDefault("room", "general"),
                    values.get("pid"),
                    values.get("json"),
                    values.getOrDefault("password", "upload-load-Pa55phrase"),
                    Integer.parseInt(values.getOrDefault("http-concurrency", "16")));
            values.keySet().removeAll(List.of("url", "users", "parallel", "count", "duration", "warmup", "size", "kind",
                    "width", "height", "rate", "room", "pid", "json", "password", "http-concurrency"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): " + values.keySet());
            }
            if (options.users < 1 || options.parallel < 1 || options.count < 0 || options.warmup < 0 || options.size < 1
                    || options.width < 1 || options.height < 1 || options.rate < 0 || options.httpConcurrency < 1) {
                throw new IllegalArgumentException("counts and sizes must be positive");
            }
            return options;
        }

        /** 1048576, 512K, 1M, 1.5M. */
        static long bytes(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            if (v.endsWith("M")) {
                return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * (1 << 20));
            }
            if (v.endsWith("K")) {
                return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * (1 << 10));
            }
            return Long.parseLong(v);
        }
    }

    private final Options options;
    private final String run = "ul" + Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
    private final HttpClient http;
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder thumbnails = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final AtomicLong nextUpload = new AtomicLong();
    private final AtomicLong maxLagNanos = new AtomicLong();
    /** The image every upload sends (with its own comment), or null for random bytes. */
    private byte[] image;

    private UploadLoad(Options options) {
        this.options = options;
        // HTTP/1.1, as browsers upload to this server; one connection per uploader in flight, kept alive.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(4, runnable -> {
                    Thread thread = new Thread(runnable, "upload-http");
                    thread.setDaemon(true);
                    return thread;
                })).build();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(1);
            return;
        }
        int status;
        try {
            status = new UploadLoad(options).run();
        } catch (Exception e) {
            System.err.println("upload run failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private int run() throws Exception {
        if (!options.kind.equals("random")) {
            long t = System.nanoTime();
            image = picture(options.kind, options.width, options.height);
            System.err.printf(Locale.ROOT, "generated a %d x %d %s of %,d bytes in %.1f s%n", options.width,
                    options.height, options.kind, image.length, (System.nanoTime() - t) / 1e9);
        }
        List<String> tokens = accounts();
        System.err.printf(Locale.ROOT, "%d accounts logged in%n", tokens.size());

        ExecutorService uploaders = Executors.newFixedThreadPool(options.parallel);
        try {
            if (options.warmup > 0) {
                phase(uploaders, tokens, options.warmup, 0, false);
                System.err.printf(Locale.ROOT, "warm-up: %d uploads, %d failed%n", options.warmup, failedTotal());
                latencyMicros.reset();
                failures.clear();
                succeeded.reset();
                thumbnails.reset();
                bytesSent.reset();
                maxLagNanos.set(0);
            }
            ProcessSample serverFrom = sampleServer();
            ProcessSample selfFrom = ProcessSample.of("self");
            long machineFrom = machineBusyTicks();
            long t0 = System.nanoTime();
            long deadline = options.count == 0 ? t0 + options.duration.toNanos() : Long.MAX_VALUE;
            phase(uploaders, tokens, options.count == 0 ? Long.MAX_VALUE : options.count, deadline, true);
            long t1 = System.nanoTime();
            ProcessSample serverUntil = sampleServer();
            ProcessSample selfUntil = ProcessSample.of("self");
            long machineUntil = machineBusyTicks();
            double machinePercent = machineFrom < 0 || machineUntil < 0 ? -1
                    : 100.0 * (machineUntil - machineFrom) / ProcessSample.TICKS_PER_SECOND / ((t1 - t0) / 1e9);
            return report((t1 - t0) / 1e9, serverFrom, serverUntil, selfFrom, selfUntil, machinePercent);
        } finally {
            uploaders.shutdownNow();
        }
    }

    /** Runs {@code count} uploads (or until {@code deadline}) on the uploaders, and waits for all of them. */
    private void phase(ExecutorService uploaders, List<String> tokens, long count, long deadline, boolean measured)
            throws Exception {
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        long interval = options.rate > 0 ? Math.round(1e9 / options.rate) : 0;
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < options.parallel; u++) {
            String token = tokens.get(u % tokens.size());
            running.add(uploaders.submit(() -> {
                while (true) {
                    long k = issued.getAndIncrement();
                    if (k >= count) {
                        return null;
                    }
                    long intended = System.nanoTime();
                    if (interval > 0) {
                        intended = start + k * interval;
                        long wait;
                        while ((wait = intended - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        maxLagNanos.accumulateAndGet(System.nanoTime() - intended, Math::max);
                    }
                    if (deadline != 0 && intended >= deadline) {
                        return null;
                    }
                    upload(token, nextUpload.getAndIncrement(), interval > 0 ? intended : -1, measured);
                }
            }));
        }
        for (Future<?> uploader : running) {
            uploader.get();
        }
    }

    /**
     * One upload. Its bytes are made before its clock starts ({@code intendedNanos}, or now when there is no schedule),
     * so the latency is the transfer and the server's work, not this client making random bytes.
     */
    private void upload(String token, long n, long intendedNanos, boolean measured) {
        String boundary = "----chatterbox-upload-load-" + run + "-" + n;
        String name = options.kind.equals("random") ? "random-" + run + "-" + n + ".bin"
                : "photo-" + run + "-" + n + "." + (options.kind.equals("png") ? "png" : "jpg");
        String partType = switch (options.kind) {
            case "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            default -> "application/octet-stream";
        };
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        BodyPublisher file;
        long fileLength;
        if (image == null) {
            fileLength = options.size;
            List<byte[]> chunks = new ArrayList<>();
            randomBytes(fileLength, (run.hashCode() * 0x9E3779B97F4A7C15L) ^ n).forEach(chunks::add);
            file = BodyPublishers.fromPublisher(BodyPublishers.ofByteArrays(chunks), fileLength);
        } else {
            byte[] unique = withComment(image, options.kind, run + "-" + n);
            fileLength = unique.length;
            file = BodyPublishers.ofByteArray(unique);
        }
        HttpRequest request = HttpRequest.newBuilder(options.url.resolve("/api/rooms/" + options.room + "/files"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5))
                .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), file, BodyPublishers.ofByteArray(tail)))
                .build();
        long startNanos = intendedNanos >= 0 ? intendedNanos : System.nanoTime();
        String outcome;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            outcome = response.statusCode() == 201 ? null : response.statusCode() + " " + errorCode(response.body());
            if (outcome == null && response.body().contains("\"thumbnail\":true")) {
                thumbnails.increment();
            }
        } catch (IOException e) {
            outcome = "io " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        long micros = (System.nanoTime() - startNanos) / 1000;
        if (outcome == null) {
            succeeded.increment();
            bytesSent.add(fileLength);
            latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
        } else {
            failures.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            if (!measured && failures.size() == 1 && failures.get(outcome).sum() == 1) {
                System.err.println("warm-up upload failed: " + outcome);
            }
        }
    }

    /** The {@code "error"} code of a JSON refusal, or nothing. */
    private static String errorCode(String body) {
        int at = body.indexOf("\"error\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + 9;
        int to = body.indexOf('"', from);
        return to < 0 ? "" : body.substring(from, to);
    }

    /** {@code length} random bytes in 64 KiB chunks; every iteration yields the same bytes. */
    private static Iterable<byte[]> randomBytes(long length, long seed) {
        return () -> new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long left = length;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public byte[] next() {
                if (left <= 0) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = new byte[(int) Math.min(CHUNK, left)];
                ByteBuffer longs = ByteBuffer.wrap(chunk);
                while (longs.remaining() >= 8) {
                    longs.putLong(random.nextLong());
                }
                while (longs.hasRemaining()) {
                    longs.put((byte) random.nextInt());
                }
                left -= chunk.length;
                return chunk;
            }
        };
    }

    /**
     * A photo-like picture: smooth colour gradients and a few shapes under per-pixel noise (which is what makes a camera
     * JPEG of 12 MP weigh 3–5 MB at high quality), as a JPEG at quality 0.92 or an opaque PNG. Same seed, same bytes.
     */
    static byte[] picture(String kind, int width, int height) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        BufferedImage pixels = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double[][] waves = new double[3][4];
        for (double[] wave : waves) {
            for (int i = 0; i < wave.length; i++) {
                wave[i] = random.nextDouble(0.5, 6) * Math.PI / Math.max(width, height);
            }
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double[] w = waves[c];
                    double base = 128 + 60 * Math.sin(w[0] * x + w[1] * y) + 40 * Math.cos(w[2] * x - w[3] * y);
                    if (((x / 400) + (y / 300)) % 5 == c) { // patches with edges, as objects in a scene
                        base = 255 - base;
                    }
                    int value = (int) Math.round(base + random.nextGaussian() * 9);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, value));
                }
                row[x] = rgb;
            }
            pixels.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (kind.equals("png")) {
            ImageIO.write(pixels, "png", bytes);
            return bytes.toByteArray();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The image with a comment of its own (JPEG COM segment after SOI; PNG tEXt chunk after IHDR): unique bytes, same pixels. */
    static byte[] withComment(byte[] image, String kind, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out;
        if (kind.equals("jpeg")) {
            out = ByteBuffer.allocate(image.length + 4 + text.length);
            out.put(image, 0, 2).put((byte) 0xFF).put((byte) 0xFE).putShort((short) (text.length + 2)).put(text);
            out.put(image, 2, image.length - 2);
        } else {
            int afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
            byte[] data = ("Comment\0" + comment).getBytes(StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
            crc.update(data);
            out = ByteBuffer.allocate(image.length + 12 + data.length);
            out.put(image, 0, afterHeader).putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data)
                    .putInt((int) crc.getValue());
            out.put(image, afterHeader, image.length - afterHeader);
        }
        return out.array();
    }

    /** Registers (409 = exists, fine) and logs in every account, a bounded number in flight. */
    private List<String> accounts() throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(options.httpConcurrency);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < options.users; i++) {
                String body = "{\"username\":\"" + run + "_" + i + "\",\"password\":\"" + options.password + "\"}";
                tokens.add(setup.submit(() -> {
                    HttpResponse<String> registered = post("/register", body);
                    if (registered.statusCode() != 201 && registered.statusCode() != 409) {
                        throw new IllegalStateException("register: HTTP " + registered.statusCode() + " "
                                + registered.body() + " (start the server with the limits raised; see docs/performance.md)");
                    }
                    HttpResponse<String> login = post("/login", body);
                    if (login.statusCode() != 200) {
                        throw new IllegalStateException("login: HTTP " + login.statusCode() + " " + login.body());
                    }
                    return JSON.readTree(login.body()).get("access_token").asText();
                }));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> token : tokens) {
                result.add(token.get(10, TimeUnit.MINUTES));
            }
            return result;
        } finally {
            setup.shutdownNow();
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(options.url.resolve(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long failedTotal() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * CPU time all processes of the machine used so far (the busy fields of the {@code cpu} line of /proc/stat), so
     * that another job running beside a measurement shows up: machine minus server minus this client.
     */
    private static long machineBusyTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private ProcessSample sampleServer() {
        return options.pid == null ? null : ProcessSample.ofAll(options.pid);
    }

    private int report(double seconds, ProcessSample serverFrom, ProcessSample serverUntil, ProcessSample selfFrom,
            ProcessSample selfUntil, double machinePercent) throws IOException {
        Histogram latency = latencyMicros.copy();
        long ok = succeeded.sum();
        double megabytes = bytesSent.sum() / (double) (1 << 20);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run", run);
        results.put("kind", options.kind);
        results.put("fileBytes", image == null ? options.size : image.length);
        if (image != null) {
            results.put("imageWidth", options.width);
            results.put("imageHeight", options.height);
        }
        results.put("users", options.users);
        results.put("parallel", options.parallel);
        results.put("offeredUploadsPerSec", options.rate);
        results.put("seconds", round(seconds));
        results.put("uploaded", ok);
        results.put("failed", failedTotal());
        Map<String, Long> byStatus = new TreeMap<>();
        failures.forEach((outcome, n) -> byStatus.put(outcome, n.sum()));
        results.put("failuresByStatus", byStatus);
        results.put("thumbnails", thumbnails.sum());
        results.put("uploadsPerSec", round(ok / seconds));
        results.put("megabytesPerSec", round(megabytes / seconds));
        results.put("p50Ms", millis(latency, 50));
        results.put("p90Ms", millis(latency, 90));
        results.put("p99Ms", millis(latency, 99));
        results.put("maxMs", latency.getTotalCount() == 0 ? 0 : round(latency.getMaxValue() / 1000.0));
        results.put("meanMs", latency.getTotalCount() == 0 ? 0 : round(latency.getMean() / 1000.0));
        results.put("maxStartLagMs", round(maxLagNanos.get() / 1e6));
        double serverCpuSeconds = serverFrom == null || !serverFrom.valid() || !serverUntil.valid() ? -1
                : (serverUntil.cpuTicks() - serverFrom.cpuTicks()) / (double) ProcessSample.TICKS_PER_SECOND;
        results.put("serverPid", options.pid);
        results.put("serverCpuSeconds", serverCpuSeconds < 0 ? null : round(serverCpuSeconds));
        results.put("serverCpuPercent", round(ProcessSample.cpuPercent(serverFrom, serverUntil)));
        results.put("serverCpuMsPerUpload", serverCpuSeconds < 0 || ok == 0 ? null : round(1000 * serverCpuSeconds / ok));
        results.put("serverCpuMsPerMB", serverCpuSeconds < 0 || megabytes == 0 ? null
                : round(1000 * serverCpuSeconds / megabytes));
        results.put("serverRssKbEnd", serverUntil == null ? null : serverUntil.rssKb());
        results.put("clientCpuPercent", round(ProcessSample.cpuPercent(selfFrom, selfUntil)));
        results.put("machineCpuPercent", round(machinePercent));

        String[][] rows = {
                {"kind / file bytes", options.kind + " / " + results.get("fileBytes")},
                {"users / parallel / offered uploads/s", options.users + " / " + options.parallel + " / "
                        + (options.rate > 0 ? options.rate : "as fast as answered")},
                {"measured (s)", str(results, "seconds")},
                {"uploaded / failed", ok + " / " + failedTotal()},
                {"failures by status", byStatus.toString()},
                {"uploads/s / MB/s", str(results, "uploadsPerSec") + " / " + str(results, "megabytesPerSec")},
                {"latency p50 / p90 / p99 / max (ms)", str(results, "p50Ms") + " / " + str(results, "p90Ms") + " / "
                        + str(results, "p99Ms") + " / " + str(results, "maxMs")},
                {"latency mean (ms)", str(results, "meanMs")},
                {"thumbnails", str(results, "thumbnails")},
                {"server CPU s / % of one core", str(results, "serverCpuSeconds") + " / " + str(results, "serverCpuPercent")},
                {"server CPU ms per upload / per MB", str(results, "serverCpuMsPerUpload") + " / "
                        + str(results, "serverCpuMsPerMB")},
                {"client CPU % / max start lag (ms)", str(results, "clientCpuPercent") + " / " + str(results, "maxStartLagMs")},
                {"whole machine CPU % (of one core)", str(results, "machineCpuPercent")},
        };
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%-" + width + "s | %s%n", "metric", "value"));
        out.append("-".repeat(width)).append("-+-").append("-".repeat(30)).append('\n');
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s | %s%n", row[0], row[1]));
        }
        System.out.print(out);
        System.out.flush();
        if (options.json != null) {
            JSON.writeValue(new File(options.json), results);
            System.err.println("wrote " + options.json);
        }
        return failedTotal() == 0 && ok > 0 ? 0 : 2;
    }

    private static String str(Map<String, Object> results, String key) {
        return String.valueOf(results.get(key));
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
