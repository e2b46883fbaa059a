import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Stripe stand-in for the benchmark (JDK only): answers meter events as Stripe does and counts them, so the run can
 * show the reporter's drain rate and that nothing was billed twice. Its mode is switched over a control port:
 *
 * <pre>
 *   java StripeStub.java API_PORT CONTROL_PORT
 *   curl -X POST localhost:CONTROL_PORT/mode/ok | /mode/slow (250 ms per answer) | /mode/down (connections refused)
 *   curl localhost:CONTROL_PORT/stats
 * </pre>
 */
public class StripeStub {

    private static final String METER_EVENT = "{\"object\":\"billing.meter_event\",\"created\":1795000000,"
            + "\"event_name\":\"agent_execution\",\"identifier\":\"%s\",\"livemode\":false,\"payload\":{}}";

    private static final Map<String, Long> PRICES = Map.of("price_benchBasic", 2900L, "price_benchPro", 9900L,
            "price_benchEnterprise", 49900L);
    private static final Map<String, Long> valueByIdentifier = new ConcurrentHashMap<>();
    private static final AtomicLong received = new AtomicLong();
    private static final AtomicLong repeats = new AtomicLong();
    private static final AtomicLong firstAt = new AtomicLong();
    private static final AtomicLong lastAt = new AtomicLong();
    private static volatile long delayMillis;
    private static volatile HttpServer api;
    private static int apiPort;

    public static void main(String[] args) throws IOException {
        apiPort = Integer.parseInt(args[0]);
        startApi();
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 0);
        control.createContext("/mode/", StripeStub::mode);
        control.createContext("/stats", exchange -> respond(exchange, 200, stats()));
        control.start();
        System.out.println("stripe stub on " + apiPort + ", control on " + args[1]);
    }

    private static synchronized void startApi() throws IOException {
        if (api == null) {
            api = HttpServer.create(new InetSocketAddress("127.0.0.1", apiPort), 1024);
            api.setExecutor(Executors.newFixedThreadPool(64));
            api.createContext("/", StripeStub::stripe);
            api.start();
        }
    }

    private static synchronized void stopApi() {
        if (api != null) {
            api.stop(0);
            api = null;
        }
    }

    private static void mode(HttpExchange exchange) throws IOException {
        String mode = exchange.getRequestURI().getPath().substring("/mode/".length());
        switch (mode) {
            case "ok" -> {
                delayMillis = 0;
                startApi();
            }
            case "slow" -> {
                delayMillis = 250;
                startApi();
            }
            case "down" -> stopApi();
            default -> {
                respond(exchange, 400, "{\"error\":\"mode is ok, slow or down\"}");
                return;
            }
        }
        respond(exchange, 200, "{\"mode\":\"" + mode + "\"}");
    }

    private static void stripe(HttpExchange exchange) throws IOException {
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/billing/meter_events")) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String identifier = form.get("identifier");
            long now = System.nanoTime();
            received.incrementAndGet();
            if (valueByIdentifier.putIfAbsent(identifier, Long.parseLong(form.get("payload[value]"))) == null) {
                firstAt.compareAndSet(0, now);
                lastAt.set(now);
            } else {
                repeats.incrementAndGet();
            }
            respond(exchange, 200, String.format(METER_EVENT, identifier));
            return;
        }
        if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/prices/")) {
            String id = path.substring("/v1/prices/".length());
            Long amount = PRICES.get(id);
            if (amount != null || id.equals("price_benchMetered")) {
                respond(exchange, 200, String.format("{\"id\":\"%s\",\"object\":\"price\",\"active\":true,"
                        + "\"currency\":\"usd\",\"unit_amount\":%s,\"type\":\"recurring\",\"recurring\":"
                        + "{\"interval\":\"month\",\"interval_count\":1,\"usage_type\":\"%s\"}}", id,
                        amount, amount == null ? "metered" : "licensed"));
                return;
            }
        }
        respond(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                + "\"message\":\"No such resource in the benchmark stub\"}}");
    }

    private static String stats() {
        long billed = valueByIdentifier.values().stream().mapToLong(Long::longValue).sum();
        double seconds = (lastAt.get() - firstAt.get()) / 1e9;
        return String.format("{\"received\":%d,\"events\":%d,\"repeats\":%d,\"executions_billed\":%d,\"active_seconds\":%.3f}",
                received.get(), valueByIdentifier.size(), repeats.get(), billed, seconds);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_bench");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
