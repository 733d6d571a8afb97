package dev.socialcrm.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

import sun.misc.Signal;

/**
 * Runs Neo4j 5.26 Community embedded with a Bolt connector, for local development.
 *
 * <p>Protocol for the parent (Node.js) process: exactly one {@code NEO4J_LOCAL_READY ...} line on stdout
 * once Bolt clients can connect, {@code NEO4J_LOCAL_STOPPED} after a clean shutdown, and
 * {@code NEO4J_LOCAL_ERROR ...} on stderr for failures (exit 2 = port in use, exit 1 = anything else).
 */
public final class LocalNeo4j {

    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_PORT_IN_USE = 2;
    private static final long READY_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);

    // Captured before anything else runs so that library code replacing System.out cannot
    // interleave with, or swallow, the protocol lines.
    private static final PrintStream PROTOCOL_OUT = System.out;
    private static final PrintStream PROTOCOL_ERR = System.err;

    private final Options options;
    private final AtomicBoolean stopped = new AtomicBoolean(false);
    private volatile DatabaseManagementService managementService;

    private LocalNeo4j(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(EXIT_FAILURE, e.getMessage());
            return;
        }

        if (!isPortFree(options.boltAddress, options.boltPort)) {
            fail(EXIT_PORT_IN_USE, "Bolt port " + options.boltAddress + ":" + options.boltPort
                    + " is already in use: stop the other process or choose another port (NEO4J_LOCAL_BOLT_PORT)");
            return;
        }

        LocalNeo4j server = new LocalNeo4j(options);
        try {
            server.start();
        } catch (Throwable t) {
            server.stop(false);
            fail(EXIT_FAILURE, describe(t));
            return;
        }

        // Keep the JVM alive; the database threads are not guaranteed to be non-daemon.
        try {
            Thread.currentThread().join();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() throws Exception {
        Path home = options.dataDir.toAbsolutePath().normalize();
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(options.boltAddress, options.boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(options.boltAddress, options.boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                // A dev database does not need days of transaction logs (the default is 2 days),
                // and preallocating 256 MB log files wastes disk for tiny data sets.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(5))
                // Logs under the data dir; stdout stays reserved for the protocol lines.
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Server-grade grace periods (2 x 5 s for Bolt) make every dev restart slow;
                // clients of a local dev db can simply reconnect.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        if (options.plugins) {
            Path pluginDir = pluginDirectory();
            if (Files.isDirectory(pluginDir)) {
                builder.setConfig(GraphDatabaseSettings.plugin_dir, pluginDir)
                        .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*", "gds.*"))
                        .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of("*"));
            } else {
                PROTOCOL_ERR.println("NEO4J_LOCAL_WARN plugin directory " + pluginDir
                        + " not found; starting without APOC/GDS procedures");
            }
        } else {
            // Point at an empty location so nothing is registered even if <home>/plugins exists.
            builder.setConfig(GraphDatabaseSettings.plugin_dir, home.resolve("no-plugins"));
        }

        installStopHandlers();
        managementService = builder.build();
        // Before any client can connect, so that no write escapes the journal.
        managementService.registerTransactionEventListener(
                GraphDatabaseSettings.DEFAULT_DATABASE_NAME, new LinkJournal(PROTOCOL_ERR));

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(READY_TIMEOUT_MS)) {
            throw new IllegalStateException("database 'neo4j' did not become available within "
                    + TimeUnit.MILLISECONDS.toSeconds(READY_TIMEOUT_MS) + "s");
        }

        String neo4jVersion = queryVersion(db, "CALL dbms.components() YIELD name, versions "
                + "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS v");
        String apocVersion = options.plugins ? queryVersion(db, "RETURN apoc.version() AS v") : "none";
        String gdsVersion = options.plugins ? queryVersion(db, "RETURN gds.version() AS v") : "none";

        PROTOCOL_OUT.println("NEO4J_LOCAL_READY bolt://" + options.boltAddress + ":" + options.boltPort
                + " neo4j=" + neo4jVersion + " apoc=" + apocVersion + " gds=" + gdsVersion);
        PROTOCOL_OUT.flush();

        if (options.exitOnStdinEof) {
            watchStdin();
        }
    }

    /**
     * The default JVM reaction to SIGTERM/SIGINT is exit code 143/130; the parent treats a deliberate
     * stop as success, so we handle the signals ourselves and exit 0. The actual shutdown work lives
     * in a shutdown hook so that every exit path (signal, stdin EOF, System.exit) runs it exactly once.
     */
    private void installStopHandlers() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(true), "neo4j-local-shutdown"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException unsupported) {
                // Signal not available on this platform; the shutdown hook still covers it (non-zero exit).
            }
        }
    }

    /** Ties the database lifetime to the parent process: when the parent dies, our stdin pipe closes. */
    private void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) != -1) {
                    // Input is ignored; we only care about EOF.
                }
            } catch (IOException ignored) {
                // A broken stdin means the parent is gone as well.
            }
            System.exit(0);
        }, "neo4j-local-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void stop(boolean announce) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        DatabaseManagementService service = managementService;
        if (service != null) {
            try {
                service.shutdown();
            } catch (Throwable t) {
                PROTOCOL_ERR.println("NEO4J_LOCAL_ERROR shutdown failed: " + describe(t));
            }
        }
        if (announce && service != null) {
            PROTOCOL_OUT.println("NEO4J_LOCAL_STOPPED");
            PROTOCOL_OUT.flush();
        }
    }

    /** A missing or broken plugin must not prevent the database from being usable. */
    private static String queryVersion(GraphDatabaseService db, String cypher) {
        try (Transaction tx = db.beginTx(); Result result = tx.execute(cypher)) {
            Object value = result.hasNext() ? result.next().get("v") : null;
            return value == null ? "none" : value.toString();
        } catch (RuntimeException e) {
            return "none";
        }
    }

    /**
     * Checked up front because Neo4j's own bind failure surfaces late and as a generic lifecycle
     * error, which the parent could not tell apart from other start failures.
     */
    private static boolean isPortFree(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as Netty: lets us rebind right after a previous instance, while sockets sit in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            // e.g. unresolvable address: let Neo4j report the real problem.
            return true;
        }
    }

    /** Plugins are copied next to the jar at build time (target/plugins), see pom.xml. */
    private static Path pluginDirectory() throws URISyntaxException {
        Path jarOrClasses = Path.of(LocalNeo4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jarOrClasses.getParent().resolve("plugins");
    }

    private static String describe(Throwable t) {
        // Neo4j wraps the interesting cause in several lifecycle exceptions.
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        if (root != t && root.getMessage() != null) {
            message += ": " + root.getMessage();
        }
        return message.replace('\n', ' ');
    }

    private static void fail(int exitCode, String message) {
        PROTOCOL_ERR.println("NEO4J_LOCAL_ERROR " + message);
        PROTOCOL_ERR.flush();
        // halt, not exit: the shutdown hook must not print NEO4J_LOCAL_STOPPED for a failed start.
        Runtime.getRuntime().halt(exitCode);
    }

    private record Options(String boltAddress, int boltPort, Path dataDir, long pageCacheBytes,
                           boolean plugins, boolean exitOnStdinEof) {

        static Options parse(String[] args) {
            String boltAddress = "127.0.0.1";
            int boltPort = 7687;
            Path dataDir = Path.of("./.neo4j-local/data");
            String pageCache = "512m";
            boolean plugins = true;
            boolean exitOnStdinEof = false;

            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--bolt-address" -> boltAddress = value(args, ++i, arg);
                    case "--bolt-port" -> boltPort = parsePort(value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "--pagecache" -> pageCache = value(args, ++i, arg);
                    case "--plugins" -> plugins = parseBoolean(value(args, ++i, arg), arg);
                    case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }

            long pageCacheBytes;
            try {
                pageCacheBytes = ByteUnit.parse(pageCache);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid --pagecache value: " + pageCache);
            }
            return new Options(boltAddress, boltPort, dataDir, pageCacheBytes, plugins, exitOnStdinEof);
        }

        private static String value(String[] args, int index, String name) {
            if (index >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            return args[index];
        }

        private static int parsePort(String raw) {
            try {
                int port = Integer.parseInt(raw);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid --bolt-port value: " + raw);
            }
        }

        private static boolean parseBoolean(String raw, String name) {
            return switch (raw.toLowerCase()) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException("invalid " + name + " value: " + raw);
            };
        }
    }
}
