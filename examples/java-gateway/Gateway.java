import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small payment gateway: POST /api/charges to stripe or visa over verified TLS, GET /healthz,
 * GET /metrics, POST /hooks/{upstream}. Run: java Gateway.java gateway.ini (JDK 17, nothing else).
 */
public class Gateway {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java Gateway.java <gateway.ini>");
            System.exit(64);
        }
        Log log = new Log(System.err, new Redactor(List.of()));
        Settings settings;
        List<Upstream> upstreams = new ArrayList<>();
        try {
            settings = Settings.load(Path.of(args[0]));
            log = new Log(System.err, new Redactor(settings.secrets()));
            for (UpstreamSettings u : settings.upstreams) upstreams.add(Upstream.build(u, log));
        } catch (Refusal r) {
            log.refusal(r);
            System.exit(3);
            return;
        }
        Metrics metrics = new Metrics();
        Charges charges = new Charges(upstreams, metrics, log);
        Api api = new Api(charges, upstreams, metrics, new StripeWebhooks(log), log);
        HttpServer server = api.listen(settings.host, settings.port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("{\"url\":\"http://" + settings.host + ":" + server.getAddress().getPort() + "\"}");
        System.out.flush();
        log.info("listening", Map.of("upstreams", upstreams.size()));
    }
}

/** A refusal to start: its own code, the setting it concerns, and what to do. */
class Refusal extends RuntimeException {
    final String code;
    final String field;

    Refusal(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }
}

/** The gateway's failure reasons: what callers, /healthz and metrics show. */
enum Reason {
    UPSTREAM_CERT_EXPIRED(502, false), UPSTREAM_CERT_NOT_YET_VALID(502, false), UPSTREAM_HOST_MISMATCH(502, false),
    UPSTREAM_SELF_SIGNED(502, false), UPSTREAM_UNTRUSTED_ROOT(502, false), UPSTREAM_CHAIN_INCOMPLETE(502, false),
    UPSTREAM_CERT_PURPOSE(502, false), UPSTREAM_WEAK_SIGNATURE(502, false), UPSTREAM_WEAK_KEY(502, false),
    UPSTREAM_PIN_MISMATCH(502, false), UPSTREAM_TLS_VERSION(502, false), UPSTREAM_NO_CIPHER(502, false),
    UPSTREAM_ALPN(502, false), UPSTREAM_NOT_TLS(502, false), UPSTREAM_HANDSHAKE_TIMEOUT(504, false),
    UPSTREAM_HANDSHAKE_FAILED(502, false), CLIENT_CERT_REQUIRED(502, false), CLIENT_CERT_REJECTED(502, false),
    UPSTREAM_REFUSED(503, true), UPSTREAM_CONNECT_TIMEOUT(504, true), UPSTREAM_DNS(503, false),
    UPSTREAM_RESET(503, true), UPSTREAM_CLOSED(503, true), UPSTREAM_TIMEOUT(504, true),
    UPSTREAM_BAD_RESPONSE(502, false), UPSTREAM_AUTH_REJECTED(502, false), UPSTREAM_AUTH_FORBIDDEN(502, false),
    UPSTREAM_KEY_MODE(502, false), UPSTREAM_RATE_LIMITED(503, true), UPSTREAM_DOWN(503, true),
    DUPLICATE_IN_FLIGHT(409, false), DUPLICATE_MISMATCH(422, false), CARD_DECLINED(402, false);

    final int status;
    final boolean retryable;

    Reason(int status, boolean retryable) {
        this.status = status;
        this.retryable = retryable;
    }

    /** A caller's mistake or the issuer's answer, not an outage: health is left as it was. */
    boolean isOutage() {
        return this != CARD_DECLINED && this != DUPLICATE_IN_FLIGHT && this != DUPLICATE_MISMATCH;
    }
}

/** A failed attempt at an upstream. `delivered`: the request may have reached the processor. */
class Failure extends Exception {
    final Reason reason;
    final boolean delivered;
    final Long retryAfterMs;

    Failure(Reason reason, String message, boolean delivered, Long retryAfterMs) {
        super(message);
        this.reason = reason;
        this.delivered = delivered;
        this.retryAfterMs = retryAfterMs;
    }

    Failure(Reason reason, String message, boolean delivered) {
        this(reason, message, delivered, null);
    }
}

// ---------------------------------------------------------------------------------------------
// Configuration: an INI file, one [upstream NAME] section per processor, in failover order.
// ---------------------------------------------------------------------------------------------

/** Reads `[section]` and `key = value` lines; `${VAR}` in a value reads the environment. */
class Ini {
    final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    static Ini parse(List<String> lines) {
        Ini ini = new Ini();
        Map<String, String> current = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
                if (ini.sections.containsKey(name)) throw new Refusal("REFUSED_CONFIG", "[" + name + "]", "section [" + name + "] appears twice. Fix: merge them.");
                current = new LinkedHashMap<>();
                ini.sections.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || current == null) throw new Refusal("REFUSED_CONFIG", "line " + n, "line " + n + " is not `key = value` inside a [section]. Fix: correct the syntax.");
            String key = line.substring(0, eq).strip();
            current.put(key, expand(line.substring(eq + 1).strip(), "line " + n + " (" + key + ")"));
        }
        return ini;
    }

    private static String expand(String value, String where) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String env = System.getenv(m.group(1));
            if (env == null || env.isEmpty()) throw new Refusal("REFUSED_SECRET_MISSING", where, where + " reads ${" + m.group(1) + "}, which is not set. Fix: export " + m.group(1) + "=... before starting.");
            m.appendReplacement(out, Matcher.quoteReplacement(env));
        }
        return m.appendTail(out).toString();
    }
}

class Settings {
    String host = "127.0.0.1";
    int port = 0;
    final List<UpstreamSettings> upstreams = new ArrayList<>();

    static Settings load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new Refusal("REFUSED_CONFIG", "config", "cannot read " + file + " (" + e + "). Fix: pass a readable INI file.");
        }
        Ini ini = Ini.parse(lines);
        Settings s = new Settings();
        Path base = file.toAbsolutePath().getParent();
        for (var section : ini.sections.entrySet()) {
            String name = section.getKey();
            if (name.equals("server")) {
                Fields f = new Fields("server", section.getValue());
                s.host = f.text("host", "127.0.0.1");
                s.port = f.integer("port", 0);
                f.refuseUnknown();
            } else if (name.startsWith("upstream ")) {
                s.upstreams.add(UpstreamSettings.from(name.substring("upstream ".length()), section.getValue(), base));
            } else {
                throw new Refusal("REFUSED_CONFIG", "[" + name + "]", "unknown section [" + name + "]. Fix: use [server] or [upstream NAME].");
            }
        }
        if (s.upstreams.isEmpty()) throw new Refusal("REFUSED_CONFIG", "[upstream]", "no [upstream NAME] section. Fix: configure at least one processor.");
        return s;
    }

    List<String> secrets() {
        List<String> all = new ArrayList<>();
        for (UpstreamSettings u : upstreams) all.addAll(u.secrets());
        return all;
    }
}

/** One section's keys, read once each; whatever is left over is a typo and refused. */
class Fields {
    private final String section;
    private final Map<String, String> values;

    Fields(String section, Map<String, String> values) {
        this.section = section;
        this.values = new LinkedHashMap<>(values);
    }

    String text(String key, String fallback) {
        String v = values.remove(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    String required(String key) {
        String v = text(key, null);
        if (v == null) throw new Refusal("REFUSED_CONFIG", field(key), field(key) + " is missing. Fix: set it.");
        return v;
    }

    int integer(String key, int fallback) {
        String v = text(key, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Refusal("REFUSED_CONFIG", field(key), field(key) + " = " + v + " is not a whole number. Fix: write digits only.");
        }
    }

    List<String> list(String key) {
        String v = text(key, null);
        if (v == null) return List.of();
        return Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    String field(String key) {
        return "[" + section + "] " + key;
    }

    void refuseUnknown() {
        for (String key : values.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.contains("insecure") || lower.contains("verify") || lower.contains("trust_all")) {
                throw new Refusal("REFUSED_INSECURE_TLS", field(key), field(key) + ": certificate verification cannot be configured or turned off. Fix: remove it; to trust a private CA, set ca_bundle.");
            }
            throw new Refusal("REFUSED_CONFIG", field(key), field(key) + " is not a known setting. Fix: see README.md for the keys of an [upstream] section.");
        }
    }
}

class UpstreamSettings {
    String name, type, endpoint, serverName, tlsMin, tlsMax;
    Path caBundle, clientCert, clientKey;
    String keyPassphrase;
    List<String> ciphers, pins, webhookSecrets;
    int minKeyBits, minClientCertDays, connectMs, handshakeMs, responseMs, maxAttempts, backoffMs, maxBackoffMs, webhookToleranceS;
    final Map<String, String> credentials = new LinkedHashMap<>();

    static UpstreamSettings from(String name, Map<String, String> values, Path base) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) throw new Refusal("REFUSED_CONFIG", "[upstream " + name + "]", "upstream name \"" + name + "\" must be letters, digits, '.', '_' or '-'.");
        Fields f = new Fields("upstream " + name, values);
        UpstreamSettings u = new UpstreamSettings();
        u.name = name;
        u.type = f.required("type");
        u.endpoint = f.required("endpoint");
        if (!u.endpoint.startsWith("https://")) throw new Refusal("REFUSED_CONFIG", f.field("endpoint"), f.field("endpoint") + " must be an https:// URL (card data never travels over plain HTTP).");
        switch (u.type) {
            case "stripe" -> u.credentials.put("api_key", f.required("api_key"));
            case "visa" -> {
                u.credentials.put("user", f.required("user"));
                u.credentials.put("password", f.required("password"));
            }
            default -> throw new Refusal("REFUSED_CONFIG", f.field("type"), f.field("type") + " = " + u.type + " is not supported. Fix: stripe or visa.");
        }
        u.caBundle = path(base, f.text("ca_bundle", null));
        u.clientCert = path(base, f.text("client_cert", null));
        u.clientKey = path(base, f.text("client_key", null));
        u.keyPassphrase = f.text("client_key_passphrase", null);
        if ((u.clientCert == null) != (u.clientKey == null)) throw new Refusal("REFUSED_CONFIG", f.field("client_cert"), "client_cert and client_key go together. Fix: set both or neither.");
        u.serverName = f.text("tls_server_name", URI.create(u.endpoint).getHost());
        u.tlsMin = f.text("tls_min", "TLSv1.2");
        u.tlsMax = f.text("tls_max", "TLSv1.3");
        u.ciphers = f.list("tls_ciphers");
        u.pins = f.list("pins");
        u.minKeyBits = f.integer("min_key_bits", 2048);
        u.minClientCertDays = f.integer("min_client_cert_days", 7);
        u.connectMs = f.integer("connect_timeout_ms", 2000);
        u.handshakeMs = f.integer("handshake_timeout_ms", 2000);
        u.responseMs = f.integer("response_timeout_ms", 5000);
        u.maxAttempts = Math.max(1, f.integer("max_attempts", 3));
        u.backoffMs = f.integer("backoff_ms", 100);
        u.maxBackoffMs = f.integer("max_backoff_ms", 2000);
        u.webhookSecrets = f.list("webhook_secrets");
        u.webhookToleranceS = f.integer("webhook_tolerance_s", 300);
        f.refuseUnknown();
        TlsPolicy.check(u, f);
        return u;
    }

    private static Path path(Path base, String value) {
        return value == null ? null : base.resolve(value);
    }

    List<String> secrets() {
        List<String> all = new ArrayList<>();
        for (var e : credentials.entrySet()) if (!e.getKey().equals("user")) all.add(e.getValue());
        if (type.equals("visa")) all.add(VisaClient.basic(credentials.get("user"), credentials.get("password")));
        if (keyPassphrase != null) all.add(keyPassphrase);
        all.addAll(webhookSecrets);
        return all;
    }
}

/** Boot-time TLS policy: PCI DSS 4.2.1 floors that no config may lower. */
class TlsPolicy {
    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final Pattern INSECURE_SUITE = Pattern.compile("NULL|EXPORT|RC4|_DES_|3DES|MD5|anon", Pattern.CASE_INSENSITIVE);

    static void check(UpstreamSettings u, Fields f) {
        int min = VERSIONS.indexOf(u.tlsMin), max = VERSIONS.indexOf(u.tlsMax);
        if (min < 0) throw new Refusal("REFUSED_CONFIG", f.field("tls_min"), f.field("tls_min") + " = " + u.tlsMin + " is not one of " + VERSIONS + ".");
        if (max < 0) throw new Refusal("REFUSED_CONFIG", f.field("tls_max"), f.field("tls_max") + " = " + u.tlsMax + " is not one of " + VERSIONS + ".");
        if (min < 2) throw new Refusal("REFUSED_INSECURE_TLS", f.field("tls_min"), f.field("tls_min") + " = " + u.tlsMin + ": TLS below 1.2 is not allowed (PCI DSS 4.2.1). Fix: TLSv1.2 or TLSv1.3.");
        if (max < min) throw new Refusal("REFUSED_CONFIG", f.field("tls_max"), f.field("tls_max") + " is below tls_min. Fix: make tls_max >= tls_min.");
        if (u.minKeyBits < 2048) throw new Refusal("REFUSED_INSECURE_TLS", f.field("min_key_bits"), f.field("min_key_bits") + " = " + u.minKeyBits + ": keys below 2048 bits are not strong cryptography. Fix: 2048 or more.");
        for (String suite : u.ciphers) {
            if (INSECURE_SUITE.matcher(suite).find()) throw new Refusal("REFUSED_INSECURE_TLS", f.field("tls_ciphers"), f.field("tls_ciphers") + " enables the insecure suite " + suite + ". Fix: remove it.");
        }
        for (String pin : u.pins) {
            if (!pin.matches("sha256/[A-Za-z0-9+/]{43}=")) throw new Refusal("REFUSED_CONFIG", f.field("pins"), f.field("pins") + ": \"" + pin + "\" is not sha256/<base64 of the SubjectPublicKeyInfo hash>.");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// TLS material: the CA bundle, the client certificate and key, and the SSLContext built from them.
// ---------------------------------------------------------------------------------------------

/** PEM files as the JDK's objects. */
class Pem {
    private static final Pattern CERT = Pattern.compile("-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile("-----BEGIN (ENCRYPTED )?PRIVATE KEY-----([^-]+)-----END (ENCRYPTED )?PRIVATE KEY-----");

    static List<X509Certificate> certificates(String text) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = CERT.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            certs.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
        }
        return certs;
    }

    static boolean isEncryptedKey(String text) {
        return text.contains("BEGIN ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED");
    }

    /** A PKCS#8 key, PBES2-encrypted when `passphrase` is given. Throws on a wrong passphrase. */
    static PrivateKey privateKey(String text, String passphrase) throws Exception {
        Matcher m = KEY.matcher(text);
        if (!m.find()) throw new IllegalArgumentException("no PKCS#8 PEM private key (BEGIN PRIVATE KEY) in the file");
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        PKCS8EncodedKeySpec spec;
        if (m.group(1) != null) {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgParameters().toString(); // PBES2 names itself, e.g. PBEWithHmacSHA256AndAES_256
            var secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase.toCharArray()));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
            spec = info.getKeySpec(cipher);
        } else {
            spec = new PKCS8EncodedKeySpec(der);
        }
        for (String type : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(spec);
            } catch (Exception ignored) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("the key is not an EC, RSA or Ed25519 PKCS#8 key");
    }
}

/** The client certificate chain and key, checked at boot: readable, opened, matching, not expiring. */
record ClientIdentity(X509Certificate[] chain, PrivateKey key) {
    static ClientIdentity load(UpstreamSettings u) {
        String section = "[upstream " + u.name + "] ";
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(Files.readString(u.clientCert));
        } catch (Exception e) {
            throw new Refusal("REFUSED_CLIENT_CERT_UNREADABLE", section + "client_cert", section + "client_cert (" + u.clientCert + ") cannot be read: " + e.getMessage() + ". Fix: point it at a readable PEM certificate.");
        }
        if (chain.isEmpty()) throw new Refusal("REFUSED_CLIENT_CERT_UNREADABLE", section + "client_cert", section + "client_cert (" + u.clientCert + ") holds no PEM certificate.");
        String keyText;
        try {
            keyText = Files.readString(u.clientKey);
        } catch (IOException e) {
            throw new Refusal("REFUSED_CLIENT_CERT_UNREADABLE", section + "client_key", section + "client_key (" + u.clientKey + ") cannot be read: " + e + ".");
        }
        boolean encrypted = Pem.isEncryptedKey(keyText);
        if (encrypted && u.keyPassphrase == null) throw new Refusal("REFUSED_KEY_PASSPHRASE", section + "client_key_passphrase", section + "client_key is encrypted and client_key_passphrase is not set. Fix: set it (e.g. client_key_passphrase = ${VISA_KEY_PASSPHRASE}).");
        PrivateKey key;
        try {
            key = Pem.privateKey(keyText, u.keyPassphrase);
        } catch (Exception e) {
            if (encrypted) throw new Refusal("REFUSED_KEY_PASSPHRASE", section + "client_key_passphrase", section + "client_key_passphrase does not open client_key (" + u.clientKey + "). Fix: set the passphrase the key was encrypted with.");
            throw new Refusal("REFUSED_CLIENT_CERT_UNREADABLE", section + "client_key", section + "client_key (" + u.clientKey + ") does not parse: " + e.getMessage() + ".");
        }
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf.getPublicKey())) throw new Refusal("REFUSED_KEY_MISMATCH", section + "client_key", section + "client_key is not the private key of client_cert. Fix: deploy the key generated with this certificate's CSR.");
        long msLeft = leaf.getNotAfter().getTime() - System.currentTimeMillis();
        if (msLeft <= 0) throw new Refusal("REFUSED_CLIENT_CERT_EXPIRED", section + "client_cert", section + "client_cert expired on " + leaf.getNotAfter().toInstant() + ". Fix: renew it with the processor.");
        if (msLeft < u.minClientCertDays * 86_400_000L) throw new Refusal("REFUSED_CLIENT_CERT_EXPIRED", section + "client_cert", section + "client_cert expires on " + leaf.getNotAfter().toInstant() + ", within min_client_cert_days (" + u.minClientCertDays + "). Fix: renew it now.");
        return new ClientIdentity(chain.toArray(new X509Certificate[0]), key);
    }

    private static boolean belongTogether(PrivateKey key, PublicKey pub) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }
}

/**
 * Presents the configured certificate (if any) whatever CA list the server names, as OpenSSL does,
 * and records that the server asked for one: TLS 1.3 servers judge it after the handshake.
 */
class ClientKeyManager extends X509ExtendedKeyManager {
    static final ThreadLocal<Boolean> REQUESTED = ThreadLocal.withInitial(() -> false);
    private final ClientIdentity identity;

    ClientKeyManager(ClientIdentity identity) {
        this.identity = identity;
    }

    private String alias() {
        REQUESTED.set(true);
        return identity == null ? null : "client";
    }

    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) { return alias(); }
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) { return alias(); }
    public String[] getClientAliases(String keyType, Principal[] issuers) { return identity == null ? null : new String[] {"client"}; }
    public X509Certificate[] getCertificateChain(String alias) { return identity == null ? null : identity.chain(); }
    public PrivateKey getPrivateKey(String alias) { return identity == null ? null : identity.key(); }
    public String[] getServerAliases(String keyType, Principal[] issuers) { return null; }
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return null; }
}

/** A server chain refused by the gateway, with the reason it names. */
class ChainRefusal extends CertificateException {
    final Reason reason;

    ChainRefusal(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }
}

/**
 * Server verification. The JDK's PKIX trust manager, built from the configured bundle only,
 * decides trust and the host name; before it, ChainAnalysis names why a chain fails (the JDK
 * says only "PKIX path building failed"); after it, the gateway's key, digest and pin policy.
 */
class VerifyingTrustManager extends X509ExtendedTrustManager {
    /** Set when a server certificate reached us: the handshake got as far as key exchange. */
    static final ThreadLocal<Boolean> CHAIN_SEEN = ThreadLocal.withInitial(() -> false);

    private final List<X509Certificate> anchors;
    private final X509ExtendedTrustManager jdk;
    private final UpstreamSettings settings;

    VerifyingTrustManager(List<X509Certificate> anchors, UpstreamSettings settings) throws Exception {
        this.anchors = anchors;
        this.settings = settings;
        this.jdk = anchors.isEmpty() ? null : jdkTrustManager(anchors);
    }

    private static X509ExtendedTrustManager jdkTrustManager(List<X509Certificate> anchors) throws Exception {
        KeyStore bundle = KeyStore.getInstance("PKCS12");
        bundle.load(null, null);
        for (int i = 0; i < anchors.size(); i++) bundle.setCertificateEntry("ca-" + i, anchors.get(i));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(bundle);
        for (TrustManager tm : factory.getTrustManagers()) if (tm instanceof X509ExtendedTrustManager x) return x;
        throw new IllegalStateException("no X509ExtendedTrustManager");
    }

    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain, () -> jdk.checkServerTrusted(chain, authType, socket));
    }

    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain, () -> jdk.checkServerTrusted(chain, authType, engine));
    }

    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("refusing a check without the connection: the host name could not be verified");
    }

    interface Check { void run() throws CertificateException; }

    private void verify(X509Certificate[] chain, Check jdkCheck) throws CertificateException {
        CHAIN_SEEN.set(true);
        ChainAnalysis analysis = ChainAnalysis.of(chain, anchors);
        Reason problem = analysis.problem(settings.minKeyBits);
        if (problem != null) throw new ChainRefusal(problem, analysis.message, null);
        if (jdk == null) throw new ChainRefusal(Reason.UPSTREAM_UNTRUSTED_ROOT, "no CA bundle is configured (ca_bundle)", null);
        try {
            jdkCheck.run();
        } catch (CertificateException e) {
            throw new ChainRefusal(fromJdk(e), String.valueOf(e.getMessage()), e);
        }
        if (!settings.pins.isEmpty() && analysis.path.stream().map(ChainAnalysis::pin).noneMatch(settings.pins::contains)) {
            throw new ChainRefusal(Reason.UPSTREAM_PIN_MISMATCH, "no certificate in the chain matches the configured pins", null);
        }
    }

    private static Reason fromJdk(CertificateException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No subject alternative") || m.contains("No name matching")) return Reason.UPSTREAM_HOST_MISMATCH;
        if (m.contains("xtended key usage") || m.contains("KeyUsage")) return Reason.UPSTREAM_CERT_PURPOSE;
        if (e instanceof CertificateExpiredException || m.contains("expired")) return Reason.UPSTREAM_CERT_EXPIRED;
        if (m.contains("not yet valid")) return Reason.UPSTREAM_CERT_NOT_YET_VALID;
        if (m.contains("lgorithm constraints")) return Reason.UPSTREAM_WEAK_SIGNATURE;
        return Reason.UPSTREAM_UNTRUSTED_ROOT;
    }

    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { throw new CertificateException("not a server"); }
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { throw new CertificateException("not a server"); }
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { throw new CertificateException("not a server"); }
    public X509Certificate[] getAcceptedIssuers() { return anchors.toArray(new X509Certificate[0]); }
}

/** Builds the path leaf -> ... -> anchor from what the server sent, to say why it fails. */
class ChainAnalysis {
    final List<X509Certificate> path = new ArrayList<>();
    Reason structure;
    String message = "";

    static ChainAnalysis of(X509Certificate[] chain, List<X509Certificate> anchors) {
        ChainAnalysis a = new ChainAnalysis();
        List<X509Certificate> sent = new ArrayList<>(Arrays.asList(chain));
        X509Certificate current = chain[0];
        a.path.add(current);
        while (a.path.size() <= 10) {
            if (anchors.contains(current)) return a;
            X509Certificate anchor = issuerOf(current, anchors);
            if (anchor != null) {
                a.path.add(anchor);
                return a;
            }
            sent.remove(current);
            X509Certificate next = issuerOf(current, sent);
            if (next == null) {
                boolean leafOnly = a.path.size() == 1;
                a.structure = selfSigned(current) ? (leafOnly ? Reason.UPSTREAM_SELF_SIGNED : Reason.UPSTREAM_UNTRUSTED_ROOT)
                    : (leafOnly ? Reason.UPSTREAM_CHAIN_INCOMPLETE : Reason.UPSTREAM_UNTRUSTED_ROOT);
                a.message = "no trusted issuer for \"" + current.getSubjectX500Principal() + "\" (issuer \"" + current.getIssuerX500Principal() + "\")";
                return a;
            }
            a.path.add(next);
            current = next;
        }
        a.structure = Reason.UPSTREAM_UNTRUSTED_ROOT;
        a.message = "the chain is longer than 10 certificates";
        return a;
    }

    /** The first problem: path, validity dates, then signature digest and key size. */
    Reason problem(int minKeyBits) {
        if (structure != null) return structure;
        for (X509Certificate cert : path) {
            try {
                cert.checkValidity();
            } catch (CertificateExpiredException e) {
                message = "\"" + cert.getSubjectX500Principal() + "\" expired on " + cert.getNotAfter().toInstant();
                return Reason.UPSTREAM_CERT_EXPIRED;
            } catch (CertificateNotYetValidException e) {
                message = "\"" + cert.getSubjectX500Principal() + "\" is not valid before " + cert.getNotBefore().toInstant();
                return Reason.UPSTREAM_CERT_NOT_YET_VALID;
            }
        }
        for (X509Certificate cert : path) {
            String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            if (!selfSigned(cert) && (alg.contains("SHA1") || alg.contains("MD5"))) {
                message = "\"" + cert.getSubjectX500Principal() + "\" is signed with " + cert.getSigAlgName();
                return Reason.UPSTREAM_WEAK_SIGNATURE;
            }
        }
        for (X509Certificate cert : path) {
            int bits = keyBits(cert.getPublicKey());
            int floor = cert.getPublicKey() instanceof ECPublicKey ? 256 : minKeyBits;
            if (bits > 0 && bits < floor) {
                message = "\"" + cert.getSubjectX500Principal() + "\" has a " + bits + "-bit " + cert.getPublicKey().getAlgorithm() + " key (policy: " + floor + ")";
                return Reason.UPSTREAM_WEAK_KEY;
            }
        }
        return null;
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) return rsa.getModulus().bitLength();
        if (key instanceof DSAPublicKey dsa) return dsa.getParams().getP().bitLength();
        if (key instanceof ECPublicKey ec) return ec.getParams().getCurve().getField().getFieldSize();
        return 0;
    }

    /** sha256/ + base64 of the SHA-256 of the SubjectPublicKeyInfo (curl's pin format). */
    static String pin(X509Certificate cert) {
        try {
            return "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issuerOf(X509Certificate cert, List<X509Certificate> candidates) {
        for (X509Certificate c : candidates) {
            if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, c)) return c;
        }
        return null;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, cert);
    }
}

/** One upstream's TLS: an SSLContext from its bundle and identity, and the socket parameters. */
class TlsSetup {
    final SSLContext context;
    final UpstreamSettings settings;
    final boolean presentsClientCert;

    private TlsSetup(SSLContext context, UpstreamSettings settings, boolean presentsClientCert) {
        this.context = context;
        this.settings = settings;
        this.presentsClientCert = presentsClientCert;
    }

    static TlsSetup build(UpstreamSettings u) {
        List<X509Certificate> anchors = u.caBundle == null ? List.of() : readBundle(u);
        ClientIdentity identity = u.clientCert == null ? null : ClientIdentity.load(u);
        try {
            KeyManager[] keyManagers = {new ClientKeyManager(identity)};
            TrustManager trust = new VerifyingTrustManager(anchors, u);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {trust}, null);
            TlsSetup setup = new TlsSetup(context, u, identity != null);
            setup.refuseUnknownCiphers();
            return setup;
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            throw new Refusal("REFUSED_CONFIG", "[upstream " + u.name + "]", "the JDK refuses this TLS setup: " + e + ".");
        }
    }

    private static List<X509Certificate> readBundle(UpstreamSettings u) {
        String field = "[upstream " + u.name + "] ca_bundle";
        try {
            List<X509Certificate> certs = Pem.certificates(Files.readString(u.caBundle));
            if (certs.isEmpty()) throw new Refusal("REFUSED_CA_BUNDLE", field, field + " (" + u.caBundle + ") holds no PEM certificate. Fix: point it at the processor's root CA bundle.");
            return certs;
        } catch (IOException | CertificateException e) {
            throw new Refusal("REFUSED_CA_BUNDLE", field, field + " (" + u.caBundle + ") cannot be read: " + e.getMessage() + ". Fix: point it at a readable PEM bundle.");
        }
    }

    private void refuseUnknownCiphers() {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        for (String suite : settings.ciphers) {
            if (!supported.contains(suite)) throw new Refusal("REFUSED_CONFIG", "[upstream " + settings.name + "] tls_ciphers", "tls_ciphers: " + suite + " is not a cipher suite this JDK knows (use IANA names, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).");
        }
    }

    SSLParameters parameters(SSLSocket socket) {
        SSLParameters p = socket.getSSLParameters();
        List<String> versions = List.of("TLSv1.2", "TLSv1.3").stream()
            .filter(v -> v.compareTo(settings.tlsMin) >= 0 && v.compareTo(settings.tlsMax) <= 0).toList();
        p.setProtocols(versions.toArray(new String[0]));
        if (!settings.ciphers.isEmpty()) {
            List<String> suites = new ArrayList<>(settings.ciphers);
            if (versions.contains("TLSv1.3")) for (String s : p.getCipherSuites()) if (s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")) suites.add(s);
            p.setCipherSuites(suites.toArray(new String[0]));
        }
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(settings.serverName)) p.setServerNames(List.of(new SNIHostName(settings.serverName)));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        return p;
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}

// ---------------------------------------------------------------------------------------------
// One HTTP/1.1 exchange over a verified TLS connection, each stage bounded and classified.
// ---------------------------------------------------------------------------------------------

record UpstreamResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}

class HttpsExchange {
    private static final int MAX_BODY = 1 << 20;
    private final TlsSetup tls;
    private final URI endpoint;

    HttpsExchange(TlsSetup tls, URI endpoint) {
        this.tls = tls;
        this.endpoint = endpoint;
    }

    UpstreamResponse send(String method, String path, Map<String, String> headers, String body) throws Failure {
        try (SSLSocket socket = handshake()) {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + basePath() + path + " HTTP/1.1\r\n");
            head.append("Host: ").append(endpoint.getHost()).append(port() == 443 ? "" : ":" + port()).append("\r\n");
            head.append("Content-Length: ").append(payload.length).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                throw afterHandshake(e, false);
            }
            return read(socket);
        } catch (IOException closing) {
            throw new Failure(Reason.UPSTREAM_CLOSED, "closing the connection failed: " + closing.getMessage(), true);
        }
    }

    /** TCP connect then a verified handshake, each within its own bound; nothing is written before. */
    SSLSocket handshake() throws Failure {
        InetAddress address;
        try {
            address = InetAddress.getByName(endpoint.getHost());
        } catch (UnknownHostException e) {
            throw new Failure(Reason.UPSTREAM_DNS, "cannot resolve " + endpoint.getHost(), false);
        }
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(address, port()), tls.settings.connectMs);
        } catch (SocketTimeoutException e) {
            close(raw);
            throw new Failure(Reason.UPSTREAM_CONNECT_TIMEOUT, "no TCP connection within " + tls.settings.connectMs + " ms", false);
        } catch (ConnectException e) {
            close(raw);
            throw new Failure(Reason.UPSTREAM_REFUSED, "connection refused by " + address.getHostAddress() + ":" + port(), false);
        } catch (IOException e) {
            close(raw);
            // A processor that accepts and resets at once can reach a connect that is still finishing
            // as SocketException "Connection reset" (SO_ERROR ECONNRESET): a reset, not a refusal.
            if (String.valueOf(e.getMessage()).contains("reset")) throw new Failure(Reason.UPSTREAM_RESET, "connection reset by " + address.getHostAddress() + ":" + port() + " while connecting", false);
            throw new Failure(Reason.UPSTREAM_REFUSED, "cannot connect: " + e.getMessage(), false);
        }
        SSLSocket socket = null;
        VerifyingTrustManager.CHAIN_SEEN.set(false);
        ClientKeyManager.REQUESTED.set(false);
        try {
            socket = (SSLSocket) tls.context.getSocketFactory().createSocket(raw, tls.settings.serverName, port(), true);
            socket.setSSLParameters(tls.parameters(socket));
            socket.setSoTimeout(tls.settings.handshakeMs);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            close(socket != null ? socket : raw);
            throw HandshakeFailures.classify(e, VerifyingTrustManager.CHAIN_SEEN.get(), tls.presentsClientCert, tls.settings.handshakeMs);
        }
    }

    private UpstreamResponse read(SSLSocket socket) throws Failure {
        long deadline = System.currentTimeMillis() + tls.settings.responseMs;
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new SocketTimeoutException("deadline");
                socket.setSoTimeout((int) left);
                int n = in.read(buffer);
                if (n < 0) return HttpParse.complete(received.toByteArray(), true, tls.presentsClientCert);
                received.write(buffer, 0, n);
                if (received.size() > MAX_BODY) throw new Failure(Reason.UPSTREAM_BAD_RESPONSE, "response larger than " + MAX_BODY + " bytes", true);
                UpstreamResponse done = HttpParse.complete(received.toByteArray(), false, tls.presentsClientCert);
                if (done != null) return done;
            }
        } catch (SocketTimeoutException e) {
            throw new Failure(Reason.UPSTREAM_TIMEOUT, "no complete response within " + tls.settings.responseMs + " ms", true);
        } catch (IOException e) {
            throw afterHandshake(e, received.size() > 0);
        }
    }

    /** A failure after the handshake: the processor's verdict on our certificate, or the network. */
    private Failure afterHandshake(IOException e, boolean responseStarted) {
        String text = HandshakeFailures.describe(e);
        Reason alert = HandshakeFailures.clientCertAlert(text);
        if (alert != null) return new Failure(alert, text, false);
        // TLS 1.3: a server that asked for a certificate judges it after the handshake; one that
        // then closes before any response byte refused it (Node's TLS server sends no alert).
        if (ClientKeyManager.REQUESTED.get() && !responseStarted) {
            return tls.presentsClientCert ? new Failure(Reason.CLIENT_CERT_REJECTED, text + " right after a handshake with a client certificate", false)
                : new Failure(Reason.CLIENT_CERT_REQUIRED, text + " right after the server asked for a client certificate", false);
        }
        if (text.contains("reset") || text.contains("Broken pipe")) return new Failure(Reason.UPSTREAM_RESET, text, true);
        return new Failure(Reason.UPSTREAM_CLOSED, text, true);
    }

    private int port() {
        return endpoint.getPort() < 0 ? 443 : endpoint.getPort();
    }

    private String basePath() {
        String p = endpoint.getRawPath();
        return p == null ? "" : p.replaceAll("/$", "");
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}

/** What JSSE says about a failed handshake, as the gateway's reasons. */
class HandshakeFailures {
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        return text.toString();
    }

    static Reason clientCertAlert(String text) {
        if (text.contains("certificate_required")) return Reason.CLIENT_CERT_REQUIRED;
        if (Pattern.compile("alert: (unknown_ca|bad_certificate|certificate_expired|unsupported_certificate|certificate_unknown|certificate_revoked|access_denied)").matcher(text).find()) {
            return Reason.CLIENT_CERT_REJECTED;
        }
        return null;
    }

    static Failure classify(IOException e, boolean chainSeen, boolean presentsClientCert, int handshakeMs) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChainRefusal refusal) return new Failure(refusal.reason, refusal.getMessage(), false);
        }
        String text = describe(e);
        Reason reason;
        if (e instanceof SocketTimeoutException || text.contains("timed out")) reason = Reason.UPSTREAM_HANDSHAKE_TIMEOUT;
        else if (clientCertAlert(text) != null) reason = clientCertAlert(text);
        else if (text.contains("protocol_version") || text.contains("not accepted by client preferences") || text.contains("No appropriate protocol")) reason = Reason.UPSTREAM_TLS_VERSION;
        else if (text.contains("no_application_protocol")) reason = Reason.UPSTREAM_ALPN;
        // handshake_failure before the server's certificate: no common suite; after it: our certificate.
        else if (text.contains("handshake_failure") || text.contains("insufficient_security")) {
            reason = !chainSeen ? Reason.UPSTREAM_NO_CIPHER : presentsClientCert ? Reason.CLIENT_CERT_REJECTED : Reason.CLIENT_CERT_REQUIRED;
        } else if (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext")) reason = Reason.UPSTREAM_NOT_TLS;
        else if (text.contains("reset") || text.contains("Broken pipe")) reason = Reason.UPSTREAM_RESET;
        else if (text.contains("EOFException") || text.contains("terminated the handshake") || text.contains("closed")) reason = Reason.UPSTREAM_CLOSED;
        else reason = Reason.UPSTREAM_HANDSHAKE_FAILED;
        String message = reason == Reason.UPSTREAM_HANDSHAKE_TIMEOUT ? "no TLS handshake within " + handshakeMs + " ms" : text;
        return new Failure(reason, message, false);
    }
}

/** Parses a buffered HTTP/1.1 response; null while incomplete. */
class HttpParse {
    static UpstreamResponse complete(byte[] bytes, boolean eof, boolean presentsClientCert) throws Failure {
        try {
            return parse(bytes, eof, presentsClientCert);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new Failure(Reason.UPSTREAM_BAD_RESPONSE, "malformed HTTP framing: " + e.getMessage(), true);
        }
    }

    private static UpstreamResponse parse(byte[] bytes, boolean eof, boolean presentsClientCert) throws Failure {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.length() >= 5 && !text.startsWith("HTTP/")) throw new Failure(Reason.UPSTREAM_BAD_RESPONSE, "the answer is not HTTP", true);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            if (!eof) return null;
            if (bytes.length == 0 && ClientKeyManager.REQUESTED.get()) {
                throw new Failure(presentsClientCert ? Reason.CLIENT_CERT_REJECTED : Reason.CLIENT_CERT_REQUIRED, "connection closed right after the server asked for a client certificate", false);
            }
            throw new Failure(Reason.UPSTREAM_CLOSED, "connection closed before a whole response", true);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(lines[0]);
        if (!status.find()) throw new Failure(Reason.UPSTREAM_BAD_RESPONSE, "bad status line", true);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        int code = Integer.parseInt(status.group(1));
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(rest);
            if (body == null) return incomplete(eof);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (rest.length < length) return incomplete(eof);
            body = Arrays.copyOf(rest, length);
        } else {
            if (!eof) return null;
            if (rest.length == 0 && code != 204 && code != 304) throw new Failure(Reason.UPSTREAM_CLOSED, "connection closed right after the response headers", true);
            body = rest;
        }
        return new UpstreamResponse(code, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static UpstreamResponse incomplete(boolean eof) throws Failure {
        if (eof) throw new Failure(Reason.UPSTREAM_CLOSED, "connection closed in the middle of the response", true);
        return null;
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int lineEnd = indexOf(data, i);
            if (lineEnd < 0) return null;
            int size = Integer.parseInt(new String(data, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            i = lineEnd + 2;
            if (size == 0) return out.toByteArray();
            if (i + size + 2 > data.length) return null;
            out.write(data, i, size);
            i += size + 2;
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) if (data[i] == '\r' && data[i + 1] == '\n') return i;
        return -1;
    }
}

// ---------------------------------------------------------------------------------------------
// Processor clients: the wire contract of each (mocks/processors/README.md in gatecheck).
// ---------------------------------------------------------------------------------------------

record Charge(long amountMinor, String currency, String cardNumber, String orderId) {}

record Outcome(boolean captured, String chargeId, String declineCode) {}

interface ProcessorClient {
    Outcome charge(Charge charge, String idempotencyKey) throws Failure;
}

/** Shared reading of answers: TLS front rejections, JSON with a BOM, statuses. */
class Answers {
    static void tlsFront(UpstreamResponse r) throws Failure {
        if (r.status() == 496 || (r.status() == 400 && r.body().contains("No required SSL certificate was sent"))) throw new Failure(Reason.CLIENT_CERT_REQUIRED, "the TLS front answered " + r.status() + ": no client certificate was sent", false);
        if (r.status() == 495 || (r.status() == 400 && r.body().contains("The SSL certificate error"))) throw new Failure(Reason.CLIENT_CERT_REJECTED, "the TLS front answered " + r.status() + ": the client certificate was rejected", false);
    }

    static Object json(UpstreamResponse r) {
        String text = r.body().replaceFirst("^\uFEFF", "").strip();
        if (!text.startsWith("{") && !text.startsWith("[")) return null;
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Failure byStatus(String upstream, UpstreamResponse r, String detail) {
        int s = r.status();
        Reason reason = s == 401 ? Reason.UPSTREAM_AUTH_REJECTED : s == 403 ? Reason.UPSTREAM_AUTH_FORBIDDEN
            : s == 409 ? Reason.DUPLICATE_IN_FLIGHT : s == 429 ? Reason.UPSTREAM_RATE_LIMITED
            : s >= 500 ? Reason.UPSTREAM_DOWN : Reason.UPSTREAM_BAD_RESPONSE;
        Long retryAfter = reason.retryable ? retryAfterMs(r.header("retry-after")) : null;
        return new Failure(reason, upstream + " answered HTTP " + s + (detail.isEmpty() ? "" : ": " + detail), true, retryAfter);
    }

    static Long retryAfterMs(String value) {
        if (value == null) return null;
        try {
            return Long.parseLong(value.strip()) * 1000;
        } catch (NumberFormatException e) {
            try {
                return Math.max(0, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException bad) {
                return null;
            }
        }
    }

    static Failure badShape(String upstream, UpstreamResponse r, String what) {
        return new Failure(Reason.UPSTREAM_BAD_RESPONSE, upstream + " answered HTTP " + r.status() + " with a " + what + " that does not match its API", true);
    }
}

class StripeClient implements ProcessorClient {
    private final UpstreamSettings settings;
    private final HttpsExchange exchange;
    private final Log log;

    StripeClient(UpstreamSettings settings, HttpsExchange exchange, Log log) {
        this.settings = settings;
        this.exchange = exchange;
        this.log = log;
    }

    public Outcome charge(Charge c, String idempotencyKey) throws Failure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", Long.toString(c.amountMinor()));
        form.put("currency", c.currency().toLowerCase(Locale.ROOT));
        form.put("confirm", "true");
        form.put("payment_method_data[type]", "card");
        form.put("payment_method_data[card][number]", c.cardNumber());
        form.put("payment_method_data[card][exp_month]", "12");
        form.put("payment_method_data[card][exp_year]", "2030");
        form.put("payment_method_data[card][cvc]", "123");
        form.put("metadata[reference]", c.orderId());
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + settings.credentials.get("api_key"));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        headers.put("Idempotency-Key", idempotencyKey);
        log.info("upstream_request", Map.of("upstream", settings.name, "path", "/v1/payment_intents"));
        UpstreamResponse r = exchange.send("POST", "/v1/payment_intents", headers, body.toString());
        return interpret(r);
    }

    private Outcome interpret(UpstreamResponse r) throws Failure {
        Answers.tlsFront(r);
        Object json = Answers.json(r);
        if (r.status() == 200) {
            Map<?, ?> pi = Json.object(json);
            boolean ok = pi != null && Json.str(pi, "id").startsWith("pi_") && "payment_intent".equals(pi.get("object"))
                && pi.get("amount") instanceof Number && pi.get("currency") instanceof String && "succeeded".equals(pi.get("status"));
            if (!ok) throw Answers.badShape("stripe", r, "payment intent");
            return new Outcome(true, Json.str(pi, "id"), null);
        }
        Map<?, ?> error = Json.object(Json.object(json) == null ? null : Json.object(json).get("error"));
        String type = error == null ? "" : Json.str(error, "type"), code = error == null ? "" : Json.str(error, "code");
        if (r.status() == 402) {
            if (error == null || !"card_error".equals(type)) throw Answers.badShape("stripe", r, "decline");
            String declineCode = Json.str(error, "decline_code").isEmpty() ? code : Json.str(error, "decline_code");
            Map<?, ?> intent = Json.object(error.get("payment_intent"));
            return new Outcome(false, intent == null ? null : Json.str(intent, "id"), declineCode);
        }
        String detail = error == null ? "" : type + (code.isEmpty() ? "" : ": " + code);
        if (r.status() == 400 && "idempotency_error".equals(type)) throw new Failure(Reason.DUPLICATE_MISMATCH, "stripe: the Idempotency-Key was used with other parameters", true);
        if (r.status() == 401 && "api_key_mode_mismatch".equals(code)) throw new Failure(Reason.UPSTREAM_KEY_MODE, "stripe: the key's mode (live/test) does not match the endpoint", true);
        boolean expectedError = List.of(401, 403, 409, 429).contains(r.status()) || r.status() >= 500;
        if (!expectedError && json != null && error == null) throw Answers.badShape("stripe", r, "error body");
        throw Answers.byStatus("stripe", r, detail);
    }
}

class VisaClient implements ProcessorClient {
    private static final String PATH = "/visadirect/fundstransfer/v1/pullfundstransactions";
    private final UpstreamSettings settings;
    private final HttpsExchange exchange;
    private final Log log;

    VisaClient(UpstreamSettings settings, HttpsExchange exchange, Log log) {
        this.settings = settings;
        this.exchange = exchange;
        this.log = log;
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Outcome charge(Charge c, String idempotencyKey) throws Failure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("systemsTraceAuditNumber", digitsFrom("stan:" + idempotencyKey, 6));
        body.put("retrievalReferenceNumber", digitsFrom("rrn:" + idempotencyKey, 12));
        body.put("amount", Money.decimal(c.amountMinor(), c.currency()));
        body.put("senderCurrencyCode", c.currency().toUpperCase(Locale.ROOT));
        body.put("senderPrimaryAccountNumber", c.cardNumber());
        body.put("senderCardExpiryDate", "2030-12");
        body.put("acquiringBin", "408999");
        body.put("acquirerCountryCode", "840");
        body.put("businessApplicationId", "AA");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Basic " + basic(settings.credentials.get("user"), settings.credentials.get("password")));
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("X-Request-Id", idempotencyKey);
        log.info("upstream_request", Map.of("upstream", settings.name, "path", PATH));
        return interpret(exchange.send("POST", PATH, headers, Json.write(body)));
    }

    /** Derived from the idempotency key, so every retry sends the same body. */
    private static String digitsFrom(String seed, int length) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String digits = new BigInteger(1, hash).toString();
            return digits.substring(digits.length() - length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome interpret(UpstreamResponse r) throws Failure {
        Answers.tlsFront(r);
        Map<?, ?> json = Json.object(Answers.json(r));
        if (r.status() == 200) {
            Object id = json == null ? null : json.get("transactionIdentifier");
            String action = json == null ? "" : Json.str(json, "actionCode");
            if (!(id instanceof Number || id instanceof String) || !action.matches("[0-9A-Z]{2}")) throw Answers.badShape("visa", r, "transaction result");
            String chargeId = id instanceof Number n ? new java.math.BigDecimal(n.toString()).toBigInteger().toString() : (String) id;
            if (!action.equals("00")) return new Outcome(false, chargeId, action);
            if (Json.str(json, "approvalCode").isEmpty()) throw Answers.badShape("visa", r, "approval without approvalCode");
            return new Outcome(true, chargeId, null);
        }
        Map<?, ?> status = json == null ? null : Json.object(json.get("responseStatus"));
        String code = status == null ? "" : Json.str(status, "code");
        if (r.status() == 400 && code.equals("9125")) throw new Failure(Reason.CLIENT_CERT_REQUIRED, "visa: this endpoint needs a client certificate (9125)", false);
        if (r.status() == 422) throw new Failure(Reason.DUPLICATE_MISMATCH, "visa: the X-Request-Id was used with a different body", true);
        throw Answers.byStatus("visa", r, code);
    }
}

class Money {
    private static final Set<String> ZERO = Set.of("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE = Set.of("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND");

    static String decimal(long minor, String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        int digits = ZERO.contains(c) ? 0 : THREE.contains(c) ? 3 : 2;
        return java.math.BigDecimal.valueOf(minor, digits).toPlainString();
    }
}

// ---------------------------------------------------------------------------------------------
// Charging: retries with the same key, failover when nothing was delivered, health and metrics.
// ---------------------------------------------------------------------------------------------

/** Health of one upstream: the last outcome and, when down, its reason. */
class UpstreamHealth {
    volatile String status = "unknown";
    volatile String lastReason = null;
    volatile String since = Instant.now().toString();

    void healthy() {
        if (!status.equals("healthy")) since = Instant.now().toString();
        status = "healthy";
        lastReason = null;
    }

    void unhealthy(Reason reason) {
        if (!status.equals("unhealthy")) since = Instant.now().toString();
        status = "unhealthy";
        lastReason = reason.name();
    }
}

class Upstream {
    final UpstreamSettings settings;
    final ProcessorClient client;
    final HttpsExchange exchange;
    final UpstreamHealth health = new UpstreamHealth();

    private Upstream(UpstreamSettings settings, HttpsExchange exchange, ProcessorClient client) {
        this.settings = settings;
        this.exchange = exchange;
        this.client = client;
    }

    static Upstream build(UpstreamSettings s, Log log) {
        TlsSetup tls = TlsSetup.build(s);
        if (s.type.equals("visa") && !tls.presentsClientCert) log.warn("client_cert_missing", Map.of("upstream", s.name, "message", "visa requires mutual TLS; payments will fail with CLIENT_CERT_REQUIRED"));
        HttpsExchange exchange = new HttpsExchange(tls, URI.create(s.endpoint));
        ProcessorClient client = s.type.equals("stripe") ? new StripeClient(s, exchange, log) : new VisaClient(s, exchange, log);
        return new Upstream(s, exchange, client);
    }

    /** An active TLS probe (handshake only): for /healthz?probe=1. */
    void probe() {
        try (SSLSocket ignored = exchange.handshake()) {
            if (!"unhealthy".equals(health.status)) health.healthy();
        } catch (Failure f) {
            health.unhealthy(f.reason);
        } catch (IOException closing) {
            // the handshake verified; closing is not the upstream's failure
        }
    }
}

class Charges {
    private final List<Upstream> upstreams;
    private final Metrics metrics;
    private final Log log;

    Charges(List<Upstream> upstreams, Metrics metrics, Log log) {
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.log = log;
    }

    record Result(Upstream upstream, Outcome outcome, Failure failure) {}

    Result charge(Charge charge, String idempotencyKey) {
        Failure first = null;
        Upstream firstUpstream = null;
        for (Upstream u : upstreams) {
            try {
                Outcome outcome = withRetries(u, charge, idempotencyKey);
                u.health.healthy();
                metrics.charge(u.settings.name, outcome.captured() ? "captured" : "declined");
                return new Result(u, outcome, null);
            } catch (Failure f) {
                if (f.reason.isOutage()) u.health.unhealthy(f.reason);
                if (first == null) {
                    first = f;
                    firstUpstream = u;
                }
                if (f.delivered) break; // card data may be there: never charge elsewhere
            }
        }
        return new Result(firstUpstream, null, first);
    }

    private Outcome withRetries(Upstream u, Charge charge, String idempotencyKey) throws Failure {
        for (int attempt = 1; ; attempt++) {
            try {
                return u.client.charge(charge, idempotencyKey);
            } catch (Failure failure) {
                metrics.failure(u.settings.name, failure.reason);
                log.warn("upstream_failure", Map.of("upstream", u.settings.name, "attempt", attempt, "reason", failure.reason.name(), "message", failure.getMessage(), "orderId", charge.orderId()));
                if (!failure.reason.retryable || attempt >= u.settings.maxAttempts) throw failure;
                pause(backoff(u.settings, attempt, failure.retryAfterMs));
            }
        }
    }

    private static long backoff(UpstreamSettings s, int attempt, Long retryAfterMs) {
        long exponential = (long) s.backoffMs << (attempt - 1);
        return Math.min(s.maxBackoffMs, retryAfterMs != null ? retryAfterMs : exponential);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

/** Prometheus text: failed attempts per upstream and reason, charges per result. */
class Metrics {
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> charges = new ConcurrentHashMap<>();

    void failure(String upstream, Reason reason) {
        errors.computeIfAbsent("upstream=\"" + upstream + "\",reason=\"" + reason.name() + "\"", k -> new AtomicLong()).incrementAndGet();
    }

    void charge(String upstream, String result) {
        charges.computeIfAbsent("upstream=\"" + upstream + "\",result=\"" + result + "\"", k -> new AtomicLong()).incrementAndGet();
    }

    String render(List<Upstream> upstreams) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP payments_upstream_errors_total Failed upstream attempts, by upstream and reason.\n# TYPE payments_upstream_errors_total counter\n");
        new java.util.TreeMap<>(errors).forEach((labels, n) -> out.append("payments_upstream_errors_total{").append(labels).append("} ").append(n.get()).append('\n'));
        out.append("# HELP payments_charges_total Charges answered by an upstream, by result.\n# TYPE payments_charges_total counter\n");
        new java.util.TreeMap<>(charges).forEach((labels, n) -> out.append("payments_charges_total{").append(labels).append("} ").append(n.get()).append('\n'));
        out.append("# HELP payments_upstream_healthy 1 when the last call to the upstream worked.\n# TYPE payments_upstream_healthy gauge\n");
        for (Upstream u : upstreams) out.append("payments_upstream_healthy{upstream=\"").append(u.settings.name).append("\"} ").append(u.health.status.equals("healthy") ? 1 : 0).append('\n');
        return out.toString();
    }
}

// ---------------------------------------------------------------------------------------------
// Webhooks: Stripe-Signature (HMAC-SHA256 over "t.body"), tolerance, replay by event id.
// ---------------------------------------------------------------------------------------------

class StripeWebhooks {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Log log;

    StripeWebhooks(Log log) {
        this.log = log;
    }

    /** null when accepted, else the refusal reason. */
    String verify(UpstreamSettings u, String signatureHeader, byte[] rawBody) {
        if (signatureHeader == null) return "WEBHOOK_MALFORMED";
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : signatureHeader.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) continue;
            if (kv[0].equals("t") && kv[1].matches("\\d{1,12}")) timestamp = Long.parseLong(kv[1]);
            if (kv[0].equals("v1")) signatures.add(kv[1]);
        }
        if (timestamp < 0 || signatures.isEmpty()) return "WEBHOOK_MALFORMED";
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), rawBody);
        boolean valid = false;
        for (String secret : u.webhookSecrets) {
            byte[] expected = hmac(secret, signed);
            for (String candidate : signatures) valid |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!valid) return "WEBHOOK_BAD_SIGNATURE";
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > u.webhookToleranceS) return "WEBHOOK_STALE";
        Map<?, ?> event;
        try {
            event = Json.object(Json.parse(new String(rawBody, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return "WEBHOOK_MALFORMED";
        }
        if (event == null || Json.str(event, "id").isEmpty()) return "WEBHOOK_MALFORMED";
        if (!seen.add(u.name + "/" + Json.str(event, "id"))) return "WEBHOOK_DUPLICATE";
        log.info("webhook_accepted", Map.of("upstream", u.name, "event", Json.str(event, "id"), "type", Json.str(event, "type")));
        return null;
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data)).getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

// ---------------------------------------------------------------------------------------------
// The gateway's own API.
// ---------------------------------------------------------------------------------------------

class Api {
    private final Charges charges;
    private final List<Upstream> upstreams;
    private final Metrics metrics;
    private final StripeWebhooks webhooks;
    private final Log log;

    Api(Charges charges, List<Upstream> upstreams, Metrics metrics, StripeWebhooks webhooks, Log log) {
        this.charges = charges;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.log = log;
    }

    HttpServer listen(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::route);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/charges")) charge(ex);
            else if (method.equals("GET") && path.equals("/healthz")) health(ex);
            else if (method.equals("GET") && path.equals("/metrics")) send(ex, 200, "text/plain; version=0.0.4", metrics.render(upstreams));
            else if (method.equals("POST") && path.startsWith("/hooks/")) webhook(ex, path.substring("/hooks/".length()));
            else json(ex, 404, failed("NOT_FOUND", null, "no route " + method + " " + path));
        } catch (RuntimeException e) {
            log.error("internal_error", Map.of("message", String.valueOf(e)));
            json(ex, 500, failed("INTERNAL", null, "internal error"));
        }
    }

    private void charge(HttpExchange ex) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        Charge charge;
        try {
            Map<?, ?> body = Json.object(Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Map<?, ?> card = body == null ? null : Json.object(body.get("card"));
            Object amount = body == null ? null : body.get("amountMinor");
            if (card == null || !(amount instanceof Number n) || n.longValue() <= 0 || !Json.str(body, "currency").matches("[A-Za-z]{3}")
                || !luhn(Json.str(card, "number")) || Json.str(body, "orderId").isEmpty()) {
                json(ex, 400, failed("INVALID_REQUEST", null, "body must be {amountMinor>0, currency (ISO 4217), card:{number (12-19 digits, Luhn)}, orderId}"));
                return;
            }
            charge = new Charge(n.longValue(), Json.str(body, "currency").toUpperCase(Locale.ROOT), Json.str(card, "number"), Json.str(body, "orderId"));
        } catch (RuntimeException e) {
            json(ex, 400, failed("INVALID_REQUEST", null, "body is not JSON"));
            return;
        }
        if (key == null || key.isBlank() || key.length() > 64) {
            json(ex, 400, failed("INVALID_REQUEST", null, "the Idempotency-Key header is required (1-64 characters)"));
            return;
        }
        Charges.Result result = charges.charge(charge, key);
        String upstream = result.upstream() == null ? null : result.upstream().settings.name;
        if (result.failure() != null) {
            Reason reason = result.failure().reason;
            log.warn("charge_failed", Map.of("orderId", charge.orderId(), "upstream", String.valueOf(upstream), "reason", reason.name()));
            json(ex, reason.status, failed(reason.name(), upstream, result.failure().getMessage()));
            return;
        }
        Outcome outcome = result.outcome();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome.captured() ? "captured" : "declined");
        body.put("chargeId", outcome.chargeId());
        body.put("upstream", upstream);
        body.put("orderId", charge.orderId());
        if (!outcome.captured()) {
            body.put("reason", Reason.CARD_DECLINED.name());
            body.put("declineCode", outcome.declineCode());
        }
        log.info("charge_" + body.get("status"), Map.of("orderId", charge.orderId(), "upstream", upstream, "card", "****" + charge.cardNumber().substring(charge.cardNumber().length() - 4)));
        json(ex, outcome.captured() ? 200 : 402, body);
    }

    private static boolean luhn(String number) {
        if (!number.matches("\\d{12,19}")) return false;
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private void health(HttpExchange ex) throws IOException {
        if (String.valueOf(ex.getRequestURI().getQuery()).contains("probe=1")) upstreams.forEach(Upstream::probe);
        Map<String, Object> list = new LinkedHashMap<>();
        boolean ok = true;
        for (Upstream u : upstreams) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", u.settings.type);
            entry.put("status", u.health.status);
            entry.put("lastReason", u.health.lastReason);
            entry.put("since", u.health.since);
            list.put(u.settings.name, entry);
            ok &= !u.health.status.equals("unhealthy");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ok);
        body.put("upstreams", list);
        json(ex, ok ? 200 : 503, body);
    }

    private void webhook(HttpExchange ex, String name) throws IOException {
        Upstream u = upstreams.stream().filter(x -> x.settings.name.equals(name)).findFirst().orElse(null);
        if (u == null || !u.settings.type.equals("stripe") || u.settings.webhookSecrets.isEmpty()) {
            json(ex, 404, failed("NOT_FOUND", name, "no webhook endpoint for " + name));
            return;
        }
        String refusal = webhooks.verify(u.settings, ex.getRequestHeaders().getFirst("Stripe-Signature"), ex.getRequestBody().readAllBytes());
        if (refusal == null) json(ex, 200, Map.of("received", true));
        else json(ex, refusal.equals("WEBHOOK_DUPLICATE") ? 409 : 400, failed(refusal, name, "webhook refused"));
    }

    private static Map<String, Object> failed(String reason, String upstream, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "failed");
        body.put("reason", reason);
        body.put("upstream", upstream);
        body.put("message", message);
        return body;
    }

    private void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        send(ex, status, "application/json", log.redactor.secrets(Json.write(body)));
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// Logging (JSON lines, redacted) and a minimal JSON reader/writer.
// ---------------------------------------------------------------------------------------------

/** Removes every configured secret and anything shaped like a card number from a text. */
class Redactor {
    private static final Pattern PAN = Pattern.compile("(?<!\\d)\\d{12,19}(?!\\d)");
    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    /** For logs: secrets and card numbers. */
    String apply(String text) {
        return PAN.matcher(secrets(text)).replaceAll("[card]");
    }

    /** For answers, which carry processor ids that look like card numbers but never a card. */
    String secrets(String text) {
        for (String s : secrets) text = text.replace(s, "[redacted]");
        return text;
    }
}

class Log {
    final Redactor redactor;
    private final PrintStream out;

    Log(PrintStream out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    void info(String event, Map<String, ?> fields) { emit("info", event, fields); }
    void warn(String event, Map<String, ?> fields) { emit("warn", event, fields); }
    void error(String event, Map<String, ?> fields) { emit("error", event, fields); }

    void refusal(Refusal r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("refused", r.code);
        fields.put("field", r.field);
        fields.put("message", r.getMessage());
        emit("fatal", "boot_refused", fields);
    }

    private synchronized void emit(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        line.putAll(fields);
        out.println(redactor.apply(Json.write(line)));
        out.flush();
    }
}

class Json {
    static Object parse(String text) {
        Json p = new Json(text);
        p.space();
        Object value = p.value();
        p.space();
        if (p.i != text.length()) throw p.error("trailing characters");
        return value;
    }

    static Map<?, ?> object(Object value) {
        return value instanceof Map<?, ?> m ? m : null;
    }

    static String str(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? s : "";
    }

    static String write(Object value) {
        if (value == null) return "null";
        if (value instanceof String s) return quote(s);
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(String.valueOf(k))).append(':').append(write(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(write(v)));
            return out.append(']').toString();
        }
        return quote(value.toString());
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    private Object value() {
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        if (c == '{') return obj();
        if (c == '[') return arr();
        if (c == '"') return string();
        if (s.startsWith("true", i)) { i += 4; return true; }
        if (s.startsWith("false", i)) { i += 5; return false; }
        if (s.startsWith("null", i)) { i += 4; return null; }
        Matcher m = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?").matcher(s).region(i, s.length());
        if (!m.lookingAt()) throw error("unexpected character");
        i = m.end();
        return m.group(2) == null && m.group(3) == null && m.group().length() < 18 ? (Object) Long.parseLong(m.group()) : (Object) Double.parseDouble(m.group());
    }

    private Map<String, Object> obj() {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        space();
        if (peek('}')) return map;
        do {
            space();
            String key = string();
            space();
            expect(':');
            space();
            map.put(key, value());
            space();
        } while (next(','));
        expect('}');
        return map;
    }

    private List<Object> arr() {
        List<Object> list = new ArrayList<>();
        i++;
        space();
        if (peek(']')) return list;
        do {
            space();
            list.add(value());
            space();
        } while (next(','));
        expect(']');
        return list;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> { out.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                default -> out.append(e);
            }
        }
        expect('"');
        return out.toString();
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) { i++; return true; }
        return false;
    }

    private boolean next(char c) {
        return peek(c);
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) throw error("expected '" + c + "'");
        i++;
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at " + i);
    }
}
